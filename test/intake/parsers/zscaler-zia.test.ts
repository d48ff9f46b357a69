// Zscaler ZIA NSS parser on synthetic records of every feed it reads: detection, the role of each
// indicator as Elastic's zscaler_zia pipelines assign it, and that no other parser claims these records.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { zscalerZiaParser } from '../../../src/intake/parsers/zscaler-zia.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const legacyWeb = {
  sourcetype: 'zscalernss-web',
  event: {
    time: 'Mon Mar  4 09:15:02 2024',
    login: 'jdoe@corp.example',
    proto: 'HTTPS',
    eurl: 'downloads.example.net/setup.exe',
    action: 'Blocked',
    urlcat: 'Miscellaneous or Unknown',
    threatname: 'None',
    cip: '192.0.2.10',
    sip: '203.0.113.80',
    reqmethod: 'GET',
    rulelabel: 'Block Unknown',
    deviceowner: 'jdoe',
    devicehostname: 'LAPTOP-JD01',
  },
};

const currentWeb = {
  time: 'Mon Mar 04 09:15:02 2024',
  login: 'asmith@corp.example',
  cltip: '192.0.2.20',
  cltintip: '198.51.100.20',
  serverip: '203.0.113.81',
  url: 'portal.example.org/login',
  host: 'portal.example.org',
  urlcat: 'Web Search',
  action: 'Allowed',
  threatname: 'EICAR-Test',
  rulelabel: 'Default',
  devicehostname: 'WKS-AS02',
  devicename: 'wks-as02-device',
  deviceowner: 'asmith',
};

const firewall = {
  sourcetype: 'zscalernss-fw',
  event: {
    datetime: 'Tue Apr 02 11:00:00 2024',
    user: 'bjones@corp.example',
    login: 'bjones@corp.example',
    csip: '192.0.2.30',
    cdip: '203.0.113.90',
    ssip: '198.51.100.30',
    sdip: '203.0.113.91',
    tsip: '198.51.100.31',
    csport: '50123',
    cdport: '443',
    nwsvc: 'HTTPS',
    action: 'Blocked',
    rulelabel: 'Block-Outbound',
    devicehostname: 'FW-CLIENT-3',
    deviceowner: 'NA',
  },
};

const dns = {
  sourcetype: 'zscalernss-dns',
  event: {
    datetime: 'Wed May 01 08:30:00 2024',
    user: 'cli',
    clt_sip: '192.0.2.40',
    srv_dip: '198.51.100.53',
    dns_req: 'bad.example.com',
    dns_reqtype: 'A',
    dns_resp: '203.0.113.44',
    reqaction: 'REQ_ALLOW',
    devicehostname: 'Host-Four',
  },
};

const tunnelCredential = {
  sourcetype: 'zscalernss-tunnel',
  event: {
    datetime: 'Thu Jun 06 12:00:00 2024',
    Recordtype: 'Tunnel Event',
    tunneltype: 'IPSEC IKEV2',
    user: 'branch-vpn@corp.example',
    sourceip: '198.51.100.60',
    destinationip: '203.0.113.61',
    event: 'Tunnel is up',
  },
};

const tunnelByAddress = {
  sourcetype: 'zscalernss-tunnel',
  event: {
    datetime: 'Thu Jun 06 12:05:00 2024',
    Recordtype: 'Tunnel Samples',
    tunneltype: 'GRE',
    user: '198.51.100.70',
    sourceip: '198.51.100.71',
    destinationip: '203.0.113.72',
  },
};

const alertLine =
  '<114>Dec 10 14:04:28 [192.0.2.5] ZscalerNSS: Zscaler cloud configuration connection to  203.0.113.9:9010 lost and unavailable for the past 2580.00 minutes';

describe('zscalerZiaParser', () => {
  it('reads a legacy web record: cip is related only, sip the destination, the login no user name, the site a domain', () => {
    expect(zscalerZiaParser.detect(legacyWeb)).toBe(true);
    const a = zscalerZiaParser.parse(legacyWeb);
    expect(a.format).toBe('zscaler_zia.web');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.80']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['LAPTOP-JD01']);
    expect(a.observables.domains).toEqual(['downloads.example.net']);
    expect(a.observables.emails).toEqual(['jdoe@corp.example']);
    expect(a.ruleId).toBe('Block Unknown');
    expect(a.observedAt).toBe('2024-03-04T09:15:02.000Z');
    expect(a.severity).toBe('low');
  });

  it('reads a current web record: cltip is the source, the device host is lower-cased, the login split', () => {
    expect(zscalerZiaParser.detect(currentWeb)).toBe(true);
    const a = zscalerZiaParser.parse(currentWeb);
    expect(a.format).toBe('zscaler_zia.web');
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['203.0.113.81']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.20', '203.0.113.81']);
    expect(a.observables.users).toEqual(['asmith', 'asmith@corp.example']);
    expect(a.observables.hosts).toEqual(['wks-as02', 'wks-as02-device']);
    expect(a.observables.domains).toEqual(['portal.example.org']);
    expect(a.severity).toBe('high');
  });

  it('reads a firewall record: client and server addresses on both sides, the tunnel address related', () => {
    const a = zscalerZiaParser.parse(firewall);
    expect(a.format).toBe('zscaler_zia.firewall');
    expect(a.observables.srcIps).toEqual(['192.0.2.30', '198.51.100.30']);
    expect(a.observables.dstIps).toEqual(['203.0.113.90', '203.0.113.91']);
    expect(a.observables.ips).toEqual([
      '203.0.113.90',
      '203.0.113.91',
      '192.0.2.30',
      '198.51.100.30',
      '198.51.100.31',
    ]);
    expect(a.observables.users).toEqual(['bjones', 'bjones@corp.example']);
    expect(a.observables.hosts).toEqual(['fw-client-3']);
    expect(a.ruleId).toBe('Block-Outbound');
  });

  it('reads a DNS record: the resolved address is related and a user that is not an address is ignored', () => {
    const a = zscalerZiaParser.parse(dns);
    expect(a.format).toBe('zscaler_zia.dns');
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.53']);
    expect(a.observables.ips).toEqual(['203.0.113.44', '192.0.2.40', '198.51.100.53']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['host-four']);
    expect(a.observables.domains).toEqual(['bad.example.com']);
    expect(a.title).toContain('bad.example.com');
  });

  it('reads a tunnel record whose user is a VPN credential as that user', () => {
    const a = zscalerZiaParser.parse(tunnelCredential);
    expect(a.format).toBe('zscaler_zia.tunnel');
    expect(a.observables.srcIps).toEqual(['198.51.100.60']);
    expect(a.observables.dstIps).toEqual(['203.0.113.61']);
    expect(a.observables.users).toEqual(['branch-vpn', 'branch-vpn@corp.example']);
  });

  it('reads a tunnel record whose user is an address as a related address, not a user', () => {
    const a = zscalerZiaParser.parse(tunnelByAddress);
    expect(a.observables.ips).toEqual(['203.0.113.72', '198.51.100.71', '198.51.100.70']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an NSS alert line: the address the connection was lost to is the destination', () => {
    expect(zscalerZiaParser.detect(alertLine)).toBe(true);
    const a = zscalerZiaParser.parse(alertLine);
    expect(a.format).toBe('zscaler_zia.alerts');
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(['203.0.113.9']);
    expect(a.severity).toBe('medium');
  });

  it('reads a wrapped record given as JSON text through normalizeAlert', () => {
    const a = normalizeAlert(JSON.stringify(firewall), { parsers: [zscalerZiaParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:zscaler_zia');
    expect(a.observables.srcIps).toEqual(['192.0.2.30', '198.51.100.30']);
  });

  it('does not claim other formats or other sourcetypes', () => {
    const others: unknown[] = [
      { sourcetype: 'zscalernss-web', event: 'not an object' },
      { sourcetype: 'linux_secure', event: legacyWeb.event },
      { timestamp: '2024-01-01T00:00:00Z', event_type: 'alert', src_ip: '192.0.2.1', dest_ip: '192.0.2.2' },
      { ClientPublicIP: '192.0.2.1', Username: 'someone', ServerIP: '203.0.113.1' },
      '<34>Oct 11 22:14:15 host1 sshd[1]: Failed password for root from 192.0.2.1 port 22 ssh2',
      '<114>Dec 10 14:04:28 [192.0.2.5] other: ZscalerNSS: mentioned later',
      42,
      null,
    ];
    for (const raw of others) expect(zscalerZiaParser.detect(raw)).toBe(false);
  });

  it('is the registry’s first choice for these records, and no other specific parser claims them', () => {
    const samples = [
      legacyWeb,
      currentWeb,
      firewall,
      dns,
      tunnelCredential,
      tunnelByAddress,
      alertLine,
      legacyWeb.event,
      firewall.event,
      dns.event,
      tunnelCredential.event,
    ];
    for (const raw of samples) {
      expect(zscalerZiaParser.detect(raw)).toBe(true);
      expect(registryClaims(raw, 'zscaler_zia')).toEqual({ first: 'zscaler_zia', others: [] });
    }
  });
});
