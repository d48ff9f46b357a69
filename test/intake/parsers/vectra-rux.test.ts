// The Vectra RUX parser on synthetic platform API records (audit, detection, entity scoring, lockdown):
// detection, the role of every indicator as Elastic's vectra_rux pipelines map them, and no double claims.
import { describe, expect, it } from 'vitest';
import { vectraRuxParser } from '../../../src/intake/parsers/vectra-rux.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  id: 901,
  user_id: 7,
  username: 'ops-admin',
  user_type: 'API_CLIENT',
  api_client_id: null,
  user_role: 'Security Analyst',
  version: '2024.1.0',
  source_ip: '198.51.100.23',
  event_timestamp: '2024-06-01T08:00:00Z',
  message: 'Group demo-group was updated',
  result_status: 'success',
  event_data: {},
  event_object: 'group',
  event_action: 'updated',
};

const auditEmail = {
  ...audit,
  id: 902,
  user_id: 4410,
  username: 'dana.lee@example.org',
  user_type: 'JWT',
  source_ip: '2001:db8::44',
  result_status: 'failure',
  event_object: 'session',
  event_action: 'login',
};

const detectionAccount = {
  id: 5101,
  category: 'lateral_movement',
  threat: 70,
  certainty: 60,
  triaged: false,
  detection_type: 'Suspicious Admin',
  d_type_vname: 'Suspicious Admin',
  detection_id: 311,
  detection_href: 'https://tenant.example.com/detections/311?detail_id=5101',
  entity_id: 42,
  type: 'account',
  entity_uid: 'O365:svc-backup@example.org',
  event_timestamp: '2024-06-01T09:00:00Z',
  mitre: ['T1078'],
  detail: {},
  severity: 7,
};

const detectionHost = {
  ...detectionAccount,
  id: 5102,
  detection_id: 312,
  d_type_vname: 'Hidden HTTPS Tunnel',
  detection_type: 'Hidden HTTPS Tunnel',
  category: 'command_and_control',
  entity_id: 977,
  type: 'host',
  entity_uid: 'build-agent-3',
  threat: 10,
  certainty: 20,
};

const entityHost = {
  id: 30,
  entity_id: 977,
  name: 'build-agent-3',
  type: 'host',
  is_prioritized: true,
  severity: 'High',
  urgency_reason: 'Prioritized because of an active command and control detection',
  urgency_score: 80,
  event_timestamp: '2024-06-01T10:00:00Z',
  active_detection_types: ['Hidden HTTPS Tunnel'],
  category: 'HOST SCORING',
  url: 'https://tenant.example.com/hosts/977',
};

const entityAccount = {
  ...entityHost,
  id: 31,
  entity_id: 42,
  name: 'O365:svc-backup@example.org',
  type: 'account',
  severity: 'Low',
  active_detection_types: ['Suspicious Admin'],
};

const lockHost = {
  id: 3,
  type: 'host',
  entity_id: 977,
  entity_name: 'build-agent-3',
  lock_event_timestamp: '2024-06-01T11:00:00Z',
  locked_by: 'soc-lead',
  certainty: 0,
  unlock_event_timestamp: '2024-06-02T11:00:00Z',
};

const lockAccount = {
  ...lockHost,
  id: 4,
  type: 'account',
  entity_id: 42,
  entity_name: 'O365:svc-backup@example.org',
};

const samples = {
  audit,
  auditEmail,
  detectionAccount,
  detectionHost,
  entityHost,
  entityAccount,
  lockHost,
  lockAccount,
};

describe('vectraRuxParser', () => {
  it('detects every supported Vectra record shape', () => {
    for (const [name, s] of Object.entries(samples)) expect(vectraRuxParser.detect(s), name).toBe(true);
  });

  it('reads an audit entry: the client address is the source, the login and the numeric user id are users', () => {
    const a = vectraRuxParser.parse(audit);
    expect(a.format).toBe('vectra_rux.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual(['ops-admin', '7']);
    expect(a.observedAt).toBe('2024-06-01T08:00:00.000Z');
    expect(a.ruleId).toBe('group.updated');
  });

  it('reduces an e-mail login to its local part, then lists the id and the whole address', () => {
    const a = vectraRuxParser.parse(auditEmail);
    expect(a.observables.srcIps).toEqual(['2001:db8::44']);
    expect(a.observables.users).toEqual(['dana.lee', '4410', 'dana.lee@example.org']);
    expect(a.severity).toBe('medium');
  });

  it('reports an account detection with the entity id as the user and the threat quadrant as severity', () => {
    const a = vectraRuxParser.parse(detectionAccount);
    expect(a.format).toBe('vectra_rux.detection_event');
    expect(a.observables.users).toEqual(['42']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('critical');
    expect(a.title).toContain('Suspicious Admin');
    expect(a.ruleId).toBe('Suspicious Admin');
  });

  it('reports a host detection with the entity id as the host', () => {
    const a = vectraRuxParser.parse(detectionHost);
    expect(a.observables.hosts).toEqual(['977']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('reads entity scoring events: host name then id, or account id then name', () => {
    const h = vectraRuxParser.parse(entityHost);
    expect(h.format).toBe('vectra_rux.entity_event');
    expect(h.observables.hosts).toEqual(['build-agent-3', '977']);
    expect(h.severity).toBe('high');
    const u = vectraRuxParser.parse(entityAccount);
    expect(u.observables.users).toEqual(['42', 'O365:svc-backup@example.org']);
    expect(u.observables.hosts).toEqual([]);
  });

  it('reads lockdown records: who locked it, and the locked host or account', () => {
    const h = vectraRuxParser.parse(lockHost);
    expect(h.format).toBe('vectra_rux.lockdown');
    expect(h.observables.users).toEqual(['soc-lead']);
    expect(h.observables.hosts).toEqual(['build-agent-3', '977']);
    const u = vectraRuxParser.parse(lockAccount);
    expect(u.observables.users).toEqual(['soc-lead', '42', 'O365:svc-backup@example.org']);
    expect(u.observedAt).toBe('2024-06-01T11:00:00.000Z');
  });

  it('does not claim other formats or malformed records', () => {
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'a@example.org' },
      displayMessage: 'x',
    };
    const falco = { rule: 'Terminal shell', output_fields: { 'user.name': 'root' }, priority: 'Notice' };
    for (const s of [
      okta,
      falco,
      '<13>Jun  1 08:00:00 host sshd[1]: hello',
      { ...audit, event_action: 5 },
      null,
    ]) {
      expect(vectraRuxParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, s] of Object.entries(samples)) {
      expect(registryClaims(s, vectraRuxParser.name).others, name).toEqual([]);
    }
  });
});
