// Zscaler ZPA LSS parser on synthetic records of every log type it reads: detection, the role of each
// indicator as Elastic's zscaler_zpa pipelines assign it, and that no other parser claims these records.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { zscalerZiaParser } from '../../../src/intake/parsers/zscaler-zia.js';
import { zscalerZpaParser } from '../../../src/intake/parsers/zscaler-zpa.js';
import { registryClaims } from './registry-claims.js';

const userActivity = {
  LogTimestamp: 'Tue Mar  5 10:20:30 2024',
  Customer: 'Example Corp',
  SessionID: 'sess-0001',
  ConnectionID: 'conn-0001,conn-0002',
  InternalReason: '',
  ConnectionStatus: 'active',
  IPProtocol: 6,
  Username: 'alice@corp.example',
  ServicePort: 443,
  ClientPublicIP: '198.51.100.10',
  ClientPrivateIP: '192.0.2.10',
  ClientZEN: 'edge1.ams',
  Policy: 'Engineering Apps',
  Connector: 'CONNECTOR-A',
  ConnectorZEN: 'edge2.fra',
  ConnectorIP: '203.0.113.20',
  ConnectorPort: 40123,
  Host: '203.0.113.30',
  Application: 'Git',
  AppGroup: 'Engineering',
  Server: '0',
  ServerIP: '203.0.113.31',
  ServerPort: 443,
};

const userActivityByName = {
  ...userActivity,
  Username: 'Service Account',
  ClientPrivateIP: '',
  ConnectorIP: '',
  ServerIP: '',
  Host: 'git.corp.example',
  ClientZEN: 'edge1.ams',
  ConnectorZEN: 'EDGE-PRIVATE-7',
  ConnectionStatus: 'close',
  InternalReason: 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
};

const userStatus = {
  LogTimestamp: 'Wed Apr 10 08:00:00 2024',
  Customer: 'Example Corp',
  Username: 'bob@corp.example',
  SessionID: 'sess-0002',
  SessionStatus: 'ZPN_STATUS_AUTHENTICATED',
  Version: '24.1.0',
  ZEN: 'edge1.ams',
  CertificateCN: 'client.corp.example',
  PrivateIP: '192.0.2.40',
  PublicIP: '198.51.100.40',
  Hostname: 'LAPTOP-BOB',
  Platform: 'windows',
  ClientType: 'zpn_client_type_zapp',
};

const appConnectorStatus = {
  LogTimestamp: 'Thu May 16 12:00:00 2024',
  Customer: 'Example Corp',
  SessionID: 'sess-0003',
  SessionType: 'ZPN_ASSISTANT_BROKER_CONTROL',
  SessionStatus: 'ZPN_STATUS_AUTHENTICATED',
  Version: '24.2.1',
  Platform: 'el8',
  ZEN: 'edge2.fra',
  Connector: 'CONNECTOR-A',
  ConnectorGroup: 'DC-1',
  PrivateIP: '192.0.2.50',
  PublicIP: '198.51.100.50',
  DefRouteGW: '192.0.2.1',
  PrimaryDNSResolver: '192.0.2.53',
};

const browserAccess = {
  LogTimestamp: 'Fri Jun 14 09:30:00 2024',
  ConnectionID: 'conn-0004',
  Exporter: 'unset',
  TimestampRequestReceiveStart: '2024-06-14T09:29:59.100Z',
  Method: 'GET',
  Protocol: 'HTTPS',
  Host: 'wiki.corp.example',
  URL: '/index.html',
  UserAgent: 'Mozilla/5.0',
  ClientPublicIp: '198.51.100.60',
  ClientPrivateIp: '',
  ClientPublicPort: 50555,
  StatusCode: 200,
  Customer: 'Example Corp',
  NameID: 'carol@corp.example',
};

const auditSignIn = {
  ModifiedTime: '',
  CreationTime: '2024-07-01T10:00:00.000Z',
  ModifiedBy: 4200001,
  RequestID: '00000000-0000-0000-0000-000000000001',
  SessionID: 'admin-sess',
  AuditOldValue: '',
  AuditNewValue: '{"loginAttempt":"2024-07-01 10:00:00 UTC","remoteIP":"198.51.100.70, 203.0.113.71"}',
  AuditOperationType: 'Sign In',
  ObjectType: 'Authentication',
  ObjectName: 'login',
  ObjectID: 'obj-1',
  CustomerID: 'cust-1',
  User: 'admin@corp.example',
  ClientAuditUpdate: 1,
};

const auditServer = {
  ...auditSignIn,
  ModifiedTime: '2024-07-02T11:00:00.000Z',
  ModifiedBy: 'adm-42',
  AuditNewValue: '{"id":"1","name":"db-1","domainOrIpAddress":"203.0.113.80"}',
  AuditOperationType: 'Create',
  ObjectType: 'Server',
  ObjectName: 'db-1',
};

describe('zscalerZpaParser', () => {
  it('reads a user activity record: every address related only, the e-mail split, the ZENs as hosts', () => {
    expect(zscalerZpaParser.detect(userActivity)).toBe(true);
    const a = zscalerZpaParser.parse(userActivity);
    expect(a.format).toBe('zscaler_zpa.user_activity');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([
      '198.51.100.10',
      '203.0.113.30',
      '203.0.113.31',
      '192.0.2.10',
      '203.0.113.20',
    ]);
    expect(a.observables.users).toEqual(['alice', 'alice@corp.example']);
    expect(a.observables.emails).toEqual(['alice@corp.example']);
    expect(a.observables.hosts).toEqual(['edge1.ams', 'edge2.fra']);
    expect(a.observedAt).toBe('2024-03-05T10:20:30.000Z');
    expect(a.ruleId).toBe('Engineering Apps');
    expect(a.severity).toBe('info');
  });

  it('reads a user activity record whose application host is a name as a host, skipping empty addresses', () => {
    const a = zscalerZpaParser.parse(userActivityByName);
    expect(a.observables.ips).toEqual(['198.51.100.10']);
    expect(a.observables.users).toEqual(['Service Account']);
    expect(a.observables.hosts).toEqual(['git.corp.example', 'edge1.ams', 'EDGE-PRIVATE-7']);
  });

  it('reads a user status record: public and private addresses related, the device host name not an indicator', () => {
    const a = zscalerZpaParser.parse(userStatus);
    expect(a.format).toBe('zscaler_zpa.user_status');
    expect(a.observables.ips).toEqual(['198.51.100.40', '192.0.2.40']);
    expect(a.observables.users).toEqual(['bob', 'bob@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('ZPN_STATUS_AUTHENTICATED');
  });

  it('reads an App Connector status record: gateway, public, private and resolver addresses related', () => {
    const a = zscalerZpaParser.parse(appConnectorStatus);
    expect(a.format).toBe('zscaler_zpa.app_connector_status');
    expect(a.observables.ips).toEqual(['192.0.2.1', '198.51.100.50', '192.0.2.50', '192.0.2.53']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a browser access record: the client address related, the NameID one user as written, the application a domain and a URL', () => {
    const a = zscalerZpaParser.parse(browserAccess);
    expect(a.format).toBe('zscaler_zpa.browser_access');
    expect(a.observables.ips).toEqual(['198.51.100.60']);
    expect(a.observables.users).toEqual(['carol@corp.example']);
    expect(a.observables.emails).toEqual(['carol@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['wiki.corp.example']);
    expect(a.observables.urls).toEqual(['https://wiki.corp.example/index.html']);
    expect(zscalerZpaParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an audit sign-in: the administrator and the modifier id as users, each remote address related', () => {
    const a = zscalerZpaParser.parse(auditSignIn);
    expect(a.format).toBe('zscaler_zpa.audit');
    expect(a.observables.ips).toEqual(['198.51.100.70', '203.0.113.71']);
    expect(a.observables.users).toEqual(['admin@corp.example', '4200001']);
    expect(a.observedAt).toBe('2024-07-01T10:00:00.000Z');
    expect(a.ruleId).toBe('Sign In');
  });

  it('reports no modifier id past 2^53 written as a bare number, whose last digits were lost in parsing', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(auditSignIn).replace('4200001', '12345678901234567'));
    expect(zscalerZpaParser.parse(parsed).observables.users).toEqual(['admin@corp.example']);
  });

  it('reads an audit server change: the server address is related', () => {
    const a = zscalerZpaParser.parse(auditServer);
    expect(a.observables.ips).toEqual(['203.0.113.80']);
    expect(a.observables.users).toEqual(['admin@corp.example', 'adm-42']);
    expect(a.observedAt).toBe('2024-07-02T11:00:00.000Z');
  });

  it('reads a record given as JSON text through normalizeAlert', () => {
    const a = normalizeAlert(JSON.stringify(userActivity), { parsers: [zscalerZpaParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:zscaler_zpa');
    expect(a.observables.ips).toContain('203.0.113.20');
  });

  it('does not claim ZIA records or other formats', () => {
    const others: unknown[] = [
      {
        sourcetype: 'zscalernss-web',
        event: { cltip: '192.0.2.1', serverip: '203.0.113.1', url: 'a.example' },
      },
      { csip: '192.0.2.1', cdip: '203.0.113.1', csport: '1', time: 'Mon Mar 04 09:15:02 2024' },
      { ClientPublicIP: '192.0.2.1', Username: 'someone', ServerIP: '203.0.113.1' },
      { LogTimestamp: 'Tue Mar  5 10:20:30 2024', Username: 'someone' },
      { timestamp: '2024-01-01T00:00:00Z', event_type: 'alert', src_ip: '192.0.2.1', dest_ip: '192.0.2.2' },
      '<34>Oct 11 22:14:15 host1 sshd[1]: Failed password for root from 192.0.2.1 port 22 ssh2',
      42,
      null,
    ];
    for (const raw of others) expect(zscalerZpaParser.detect(raw)).toBe(false);
  });

  it('claims no sample that another specific parser (ZIA included) detects', () => {
    const samples = [
      userActivity,
      userActivityByName,
      userStatus,
      appConnectorStatus,
      browserAccess,
      auditSignIn,
      auditServer,
    ];
    for (const raw of samples) {
      expect(zscalerZpaParser.detect(raw)).toBe(true);
      expect(zscalerZiaParser.detect(raw)).toBe(false);
      expect(registryClaims(raw, 'zscaler_zpa').others).toEqual([]);
    }
  });
});
