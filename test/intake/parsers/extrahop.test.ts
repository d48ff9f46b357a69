// The ExtraHop RevealX parser on synthetic REST API records (detections, investigations): detection,
// indicators as Elastic's extrahop pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { extrahopParser } from '../../../src/intake/parsers/extrahop.js';
import { registryClaims } from './registry-claims.js';

const detection = {
  appliance_id: 3,
  assignee: 'kim.lee',
  categories: ['sec', 'sec.exfil'],
  create_time: 1714557500000,
  description: 'A device sent an unusual amount of data to an external endpoint.',
  id: 4242,
  mitre_tactics: [{ id: 'TA0010', name: 'Exfiltration', url: 'https://attack.mitre.org/tactics/TA0010' }],
  mitre_techniques: [],
  mod_time: 1714557600000,
  participants: [
    {
      endpoint: 'receiver',
      external: true,
      hostname: 'drop.example.net',
      id: 11,
      object_type: 'ipaddr',
      object_value: '203.0.113.9',
      role: 'offender',
      username: null,
    },
    {
      endpoint: 'sender',
      external: false,
      hostname: 'ws-omega',
      id: 12,
      object_type: 'device',
      object_value: '192.0.2.44',
      role: 'victim',
      username: 'pat.doe',
    },
    { id: 13, object_type: 'device', object_value: 'not-an-address', role: 'victim' },
  ],
  properties: { client_port: 50123, server_port: 443 },
  risk_score: 85,
  start_time: 1714557400000,
  status: 'new',
  title: 'Data Exfiltration',
  type: 'data_exfil',
  update_time: 1714557600000,
};

const investigation = {
  assessment: 'malicious',
  assignee: 'kim.lee',
  created_by: 'analyst@example.org',
  creation_time: 1714557000000,
  detections: [4242],
  id: 7,
  investigation_types: ['Threat Hunting'],
  is_user_created: true,
  last_interaction_by: 'sam.roe',
  last_interaction_time: 1714557600000,
  name: 'Exfiltration from ws-omega',
  status: 'open',
  update_time: 1714557600000,
};

describe('extrahopParser', () => {
  it('detects detections and investigations', () => {
    expect(extrahopParser.detect(detection)).toBe(true);
    expect(extrahopParser.detect(investigation)).toBe(true);
  });

  it('reads a detection: assignee and participant users, participant addresses and host names', () => {
    const a = extrahopParser.parse(detection);
    expect(a.format).toBe('extrahop.detection');
    expect(a.observables.users).toEqual(['kim.lee', 'pat.doe']);
    expect(a.observables.ips).toEqual(['203.0.113.9', '192.0.2.44']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['drop.example.net', 'ws-omega']);
    expect(a.title).toBe('Data Exfiltration');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.ruleId).toBe('data_exfil');
  });

  it('reads an investigation: the creator’s local part, then assignee, creator and last editor', () => {
    const a = extrahopParser.parse(investigation);
    expect(a.format).toBe('extrahop.investigation');
    expect(a.observables.users).toEqual(['analyst', 'kim.lee', 'analyst@example.org', 'sam.roe']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Exfiltration from ws-omega');
    expect(a.ruleId).toBe('Threat Hunting');
  });

  it('takes no user name from a creator without an `@`, and the text before the first `@` otherwise', () => {
    const apiCreated = extrahopParser.parse({
      ...investigation,
      created_by: 'api_key_7',
      last_interaction_by: null,
    });
    expect(apiCreated.observables.users).toEqual(['kim.lee', 'api_key_7']);
    const odd = extrahopParser.parse({ ...investigation, created_by: 'ana@corp@example.org' });
    expect(odd.observables.users).toEqual(['ana', 'kim.lee', 'ana@corp@example.org', 'sam.roe']);
  });

  it('skips participants without an address or host name, and values that are not addresses', () => {
    const a = extrahopParser.parse({
      ...detection,
      assignee: null,
      participants: [{ id: 1, object_type: 'device', object_value: 'device-0e83', username: null }],
    });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('does not claim other JSON objects or text lines', () => {
    expect(extrahopParser.detect({ id: 1, title: 'x', participants: [] })).toBe(false);
    expect(extrahopParser.detect({ id: 1, name: 'x' })).toBe(false);
    expect(extrahopParser.detect('<134>Jan  1 00:00:00 host app: hello 192.0.2.1')).toBe(false);
    expect(extrahopParser.detect(null)).toBe(false);
  });

  it('is the only specific parser that claims these samples', () => {
    expect(registryClaims(detection, extrahopParser.name).others).toEqual([]);
    expect(registryClaims(investigation, extrahopParser.name).others).toEqual([]);
  });
});
