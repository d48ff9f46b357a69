// The Microsoft Intune parser on synthetic Azure Monitor diagnostic records (AuditLogs with the Intune Actor
// layout, Devices inventory rows): detection, the indicators Elastic's microsoft_intune pipelines map, and
// that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { microsoftIntuneParser } from '../../../src/intake/parsers/microsoft-intune.js';
import { registryClaims } from './registry-claims.js';

const TENANT = '00000000-0000-0000-0000-00000000000b';

const auditDelete = {
  time: '2025-05-06T10:20:30.1234567Z',
  tenantId: TENANT,
  category: 'AuditLogs',
  operationName: 'Delete DeviceCompliancePolicy',
  properties: {
    ActivityDate: '5/6/2025 10:20:30 AM',
    ActivityResultStatus: 1,
    ActivityType: 1,
    Actor: {
      ActorType: 1,
      Application: 'app-0001',
      ApplicationName: 'Demo Intune console',
      IsDelegatedAdmin: false,
      Name: null,
      ObjectId: 'object-0001',
      PartnerTenantId: '00000000-0000-0000-0000-000000000000',
      UserPermissions: ['*'],
      UPN: 'morgan.admin@contoso.example',
    },
    AdditionalDetails: 'Key = DemoKeyValue = DemoValue\r\n',
    AuditEventId: 'event-0001',
    Category: 3,
    RelationId: null,
    TargetDisplayNames: ['Demo baseline'],
    TargetObjectIds: ['target-0001'],
    Targets: [
      { ModifiedProperties: [{ Name: 'Name', Old: null, New: 'Demo baseline' }], Name: 'Demo baseline' },
    ],
  },
  resultType: 'Success',
  resultDescription: 'None',
  correlationId: 'corr-0001',
  identity: 'morgan.admin@contoso.example',
};

const auditNamedFailure = {
  ...auditDelete,
  operationName: 'Wipe ManagedDevice',
  identity: 'riley.ops@contoso.example',
  resultType: 'Failure',
  properties: {
    ...auditDelete.properties,
    Actor: { ...auditDelete.properties.Actor, Name: 'Riley Ops', UPN: 'riley.ops@contoso.example' },
    TargetDisplayNames: ['<null>'],
  },
};

const device = {
  time: '2025-05-07T00:10:00.5000000Z',
  tenantId: TENANT,
  category: 'Devices',
  operationName: 'Devices',
  resultType: 'None',
  properties: {
    DeviceId: 'device-0001',
    DeviceName: 'DEMO-LAPTOP-01',
    UPN: 'sam.user@contoso.example',
    LastContact: '2025-05-06 12:00:00.1234567',
    OSVersion: '10.0.22631.1000',
    OS: 'Windows',
    CompliantState: 'Compliant',
    Ownership: 'Corporate',
    ManagedBy: 'Intune',
    Model: 'Demo Model',
    SerialNumber: 'SN-DEMO-1',
    Manufacturer: 'Demo Corp',
    CreatedDate: '2025-01-01 08:00:00.0000000',
    DeviceState: 'Managed',
    UserEmail: 'sam.user@contoso.example',
    UserName: 'Sam User',
    IMEI: '',
    PhoneNumber: '',
    WifiMacAddress: '00005E005301',
    StorageTotal: 1000,
    StorageFree: 500,
    JailBroken: 'Unknown',
    PrimaryUser: 'aaaaaaaa-1111-2222-3333-bbbbbbbbbbbb',
    IntuneAccountId: 'account-0001',
    AADTenantId: TENANT,
  },
};

const phone = {
  ...device,
  properties: {
    ...device.properties,
    DeviceName: 'demo-phone-02',
    OS: 'Android',
    CompliantState: 'Noncompliant',
    WifiMacAddress: '',
    UserName: '',
    UPN: 'alex.mobile@contoso.example',
    UserEmail: 'alex.mobile@contoso.example',
  },
};

const samples = { auditDelete, auditNamedFailure, device, phone };

const ecs = (raw: unknown) => {
  const o = microsoftIntuneParser.parse(raw).observables;
  return { src: o.srcIps, dst: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts, domains: o.domains };
};

describe('microsoftIntuneParser', () => {
  it('detects Intune audit records and managed-device rows', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(microsoftIntuneParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the audit identity and actor UPN as users and no address or host, as Elastic does', () => {
    const a = microsoftIntuneParser.parse(auditDelete);
    expect(a.format).toBe('microsoft_intune.audit');
    expect(a.recognizedBy).toBe('parser:microsoft_intune');
    expect(a.observedAt).toBe('2025-05-06T10:20:30.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Delete DeviceCompliancePolicy');
    expect(a.title).toBe(
      'Intune audit: Delete DeviceCompliancePolicy (Demo baseline) by morgan.admin@contoso.example',
    );
    expect(a.observables.emails).toEqual(['morgan.admin@contoso.example']);
    expect(ecs(auditDelete)).toEqual({
      src: [],
      dst: [],
      ips: [],
      users: ['morgan.admin@contoso.example'],
      hosts: [],
      domains: [],
    });
  });

  it('puts the actor name first (user.name) and raises a failed audit activity to low severity', () => {
    const a = microsoftIntuneParser.parse(auditNamedFailure);
    expect(a.observables.users).toEqual(['Riley Ops', 'riley.ops@contoso.example']);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Intune audit: Wipe ManagedDevice by riley.ops@contoso.example [Failure]');
  });

  it('falls back to the M/d/yyyy ActivityDate when the record has no time', () => {
    const { time: _time, ...noTime } = auditNamedFailure;
    expect(
      microsoftIntuneParser.parse({
        ...noTime,
        properties: { ...noTime.properties, ActivityDate: '5/6/2025 9:05:07 PM' },
      }).observedAt,
    ).toBe('2025-05-06T21:05:07.000Z');
  });

  it('reports the device name and raw Wi-Fi MAC as hosts and its users in pipeline order', () => {
    const a = microsoftIntuneParser.parse(device);
    expect(a.format).toBe('microsoft_intune.managed_device');
    expect(a.observedAt).toBe('2025-05-07T00:10:00.500Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Devices');
    expect(a.title).toBe('Intune managed device: DEMO-LAPTOP-01 (Windows) Compliant');
    expect(a.observables.emails).toEqual(['sam.user@contoso.example']);
    expect(ecs(device)).toEqual({
      src: [],
      dst: [],
      ips: [],
      users: ['Sam User', 'aaaaaaaa-1111-2222-3333-bbbbbbbbbbbb', 'sam.user@contoso.example'],
      hosts: ['DEMO-LAPTOP-01', '00005E005301'],
      domains: [],
    });
  });

  it('skips empty device fields and raises a noncompliant device to low severity', () => {
    const a = microsoftIntuneParser.parse(phone);
    expect(a.observables.hosts).toEqual(['demo-phone-02']);
    expect(a.observables.users).toEqual([
      'aaaaaaaa-1111-2222-3333-bbbbbbbbbbbb',
      'alex.mobile@contoso.example',
    ]);
    expect(a.severity).toBe('low');
  });

  it('reads a DeviceComplianceOrg row as a managed device: its name as host, the UPN and user name as users', () => {
    const compliance = {
      time: '2025-05-07T01:30:00.2500000Z',
      tenantId: TENANT,
      category: 'DeviceComplianceOrg',
      operationName: 'DeviceCompliance',
      resultType: 'None',
      properties: {
        DeviceId: 'device-0003',
        DeviceName: 'DEMO-DESK-03',
        ComplianceState: '2',
        ComplianceState_loc: 'Noncompliant',
        OS: 'Windows',
        UPN: 'kim.desk@contoso.example',
        UserEmail: 'kim.desk@contoso.example',
        UserId: 'cccccccc-4444-5555-6666-dddddddddddd',
        UserName: 'Kim Desk',
        IntuneAccountId: 'account-0001',
      },
    };
    expect(microsoftIntuneParser.detect(compliance)).toBe(true);
    const a = microsoftIntuneParser.parse(compliance);
    expect(a.format).toBe('microsoft_intune.managed_device');
    expect(a.title).toBe('Intune managed device: DEMO-DESK-03 (Windows) Noncompliant');
    expect(a.severity).toBe('low');
    expect(ecs(compliance)).toMatchObject({
      users: ['Kim Desk', 'kim.desk@contoso.example'],
      hosts: ['DEMO-DESK-03'],
    });
    expect(registryClaims(compliance, microsoftIntuneParser.name).others).toEqual([]);
  });

  it('reads a device row that carries only its id', () => {
    const bare = {
      time: '2025-05-07T00:10:00Z',
      category: 'Devices',
      operationName: 'Devices',
      properties: { DeviceId: 'd-1' },
    };
    expect(microsoftIntuneParser.detect(bare)).toBe(true);
    expect(ecs(bare)).toMatchObject({ users: [], hosts: [] });
  });

  it('does not claim Entra ID audit records, other categories or other formats', () => {
    const entra = {
      time: '2025-05-06T10:20:30Z',
      category: 'AuditLogs',
      operationName: 'Add member to role',
      callerIpAddress: '203.0.113.9',
      properties: {
        activityDisplayName: 'Add member to role',
        initiatedBy: { user: { userPrincipalName: 'robin.admin@contoso.example' } },
        targetResources: [],
      },
    };
    const signIn = { ...auditDelete, category: 'SignInLogs' };
    const noActor = { ...auditDelete, properties: { ...auditDelete.properties, Actor: null } };
    const otherDevices = { ...device, category: 'DeviceComplianceOrg', properties: { Foo: 'bar' } };
    const devicesWithoutIntuneKeys = { ...device, properties: { name: 'x' } };
    const line = '<134>1 2025-05-06T10:20:30Z host app - - - {"category":"AuditLogs"}';
    for (const raw of [entra, signIn, noActor, otherDevices, devicesWithoutIntuneKeys, line, null, 42, []]) {
      expect(microsoftIntuneParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser except the broader Entra ID audit parser, which it precedes', () => {
    // Entra ID's parser reads every `AuditLogs` record; the Intune parser must sit before it in the registry.
    for (const [name, sample] of Object.entries({ auditDelete, auditNamedFailure })) {
      expect(registryClaims(sample, microsoftIntuneParser.name).others, name).toEqual(['azure.entra_audit']);
    }
    for (const [name, sample] of Object.entries({ device, phone })) {
      expect(registryClaims(sample, microsoftIntuneParser.name).others, name).toEqual([]);
    }
  });
});
