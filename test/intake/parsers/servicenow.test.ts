// The ServiceNow table-record parser on synthetic records (an incident, a change request, a CMDB server, a group
// membership, a flat export): detection, the users and addresses Elastic's servicenow event pipeline keeps, and that
// no other parser claims them.
import { describe, expect, it } from 'vitest';
import { servicenowParser } from '../../../src/intake/parsers/servicenow.js';
import { registryClaims } from './registry-claims.js';

const f = (display_value: string | null, value?: string) => ({
  display_value,
  value: value ?? display_value ?? '',
});

const incident = {
  table_name: 'incident',
  number: f('INC0012345'),
  short_description: f('Phishing e-mail reported by finance'),
  priority: f('1 - Critical', '1'),
  assigned_to: f('Nora Triage', 'a1b2c3'),
  caller_id: f('Ivan Reporter', 'd4e5f6'),
  caused_by: f(''),
  opened_by: f('Nora Triage', 'a1b2c3'),
  closed_by: f(''),
  sys_created_by: f('nora.triage'),
  sys_updated_by: f('system'),
  sys_created_on: f('2025-03-01 01:00:00', '2025-03-01 09:00:00'),
  sys_updated_on: f('2025-03-01 02:30:00', '2025-03-01 10:30:00'),
  sys_id: f('0123456789abcdef0123456789abcdef'),
  sla_due: { display_value: 'UNKNOWN', value: '' },
};

const changeRequest = {
  table_name: 'change_request',
  number: f('CHG0000777'),
  short_description: f('Rotate VPN gateway certificates'),
  requested_by: f('Olga Change', 'aa11'),
  opened_by: f('Olga Change', 'aa11'),
  sys_created_by: f('olga.change'),
  sys_updated_by: f('olga.change'),
  sys_updated_on: f('2025-03-02 04:00:00', '2025-03-02 12:00:00'),
  sys_id: f('fedcba9876543210fedcba9876543210'),
};

const server = {
  table_name: 'cmdb_ci_linux_server',
  name: f('db-node-07'),
  host_name: f('db-node-07'),
  ip_address: f('192.0.2.77'),
  managed_by: f('Pat Owner', 'bb22'),
  sys_created_by: f('discovery'),
  sys_updated_by: f('n/a'),
  sys_updated_on: f('2025-03-03 05:00:00', '2025-03-03 13:00:00'),
  sys_class_name: f('Linux Server', 'cmdb_ci_linux_server'),
};

const membership = {
  table_name: 'sys_user_grmember',
  user: f('Quinn Member', 'cc33'),
  group: f('Security Operations', 'dd44'),
  sys_created_by: f('admin'),
  sys_updated_by: f('admin'),
  sys_updated_on: f('2025-03-04 06:00:00', '2025-03-04 14:00:00'),
  sys_id: f('00112233445566778899aabbccddeeff'),
};

const flatExport = {
  table_name: 'sys_user',
  name: 'Rae Flat',
  email: 'rae.flat@example.org',
  sys_id: '99887766554433221100ffeeddccbbaa',
  sys_updated_on: '2025-03-05 07:00:00',
};

const samples = { incident, changeRequest, server, membership, flatExport };

describe('servicenowParser', () => {
  it('detects every record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(servicenowParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the assignee, opener, editors and the incident caller as users, in the pipeline order', () => {
    const a = servicenowParser.parse(incident);
    expect(a.format).toBe('servicenow.event');
    expect(a.recognizedBy).toBe('parser:servicenow');
    expect(a.observables.users).toEqual(['Nora Triage', 'nora.triage', 'system', 'Ivan Reporter']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('incident');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-03-01T10:30:00.000Z');
    expect(a.title).toBe('ServiceNow incident INC0012345: Phishing e-mail reported by finance');
  });

  it('reports a change requester first, as user.name, and rates a change info', () => {
    const a = servicenowParser.parse(changeRequest);
    expect(a.observables.users).toEqual(['Olga Change', 'olga.change']);
    expect(a.severity).toBe('info');
  });

  it('reports a CI address as a related address and drops placeholder users', () => {
    const a = servicenowParser.parse(server);
    expect(a.observables.ips).toEqual(['192.0.2.77']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['Pat Owner', 'db-node-07', 'discovery']);
  });

  it('reports the member of a group-membership record first', () => {
    const a = servicenowParser.parse(membership);
    expect(a.observables.users).toEqual(['Quinn Member', 'admin']);
  });

  it('reads a flat export (bare values) as the same record with display values, as Elastic’s pipeline does', () => {
    const a = servicenowParser.parse(flatExport);
    expect(a.observables.users).toEqual(['rae.flat@example.org', 'Rae Flat']);
    expect(a.observedAt).toBe('2025-03-05T07:00:00.000Z');
    const flatIncident = {
      table_name: 'incident',
      number: 'INC0012346',
      assigned_to: 'a1b2c3d4',
      sys_created_by: 'admin',
      sys_updated_by: 'system',
      sys_updated_on: '2025-03-01 10:30:00',
    };
    const b = servicenowParser.parse(flatIncident);
    expect(b.observables.users).toEqual(['a1b2c3d4', 'admin', 'system']);
    expect(b.title).toContain('INC0012346');
  });

  it('claims no other JSON or text', () => {
    const noSystemKey = { table_name: 'incident', number: f('INC1') };
    const badTable = { ...incident, table_name: 'Incident Table' };
    const line = '<134>1 2025-03-01T10:30:00Z host app - - - {"table_name":"incident"}';
    for (const raw of [noSystemKey, badTable, line, null, 42, []]) {
      expect(servicenowParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, servicenowParser.name).others, name).toEqual([]);
    }
  });
});
