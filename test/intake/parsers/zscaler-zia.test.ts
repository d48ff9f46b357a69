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
    deviceowner: 'j.doe',
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

const audit = {
  sourcetype: 'zscalernss-audit',
  event: {
    time: 'Tue Apr  2 10:20:30 2024',
    recordid: '501',
    action: 'Update',
    category: 'FIREWALL_POLICY',
    subcategory: 'FIREWALL_RULE',
    resource: 'Allow Branch DNS',
    interface: 'UI',
    adminid: 'ops.admin@corp.example',
    clientip: '198.51.100.44',
    result: 'SUCCESS',
    errorcode: 'None',
    preaction: {},
    postaction: {},
  },
};

const endpointDlp = {
  sourcetype: 'zscalernss-edlp',
  event: {
    datetime: 'Tue Apr  2 10:21:00 2024',
    actiontaken: 'block',
    activitytype: 'file_copy',
    itemname: 'payroll.xlsx',
    severity: 'High Severity',
    rulename: 'USB Copy Guard',
    user: 'kwilson',
    deviceowner: 'kwilson-admin',
    devicehostname: 'LAPTOP-KW03',
    devicename: 'kw03 device',
    filemd5: '0123456789abcdef0123456789abcdef',
    ouser: '',
  },
};

const emailDlp = {
  version: 'v1',
  sourcetype: 'zscalernss-emaildlp',
  time: 'Tue Apr  2 10:22:00 2024',
  severity: 'Low Severity|High Severity',
  actions: 'Block|Allow',
  rule: { labels: 'Card Numbers|Card Numbers' },
  user_name: 'lmartin@corp.example',
  owner: 'lmartin@corp.example',
  sender: 'lmartin@corp.example',
  external_user_name: 'None',
  email: {
    subject: 'numbers',
    triggered_recipients: 'partner@vendor.example|audit@corp.example',
    other_recipients: 'None',
  },
};

const saasSecurity = {
  version: 'v1',
  sourcetype: 'zscalernss-saas_security',
  sourcesubtype: 'file_sharing',
  time: '1712053380',
  severity: 'Medium',
  rule: { label: 'Share Scan', type: 'OfflineCASBDLP' },
  hostname: 'files.saas.example',
  user_name: 'pnguyen@corp.example',
  external_collab_names: 'guest1@partner.example|guest2@partner.example',
  internal_collab_names: 'pnguyen@corp.example',
  application: { name: 'FileShare' },
  file: { owner: 'pnguyen@corp.example', full_url: 'https://files.saas.example/f/1' },
};

const saasActivity = {
  version: 'v1',
  sourcetype: 'zscalernss-saas_security_activity',
  time: 'Tue Apr  2 10:24:00 2024',
  activity: { type: 'Share', count: '1' },
  application: { name: 'FileShare' },
  user_name: 'pnguyen@corp.example',
  external_owner: 'None',
  src_ip: '203.0.113.66',
};

const sandboxVerdict = {
  version: 'v1',
  sourcetype: 'zscalernss-sandbox_verdict',
  time: 'Tue Apr  2 10:25:00 2024',
  verdict: 'Suspicious',
  threat: { indicator: { name: 'Suspicious.Generic' } },
  file: { hash: { md5: 'fedcba9876543210fedcba9876543210' } },
};

const sandboxReport = {
  Classification: { Category: 'MALICIOUS', DetectedMalware: 'Test.Dropper', Score: 90, Type: 'MALICIOUS' },
  FileProperties: { FileType: 'EXE', MD5: '00112233445566778899aabbccddeeff' },
  Summary: { Status: 'COMPLETED', StartTime: '1712053500', Url: 'downloads.example.net' },
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
  it("reads a legacy web record: cip is related only, sip the destination, the login's local part and the device owner users, the site a domain", () => {
    expect(zscalerZiaParser.detect(legacyWeb)).toBe(true);
    const a = zscalerZiaParser.parse(legacyWeb);
    expect(a.format).toBe('zscaler_zia.web');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.80']);
    expect(a.observables.users).toEqual(['jdoe', 'j.doe']);
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

  it('reads a URL-encoded user or login, as the pipelines decode it first', () => {
    const encoded = {
      ...firewall,
      event: { ...firewall.event, user: 'cdoe%40corp.example', login: 'cdoe%40corp.example' },
    };
    expect(zscalerZiaParser.parse(encoded).observables.users).toEqual(['cdoe', 'cdoe@corp.example']);
    const web = { ...currentWeb, login: 'asmith%40corp.example' };
    expect(zscalerZiaParser.parse(web).observables.users).toEqual(['asmith', 'asmith@corp.example']);
    // Not valid percent-encoding: kept as written.
    const broken = { ...firewall, event: { ...firewall.event, user: 'x%zz@corp.example' } };
    expect(zscalerZiaParser.parse(broken).observables.users).toEqual(['x%zz', 'x%zz@corp.example']);
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

  it('reads an admin audit record: the client address is the source, the admin address and its local part users', () => {
    const a = zscalerZiaParser.parse(audit);
    expect(a.format).toBe('zscaler_zia.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
    expect(a.observables.users).toEqual(['ops.admin', 'ops.admin@corp.example']);
    expect(a.observedAt).toBe('2024-04-02T10:20:30.000Z');
  });

  it('reads an endpoint DLP record: the user, the device owner and the device as hosts', () => {
    const a = zscalerZiaParser.parse(endpointDlp);
    expect(a.format).toBe('zscaler_zia.endpoint_dlp');
    expect(a.observables.users).toEqual(['kwilson', 'kwilson-admin']);
    expect(a.observables.hosts).toEqual(['laptop-kw03', 'kw03 device']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('USB Copy Guard');
  });

  it('reads a flat email DLP record: owner, sender and every recipient are users, kept whole', () => {
    const a = zscalerZiaParser.parse(emailDlp);
    expect(a.format).toBe('zscaler_zia.email_dlp');
    expect(a.observables.users).toEqual([
      'lmartin@corp.example',
      'partner@vendor.example',
      'audit@corp.example',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('Card Numbers');
  });

  it('reads a SaaS security record: collaborators are users and the SaaS host name a host', () => {
    const a = zscalerZiaParser.parse(saasSecurity);
    expect(a.format).toBe('zscaler_zia.saas_security');
    expect(a.observables.users).toEqual([
      'pnguyen@corp.example',
      'guest1@partner.example',
      'guest2@partner.example',
    ]);
    expect(a.observables.hosts).toEqual(['files.saas.example']);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-04-02T10:23:00.000Z');
  });

  it('reads a SaaS activity record: the client address is the source and a None owner is no user', () => {
    const a = zscalerZiaParser.parse(saasActivity);
    expect(a.format).toBe('zscaler_zia.saas_security_activity');
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.users).toEqual(['pnguyen@corp.example']);
  });

  it('reads sandbox verdicts and reports as file findings without endpoints, users or hosts', () => {
    const v = zscalerZiaParser.parse(sandboxVerdict);
    expect(v.format).toBe('zscaler_zia.sandbox_verdict');
    expect(v.severity).toBe('medium');
    const r = zscalerZiaParser.parse(sandboxReport);
    expect(r.format).toBe('zscaler_zia.sandbox_report');
    expect(r.severity).toBe('high');
    for (const a of [v, r]) {
      expect(a.observables.ips).toEqual([]);
      expect(a.observables.users).toEqual([]);
      expect(a.observables.hosts).toEqual([]);
    }
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
      { ...emailDlp, sourcetype: 'zscalernss-unknownfeed' },
      { Classification: {}, Summary: {} },
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
      audit,
      endpointDlp,
      emailDlp,
      saasSecurity,
      saasActivity,
      sandboxVerdict,
      sandboxReport,
    ];
    for (const raw of samples) {
      expect(zscalerZiaParser.detect(raw)).toBe(true);
      expect(registryClaims(raw, 'zscaler_zia')).toEqual({ first: 'zscaler_zia', others: [] });
    }
  });
});
