// The Forcepoint Web Security parser on synthetic Log Export SIEM rows (default 17-column layout): detection,
// the role of every indicator as Elastic's forcepoint_web.logs pipeline maps it, and no double claims.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { forcepointWebParser } from '../../../src/intake/parsers/forcepoint-web.js';
import { registryClaims } from './registry-claims.js';

const row = (cells: string[]): string => cells.map((c) => `"${c}"`).join(',');

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

/** A plain GET by a user known by realm, from a named workstation. */
const browse = row([
  '03/04/2024',
  '09:15:42',
  'CORP\\ana.silva@corp-realm.example.proxy',
  'ws-ana-01',
  'Information Technology,Trusted Server Downloads',
  'Allowed',
  'Business Usage,None',
  'Office Workstations',
  'HTTPS://downloads.example.com/tools/setup.msi',
  '198.51.100.20',
  '203.0.113.80',
  '192.0.2.15',
  'None',
  'None',
  UA,
  '200',
  'Get',
]);

/** A CONNECT tunnel with the placeholders the export writes for missing values. */
const tunnel = row([
  '03/04/2024',
  '09:16:00',
  'anonymous',
  'Not available',
  'Reference Materials',
  'Allowed',
  'Business Usage',
  'Server Policy',
  'api.example.net:443/',
  '198.51.100.21',
  '203.0.113.81',
  'Not available',
  'None',
  'None',
  'Java/17.0.2',
  '200',
  'Connect',
]);

/** A blocked download with a threat name, by a `DOMAIN\name` user. */
const blockedThreat = row([
  '03/04/2024',
  '09:17:30',
  'CORP\\ben.okafor',
  'ws-ben-02',
  'Malicious Web Sites',
  'Blocked',
  'Security Risk',
  'Default Policy',
  'HTTP://bad.example.org/payload.exe',
  '198.51.100.22',
  '203.0.113.82',
  '192.0.2.16',
  'Malware',
  'Trojan.Generic.Test',
  UA,
  '403',
  'Get',
]);

/** A user written as `name@realm`, with an unspecified client address. */
const emailUser = row([
  '03/04/2024',
  '09:18:00',
  'chloe.martin@corp-realm.example.proxy',
  'None',
  'Search Engines and Portals',
  'Allowed',
  'Business Usage',
  'Office Workstations',
  'HTTPS://search.example.com/q',
  '198.51.100.23',
  '2001:db8::83',
  '0.0.0.0',
  'None',
  'None',
  UA,
  '200',
  'Post',
]);

const samples = [browse, tunnel, blockedThreat, emailUser];

describe('forcepointWebParser', () => {
  it('detects default-layout export rows and nothing else', () => {
    for (const s of samples) expect(forcepointWebParser.detect(s)).toBe(true);
    // The export's header row, a row with a column missing, another CSV row and a CEF line.
    const header = row([
      'Date',
      'Time',
      'User',
      'Workstation',
      'Category',
      'Action',
      'Risk Class',
      'Policy Name',
      'URL',
      'Connection IP',
      'Destination IP',
      'Source IP',
      'Threat Type',
      'Threat Name',
      'User Agent String',
      'HTTP Status Code',
      'HTTP Request Method',
    ]);
    expect(forcepointWebParser.detect(header)).toBe(false);
    expect(forcepointWebParser.detect(tunnel.replace(',"Connect"', ''))).toBe(false);
    expect(forcepointWebParser.detect('2024-03-04,09:15:42,192.0.2.1,203.0.113.1,allow')).toBe(false);
    expect(
      forcepointWebParser.detect(
        'CEF:0|Forcepoint|Security|8.5|transaction:permitted|Transaction permitted|1| act=permitted src=192.0.2.1 dst=203.0.113.1',
      ),
    ).toBe(false);
    expect(forcepointWebParser.detect({ message: browse })).toBe(false);
    expect(forcepointWebParser.detect(42)).toBe(false);
  });

  it('lists the destination, the client and the NAT address, and takes the user name between the domain and the realm', () => {
    const a = forcepointWebParser.parse(browse);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.ips).toEqual(['203.0.113.80', '192.0.2.15', '198.51.100.20']);
    expect(a.observables.users).toEqual(['ana.silva']);
    expect(a.observables.hosts).toEqual(['ws-ana-01']);
    expect(a.observables.domains).toEqual(['downloads.example.com']);
    expect(a.observables.urls).toEqual(['https://downloads.example.com/tools/setup.msi']);
    expect(a.observedAt).toBe('2024-04-03T09:15:42.000Z');
    expect(a.ruleId).toBe('Office Workstations');
    expect(a.severity).toBe('info');
    expect(a.format).toBe('forcepoint_web.logs');
    expect(a.recognizedBy).toBe('parser:forcepoint_web.logs');
  });

  it('drops the placeholder values and reads a CONNECT target as an https site', () => {
    const a = forcepointWebParser.parse(tunnel);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['203.0.113.81']);
    expect(a.observables.ips).toEqual(['203.0.113.81', '198.51.100.21']);
    expect(a.observables.users).toEqual(['anonymous']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['api.example.net']);
    expect(a.observables.urls).toEqual(['https://api.example.net:443/']);
    expect(a.title).toContain('CONNECT');
  });

  it('raises a blocked request with a threat to high and reads a DOMAIN\\name user as the name', () => {
    const a = forcepointWebParser.parse(blockedThreat);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('Trojan.Generic.Test');
    expect(a.observables.users).toEqual(['ben.okafor']);
    expect(a.observables.hosts).toEqual(['ws-ben-02']);
    expect(a.observables.domains).toEqual(['bad.example.org']);
    expect(a.observables.urls).toEqual(['http://bad.example.org/payload.exe']);
  });

  it('keeps the part before @ of a realm user, writes IPv6 canonically and never reports 0.0.0.0', () => {
    const a = forcepointWebParser.parse(emailUser);
    expect(a.observables.users).toEqual(['chloe.martin']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['2001:db8::83']);
    expect(a.observables.ips).toEqual(['2001:db8::83', '198.51.100.23']);
  });

  it('keeps the URL site out of related hosts, as Elastic does', () => {
    expect(forcepointWebParser.domainsInRelatedHosts).toBe(false);
    const a = normalizeAlert(browse, { parsers: [forcepointWebParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:forcepoint_web.logs');
  });

  it('is the only specific parser in the registry that claims these rows', () => {
    for (const s of samples) expect(registryClaims(s, forcepointWebParser.name).others).toEqual([]);
  });
});
