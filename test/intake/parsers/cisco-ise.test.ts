// The Cisco ISE parser on synthetic syslog lines of every category it maps (failed and passed
// authentications, RADIUS accounting, TACACS accounting, admin audit, guest, alarms, AD connector, continued
// segments): detection, each indicator's role as Elastic's cisco_ise pipelines map it, and no collisions.
import { describe, expect, it } from 'vitest';
import { ciscoIseParser } from '../../../src/intake/parsers/cisco-ise.js';
import { registryClaims } from './registry-claims.js';

const head = (category: string, seq = '0', total = '1', host = 'ise-lab-01'): string =>
  `<181>Mar  5 10:00:00 ${host} ${category} 0000012345 ${total} ${seq}`;
const TS = '2024-03-05 10:00:00.123 +00:00 0000054321';

const failedRadius = `${head('CISE_Failed_Attempts')} ${TS} 5400 NOTICE Failed-Attempt: Authentication failed, ConfigVersionId=12, Device IP Address=192.0.2.20, Device Port=50000, DestinationIPAddress=192.0.2.5, DestinationPort=1812, Protocol=Radius, NetworkDeviceName=switch-lab-7, User-Name=alice, NAS-IP-Address=192.0.2.21, Framed-IP-Address=198.51.100.77, Calling-Station-ID=00-00-5E-00-53-01, FailureReason=24408 User authentication against Active Directory failed, Step=11001, Step=5400,`;

const failedGuest = `${head('CISE_Failed_Attempts')} ${TS} 5418 NOTICE Guest: Guest Authentication Failed, ConfigVersionId=12, UserType=NON_GUEST, UserName=mallory, IpAddress=203.0.113.50, PortalName=lab-portal, Step=5418,`;

const passed = `${head('CISE_Passed_Authentications')} ${TS} 5200 NOTICE Passed-Authentication: Authentication succeeded, ConfigVersionId=12, Device IP Address=192.0.2.20, DestinationIPAddress=192.0.2.5, UserName=bob, User-Name=bob-radius, OriginalUserName=LAB\\bob, IpAddress=198.51.100.40, NAS-IP-Address=192.0.2.21, NetworkDeviceName=switch-lab-7, Step=11001,`;

const accounting = `${head('CISE_RADIUS_Accounting')} ${TS} 3000 NOTICE Radius-Accounting: RADIUS Accounting start request, ConfigVersionId=12, Device IP Address=192.0.2.30, RequestLatency=2, NetworkDeviceName=wlc-lab, User-Name=carol, NAS-IP-Address=192.0.2.31, Framed-IP-Address=198.51.100.90, Acct-Status-Type=Start,`;

const tacacs = `${head('CISE_TACACS_Accounting')} ${TS} 3300 NOTICE TACACS-Accounting: TACACS+ Accounting with Command, ConfigVersionId=12, Device IP Address=192.0.2.40, NetworkDeviceName=router-lab, Type=Accounting, Privilege-Level=15, Service=Login, User=dave, Port=tty2, Remote-Address=203.0.113.9, CmdSet=[ CmdAV=show running-config ],`;

const adminLogin = `${head('CISE_Administrative_and_Operational_Audit')} ${TS} 51001 NOTICE Administrator-Login: Administrator authentication succeeded, ConfigVersionId=12, AdminInterface=GUI, AdminIPAddress=198.51.100.8, AdminSession=a1b2c3, AdminName=erin@corp.example, OperationMessageText=Administrator authentication successful,`;

const adminConfig = `${head('CISE_Administrative_and_Operational_Audit')} ${TS} 52001 NOTICE Configuration-Changes: Changed configuration, ConfigVersionId=12, FailureFlag=false, RequestResponseType=Request, AdminInterface=GUI, AdminIPAddress=198.51.100.9, AdminName=frank, ConfigChangeData=Changed, ObjectType=Network Device, ObjectName=switch-lab-7, Component=NetworkDevice, ObjectInternalID=abc,`;

const alarm =
  '<178>Mar  5 10:00:00 ise-lab-01 CISE_Alarm WARN: Queue Link Error: Message=From ise-lab-01 To ise-lab-02; Cause=Timeout';

const adConnector = `${head('CISE_AD_Connector')} ${TS} 25012 INFO AD-Connector: Failed to resolve domain controller, AD-Domain=corp.example, AD-Hostname=dc-lab-01, AD-IP-Address=192.0.2.60, AD-Error-Details=Timeout\\, retrying,`;

const continued = `${head('CISE_Passed_Authentications', '1', '2')} NAS-IP-Address=192.0.2.21, UserName=grace, Step=11002,`;

const ipHeader = `${head('CISE_Failed_Attempts', '0', '1', '192.0.2.99')} ${TS} 5405 NOTICE Failed-Attempt: RADIUS Request dropped, Device IP Address=192.0.2.20, User-Name=heidi,`;

const bare = `CISE_Guest 0000012345 1 0 ${TS} 86009 INFO Guest: Guest user logged in, UserName=ivan, IpAddress=198.51.100.12, PortalName=lab-portal,`;

const isoHeader = `2024-03-05T10:00:00+00:00 ise-lab-02 CISE_MyDevices 0000012345 1 0 ${TS} 86100 INFO MyDevices: Device registered, UserName=judy, IpAddress=203.0.113.14,`;

const samples = [
  failedRadius,
  failedGuest,
  passed,
  accounting,
  tacacs,
  adminLogin,
  adminConfig,
  alarm,
  adConnector,
  continued,
  ipHeader,
  bare,
  isoHeader,
];

const parse = (raw: string) => ciscoIseParser.parse(raw);

describe('ciscoIseParser', () => {
  it('detects every Cisco ISE sample and names the format', () => {
    for (const raw of samples) {
      expect(ciscoIseParser.detect(raw)).toBe(true);
      const a = parse(raw);
      expect(a.format).toBe('cisco_ise.log');
      expect(a.recognizedBy).toBe('parser:cisco_ise');
    }
  });

  it('reads a failed RADIUS attempt: ISE as destination, device, NAS and framed addresses related, User-Name as user', () => {
    const a = parse(failedRadius);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['192.0.2.5']);
    expect(a.observables.ips).toEqual(['198.51.100.77', '192.0.2.21', '192.0.2.5', '192.0.2.20']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['ise-lab-01']);
    expect(a.title).toBe('Cisco ISE Failed Attempts: Failed-Attempt: Authentication failed');
    expect(a.ruleId).toBe('5400');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.123Z');
  });

  it('reads a failed guest login: IpAddress as the source', () => {
    const a = parse(failedGuest);
    expect(a.observables.srcIps).toEqual(['203.0.113.50']);
    expect(a.observables.ips).toEqual(['203.0.113.50']);
    expect(a.observables.users).toEqual(['mallory']);
  });

  it('reads a passed authentication: source first, UserName and OriginalUserName as users, not User-Name', () => {
    const a = parse(passed);
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.dstIps).toEqual(['192.0.2.5']);
    expect(a.observables.ips).toEqual(['198.51.100.40', '192.0.2.21', '192.0.2.5', '192.0.2.20']);
    expect(a.observables.users).toEqual(['bob', 'LAB\\bob']);
  });

  it('reads RADIUS accounting: device, NAS and framed addresses related only, User-Name as user', () => {
    const a = parse(accounting);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.30', '192.0.2.31', '198.51.100.90']);
    expect(a.observables.users).toEqual(['carol']);
  });

  it('reads TACACS accounting: Remote-Address as the destination, User as user', () => {
    const a = parse(tacacs);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '203.0.113.9']);
    expect(a.observables.users).toEqual(['dave']);
  });

  it('reads an admin login: the admin address related, an e-mail admin name as address and local part', () => {
    const a = parse(adminLogin);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.8']);
    expect(a.observables.users).toEqual(['erin@corp.example', 'erin']);
    expect(a.ruleId).toBe('51001');
  });

  it('reads an admin configuration change by its fixed layout', () => {
    const a = parse(adminConfig);
    expect(a.observables.ips).toEqual(['198.51.100.9']);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.observables.hosts).toEqual(['ise-lab-01']);
  });

  it('reads an alarm: the queue link ends as hosts, rated by its stated severity', () => {
    const a = parse(alarm);
    expect(a.observables.hosts).toEqual(['ise-lab-01', 'ise-lab-02']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Cisco ISE Alarm: Queue Link Error');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('CISE_Alarm');
  });

  it('reads an AD connector record: the domain controller as host and related address', () => {
    const a = parse(adConnector);
    expect(a.observables.hosts).toEqual(['ise-lab-01', 'dc-lab-01']);
    expect(a.observables.ips).toEqual(['192.0.2.60']);
    expect(a.severity).toBe('info');
  });

  it('reads a continued segment on its own: its pairs, with no time or code', () => {
    const a = parse(continued);
    expect(a.observables.ips).toEqual(['192.0.2.21']);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.title).toBe('Cisco ISE Passed Authentications (segment 2 of 2)');
    expect(a.observedAt).toBeNull();
    expect(a.ruleId).toBe('CISE_Passed_Authentications');
  });

  it('relates a header host that is an address first instead of naming a host', () => {
    const a = parse(ipHeader);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.99', '192.0.2.20']);
    expect(a.observables.users).toEqual(['heidi']);
  });

  it('reads lines without a syslog header and with an ISO time header', () => {
    const b = parse(bare);
    expect(b.observables.srcIps).toEqual(['198.51.100.12']);
    expect(b.observables.users).toEqual(['ivan']);
    expect(b.observables.hosts).toEqual([]);
    const i = parse(isoHeader);
    expect(i.observables.srcIps).toEqual(['203.0.113.14']);
    expect(i.observables.users).toEqual(['judy']);
    expect(i.observables.hosts).toEqual(['ise-lab-02']);
  });

  it('never emits 0.0.0.0 and stops reading pairs at a part without =, as Elastic kv does', () => {
    const raw = `${head('CISE_Failed_Attempts')} ${TS} 5400 NOTICE Failed-Attempt: Authentication failed, Device IP Address=0.0.0.0, UserName=kim, stray text, IpAddress=203.0.113.70,`;
    const a = parse(raw);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['kim']);
  });

  it('does not claim other formats', () => {
    const others = [
      '<166>Mar  5 10:00:00 asa-lab : %ASA-6-113004: AAA user authentication Successful : server = 192.0.2.5 : user = alice',
      'Mar  5 10:00:00 host-lab sshd[123]: Accepted password for alice from 192.0.2.9 port 50000 ssh2',
      '<181>Mar  5 10:00:00 acs-lab CSCOacs_Passed_Authentications 0000012345 1 0 2024-03-05 10:00:00.123 +00:00 1 5200 NOTICE x, UserName=a,',
      '{"category":"CISE_Failed_Attempts","UserName":"alice"}',
      { message: failedRadius },
      '',
    ];
    for (const raw of others) expect(ciscoIseParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of samples) expect(registryClaims(raw, 'cisco_ise').others).toEqual([]);
  });
});
