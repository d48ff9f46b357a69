// The Island Enterprise Browser parser on synthetic audit and admin-action records (API and SIEM snake_case), devices,
// compromised credentials, users and bare SIEM routing records: detection, the indicators Elastic's island_browser
// pipelines keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { islandBrowserParser } from '../../../src/intake/parsers/island-browser.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  tenantId: 'demo-tenant',
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  timestamp: '2025-03-01T10:00:00.000Z',
  email: 'dana.lee@example.org',
  userId: 'idp|dana-0001',
  userName: 'Dana Lee',
  osUserName: 'dlee',
  type: 'Navigation',
  verdict: 'Blocked',
  clientEventId: 'c0ffee00-0000-4000-8000-000000000002',
  deviceId: 'dev-0001',
  machineId: 'mach-0001',
  machineName: 'ws-demo-01',
  sourceIp: '192.0.2.10',
  publicIp: '203.0.113.20',
  topLevelUrl: 'https://portal.example.net/login',
  ruleName: 'Block uploads',
};

const siemAudit = {
  tenant_id: 'demo-tenant',
  id: 'a1b2c3d4-0000-4000-8000-000000000003',
  timestamp: '2025-03-01T11:00:00.000Z',
  email: 'sam.new@example.org',
  user_name: 'Sam New',
  type: 'Navigation',
  verdict: 'Allowed',
  client_event_id: 'c0ffee00-0000-4000-8000-000000000004',
  device_id: 'dev-0002',
  source: 'BrowserAudit',
  source_ip: '2001:db8::10',
  public_ip: '0.0.0.0',
  machine_name: 'ws-demo-02',
};

const adminAction = {
  tenantId: 'demo-tenant',
  id: 'adm-0001',
  timestamp: '2025-03-01T12:00:00.000Z',
  actionType: 'Update',
  actionDomain: 'Policies',
  actionStatus: 'Applied',
  entityType: 'Rule',
  entityName: 'Block uploads',
  email: 'admin.one@example.org',
  userId: 'idp|admin-0001',
  sourceIp: '198.51.100.7',
};

const siemAdminAction = {
  tenant_id: 'demo-tenant',
  id: 'adm-0002',
  timestamp: '2025-03-01T12:30:00.000Z',
  email: 'API|Demo automation key',
  user_id: 'idp|admin-0002',
  entity_id: 'idp|dana-0001',
  entity_name: 'dana.lee@example.org',
  entity_type: 'User',
  action: 'Create',
  audit_type: 'AdminAction',
  source: 'AdminAction',
};

const siemRouting = { source: 'BrowserAudit' };

const user = {
  tenantId: 'demo-tenant',
  id: 'usr-0001',
  userId: 'idp|dana-0001',
  email: 'dana.lee@example.org',
  firstName: 'Dana',
  lastName: 'Lee',
  userStatus: 'Active',
  userType: 'User',
  updatedDate: '2025-03-01T09:00:00.000Z',
};

const device = {
  id: 'dev-0003',
  tenantId: 'demo-tenant',
  machineId: 'mach-0003',
  machineName: 'lt-demo-03',
  userName: 'Dana Lee',
  userId: 'idp|dana-0001',
  email: 'dana.lee@example.org',
  osUserName: 'DEMO\\dlee',
  islandPlatform: 'Browser',
  browserVersion: '1.70.0',
  lastSeen: '2025-03-01T08:00:00.000Z',
  status: 'Active',
  internalIpAddress: '192.0.2.33',
  externalIpAddress: '198.51.100.33',
  osDomain: '',
};

const multiNicDevice = {
  id: 'dev-0004',
  tenantId: 'demo-tenant',
  machineId: 'mach-0004',
  machineName: 'lt-demo-04',
  userName: 'Sam New',
  email: 'sam.new@example.org',
  status: 'BlockedSuspicious',
  lastSeen: '2025-03-01T08:30:00.000Z',
  internalIpAddress: '192.0.2.40 | Ethernet0/198.51.100.40 | Wi-Fi/2001:db8::40 | Bluetooth',
  externalIpAddress: '203.0.113.40',
};

const compromisedCredential = {
  id: 'cc-0001',
  tenantId: 'demo-tenant',
  breachSource: 'Demo breach dump',
  compromisedDate: '2025-02-20T00:00:00Z',
  createdDate: '2025-02-21T07:00:00Z',
  email: 'sam.new@example.org',
  impactedDomain: 'example.org',
  status: 'Unresolved',
  username: 'sam.new',
};

const samples = {
  audit,
  siemAudit,
  adminAction,
  siemAdminAction,
  siemRouting,
  device,
  multiNicDevice,
  compromisedCredential,
  user,
};

describe('islandBrowserParser', () => {
  it('detects every supported record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(islandBrowserParser.detect(sample), name).toBe(true);
    }
  });

  it('reports an audit record with its users, machines, addresses and site', () => {
    const a = islandBrowserParser.parse(audit);
    expect(a.format).toBe('island_browser.audit');
    expect(a.recognizedBy).toBe('parser:island_browser');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.20', '192.0.2.10']);
    expect(a.observables.users).toEqual(['Dana Lee', 'dana.lee@example.org', 'dlee', 'idp|dana-0001']);
    expect(a.observables.hosts).toEqual(['ws-demo-01', 'dev-0001', 'mach-0001']);
    expect(a.observables.domains).toEqual(['portal.example.net']);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-03-01T10:00:00.000Z');
    expect(a.ruleId).toBe('Block uploads');
    expect(islandBrowserParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads snake_case SIEM audit records and never reports the unspecified address', () => {
    const a = islandBrowserParser.parse(siemAudit);
    expect(a.format).toBe('island_browser.audit');
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.ips).toEqual(['2001:db8::10']);
    expect(a.observables.users).toEqual(['Sam New', 'sam.new@example.org']);
    expect(a.observables.hosts).toEqual(['ws-demo-02', 'dev-0002']);
    expect(a.severity).toBe('info');
  });

  it('reports an admin action with the admin e-mail, user id and source address', () => {
    const a = islandBrowserParser.parse(adminAction);
    expect(a.format).toBe('island_browser.admin_actions');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.users).toEqual(['admin.one@example.org', 'idp|admin-0001']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('Update');
  });

  it('reads a SIEM admin action by its `action` and keeps the API-key label out of the users', () => {
    const a = islandBrowserParser.parse(siemAdminAction);
    expect(a.format).toBe('island_browser.admin_actions');
    expect(a.observables.users).toEqual(['idp|admin-0002']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.emails).toEqual([]);
    expect(a.ruleId).toBe('Create');
    expect(a.title).toBe('Island admin action: Create User dana.lee@example.org by API|Demo automation key');
  });

  it('claims a bare SIEM routing record as a SIEM event without indicators', () => {
    const a = islandBrowserParser.parse(siemRouting);
    expect(a.format).toBe('island_browser.siem_event');
    expect(Object.values(a.observables).flat()).toEqual([]);
    expect(islandBrowserParser.detect({ source: 'Syslog' })).toBe(false);
    expect(islandBrowserParser.detect({ ...siemRouting, a: 1, b: 2, c: 3 })).toBe(false);
  });

  it('reports every internal address of a device with several adapters, and rates a blocked device medium', () => {
    const a = islandBrowserParser.parse(multiNicDevice);
    expect(a.format).toBe('island_browser.device');
    expect(a.observables.ips).toEqual(['203.0.113.40', '192.0.2.40', '198.51.100.40', '2001:db8::40']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.severity).toBe('medium');
  });

  it('reports a device with its user, machine names and both addresses as related addresses', () => {
    const a = islandBrowserParser.parse(device);
    expect(a.format).toBe('island_browser.device');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.33', '192.0.2.33']);
    expect(a.observables.users).toEqual(['Dana Lee', 'dana.lee@example.org', 'DEMO\\dlee', 'idp|dana-0001']);
    expect(a.observables.hosts).toEqual(['lt-demo-03', 'dev-0003', 'mach-0003']);
    expect(a.observedAt).toBe('2025-03-01T08:00:00.000Z');
  });

  it('rates an unresolved compromised credential high and reports its user and domain', () => {
    const a = islandBrowserParser.parse(compromisedCredential);
    expect(a.format).toBe('island_browser.compromised_credential');
    expect(a.observables.users).toEqual(['sam.new', 'sam.new@example.org']);
    expect(a.observables.domains).toEqual(['example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-02-21T07:00:00.000Z');
  });

  it("never copies a compromised credential's password or secret into the alert", () => {
    const leaked = { ...compromisedCredential, password: 'Hunter2-demo-secret', secret: 'demo-token-value' };
    expect(islandBrowserParser.detect(leaked)).toBe(true);
    const text = JSON.stringify(islandBrowserParser.parse(leaked));
    expect(text).not.toContain('Hunter2-demo-secret');
    expect(text).not.toContain('demo-token-value');
  });

  it('rates a resolved compromised credential low', () => {
    expect(islandBrowserParser.parse({ ...compromisedCredential, status: 'Resolved' }).severity).toBe('low');
  });

  it('reports a user record with the first name, e-mail and user id', () => {
    const a = islandBrowserParser.parse(user);
    expect(a.format).toBe('island_browser.user');
    expect(a.observables.users).toEqual(['Dana', 'dana.lee@example.org', 'idp|dana-0001']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2025-03-01T09:00:00.000Z');
  });

  it('claims no other JSON or text', () => {
    const noTenant = { ...audit, tenantId: undefined };
    const bare = { tenantId: 'demo-tenant', id: 'x' };
    const line = '<134>1 2025-03-01T10:00:00Z host app - - - {"tenantId":"demo"}';
    for (const raw of [noTenant, bare, line, null, 42, []]) {
      expect(islandBrowserParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, islandBrowserParser.name).others, name).toEqual([]);
    }
  });
});
