// The Swimlane parser on synthetic audit records of every supported shape (the audit-log API's camelCase
// records and the Swimlane, Tenant and Turbine services' `LogType: Audit` records): detection, the acting user
// and the first client address as Elastic's swimlane pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { swimlaneParser } from '../../../src/intake/parsers/swimlane.js';
import { registryClaims } from './registry-claims.js';

const auditLog = {
  $type: 'Core.Models.ElasticAudit.AuditLogSchema, Core',
  accountId: 'acc-0001',
  tenantId: 'ten-0001',
  actionType: 'Update',
  authenticationType: 'JWT',
  category: 'Record',
  description: 'analyst@example.test updated report r-42',
  endpoint: '/app/app-1',
  eventOutcome: 'Success',
  eventTime: '2026-03-05T10:00:00.123Z',
  id: 'r-42',
  isAdmin: true,
  sourceIp: ['198.51.100.7'],
  user: 'analyst@example.test',
  userId: 'uid-0001',
  userAgent: 'Mozilla/5.0',
};

const serviceLog = {
  LogType: 'Audit',
  EventTime: '2026-03-05T11:00:00Z',
  TenantId: 'ten-0001',
  AccountId: 'acc-0001',
  User: 'operator@example.test',
  UserId: 'uid-0002',
  Category: 'Applications',
  Description: 'operator@example.test updated application app-2',
  ActionType: 'Update',
  SourceIp: '::ffff:203.0.113.9',
  EventOutcome: 'Success',
  Endpoint: '/api/app/app-2',
};

const tenantLog = {
  EventTime: '2026-03-05T12:00:00Z',
  User: 'operator@example.test',
  UserId: 'uid-0002',
  Category: 'Login',
  LogSource: 'Tenant Service',
  LogType: 'Audit',
  Description: 'Failed login attempt registered for the swimlane user operator@example.test',
  SourceIp: '192.0.2.44, 198.51.100.250',
  EndPoint: 'soar.example.test/api/users/login',
  ActionType: 'Login',
  EventOutcome: 'Failure',
};

const turbineLog = {
  level: 'info',
  host: 'turbine-api-pod-1',
  service: 'turbine-api',
  LogType: 'Audit',
  EventTime: '2026-03-05T13:00:00Z',
  User: 'builder@example.test',
  Category: 'Asset',
  Description: 'builder@example.test Created asset a-1',
  ActionType: 'Create',
  NewValue: '{"name":"lab"}',
  SourceIp: ['2001:db8::15'],
  EventOutcome: 'Success',
};

describe('swimlaneParser', () => {
  it('reads an audit-log API record: the user and the first source address, with no related address', () => {
    expect(swimlaneParser.detect(auditLog)).toBe(true);
    const alert = swimlaneParser.parse(auditLog);
    expect(alert.format).toBe('swimlane.audit_logs');
    expect(alert.observables.srcIps).toEqual(['198.51.100.7']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual(['analyst@example.test']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.title).toBe('analyst@example.test updated report r-42');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt).toBe('2026-03-05T10:00:00.123Z');
  });

  it('reads a Swimlane service record and unwraps an IPv4-mapped source address', () => {
    const alert = swimlaneParser.parse(serviceLog);
    expect(alert.format).toBe('swimlane.swimlane_api');
    expect(alert.observables.srcIps).toEqual(['203.0.113.9']);
    expect(alert.observables.users).toEqual(['operator@example.test']);
  });

  it('takes the first IPv4 of a Tenant service address list and reports the endpoint site as a domain', () => {
    const alert = swimlaneParser.parse(tenantLog);
    expect(alert.format).toBe('swimlane.tenant_api');
    expect(alert.observables.srcIps).toEqual(['192.0.2.44']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.domains).toEqual(['soar.example.test']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('medium');
    expect(swimlaneParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a Turbine record with an IPv6 source and does not take the pod name as a host', () => {
    const alert = swimlaneParser.parse(turbineLog);
    expect(alert.format).toBe('swimlane.turbine_api');
    expect(alert.observables.srcIps).toEqual(['2001:db8::15']);
    expect(alert.observables.users).toEqual(['builder@example.test']);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('does not claim records of other formats', () => {
    expect(swimlaneParser.detect({ LogType: 'Debug', EventTime: '2026-03-05T11:00:00Z' })).toBe(false);
    expect(swimlaneParser.detect({ eventTime: '2026-03-05T11:00:00Z', actionType: 'Update' })).toBe(false);
    expect(swimlaneParser.detect('Mar  5 10:00:00 host sshd[1]: Accepted password for bob')).toBe(false);
    expect(swimlaneParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [auditLog, serviceLog, tenantLog, turbineLog]) {
      expect(registryClaims(raw, 'swimlane').others).toEqual([]);
    }
  });
});
