// The Cisco Umbrella parser on synthetic S3 export lines of every supported log type: detection by shape,
// the role of every indicator (by column, as Elastic's cisco_umbrella.log pipeline maps them) and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { ciscoUmbrellaParser, ciscoUmbrellaWebParser } from '../../../src/intake/parsers/cisco-umbrella.js';
import { registryClaims } from './registry-claims.js';

/** A line as Umbrella writes it: every column double-quoted. */
const q = (...cells: string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
/** `length` empty columns with `cols` set by position. */
const row = (length: number, cols: Record<number, string>): string[] =>
  Array.from({ length }, (_, i) => cols[i] ?? '');

const dns = q(
  '2024-03-05 10:00:00',
  'jdoe',
  'jdoe,LAB-PC-07',
  '192.0.2.10',
  '203.0.113.5',
  'Blocked',
  '1 (A)',
  'NOERROR',
  'malware.example.com.',
  'Malware,Security',
  'AD Users',
  'AD Users, Roaming Computers',
  'Malware',
);
/** A most granular identity holding commas: `Last, First (mail)`, then an AnyConnect client. */
const dnsCommaUser = q(
  '2024-03-05 10:00:01',
  'Roe, Jane (jane.roe@example.org)',
  'Roe, Jane (jane.roe@example.org),Branch Net,JR-LAPTOP',
  '2001:db8::10',
  '2001:db8::1',
  'Allowed',
  '28 (AAAA)',
  'NOERROR',
  'files.example.net.',
  'Business Services',
  'AD Users',
  'AD Users,Networks,Anyconnect Roaming Client',
  '',
);
const dnsNetworksOnly = q(
  '2024-03-05 10:00:02',
  'HQ-Internal',
  'HQ-Internal,Main Site',
  '192.0.2.11',
  '203.0.113.5',
  'Allowed',
  '1 (A)',
  'NOERROR',
  'intranet.example.org.',
  'Business Services',
  'Internal Networks',
  'Internal Networks,Sites',
  '',
);
/** The first DNS layout (10 columns) has no identity types, so no identity is typed. */
const dnsV1 =
  '"2024-03-05 10:00:03","ADUserName", "ADUserName,LabSite,Network", "198.51.100.20","203.0.113.6","Allowed","1 (A)", "NOERROR","news.example.com.", "News"';
const dnsMobile = q(
  '2024-03-05 10:00:04',
  'a1b2c3d4e5f60708',
  'a1b2c3d4e5f60708',
  '198.51.100.21',
  '203.0.113.6',
  'Allowed',
  '1 (A)',
  'NXDOMAIN',
  'app.example.com.',
  'Application',
  'Mobile Devices',
  'Mobile Devices',
  '',
);

const proxy = q(
  ...row(35, {
    0: '2024-03-05 10:01:00',
    1: 'kim',
    2: '192.0.2.30',
    3: '203.0.113.7',
    4: '198.51.100.80',
    5: 'application/octet-stream',
    6: 'BLOCKED',
    7: 'https://download.example.net/tools/setup.exe?x=1',
    8: 'https://portal.example.org/',
    9: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    10: '403',
    14: 'a'.repeat(64),
    15: 'Malware',
    21: 'AD Users',
    23: 'kim,KIM-DESKTOP',
    24: 'AD Users,AD Computers',
    25: 'GET',
    28: 'setup.exe',
    29: '1234567',
    30: '890',
  }),
);
/** No internal address, and an identity type Elastic does not map (`Roaming Computer`, singular). */
const proxyNoInternal = q(
  ...row(32, {
    0: '2024-03-05 10:01:01',
    1: 'Lab Network',
    3: '203.0.113.8',
    4: '198.51.100.81',
    6: 'ALLOWED',
    7: 'http://updates.example.com/feed.xml',
    10: '200',
    21: 'Networks',
    23: 'Lab Network,LAB-PC-09',
    24: 'Networks,Roaming Computer',
    25: 'HEAD',
  }),
);

const ipLog = q('2024-03-05 10:02:00', 'lee', '192.0.2.40', '51515', '198.51.100.90', '445', 'Malware');

const firewall = q(
  ...row(36, {
    0: '2024-03-05 10:03:00',
    1: '[123456789]',
    2: 'Branch Tunnel',
    3: 'CDFW Tunnel Device',
    4: 'OUTBOUND',
    5: '6',
    6: '120',
    7: '192.0.2.50',
    8: '50123',
    9: '198.51.100.100',
    10: '443',
    11: 'fra1.edc',
    12: '77',
    13: 'BLOCK',
    14: 'cdn.example.com,api.example.net',
    15: '5,6',
    33: '2204000',
    34: '203.0.113.9',
    35: 'TRUE',
  }),
);
const firewallBare =
  '2024-03-05 10:03:01,[123456789],Branch Tunnel,CDFW Tunnel Device,INBOUND,17,80,192.0.2.51,,0.0.0.0,,fra1.edc,78,ALLOW';

const intrusion = q(
  '2024-03-05 10:04:00',
  'Branch Tunnel',
  'Network Tunnels',
  '1',
  '40000',
  'SYNTHETIC exploit attempt',
  '1323',
  'CRITICAL',
  'Attempted Administrator Privilege Gain',
  'cve-2000-0001',
  'TCP',
  '99999',
  '198.51.100.110',
  '40404',
  '192.0.2.60',
  '8443',
  'Would Block',
);

const dlp = q(
  ...row(25, {
    0: '2024-03-05 10:05:00',
    1: 'Real Time',
    2: 'evt-0001',
    3: 'HIGH',
    4: 'Lab Network',
    6: 'payroll.xlsx',
    7: 'FileShare',
    8: 'https://share.example.com/upload',
    9: 'BLOCK',
    10: 'pii-rule',
    15: 'b'.repeat(64),
    22: '198.51.100.120',
    23: '443',
  }),
);

const audit = q(
  '1000001',
  '2024-03-05 10:06:00',
  'admin@example.org',
  'Alex Admin',
  'policies',
  'update',
  '203.0.113.10',
  'name: old',
  'name: new',
);
const auditNullUser = q(
  '1000002',
  '2024-03-05 10:06:01',
  'null',
  'null',
  'onpremlogentry',
  'create',
  '203.0.113.11',
  '',
  'id: 1',
);
const auditMailUser = q(
  '1000003',
  '2024-03-05 10:06:02',
  'sam@example.org',
  'Sam Poe (sam.poe@example.org)',
  'roamingdevices',
  'delete',
  '203.0.113.12',
  'label: 1',
  '',
);

const samples: Record<string, string> = {
  dns,
  dnsCommaUser,
  dnsNetworksOnly,
  dnsV1,
  dnsMobile,
  proxy,
  proxyNoInternal,
  ipLog,
  firewall,
  firewallBare,
  intrusion,
  dlp,
  audit,
  auditNullUser,
  auditMailUser,
};

const parse = (raw: string) => ciscoUmbrellaParser.parse(raw);
const ecs = (raw: string) => ecsIndicators(parse(raw));

describe('ciscoUmbrellaParser', () => {
  it('detects every supported Umbrella log type', () => {
    for (const [name, raw] of Object.entries(samples))
      expect([name, ciscoUmbrellaParser.detect(raw)]).toEqual([name, true]);
  });

  it('reads a DNS line: internal address as source, external (NAT) address related, typed user and host', () => {
    const a = parse(dns);
    expect(a.format).toBe('cisco_umbrella.log');
    expect(a.recognizedBy).toBe('parser:cisco_umbrella.log');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.5']);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.hosts).toEqual(['lab-pc-07']);
    expect(a.observables.domains).toEqual(['malware.example.com']);
    expect(ecs(dns).hosts).toEqual(['lab-pc-07', 'malware.example.com']);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.title).toContain('malware.example.com');
  });

  it('keeps a comma-holding first identity whole and reduces `Name (mail)` to the mail’s local part', () => {
    const a = parse(dnsCommaUser);
    expect(a.observables.users).toEqual(['jane.roe']);
    expect(a.observables.hosts).toEqual(['jr-laptop']);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.ips).toEqual(['2001:db8::10', '2001:db8::1']);
    expect(a.severity).toBe('info');
  });

  it('treats networks, sites and untyped identities as neither users nor hosts', () => {
    for (const raw of [dnsNetworksOnly, dnsV1]) {
      const e = ecs(raw);
      expect(e.users).toEqual([]);
      expect(e.hosts).toHaveLength(1);
    }
    expect(ecs(dnsV1)).toEqual({
      src_ips: ['198.51.100.20'],
      dst_ips: [],
      ips: ['198.51.100.20', '203.0.113.6'],
      users: [],
      hosts: ['news.example.com'],
    });
  });

  it('takes a mobile device identity as the host', () => {
    expect(ecs(dnsMobile).hosts).toEqual(['a1b2c3d4e5f60708', 'app.example.com']);
  });

  it('types no identity when the identity and type lists differ in length', () => {
    const raw = dns.replace('"AD Users, Roaming Computers"', '"AD Users"');
    expect(parse(raw).observables.users).toEqual([]);
    expect(parse(raw).observables.hosts).toEqual([]);
  });

  it('reads a proxy line: source, NAT and destination addresses, the URL’s site, the file hash', () => {
    const a = parse(proxy);
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.dstIps).toEqual(['198.51.100.80']);
    expect(a.observables.ips).toEqual(['192.0.2.30', '203.0.113.7', '198.51.100.80']);
    expect(a.observables.users).toEqual(['kim']);
    expect(a.observables.hosts).toEqual(['kim-desktop']);
    expect(a.observables.domains).toEqual(['download.example.net']);
    expect(a.observables.urls).toEqual(['https://download.example.net/tools/setup.exe?x=1']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(a.ruleId).toBe('890');
    expect(a.severity).toBe('low');
  });

  it('reads a proxy line without an internal address and ignores identity types Elastic does not map', () => {
    const a = parse(proxyNoInternal);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.8', '198.51.100.81']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an IP log: source and destination by position, the identity as the user', () => {
    expect(ecs(ipLog)).toEqual({
      src_ips: ['192.0.2.40'],
      dst_ips: ['198.51.100.90'],
      ips: ['192.0.2.40', '198.51.100.90'],
      users: ['lee'],
      hosts: [],
    });
  });

  it('reads a cloud firewall line: NAT (egress) address related, FQDNs as domains, tunnels not users', () => {
    const a = parse(firewall);
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual(['198.51.100.100']);
    expect(a.observables.ips).toEqual(['192.0.2.50', '203.0.113.9', '198.51.100.100']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.domains).toEqual(['cdn.example.com', 'api.example.net']);
    expect(a.ruleId).toBe('77');
    expect(a.severity).toBe('low');
  });

  it('reads an unquoted cloud firewall line and never reports 0.0.0.0', () => {
    expect(ecs(firewallBare)).toEqual({
      src_ips: ['192.0.2.51'],
      dst_ips: [],
      ips: ['192.0.2.51'],
      users: [],
      hosts: [],
    });
  });

  it('reads an intrusion line: source, destination, signature and stated severity', () => {
    const a = parse(intrusion);
    expect(a.observables.srcIps).toEqual(['198.51.100.110']);
    expect(a.observables.dstIps).toEqual(['192.0.2.60']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('1:40000');
    expect(a.title).toContain('SYNTHETIC exploit attempt');
  });

  it('reads a DLP line: no addresses (Elastic maps none), the URL’s site and the file hash', () => {
    const a = parse(dlp);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.domains).toEqual(['share.example.com']);
    expect(a.observables.hashes).toEqual(['b'.repeat(64)]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('pii-rule');
  });

  it('reads an admin audit line: the account as user, the logged-in-from address as source', () => {
    const a = parse(audit);
    expect(a.observables.users).toEqual(['Alex Admin']);
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.ips).toEqual(['203.0.113.10']);
    expect(a.observables.emails).toEqual(['admin@example.org']);
    expect(a.observedAt).toBe('2024-03-05T10:06:00.000Z');
    expect(parse(auditNullUser).observables.users).toEqual([]);
    expect(parse(auditMailUser).observables.users).toEqual(['sam.poe']);
  });

  it('does not claim other CSV, syslog or JSON payloads', () => {
    const others: unknown[] = [
      '"2024-03-05 10:00:00","a","b","c"',
      '"2024-03-05 10:00:00",jdoe,"jdoe","192.0.2.10","203.0.113.5","Allowed","1 (A)","NOERROR","x.example.com.","News"',
      q('2024-03-05 10:02:00', 'lee', 'not-an-ip', '51515', '198.51.100.90', '445', 'Malware'),
      '2024-03-05 10:00:00,192.0.2.1,198.51.100.2,allow',
      'Mar  5 10:00:00 fw-lab-01 1,2024/03/05 10:00:00,012345678901,TRAFFIC,end,2561,2024/03/05 09:59:58,192.0.2.10',
      '<134>1 2024-03-05T10:00:00Z host app - - - hello',
      { timestamp: '2024-03-05 10:00:00', identity: 'jdoe' },
      42,
      '',
    ];
    for (const raw of others) expect(ciscoUmbrellaParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry (its own proxy and DLP reader aside)', () => {
    for (const raw of Object.values(samples))
      expect(
        registryClaims(raw, 'cisco_umbrella.log').others.filter((n) => n !== ciscoUmbrellaWebParser.name),
      ).toEqual([]);
  });

  it('reads proxy and DLP lines alone with the web reader, which keeps their URL sites out of related.hosts', () => {
    expect(ciscoUmbrellaWebParser.domainsInRelatedHosts).toBe(false);
    for (const raw of [proxy, proxyNoInternal, dlp]) {
      expect(ciscoUmbrellaWebParser.detect(raw)).toBe(true);
      const a = ciscoUmbrellaWebParser.parse(raw);
      expect(a.recognizedBy).toBe('parser:cisco_umbrella.log.web');
      expect(a.format).toBe('cisco_umbrella.log');
      expect(a.observables).toEqual(parse(raw).observables);
      expect(a.title).toBe(parse(raw).title);
    }
    expect(ciscoUmbrellaWebParser.parse(proxy).observables.domains).toEqual(['download.example.net']);
  });

  it('leaves DNS, IP, firewall, intrusion and audit lines to the main reader, whose domains are related hosts', () => {
    for (const raw of [dns, dnsMobile, ipLog, firewall, firewallBare, intrusion, audit])
      expect(ciscoUmbrellaWebParser.detect(raw)).toBe(false);
    expect(ciscoUmbrellaParser.domainsInRelatedHosts).not.toBe(false);
    expect(ciscoUmbrellaWebParser.detect('"2024-03-05 10:00:00","a","b","c"')).toBe(false);
  });
});
