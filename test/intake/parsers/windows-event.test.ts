// The Windows event parser on synthetic Winlogbeat / Elastic Agent documents and flat shipper records:
// format per channel, the indicators Elastic's pipelines map per event id, and no double claims.
import { describe, expect, it } from 'vitest';
import { windowsEventParser } from '../../../src/intake/parsers/windows-event.js';
import { registryClaims } from './registry-claims.js';

const security = (
  eventId: string,
  eventData: Record<string, string>,
  extra: Record<string, unknown> = {},
) => ({
  '@timestamp': '2024-03-01T10:00:00.000Z',
  host: { name: 'ws-017.corp.example' },
  event: { code: eventId, provider: 'Microsoft-Windows-Security-Auditing' },
  winlog: {
    channel: 'Security',
    provider_name: 'Microsoft-Windows-Security-Auditing',
    event_id: eventId,
    computer_name: 'ws-017.corp.example',
    time_created: '2024-03-01T10:00:00.123Z',
    keywords: ['Audit Success'],
    event_data: eventData,
    ...extra,
  },
});

const sysmon = (eventId: string, eventData: Record<string, string>) => ({
  winlog: {
    channel: 'Microsoft-Windows-Sysmon/Operational',
    provider_name: 'Microsoft-Windows-Sysmon',
    event_id: eventId,
    computer_name: 'lab-host-3',
    time_created: '2024-03-01T11:00:00Z',
    user: { identifier: 'S-1-5-18' },
    event_data: eventData,
  },
});

const logon = security('4624', {
  SubjectUserName: 'LAB-DC$',
  SubjectDomainName: 'CORP',
  TargetUserName: 'alice.w@corp.example',
  TargetDomainName: 'CORP',
  LogonType: '3',
  IpAddress: '::ffff:198.51.100.23',
  IpPort: '51234',
  WorkstationName: 'KIOSK-9',
});
const failed = security('4625', {
  SubjectUserName: '-',
  TargetUserName: 'bob',
  IpAddress: '203.0.113.9',
  WorkstationName: 'ATTACKER-PC',
});
const userCreated = security('4720', {
  SubjectUserName: 'admin.carol',
  TargetUserName: 'svc-new',
  TargetDomainName: 'CORP',
});
const processCreated = security('4688', {
  SubjectUserName: 'dave',
  TargetUserName: '-',
  NewProcessName: 'C:\\Windows\\System32\\cmd.exe',
});
const groupAdd = security('4732', {
  SubjectUserName: 'admin.carol',
  MemberName: 'CN=Erin Example,OU=Staff,DC=corp,DC=example',
  TargetUserName: 'Administrators',
});
const connection = security('5156', {
  SourceAddress: '192.0.2.44',
  DestAddress: '203.0.113.80',
  SourcePort: '50000',
  DestPort: '443',
});
const reconnect = security('4778', {
  AccountName: 'frank',
  ClientAddress: '198.51.100.7',
  ClientName: 'HOME-PC',
});
const logCleared = security(
  '1102',
  {},
  { user_data: { SubjectUserName: 'grace', SubjectDomainName: 'CORP' } },
);
const unspecified = security('4624', { TargetUserName: 'heidi', IpAddress: '0.0.0.0' });

const dnsQuery = sysmon('22', {
  QueryName: 'portal.example.com',
  QueryStatus: '0',
  QueryResults: 'type:  5 edge.cdn.example.net;::ffff:192.0.2.200;2001:db8::5;',
  Image: 'C:\\Program Files\\Browser\\browser.exe',
});
const netConn = sysmon('3', {
  User: 'LAB\\ivan',
  SourceIp: '192.0.2.10',
  SourceHostname: 'lab-host-3.corp.example',
  DestinationIp: '198.51.100.99',
  DestinationHostname: 'updates.example.org',
  DestinationPort: '443',
});
const processStart = sysmon('1', {
  User: 'NT AUTHORITY\\SYSTEM',
  Image: 'C:\\Windows\\System32\\svchost.exe',
  RuleName: '-',
});

const psPipeline = {
  host: { name: 'ps-box' },
  winlog: {
    channel: 'Microsoft-Windows-PowerShell/Operational',
    provider_name: 'Microsoft-Windows-PowerShell',
    event_id: '4103',
    computer_name: 'ps-box',
    user: { identifier: 'S-1-5-21-1-2-3-1001', name: 'judy', domain: 'LAB' },
    event_data: {
      ContextInfo:
        '        Severity = Informational\n        Host Name = ConsoleHost\n        User = LAB\\judy\n        Connected User = \n',
      Payload: 'CommandInvocation(Get-Date): "Get-Date"',
    },
  },
};
const psScriptBlock = {
  host: { name: 'ps-box' },
  winlog: {
    channel: 'Microsoft-Windows-PowerShell/Operational',
    provider_name: 'Microsoft-Windows-PowerShell',
    event_id: 4104,
    computer_name: 'ps-box',
    user: { identifier: 'S-1-5-21-1-2-3-1001', name: 'judy', domain: 'LAB' },
    event_data: { ScriptBlockText: 'Write-Output 1', ScriptBlockId: 'abc' },
  },
};
const psClassic = {
  winlog: {
    channel: 'Windows PowerShell',
    provider_name: 'PowerShell',
    event_id: '800',
    computer_name: 'ps-box',
    event_data: { param2: '\tUserId=LAB\\kim\n\tHostName=ConsoleHost\n\tEngineVersion=5.1' },
  },
};
const otherChannel = {
  host: { name: 'app-srv' },
  winlog: {
    channel: 'Application',
    provider_name: 'Application Error',
    event_id: '1000',
    computer_name: 'app-srv',
    level: 'error',
  },
  message: 'Faulting application name: app.exe',
};

const nxlogFlat = {
  EventTime: '2024-03-01 12:00:00',
  Hostname: 'FILESRV01.corp.example',
  Keywords: 'Audit Failure',
  EventType: 'AUDIT_FAILURE',
  EventID: 4625,
  SourceName: 'Microsoft-Windows-Security-Auditing',
  Channel: 'Security',
  TargetUserName: 'mallory',
  IpAddress: '203.0.113.66',
  WorkstationName: 'UNKNOWN-HOST',
};
const sentinelFlat = {
  TimeGenerated: '2024-03-01T12:30:00Z',
  Computer: 'DC02.corp.example',
  EventID: 4624,
  Channel: 'Security',
  Activity: '4624 - An account was successfully logged on.',
  SubjectUserName: 'DC02$',
  TargetUserName: 'nina',
  IpAddress: '2001:db8::44',
};

const xmlLogon =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
  "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{00000000-0000-0000-0000-000000000001}'/>" +
  '<EventID>4625</EventID><Level>0</Level><Keywords>0x8010000000000000</Keywords>' +
  "<TimeCreated SystemTime='2024-03-02T08:15:00.5000000Z'/><Channel>Security</Channel>" +
  '<Computer>SRV-DB1.corp.example</Computer></System><EventData>' +
  "<Data Name='SubjectUserName'>-</Data><Data Name='TargetUserName'>oscar&amp;co</Data>" +
  "<Data Name='IpAddress'>198.51.100.150</Data><Data Name='WorkstationName'/></EventData></Event>";

const defenderDetection = {
  host: { name: 'ws-044.corp.example' },
  winlog: {
    channel: 'Microsoft-Windows-Windows Defender/Operational',
    provider_name: 'Microsoft-Windows-Windows Defender',
    event_id: '1116',
    level: 'Warning',
    event_data: {
      Detection_User: 'CORP\\pat',
      Sha256: 'a'.repeat(64),
      Path: 'file:_C:\\Users\\pat\\Downloads\\invoice.exe',
    },
  },
};
/** The same channel shipped without event data: the user is only in the rendered message. */
const defenderMessageOnly = {
  host: { name: 'ws-045' },
  message:
    'Microsoft Defender Antivirus scan has started.\r\n \tScan Type: Antimalware\r\n \tUser: NT AUTHORITY\\SYSTEM',
  winlog: { channel: 'Microsoft-Windows-Windows Defender/Operational', event_id: '1000', event_data: {} },
};

describe('windows event parser', () => {
  it('reads a 4624 logon: target user (before the @), subject machine account, source address', () => {
    expect(windowsEventParser.detect(logon)).toBe(true);
    const a = windowsEventParser.parse(logon);
    expect(a.format).toBe('system.security');
    expect(a.recognizedBy).toBe('parser:windows.event');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual(['alice.w', 'LAB-DC$']);
    expect(a.observables.hosts).toEqual(['ws-017.corp.example']);
    expect(a.observedAt).toBe('2024-03-01T10:00:00.123Z');
  });

  it('does not report the workstation name, which Elastic keeps in source.domain', () => {
    const a = windowsEventParser.parse(failed);
    expect(a.observables.hosts).toEqual(['ws-017.corp.example']);
    expect(a.observables.domains).toEqual([]);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.severity).toBe('medium');
  });

  it('reads account management events: the subject as the user and the target account as related', () => {
    expect(windowsEventParser.parse(userCreated).observables.users).toEqual(['admin.carol', 'svc-new']);
  });

  it('reads the account of a 4627 group membership and both accounts of a 4793 password policy check', () => {
    const membership = security('4627', {
      SubjectUserName: '-',
      TargetUserName: 'SRV-2$',
      TargetDomainName: 'CORP',
      LogonType: '3',
    });
    expect(windowsEventParser.parse(membership).observables.users).toEqual(['SRV-2$']);
    const policyCheck = security('4793', {
      SubjectUserName: 'SRV-2$',
      SubjectDomainName: 'CORP',
      TargetUserName: 'dana',
      Workstation: 'SRV-2',
    });
    expect(windowsEventParser.parse(policyCheck).observables.users).toEqual(['SRV-2$', 'dana']);
  });

  it('reads the subject of Certificate Services and Network Policy Server events as the user', () => {
    const revoked = security('4870', {
      CertificateSerialNumber: '130000000a1e268c',
      RevocationReason: '0',
      SubjectUserName: 'pki.admin',
      SubjectDomainName: 'CORP',
    });
    expect(windowsEventParser.parse(revoked).observables.users).toEqual(['pki.admin']);
    const backup = security('4876', {
      BackupType: '1',
      SubjectUserName: 'CA-01$',
      SubjectDomainName: 'CORP',
    });
    expect(windowsEventParser.parse(backup).observables.users).toEqual(['CA-01$']);
    // NPS writes the subject with its domain; Elastic keeps it whole.
    const granted = security('6272', { SubjectUserName: 'CORP\\jdoe', SubjectDomainName: 'CORP' });
    expect(windowsEventParser.parse(granted).observables.users).toEqual(['CORP\\jdoe']);
  });

  it('reads 4688 process creation without a placeholder target user', () => {
    expect(windowsEventParser.parse(processCreated).observables.users).toEqual(['dave']);
  });

  it('reads the member of a group change from its distinguished name', () => {
    expect(windowsEventParser.parse(groupAdd).observables.users).toEqual(['admin.carol', 'Erin Example']);
  });

  it('reads filtering platform connections: destination and source addresses', () => {
    const a = windowsEventParser.parse(connection);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['203.0.113.80', '192.0.2.44']);
  });

  it('reads session reconnects: the account and the client address', () => {
    const a = windowsEventParser.parse(reconnect);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
  });

  it('reads the user who cleared the audit log from user_data', () => {
    const a = windowsEventParser.parse(logCleared);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.severity).toBe('high');
  });

  it('never reports the unspecified address', () => {
    const a = windowsEventParser.parse(unspecified);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('reads Sysmon DNS queries: answers and the query name as domains, resolved addresses as related', () => {
    const a = windowsEventParser.parse(dnsQuery);
    expect(a.format).toBe('windows.sysmon_operational');
    expect(a.observables.domains).toEqual(['edge.cdn.example.net', 'portal.example.com']);
    expect(a.observables.ips).toEqual(['192.0.2.200', '2001:db8::5']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('reads Sysmon network connections: user without domain, source and destination', () => {
    const a = windowsEventParser.parse(netConn);
    expect(a.observables.users).toEqual(['ivan']);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.99']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads the Sysmon process user as the pipeline does, well-known names included', () => {
    expect(windowsEventParser.parse(processStart).observables.users).toEqual(['SYSTEM']);
  });

  it('reads the PowerShell 4103 user from ContextInfo, and no user for 4104', () => {
    const a = windowsEventParser.parse(psPipeline);
    expect(a.format).toBe('windows.powershell_operational');
    expect(a.observables.users).toEqual(['judy']);
    expect(a.observables.hosts).toEqual(['ps-box']);
    const b = windowsEventParser.parse(psScriptBlock);
    expect(b.observables.users).toEqual([]);
    expect(b.ruleId).toBe('Microsoft-Windows-PowerShell:4104');
  });

  it('reads the classic Windows PowerShell channel user from its parameter block', () => {
    const a = windowsEventParser.parse(psClassic);
    expect(a.format).toBe('windows.powershell');
    expect(a.observables.users).toEqual(['kim']);
  });

  it('reads a Defender detection: the user without its domain, the file hash, and high severity', () => {
    const a = windowsEventParser.parse(defenderDetection);
    expect(a.format).toBe('windows.windows_defender');
    expect(a.severity).toBe('high');
    expect(a.observables.users).toEqual(['pat']);
    expect(a.observables.hosts).toEqual(['ws-044.corp.example']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
  });

  it("takes a Defender event's user from its message when the event data is empty", () => {
    const a = windowsEventParser.parse(defenderMessageOnly);
    expect(a.observables.users).toEqual(['SYSTEM']);
    expect(a.severity).toBe('info');
  });

  it('reads other channels as forwarded events with the host only', () => {
    const a = windowsEventParser.parse(otherChannel);
    expect(a.format).toBe('windows.forwarded');
    expect(a.observables.hosts).toEqual(['app-srv']);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('Faulting application name');
  });

  it('reads an AppLocker event into its own data stream, with the account its System section names', () => {
    const applocker = {
      host: { name: 'ws-14.corp.example' },
      message: '%OSDRIVE%\\USERS\\JDOE\\TOOL.EXE was prevented from running.',
      winlog: {
        channel: 'Microsoft-Windows-AppLocker/EXE and DLL',
        provider_name: 'Microsoft-Windows-AppLocker',
        event_id: '8004',
        computer_name: 'ws-14.corp.example',
        user: { domain: 'CORP', identifier: 'S-1-5-21-1-2-3-1001', name: 'jdoe', type: 'User' },
        user_data: { PolicyName: 'EXE', FilePath: '%OSDRIVE%\\USERS\\JDOE\\TOOL.EXE' },
      },
    };
    const a = windowsEventParser.parse(applocker);
    expect(a.format).toBe('windows.applocker_exe_and_dll');
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.hosts).toEqual(['ws-14.corp.example']);
    const msi = {
      ...applocker,
      winlog: { ...applocker.winlog, channel: 'Microsoft-Windows-AppLocker/MSI and Script' },
    };
    expect(windowsEventParser.parse(msi).format).toBe('windows.applocker_msi_and_script');
    // The agent's resolved `user.name` is read too.
    const { user: _user, ...system } = applocker.winlog;
    expect(
      windowsEventParser.parse({ ...applocker, winlog: system, user: { name: 'asmith' } }).observables.users,
    ).toEqual(['asmith']);
  });

  it('reads the flat NXLog shape with the computer name as the host', () => {
    expect(windowsEventParser.detect(nxlogFlat)).toBe(true);
    const a = windowsEventParser.parse(nxlogFlat);
    expect(a.format).toBe('system.security');
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.hosts).toEqual(['FILESRV01.corp.example']);
  });

  it('reads the flat Sentinel SecurityEvent shape', () => {
    const a = windowsEventParser.parse(sentinelFlat);
    expect(a.observables.users).toEqual(['nina', 'DC02$']);
    expect(a.observables.srcIps).toEqual(['2001:db8::44']);
    expect(a.observables.hosts).toEqual(['DC02.corp.example']);
    expect(a.observedAt).toBe('2024-03-01T12:30:00.000Z');
  });

  it('reads the rendered XML event with its computer as the host', () => {
    expect(windowsEventParser.detect(xmlLogon)).toBe(true);
    const a = windowsEventParser.parse(xmlLogon);
    expect(a.format).toBe('system.security');
    expect(a.observables.users).toEqual(['oscar&co']);
    expect(a.observables.srcIps).toEqual(['198.51.100.150']);
    expect(a.observables.hosts).toEqual(['SRV-DB1.corp.example']);
    expect(a.observedAt).toBe('2024-03-02T08:15:00.500Z');
    expect(a.severity).toBe('medium');
  });

  it('does not claim Security-log events of other providers or datasets, nor other formats', () => {
    const sqlAudit = security('33205', { param1: 'audit' });
    sqlAudit.winlog.provider_name = 'MSSQLSERVER$AUDIT';
    expect(windowsEventParser.detect(sqlAudit)).toBe(false);
    expect(windowsEventParser.detect({ ...logon, data_stream: { dataset: 'other_vendor.audit' } })).toBe(
      false,
    );
    expect(windowsEventParser.detect('<34>Oct 11 22:14:15 host sshd[1]: Failed password for bob')).toBe(
      false,
    );
    expect(windowsEventParser.detect({ eventType: 'user.session.start', actor: { alternateId: 'x' } })).toBe(
      false,
    );
    expect(windowsEventParser.detect({ winlog: { channel: 'Security' } })).toBe(false);
    expect(windowsEventParser.detect(null)).toBe(false);
  });

  it('is the registry’s first choice for these samples, and no other specific parser claims them', () => {
    const samples = [
      logon,
      failed,
      userCreated,
      processCreated,
      groupAdd,
      connection,
      reconnect,
      logCleared,
      dnsQuery,
      netConn,
      processStart,
      psPipeline,
      psScriptBlock,
      psClassic,
      otherChannel,
      nxlogFlat,
      sentinelFlat,
      xmlLogon,
    ];
    for (const s of samples) {
      expect(windowsEventParser.detect(s)).toBe(true);
      expect(registryClaims(s, 'windows.event')).toEqual({ first: 'windows.event', others: [] });
    }
  });
});
