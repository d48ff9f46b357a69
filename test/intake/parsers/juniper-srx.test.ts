// The Juniper SRX parser on synthetic Junos syslog lines of every supported shape: detection, the role of
// every indicator (as Elastic's juniper_srx pipelines map them per process) and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { juniperSrxParser } from '../../../src/intake/parsers/juniper-srx.js';
import { registryClaims } from './registry-claims.js';

const SD = '[junos@2636.1.1.1.2.129';

/** An RFC 5424 structured-data line as Junos writes it in `structured-data` mode. */
const line = (app: string, tag: string, params: string, pri = 14): string =>
  `<${pri}>1 2024-03-05T10:00:00.123+01:00 srx-lab-01 ${app} - ${tag} ${SD} ${params}]`;

const samples = {
  flowCreate: line(
    'RT_FLOW',
    'RT_FLOW_SESSION_CREATE',
    'source-address="192.0.2.10" source-port="51000" destination-address="198.51.100.20" destination-port="443" ' +
      'service-name="junos-https" nat-source-address="203.0.113.5" nat-source-port="20001" ' +
      'nat-destination-address="198.51.100.20" nat-destination-port="443" src-nat-rule-name="snat-out" ' +
      'protocol-id="6" policy-name="allow-web" source-zone-name="trust" destination-zone-name="untrust" ' +
      'session-id-32="4242" username="N/A" roles="N/A" packet-incoming-interface="ge-0/0/1.0" application="UNKNOWN"',
  ),
  flowDeny: line(
    'RT_FLOW',
    'RT_FLOW_SESSION_DENY',
    'source-address="198.51.100.66" source-port="40000" destination-address="192.0.2.25" destination-port="23" ' +
      'service-name="None" protocol-id="6" policy-name="deny-all" reason="Denied by policy" username="N/A"',
  ),
  appTrack: line(
    'RT_FLOW',
    'APPTRACK_SESSION_CLOSE',
    'reason="TCP FIN" source-address="192.0.2.11" source-port="50100" destination-address="203.0.113.80" ' +
      'destination-port="80" service-name="junos-http" application="HTTP" nat-source-address="192.0.2.11" ' +
      'nat-destination-address="203.0.113.80" policy-name="permit-all" username="alice.lab" roles="ops" ' +
      'destination-interface-name=”st0.0”',
  ),
  webFilter: line(
    'RT_UTM',
    'WEBFILTER_URL_BLOCKED',
    'source-address="192.0.2.12" source-port="50200" destination-address="203.0.113.90" destination-port="80" ' +
      'category="gambling" reason="BY_BLACK_LIST" profile="wf-strict" url="Bad.Example.com" obj="/x" ' +
      'username="bob@corp.example" roles="N/A"',
    12,
  ),
  antivirus: line(
    'RT_UTM',
    'AV_VIRUS_DETECTED_MT',
    'source-address="203.0.113.91" source-port="80" destination-address="192.0.2.13" destination-port="50300" ' +
      'filename="files.example.net/payload.exe" name="Synthetic-Test-Virus" url="Synthetic-Test-Virus"',
    12,
  ),
  idp: line(
    'RT_IDP',
    'IDP_ATTACK_LOG_EVENT',
    'source-address="198.51.100.70" source-port="4444" destination-address="192.0.2.30" destination-port="80" ' +
      'protocol-name="TCP" rule-name="7" rulebase-name="IPS" policy-name="Recommended" action="DROP" ' +
      'threat-severity="CRITICAL" attack-name="HTTP:SYNTHETIC:TRAVERSAL" nat-source-address="0.0.0.0" ' +
      'nat-destination-address="203.0.113.30" username="svc-web" roles="N/A" message="-"',
    165,
  ),
  screen: line(
    'RT_IDS',
    'RT_SCREEN_TCP',
    'attack-name="TCP port scan!" source-address="2001:db8::66" source-port="6000" ' +
      'destination-address="2001:db8::1:20" destination-port="22" source-zone-name="untrust" action="drop"',
    11,
  ),
  screenDst: line(
    'RT_IDS',
    'RT_SCREEN_TCP_DST_IP',
    'attack-name="SYN flood!" destination-address="192.0.2.40" source-zone-name="trust" action="alarm-without-drop"',
    11,
  ),
  aamw: line(
    'RT_AAMW',
    'SRX_AAMW_ACTION_LOG',
    'http-host="dl.example.org" file-category="executable" action="BLOCK" verdict-number="9" ' +
      'source-address="192.0.2.50" source-port="50500" destination-address="203.0.113.50" destination-port="80" ' +
      'policy-name="atp-policy" username="carol" hostname="carol-laptop"',
  ),
  aamwHost: line(
    'RT_AAMW',
    'AAMW_HOST_INFECTED_EVENT_LOG',
    'timestamp="Tue Mar 05 10:00:00 2024" tenant-id="T1" client-ip="192.0.2.51" hostname="ws-51.corp.example" ' +
      'status="in_progress" policy-name="default" th="7" state="added" reason="malware"',
    11,
  ),
  secintel: line(
    'RT_SECINTEL',
    'SECINTEL_ACTION_LOG',
    'category="secintel" sub-category="CC" action="BLOCK" http-host="c2.example.net" threat-severity="10" ' +
      'source-address="192.0.2.60" source-port="50600" destination-address="198.51.100.60" destination-port="80" ' +
      'feed-name="cc_feed" policy-name="sec-policy" username="N/A" hostname="ignored-host"',
  ),
  kmd:
    '<30>1 2024-03-05T10:00:00.000+01:00 srx-lab-01 kmd 8961 KMD_PM_SA_ESTABLISHED [junos@2636.1.1.1.1.111 ' +
    'local-address="192.0.2.1" remote-address="198.51.100.1" local-initiator="ipv4_subnet(any:0,[0..7\\]=192.0.2.0/29)" ' +
    'mode="Tunnel"] Local gateway: 192.0.2.2, Remote gateway: 198.51.100.2, Direction: outbound',
  sshd:
    '<37>1 2024-03-05T10:00:00.000+01:00 srx-lab-01 sshd - SSHD_LOGIN_FAILED [junos@2636.1.1.1.1.111 ' +
    'username="mallory" source-address="203.0.113.99"]',
  ike:
    '<27>1 2024-03-05T10:00:00.000+01:00 srx-lab-01 kmd 9159 - - IKE negotiation failed with error: Timed out. ' +
    'IKE Version: 1, VPN: VPN-LAB Gateway: GW-LAB, Local: 192.0.2.1/500, Remote: 198.51.100.1/500, VR-ID: 5',
  fwBsd: '<158>Mar  5 10:00:00 srx-lab-01 kernel: FW: gr-0/0/0.1 A udp 192.0.2.70 198.51.100.70 49153 53 ',
  fwPfe:
    '<158>1 2024-03-05T10:00:00.000+01:00 srx-lab-01 - - - - node0.fpc0 PFE_FW_SYSLOG_IP: FW: reth1.10 D tcp ' +
    '198.51.100.71 192.0.2.71 4000 22 (3 packets) ',
  flowBrief:
    '<14>Mar  5 10:00:00 srx-lab-01 RT_FLOW: RT_FLOW_SESSION_CREATE: session created 192.0.2.90/5000->198.51.100.90/80 ' +
    'junos-http 203.0.113.9/20000->198.51.100.90/80 snat-out None 6 allow-web trust untrust 77',
  idpText:
    '<28>Mar  5 10:00:00 srx-lab-01 RT_IDP: IDP_ATTACK_LOG_EVENT: IDP: at 1709629200, SIGNATURE Attack log ' +
    '<203.0.113.44/52011->192.0.2.30/443> for TCP protocol and service HTTPS application NONE by rule 7 of ' +
    'rulebase IPS in policy Lab-IPS. attack: id=5120, repeat=0, action=DROP, threat-severity=CRITICAL, ' +
    'name=HTTP:STC:LAB-PROBE, NAT <198.51.100.44:52011->192.0.2.30:443>, time-elapsed=0, inbytes=0, outbytes=0',
  idpTextV6:
    '<28>Mar  5 10:00:00 srx-lab-01 RT_IDP: IDP_ATTACK_LOG_EVENT: IDP: at 1709629200, ANOMALY Attack log ' +
    '<2001:db8::44/52011->2001:db8:1::30/80> for TCP protocol and service HTTP application NONE by rule 2 of ' +
    'rulebase IPS in policy Lab-IPS. attack: id=17, repeat=1, action=DROP, threat-severity=HIGH, ' +
    'name=HTTP:LAB:ANOMALY, NAT <0.0.0.0:0->0.0.0.0:0>, time-elapsed=0',
  rtSystem:
    '<13>Mar  5 10:00:00 srx-lab-01 RT_SYSTEM: RTLOG_CONN_ERROR: Connection error LAB-STREAM Com 1 abort ',
  arp: '<6>Mar  5 10:00:00 srx-lab-01 kernel: KERN_ARP_ADDR_CHANGE: arp info overwritten for 192.0.2.80 from 00:00:5e:00:53:01 to 00:00:5e:00:53:02',
};

const parse = (raw: string) => juniperSrxParser.parse(raw);

describe('juniperSrxParser', () => {
  it('detects every supported Junos shape', () => {
    for (const [name, raw] of Object.entries(samples))
      expect([name, juniperSrxParser.detect(raw)]).toEqual([name, true]);
  });

  it('reads a session create as source and destination, with the NAT addresses related only', () => {
    const a = parse(samples.flowCreate);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20', '203.0.113.5']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('allow-web');
    expect(a.observedAt).toBe('2024-03-05T09:00:00.123Z');
    expect(a.title).toContain('RT_FLOW_SESSION_CREATE');
  });

  it('rates a denied session low and an accepted one by its syslog level', () => {
    expect(parse(samples.flowDeny).severity).toBe('low');
    expect(parse(samples.flowCreate).severity).toBe('info');
    expect(parse(samples.flowDeny).observables.srcIps).toEqual(['198.51.100.66']);
  });

  it('reports the AppTrack session user and ignores typographic-quoted values', () => {
    const a = parse(samples.appTrack);
    expect(a.observables.users).toEqual(['alice.lab']);
    expect(a.observables.ips).toEqual(['192.0.2.11', '203.0.113.80']);
  });

  it('reports the web-filter URL domain and keeps the user name whole', () => {
    const a = parse(samples.webFilter);
    expect(a.observables.domains).toEqual(['bad.example.com']);
    expect(a.observables.users).toEqual(['bob@corp.example']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('wf-strict');
  });

  it('reports a UTM url that is no domain name as a host, as Elastic lists it in related.hosts', () => {
    const a = parse(samples.antivirus);
    expect(a.observables.hosts).toEqual(['Synthetic-Test-Virus']);
    expect(a.observables.srcIps).toEqual(['203.0.113.91']);
    expect(a.severity).toBe('high');
  });

  it('reads an IDP attack with its severity and never reports the unspecified NAT address', () => {
    const a = parse(samples.idp);
    expect(a.observables.srcIps).toEqual(['198.51.100.70']);
    expect(a.observables.dstIps).toEqual(['192.0.2.30']);
    expect(a.observables.ips).toEqual(['198.51.100.70', '192.0.2.30', '203.0.113.30']);
    expect(a.observables.users).toEqual(['svc-web']);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('HTTP:SYNTHETIC:TRAVERSAL');
  });

  it('reads an IDP attack written as BSD-syslog text: the flow in <…>, the NAT pair related only', () => {
    const a = parse(samples.idpText);
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.dstIps).toEqual(['192.0.2.30']);
    expect(a.observables.ips).toEqual(['203.0.113.44', '192.0.2.30', '198.51.100.44']);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('Juniper SRX IDP_ATTACK_LOG_EVENT: HTTP:STC:LAB-PROBE 203.0.113.44 -> 192.0.2.30');
    const v6 = parse(samples.idpTextV6).observables;
    expect([v6.srcIps, v6.dstIps, v6.ips]).toEqual([
      ['2001:db8::44'],
      ['2001:db8:1::30'],
      ['2001:db8::44', '2001:db8:1::30'],
    ]);
  });

  it('reads screen alarms over IPv6 and with a destination only', () => {
    const v6 = parse(samples.screen);
    expect(v6.observables.srcIps).toEqual(['2001:db8::66']);
    expect(v6.observables.dstIps).toEqual(['2001:db8::1:20']);
    expect(v6.severity).toBe('medium');
    const dst = parse(samples.screenDst);
    expect(dst.observables.srcIps).toEqual([]);
    expect(dst.observables.dstIps).toEqual(['192.0.2.40']);
  });

  it('reports the ATP HTTP host and the client host name', () => {
    const a = parse(samples.aamw);
    expect(a.observables.domains).toEqual(['dl.example.org']);
    expect(a.observables.hosts).toEqual(['carol-laptop']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.severity).toBe('high');
    const infected = parse(samples.aamwHost);
    expect(infected.observables.srcIps).toEqual(['192.0.2.51']);
    expect(infected.observables.domains).toEqual(['ws-51.corp.example']);
  });

  it('reports the SecIntel HTTP host but not its host name, which Elastic keeps as source.address', () => {
    const a = parse(samples.secintel);
    expect(a.observables.domains).toEqual(['c2.example.net']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.severity).toBe('critical');
  });

  it('reads a VPN SA record: local and remote addresses, and both gateways related', () => {
    const a = parse(samples.kmd);
    expect(a.observables.srcIps).toEqual(['192.0.2.1']);
    expect(a.observables.dstIps).toEqual(['198.51.100.1']);
    expect(a.observables.ips).toEqual(['192.0.2.2', '198.51.100.2', '192.0.2.1', '198.51.100.1']);
  });

  it('reads a failed SSH login on the SRX: the user and the source address', () => {
    const a = parse(samples.sshd);
    expect(a.observables.srcIps).toEqual(['203.0.113.99']);
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('reads firewall-filter lines in BSD and RFC 5424 syslog by position', () => {
    const bsd = parse(samples.fwBsd);
    expect(bsd.observables.srcIps).toEqual(['192.0.2.70']);
    expect(bsd.observables.dstIps).toEqual(['198.51.100.70']);
    const pfe = parse(samples.fwPfe);
    expect(pfe.observables.srcIps).toEqual(['198.51.100.71']);
    expect(pfe.observables.dstIps).toEqual(['192.0.2.71']);
  });

  it('reports no indicators for messages whose addresses Elastic leaves unmapped (brief text, VPN, ARP)', () => {
    for (const raw of [samples.ike, samples.flowBrief, samples.rtSystem, samples.arp]) {
      const o = parse(raw).observables;
      expect([o.srcIps, o.dstIps, o.ips, o.users, o.hosts]).toEqual([[], [], [], [], []]);
    }
  });

  it('never reports the SRX itself (the syslog host) as a host', () => {
    for (const raw of Object.values(samples))
      expect(parse(raw).observables.hosts).not.toContain('srx-lab-01');
  });

  it('does not claim other vendors’ syslog lines', () => {
    const others = [
      '<14>1 2024-03-05T10:00:00Z fw01 filterlog 123 - - 5,,,1000,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,198.51.100.1,1,2,0',
      '<13>1 2024-03-05T10:00:00Z host1 app 42 ID47 [exampleSDID@32473 iut="3" eventSource="App"] hello 192.0.2.5',
      '<4>Mar  5 10:00:00 linux-01 kernel: [123.4] IN=eth0 OUT= SRC=192.0.2.1 DST=198.51.100.1 PROTO=TCP',
      '<134>Mar  5 10:00:00 fw-02 sshd[99]: Failed password for root from 192.0.2.9 port 22 ssh2',
      { message: `${SD} source-address="192.0.2.1"]` },
    ];
    for (const raw of others) expect(juniperSrxParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, raw] of Object.entries(samples)) {
      if (name === 'sshd') continue;
      expect([name, registryClaims(raw, juniperSrxParser.name).others]).toEqual([name, []]);
    }
  });

  it('shares only the Junos sshd record with the Linux auth parser, so it must be registered before it', () => {
    expect(registryClaims(samples.sshd, juniperSrxParser.name).others).toEqual(['system.auth']);
  });
});
