// The Axonius parser on synthetic API records: alert findings (no indicators, as Elastic maps them) and
// system users (name, full name, e-mail and uuid as users), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { axoniusParser } from '../../../src/intake/parsers/axonius.js';
import { registryClaims } from './registry-claims.js';

const finding = {
  internal_axon_id: '0123456789abcdef0123456789abcdef',
  adapters: ['axonius_findings_adapter'],
  adapter_list_length: 1,
  asset_type: 'alert_findings',
  event: {
    data: {
      alert_config_id: 'cfg-0001',
      alert_id: '17',
      finding_asset_type: 'devices',
      finding_message: '',
      finding_name: 'Unmanaged devices found',
      finding_severity: 'high',
      id: 'f-0001',
      source: 'alert_rule',
      status: 'open',
      trigger_date: 'Tue, 05 Mar 2024 10:00:00 GMT',
    },
    plugin_name: 'axonius_findings_adapter',
  },
};

const systemUser = {
  role_id: 'role-0001',
  data_scope_id: 'scope-0001',
  allowed_scopes_impersonation: ['scope-0001'],
  first_name: 'carol',
  last_name: 'tester',
  email: 'carol.tester@example.org',
  user_name: 'carol.tester',
  uuid: 'uuid-carol-0001',
  role_name: 'Viewer',
  last_updated: 'Tue, 05 Mar 2024 11:00:00 GMT',
  last_login: 'Mon, 04 Mar 2024 09:00:00 GMT',
};

const device = {
  internal_axon_id: 'fedcba9876543210fedcba9876543210',
  adapters: ['lab_adapter'],
  asset_type: 'devices',
  owner: 'Erin Owner',
  event: {
    accurate_for_datetime: 'Wed, 06 Mar 2024 08:00:00 GMT',
    data: {
      fqdn: 'LAB-WS-07.corp.example',
      hostname: 'lab-ws-07',
      device_serial: 'SN-0007',
      asset_user_name: 'dave.analyst@example.org',
      last_used_users: ['frank@example.org'],
      cmdb_business_applications: [{ managed_by: 'Grace Manager' }],
      network_interfaces: [
        { ips: ['192.0.2.70', 'not-an-ip'], ips_v4: ['192.0.2.70'] },
        { ips_v4: ['0.0.0.0'] },
      ],
      firewall_rules: [{ target: '198.51.100.0/24' }],
      external_ip: '203.0.113.70',
    },
  },
};

/** A SaaS application account (identity stream), as the accounts API returns it: counts, domains, a contact. */
const account = {
  asset_type: 'accounts',
  internal_axon_id: 'a1b2c3d4e5f6',
  event: {
    accurate_for_datetime: 'Tue, 05 Mar 2024 09:15:00 GMT',
    data: {
      active_users: 120,
      admins: 3,
      application_name: 'Salesforce',
      application_and_account_name: 'salesforce/sales-prod',
      connection_label: 'sfdc-prod',
      domains: [{ name: 'sales.example.org' }],
      email: 'it-owner@example.org',
    },
  },
};

const samples = [finding, systemUser, device, account];

describe('axoniusParser', () => {
  it('detects alert findings, devices and system users', () => {
    for (const s of samples) expect(axoniusParser.detect(s)).toBe(true);
  });

  it('reports an alert finding by name, severity and trigger time, with no indicators', () => {
    const alert = axoniusParser.parse(finding);
    expect(alert.format).toBe('axonius.alert_finding');
    expect(alert.title).toBe('Axonius: Unmanaged devices found');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('reports a system user by user name, full name, e-mail and uuid', () => {
    const alert = axoniusParser.parse(systemUser);
    expect(alert.format).toBe('axonius.user');
    expect(alert.observables.users).toEqual([
      'carol.tester',
      'carol tester',
      'carol.tester@example.org',
      'uuid-carol-0001',
    ]);
    expect(alert.observables.ips).toEqual([]);
  });

  it('reports a device by its names, users and interface addresses, lifting fields out of event.data', () => {
    const alert = axoniusParser.parse(device);
    expect(alert.format).toBe('axonius.compute');
    expect(alert.observables.hosts).toEqual(['lab-ws-07.corp.example', 'SN-0007', 'lab-ws-07']);
    expect(alert.observables.users).toEqual([
      'dave.analyst',
      'Erin Owner',
      'dave.analyst@example.org',
      'Grace Manager',
      'frank@example.org',
    ]);
    expect(alert.observables.ips).toEqual(['203.0.113.70', '198.51.100.0', '192.0.2.70']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observedAt).toBe('2024-03-06T08:00:00.000Z');
  });

  it('reports an application account by its contact e-mail only, not its domains or its name', () => {
    const alert = axoniusParser.parse(account);
    expect(alert.format).toBe('axonius.identity');
    expect(alert.title).toBe('Axonius Salesforce account: salesforce/sales-prod');
    expect(alert.observables.users).toEqual(['it-owner@example.org']);
    expect(alert.observables.emails).toEqual(['it-owner@example.org']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observedAt).toBe('2024-03-05T09:15:00.000Z');
  });

  it('does not claim other asset records or another format', () => {
    expect(
      axoniusParser.detect({ asset_type: 'accounts', event: { data: { email: 'x@example.org' } } }),
    ).toBe(false);
    expect(axoniusParser.detect({ ...finding, asset_type: 'compute_images' })).toBe(false);
    expect(axoniusParser.detect({ user_name: 'dave', email: 'dave@example.org' })).toBe(false);
    expect(axoniusParser.detect('Mar  5 10:00:00 host sshd[1]: Accepted password for dave')).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, axoniusParser.name).others).toEqual([]);
  });
});
