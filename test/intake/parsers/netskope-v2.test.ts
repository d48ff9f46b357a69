// The Netskope v2 parser on synthetic flat export records: alerts (`alert: "yes"`) read as the alerts_v2
// pipeline reads them, everything else as events_v2, and that no other specific parser claims them.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { netskopeV2Parser } from '../../../src/intake/parsers/netskope-v2.js';
import { netskopeParser } from '../../../src/intake/parsers/netskope.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const dlpAlert = {
  _id: '0a1b2c3d4e5f60718293a4b5',
  access_method: 'Client',
  alert: 'yes',
  alert_name: 'Block card numbers',
  alert_type: 'dlp',
  app: 'ExampleDrive',
  domain: 'drive.example.com',
  dsthost: 'upload.example.com',
  dstip: '198.51.100.20',
  file_exposure: 'Private',
  hostname: 'LAPTOP-RAVEN',
  md5: '0123456789abcdef0123456789abcdef',
  owner: 'someone.else@example.org',
  policy: 'DLP outbound',
  severity: 'high',
  srcip: '192.0.2.10',
  timestamp: 1709528767,
  type: 'nspolicy',
  url: 'https://upload.example.com/put',
  user: 'raven@example.org',
  usergroup: 'Finance',
  userip: '10.20.30.40',
};

const pageEvent = {
  _id: '1a1b2c3d4e5f60718293a4b5',
  access_method: 'Client',
  activity: 'Browse',
  alert: 'no',
  app: 'ExampleMail',
  domain: 'mail.example.com',
  dstip: '198.51.100.30',
  hostname: 'WS-HERON',
  record_type: 'page',
  severity: 'unknown',
  srcip: '192.0.2.30',
  timestamp: 1709528800,
  type: 'connection',
  url: 'mail.example.com/inbox',
  user: 'heron@example.org',
  userip: '203.0.113.30',
};

const bareUserEvent = {
  _id: '2a1b2c3d4e5f60718293a4b5',
  timestamp: 1709528900,
  type: 'nspolicy',
  record_type: 'application',
  user: 'svc-backup',
  severity: 'unknown',
};

const samples = { dlpAlert, pageEvent, bareUserEvent };

describe('netskopeV2Parser', () => {
  it('reads an alert record as alerts_v2: the user address whole with the user group, no local part', () => {
    const a = netskopeV2Parser.parse(dlpAlert);
    expect(a.format).toBe('netskope.alerts_v2');
    expect(a.recognizedBy).toBe('parser:netskope.v2');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.10', '10.20.30.40']);
    expect(a.observables.users).toEqual(['raven@example.org', 'Finance']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('Block card numbers');
    expect(a.observedAt).toBe('2024-03-04T05:06:07.000Z');
  });

  it('reports the alert’s device as a host and its domains as domains, not the sharing level', () => {
    const a = netskopeV2Parser.parse(dlpAlert);
    expect(a.observables.hosts).toEqual(['LAPTOP-RAVEN']);
    expect(a.observables.domains).toEqual(['drive.example.com', 'upload.example.com']);
    expect(a.observables.hosts).not.toContain('Private');
  });

  it('reads any other record as events_v2: the e-mail local part and address as users, the URL’s host a domain', () => {
    const a = netskopeV2Parser.parse(pageEvent);
    expect(a.format).toBe('netskope.events_v2');
    expect(a.observables.ips).toEqual(['198.51.100.30', '192.0.2.30', '203.0.113.30']);
    expect(a.observables.users).toEqual(['heron', 'heron@example.org']);
    expect(a.observables.hosts).toEqual(['WS-HERON']);
    expect(a.observables.domains).toEqual(['mail.example.com']);
    expect(a.severity).toBe('info');
  });

  it('takes a user without an @ as the user name as written', () => {
    const a = netskopeV2Parser.parse(bareUserEvent);
    expect(a.observables.users).toEqual(['svc-backup']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a record given as JSON text through normalizeAlert', () => {
    const a = normalizeAlert(JSON.stringify(pageEvent), { parsers: [netskopeV2Parser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:netskope.v2');
  });

  it('does not claim the nested netskope shape or other flat JSON', () => {
    const nested = { netskope: { events: { event_type: 'page' } }, _id: 'x', timestamp: 1, type: 'page' };
    const noVendorKeys = { _id: 'x', timestamp: 1709528900, type: 'alert', user: 'someone' };
    const ecs = { source: { ip: '192.0.2.1' }, user: { name: 'kit' } };
    for (const raw of [nested, noVendorKeys, ecs, 'record_type=page', null, 7, []]) {
      expect(netskopeV2Parser.detect(raw)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(netskopeV2Parser.detect(sample), name).toBe(true);
      expect(netskopeParser.detect(sample), name).toBe(false);
      expect(registryClaims(sample, netskopeV2Parser.name), name).toEqual({
        first: netskopeV2Parser.name,
        others: [],
      });
    }
  });
});
