// The SpyCloud parser on synthetic breach records, a Compass record and a breach catalog entry: detection,
// the indicators Elastic's spycloud pipelines keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { spycloudParser } from '../../../src/intake/parsers/spycloud.js';
import { registryClaims } from './registry-claims.js';

const infostealer = {
  document_id: '11111111-2222-4333-8444-555555555555',
  source_id: 40001,
  severity: 25,
  spycloud_publish_date: '2024-04-02T00:00:00Z',
  infected_time: '2024-03-30T08:15:00Z',
  infected_machine_id: 'MACHINE-DEMO-7',
  infected_path: 'C:\\Users\\dana\\AppData\\Local\\Temp\\stealer.exe',
  ip_addresses: ['203.0.113.77', '2001:db8:0:0:0:0:0:9', '0.0.0.0'],
  user_hostname: 'DANA-LAPTOP',
  user_os: 'Windows 11 Pro',
  user_sys_domain: 'corp.example',
  user_sys_registered_owner: 'Dana Lee',
  user_browser: 'Firefox',
  email: 'dana.lee@example.org',
  email_domain: 'example.org',
  email_username: 'dana.lee',
  username: 'dlee',
  full_name: 'Dana Lee',
  domain: 'example.org',
  target_url: 'https://portal.example.net/login',
  target_domain: 'example.net',
  target_subdomain: 'portal.example.net',
  password: 'x',
  password_type: 'plaintext',
  sighting: 3,
  log_id: 'abcdef0123456789',
};

const comboList = {
  email: 'sam.new@example.com',
  email_domain: 'example.com',
  email_username: 'sam.new',
  domain: 'example.com',
  password: '0123456789abcdef0123456789abcdef',
  password_type: 'md5',
  source_id: '38000',
  severity: 20,
  sighting: 1,
  spycloud_publish_date: '2023-06-01T00:00:00Z',
  record_modification_date: '2024-02-10T00:00:00Z',
  document_id: '66666666-7777-4888-9999-000000000000',
};

const compass = {
  document_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  source_id: 50001,
  severity: 25,
  spycloud_publish_date: '2024-05-01T00:00:00Z',
  ip_addresses: ['198.51.100.23'],
  user_hostname: 'KIOSK-3',
  user_os: 'Windows 10',
  email: 'kim.ops@example.org',
  email_domain: 'example.org',
  email_username: 'kim.ops',
  username: 'kops',
  backup_email: 'kim.backup@example.net',
  backup_email_username: 'kim.backup',
  postal_code: '00000',
  target_url: 'http://intranet.example.org/',
};

const catalog = {
  id: 51234,
  uuid: 'demo-uuid-1',
  title: 'Demo Forum Breach',
  short_title: 'Demo Forum',
  description: 'Forum credentials leaked on a paste site.',
  site: 'forum.example.com',
  num_records: 12000,
  breach_category: 'exfiltrated',
  acquisition_date: '2024-01-05',
  spycloud_publish_date: '2024-01-10',
  tlp: 'amber',
  assets: { email: 12000, password: 11000 },
};

const samples = { infostealer, comboList, compass, catalog };

describe('spycloudParser', () => {
  it('detects breach records, Compass records and breach catalog entries', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(spycloudParser.detect(sample), name).toBe(true);
    }
  });

  it('reports an infected machine’s addresses as related only, without the unspecified address', () => {
    const a = spycloudParser.parse(infostealer);
    expect(a.format).toBe('spycloud.breach_record');
    expect(a.recognizedBy).toBe('parser:spycloud');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.77', '2001:db8::9']);
  });

  it('reports the user name first, then the domains, e-mail user, full name and registered owner', () => {
    const a = spycloudParser.parse(infostealer);
    expect(a.observables.users).toEqual(['dlee', 'example.org', 'dana.lee', 'Dana Lee']);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
  });

  it('reports the machine name, OS and system domain as hosts and the target site as domains', () => {
    const a = spycloudParser.parse(infostealer);
    expect(a.observables.hosts).toEqual(['DANA-LAPTOP', 'Windows 11 Pro', 'corp.example']);
    expect(a.observables.domains).toEqual(['example.net', 'portal.example.net']);
    expect(a.observables.urls).toEqual(['https://portal.example.net/login']);
    expect(spycloudParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads SpyCloud’s severity codes, the source id as the rule and the publication date as the time', () => {
    const a = spycloudParser.parse(infostealer);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('40001');
    expect(a.observedAt).toBe('2024-04-02T00:00:00.000Z');
    expect(a.title).toBe(
      'SpyCloud breach record: credentials of dana.lee@example.org exposed for portal.example.net',
    );
  });

  it('reads a credential-only record: its modification date as the time and no host or address', () => {
    const a = spycloudParser.parse(comboList);
    expect(a.format).toBe('spycloud.breach_record');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('38000');
    expect(a.observedAt).toBe('2024-02-10T00:00:00.000Z');
    expect(a.observables.users).toEqual(['example.com', 'sam.new']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a record with Compass’s extra personal data as Compass, with the backup address’s user', () => {
    const a = spycloudParser.parse(compass);
    expect(a.format).toBe('spycloud.compass');
    expect(a.observables.users).toEqual(['kops', 'kim.backup', 'example.org', 'kim.ops']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.hosts).toEqual(['KIOSK-3', 'Windows 10']);
    expect(a.observables.domains).toEqual(['intranet.example.org']);
    expect(a.observables.emails).toEqual(['kim.ops@example.org', 'kim.backup@example.net']);
  });

  it('leaves the backup address’s user out of a breach record, as Elastic’s breach pipeline does', () => {
    const a = spycloudParser.parse({ ...comboList, backup_email_username: 'other.user' });
    expect(a.format).toBe('spycloud.breach_record');
    expect(a.observables.users).not.toContain('other.user');
  });

  it('reads a breach catalog entry as an info note with the breached site as its only indicator', () => {
    const a = spycloudParser.parse(catalog);
    expect(a.format).toBe('spycloud.breach_catalog');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('51234');
    expect(a.observedAt).toBe('2024-01-10T00:00:00.000Z');
    expect(a.title).toBe('SpyCloud breach catalog: Demo Forum Breach (forum.example.com)');
    expect(a.observables).toMatchObject({ srcIps: [], ips: [], users: [], hosts: [] });
    expect(a.observables.domains).toEqual(['forum.example.com']);
  });

  it('claims no other JSON or text', () => {
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'a@example.org' },
      displayMessage: 'x',
    };
    const noSeverity = { document_id: 'x', source_id: 1, spycloud_publish_date: '2024-01-01T00:00:00Z' };
    const noPublishDate = { document_id: 'x', source_id: 1, severity: 2, email: 'a@example.org' };
    const catalogLike = { id: 1, title: 'x', spycloud_publish_date: '2024-01-01', site: 'example.com' };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"document_id":"x"}';
    for (const raw of [okta, noSeverity, noPublishDate, catalogLike, line, null, 42, []]) {
      expect(spycloudParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, spycloudParser.name).others, name).toEqual([]);
    }
  });
});
