// The CyberArk PAS audit parser on synthetic elastic-json-v1.0 records: every wrapper shape, the roles
// Elastic's cyberarkpas pipeline gives each field per message code, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { cyberarkPasParser } from '../../../src/intake/parsers/cyberark-pas.js';
import { registryClaims } from './registry-claims.js';

/** An audit record with every common field present (empty unless set). */
function record(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    Rfc5424: 'yes',
    Vendor: 'Cyber-Ark',
    Product: 'Vault',
    Version: '12.1.0000',
    MessageID: '7',
    Desc: 'Logon',
    Severity: 'Info',
    Issuer: '',
    Action: 'Logon',
    SourceUser: '',
    TargetUser: '',
    Safe: '',
    File: '',
    Station: '',
    Location: '',
    Category: '',
    RequestId: '',
    Reason: '',
    ExtraDetails: '',
    Message: 'Logon',
    GatewayStation: '',
    ...fields,
  };
}

const envelope = (r: Record<string, unknown>): Record<string, unknown> => ({
  format: 'elastic',
  version: '1.0',
  syslog: { audit_record: r },
});

const logon = record({
  Issuer: 'vault-admin',
  Station: '192.0.2.10',
  GatewayStation: '198.51.100.5',
  IsoTimestamp: '2024-05-01T10:00:00Z',
  Hostname: 'VAULT-LAB',
});
const rfc5424Line = `<5>1 2024-05-01T10:00:00Z VAULT-LAB ${JSON.stringify(envelope(logon))}`;
const legacyLine = `May 01 10:00:00 VAULT-OLD ${JSON.stringify(envelope(record({ Issuer: 'ops-user', Station: '192.0.2.11' })))}`;
const bareJson = JSON.stringify(envelope(record({ Issuer: 'ops-user', Station: '192.0.2.12' })));
const objectForm = { ...envelope(record({ Issuer: 'api-user', Station: '192.0.2.13' })), raw: '<syslog/>' };

const psmConnect = JSON.stringify(
  envelope(
    record({
      MessageID: '300',
      Desc: 'PSM Connect',
      Issuer: 'alice',
      Station: '192.0.2.20',
      ExtraDetails: 'Command=ls \\;x;DstHost=203.0.113.30;Protocol=SSH;SrcHost=192.0.2.21;User=root;',
      Hostname: 'VAULT-LAB',
    }),
  ),
);

const cpmChange = JSON.stringify(
  envelope(
    record({
      MessageID: '57',
      Desc: 'CPM Change Password Failed',
      Severity: 'Error',
      Issuer: 'PasswordManager',
      Station: '192.0.2.30',
      CAProperties: {
        CAProperty: [
          { Name: 'Address', Value: 'db01.example.com' },
          { Name: 'UserName', Value: 'svc-db' },
        ],
      },
    }),
  ),
);

const retrieve = JSON.stringify(
  envelope(
    record({
      MessageID: '295',
      Desc: 'Retrieve password',
      Issuer: 'bob',
      Station: '192.0.2.40',
      CAProperties: { CAProperty: { Name: 'Address', Value: '203.0.113.41' } },
    }),
  ),
);

const gateway = JSON.stringify(
  envelope(record({ MessageID: '19', Desc: 'Full Gateway Connection', Issuer: 'carol', SourceUser: 'dave' })),
);
const addUser = JSON.stringify(
  envelope(record({ MessageID: '180', Desc: 'Add User', Issuer: 'erin', SourceUser: 'frank' })),
);

const samples = [
  rfc5424Line,
  legacyLine,
  bareJson,
  objectForm,
  psmConnect,
  cpmChange,
  retrieve,
  gateway,
  addUser,
];

describe('cyberarkPasParser', () => {
  it('detects every wrapper shape of the elastic JSON record', () => {
    for (const s of samples) expect(cyberarkPasParser.detect(s)).toBe(true);
  });

  it('maps a logon: station is the source, gateway station the destination, issuer the user', () => {
    const a = cyberarkPasParser.parse(rfc5424Line);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.5']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.5']);
    expect(a.observables.users).toEqual(['vault-admin']);
    expect(a.observables.hosts).toEqual(['VAULT-LAB']);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.ruleId).toBe('7');
  });

  it('takes the host from the legacy syslog header when the record has no Hostname', () => {
    const a = cyberarkPasParser.parse(legacyLine);
    expect(a.observables.hosts).toEqual(['VAULT-OLD']);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
  });

  it('reports no host for bare JSON and for the decoded object without Hostname', () => {
    expect(cyberarkPasParser.parse(bareJson).observables.hosts).toEqual([]);
    const o = cyberarkPasParser.parse(objectForm);
    expect(o.observables.hosts).toEqual([]);
    expect(o.observables.users).toEqual(['api-user']);
  });

  it('reads PSM sessions from ExtraDetails: source and destination hosts and the target account', () => {
    const a = cyberarkPasParser.parse(psmConnect);
    expect(a.observables.srcIps).toEqual(['192.0.2.21']);
    expect(a.observables.dstIps).toEqual(['203.0.113.30']);
    expect(a.observables.ips).toEqual(['192.0.2.21', '203.0.113.30', '192.0.2.20']);
    expect(a.observables.users).toEqual(['alice', 'root']);
  });

  it('reads CPM events from CAProperties: a named target is a domain, the account a user', () => {
    const a = cyberarkPasParser.parse(cpmChange);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.domains).toEqual(['db01.example.com']);
    expect(a.observables.users).toEqual(['PasswordManager', 'svc-db']);
    expect(a.severity).toBe('high');
    expect(cyberarkPasParser.domainsInRelatedHosts).toBe(false);
  });

  it('accepts a single CAProperty written as an object', () => {
    const a = cyberarkPasParser.parse(retrieve);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['203.0.113.41']);
    expect(a.observables.users).toEqual(['bob']);
  });

  it('maps a gateway connection to the source user first and the issuer as destination user', () => {
    expect(cyberarkPasParser.parse(gateway).observables.users).toEqual(['dave', 'carol']);
  });

  it('reports only the target of user administration, as Elastic does', () => {
    expect(cyberarkPasParser.parse(addUser).observables.users).toEqual(['frank']);
  });

  it('does not claim other formats', () => {
    expect(cyberarkPasParser.detect('<134>1 2024-05-01T10:00:00Z host app - - - {"format":"other"}')).toBe(
      false,
    );
    expect(cyberarkPasParser.detect({ format: 'elastic', version: '1.0' })).toBe(false);
    expect(cyberarkPasParser.detect('CEF:0|Cyber-Ark|Vault|12.1|7|Logon|5|suser=alice src=192.0.2.1')).toBe(
      false,
    );
    expect(cyberarkPasParser.detect(null)).toBe(false);
  });

  it('is the registry’s first choice for these samples, and no other specific parser claims them', () => {
    for (const s of samples) {
      expect(registryClaims(s, 'cyberarkpas.audit')).toEqual({ first: 'cyberarkpas.audit', others: [] });
    }
  });
});

describe('cyberarkPasParser on vault monitor records', () => {
  const monitorRecord = {
    Timestamp: 'May 01 10:05:00',
    IsoTimestamp: '2024-05-01T10:05:00Z',
    Hostname: 'VAULT-LAB',
    Vendor: 'Cyber-Ark',
    Product: 'VaultMonitor',
    Version: '14.0.0001',
    AverageExecutionTime: '9',
    TransactionCount: '120',
    CPUUsage: '12',
    MemoryUsage: '55',
    DriveFreeSpaceInGB: '30',
    DriveTotalSpaceInGB: '60',
    SyslogQueueSize: '0',
  };
  const monitor = { format: 'elastic', version: '1.0', syslog: { monitor_record: monitorRecord } };
  const monitorLine = JSON.stringify(monitor);
  const monitorLegacy = `May 01 10:05:00 VAULT-SYS ${JSON.stringify({
    ...monitor,
    syslog: { monitor_record: { ...monitorRecord, Hostname: '' } },
  })}`;

  it('detects the monitor record as an object, a JSON line and behind a syslog header', () => {
    for (const s of [monitor, monitorLine, monitorLegacy]) expect(cyberarkPasParser.detect(s)).toBe(true);
  });

  it('reports the monitored vault as the only host, with no addresses or users', () => {
    const a = cyberarkPasParser.parse(monitorLine);
    expect(a.format).toBe('cyberarkpas.monitor');
    expect(a.observables.hosts).toEqual(['VAULT-LAB']);
    expect([...a.observables.ips, ...a.observables.users]).toEqual([]);
    expect(a.observedAt).toBe('2024-05-01T10:05:00.000Z');
    expect(a.severity).toBe('info');
    expect(a.title).toContain('CPU % 12');
  });

  it('takes the monitor host from the syslog header when the record has none', () => {
    expect(cyberarkPasParser.parse(monitorLegacy).observables.hosts).toEqual(['VAULT-SYS']);
  });

  it('is the registry’s first choice for monitor records, and no other specific parser claims them', () => {
    for (const s of [monitor, monitorLine, monitorLegacy]) {
      expect(registryClaims(s, 'cyberarkpas.audit')).toEqual({ first: 'cyberarkpas.audit', others: [] });
    }
  });
});
