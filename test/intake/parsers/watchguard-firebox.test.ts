// The WatchGuard Firebox parser on synthetic syslog lines (traffic, proxy, login event): detection, the role of
// every indicator as Elastic's watchguard_firebox pipeline maps it, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { watchguardFireboxParser } from '../../../src/intake/parsers/watchguard-firebox.js';
import { registryClaims } from './registry-claims.js';

const HEAD = '<142>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) firewall[7]: ';
const traffic = `${HEAD}msg_id="3000-0148" Allow 1-Trusted 0-External 52 tcp 20 127 192.0.2.10 198.51.100.20 51000 443 offset 8 S 1 win 8192 (HTTPS-00)`;
const ips = `${HEAD}msg_id="3000-0150" Deny 1-Trusted 0-External 1440 tcp 20 61 192.0.2.11 203.0.113.7 52000 80 offset 5 A 2 win 54 signature_name="EXAMPLE exploit" signature_id="1" severity="4" msg="IPS detected" (HTTP-00)`;
const proxy = `<144>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) firewall: msg_id="1AFF-0026" Deny 2-Trusted 0-External tcp 2001:db8::5 2001:db8::9 45000 443 msg="ProxyDeny: HTTP body IPS match" host="files.example.org" path="/a" src_user="LAB\\carol" (HTTPS-proxy-00)`;
const proxyIpHost = `<144>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) firewall: msg_id="1AFF-0028" Deny 1-Trusted 0-External tcp 192.0.2.12 198.51.100.30 45001 80 msg="ProxyDrop: HTTP Virus found" virus="Test_Virus" host="198.51.100.30" (HTTP-proxy-00)`;
const login = `<142>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) sessiond[9]: msg_id="3E00-0002" Firebox Management User dave@Firebox-DB from 203.0.113.40 logged in`;
const authRejected = `<142>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) admd[9]: msg_id="1100-0005" Authentication of Firewall user [LAB\\erin] from 198.51.100.44 was rejected, password is incorrect`;
const blocked = `<142>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) firewall: msg_id="3001-1001" Temporarily blocking host 203.0.113.66 (reason = port scan)`;
const dns = `<142>Mar  5 10:00:00 fb-lab-01 ABC123DEF456 (2024-03-05T10:00:00) firewall: msg_id="3000-0176" Allow 1-Trusted 0-External udp 192.0.2.20 198.51.100.53 53000 53 question="www.example.com" user="frank@lab.example" (DNS-00)`;

const flood = `${HEAD}msg_id="3000-0153" SYN flood attack against 192.0.2.60 from 203.0.113.80 detected. 500 SYN packets dropped since last alarm. (IPS)`;
const noSerial = `<142>Mar  5 10:00:00 fb-lab-01 (2024-03-05T10:00:00) firewall: msg_id="3000-0152" IPv4 source route attack from 203.0.113.81 detected. (IPS)`;
const ddosServer = `${HEAD}msg_id="3000-0160" DDOS against server 192.0.2.61 detected. (IPS)`;
const blockedPort = `${HEAD}msg_id="3000-0172" Blocked port: Traffic detected from 2001:db8::7 to 198.51.100.61 on port 513. (Blocked Ports)`;
const policyAlarm = `${HEAD}msg_id="3000-0167" Policy Name: HTTP-00 Source IP Address: 192.0.2.62 Source Port: 4107 Destination IP Address: 198.51.100.62 Destination Port: 80 (HTTP-py)`;

describe('watchguardFireboxParser', () => {
  it('detects Firebox lines of every supported shape', () => {
    for (const s of [traffic, ips, proxy, proxyIpHost, login, authRejected, blocked, dns])
      expect(watchguardFireboxParser.detect(s)).toBe(true);
  });

  it('reads a traffic line: source and destination by position, the device as host', () => {
    const a = watchguardFireboxParser.parse(traffic);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.hosts).toEqual(['fb-lab-01']);
    expect(a.ruleId).toBe('3000-0148');
  });

  it('rates an IPS detection high', () => {
    const a = watchguardFireboxParser.parse(ips);
    expect(a.observables.dstIps).toEqual(['203.0.113.7']);
    expect(a.severity).toBe('high');
  });

  it('reads a proxy line: IPv6 addresses, the site as a domain and a DOMAIN\\user split', () => {
    const a = watchguardFireboxParser.parse(proxy);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.dstIps).toEqual(['2001:db8::9']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.hosts).toEqual(['fb-lab-01', 'LAB']);
    expect(a.observables.domains).toEqual(['files.example.org']);
  });

  it('does not report an IP written as the proxy host as a domain', () => {
    const a = watchguardFireboxParser.parse(proxyIpHost);
    expect(a.observables.domains).toEqual([]);
    expect(a.observables.hosts).toEqual(['fb-lab-01']);
    expect(a.observables.dstIps).toEqual(['198.51.100.30']);
  });

  it('keeps a destination named by its address (dstname) as a host, as Elastic does, and no domain', () => {
    const a = watchguardFireboxParser.parse(
      proxyIpHost.replace('host="198.51.100.30"', 'dstname="198.51.100.30"'),
    );
    expect(a.observables.hosts).toEqual(['fb-lab-01', '198.51.100.30']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads a login event: the user, its authentication server as a host and the address it came from', () => {
    const a = watchguardFireboxParser.parse(login);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['fb-lab-01', 'Firebox-DB']);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.ruleId).toBe('3E00-0002');
  });

  it('reads a rejected authentication: the user split from its domain and the source address', () => {
    const a = watchguardFireboxParser.parse(authRejected);
    expect(a.observables.users).toEqual(['erin']);
    expect(a.observables.hosts).toEqual(['fb-lab-01', 'LAB']);
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
  });

  it('reads a blocked-site event: the blocked host as the source address', () => {
    expect(watchguardFireboxParser.parse(blocked).observables.srcIps).toEqual(['203.0.113.66']);
  });

  it('reads diagnostics: a refused MAC relearn’s and a redirect host’s address as related, a quota’s user', () => {
    const relearn = `${HEAD}msg_id="3000-012E" Cannot relearn system MAC address, possible loop or MAC spoofing, ip=192.0.2.90, mac=00:00:5e:00:53:01, interface=5`;
    const redirect = `${HEAD}msg_id="3000-003C" Route look up on HTTP redirect host 192.0.2.91 for policy "FTP-00" failed, local redirect may not work`;
    for (const line of [relearn, redirect]) {
      const o = watchguardFireboxParser.parse(line).observables;
      expect(o.srcIps, line).toEqual([]);
      expect(o.ips, line).toEqual([line === relearn ? '192.0.2.90' : '192.0.2.91']);
    }
    const quota = `${HEAD}msg_id="3000-0065" User gina@Firebox-DB used 21 MB of the bandwidth quota (100 MB) and used 1 minute of the time quota (3 minutes).`;
    const o = watchguardFireboxParser.parse(quota).observables;
    expect(o.users).toEqual(['gina']);
    expect(o.hosts).toContain('Firebox-DB');
  });

  it('reads a DNS traffic line: the query as a domain and the user= pair as the user', () => {
    const a = watchguardFireboxParser.parse(dns);
    expect(a.observables.domains).toEqual(['www.example.com']);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.observables.hosts).toEqual(['fb-lab-01', 'lab.example']);
  });

  it('does not claim a plain syslog line or JSON', () => {
    expect(
      watchguardFireboxParser.detect(
        '<13>Mar  5 10:00:00 web-01 sshd[22]: Accepted password for eve from 192.0.2.1',
      ),
    ).toBe(false);
    expect(watchguardFireboxParser.detect({ msg_id: '3000-0148' })).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of [traffic, ips, proxy, proxyIpHost, login, authRejected, blocked, dns])
      expect(registryClaims(s, 'watchguard_firebox').others).toEqual([]);
  });

  it('reads IPS alarms: the attacked address as the destination, the attacker as the source', () => {
    const a = watchguardFireboxParser.parse(flood);
    expect(a.observables.dstIps).toEqual(['192.0.2.60']);
    expect(a.observables.srcIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['192.0.2.60', '203.0.113.80']);
    expect(a.observables.hosts).toEqual(['fb-lab-01']);
    expect(watchguardFireboxParser.parse(ddosServer).observables.dstIps).toEqual(['192.0.2.61']);
    expect(watchguardFireboxParser.parse(ddosServer).observables.srcIps).toEqual([]);
    const port = watchguardFireboxParser.parse(blockedPort).observables;
    expect(port.srcIps).toEqual(['2001:db8::7']);
    expect(port.dstIps).toEqual(['198.51.100.61']);
    const policy = watchguardFireboxParser.parse(policyAlarm).observables;
    expect(policy.srcIps).toEqual(['192.0.2.62']);
    expect(policy.dstIps).toEqual(['198.51.100.62']);
  });

  it('reads a line without a serial number: the attacker of a source-route alarm as the source', () => {
    expect(watchguardFireboxParser.detect(noSerial)).toBe(true);
    const a = watchguardFireboxParser.parse(noSerial);
    expect(a.observables.srcIps).toEqual(['203.0.113.81']);
    expect(a.observables.hosts).toEqual(['fb-lab-01']);
    expect(a.ruleId).toBe('3000-0152');
  });

  it('claims the alarm lines alone among the specific parsers', () => {
    for (const s of [flood, noSerial, ddosServer, blockedPort, policyAlarm])
      expect(registryClaims(s, 'watchguard_firebox').others).toEqual([]);
  });
});
