// The ESET PROTECT parser on synthetic ESET Connect detections and device tasks and syslog-export events:
// detection, the role of every indicator as Elastic's eset_protect pipelines map them, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { esetProtectParser } from '../../../src/intake/parsers/eset-protect.js';
import { registryClaims } from './registry-claims.js';

const SHA1 = 'AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12';
const DEVICE = '0b1c2d3e-4f50-4a61-8b72-c3d4e5f60718';

/** A network intrusion detection with both ends of the connection. */
const detection = {
  category: 'DETECTION_CATEGORY_NETWORK_INTRUSION',
  typeName: 'TCP port scanning attack',
  displayName: '',
  objectUrl: 'file:///C:/Users/jdoe/Downloads/report.xls',
  uuid: '11111111-2222-4333-8444-555555555555',
  severityLevel: 'SEVERITY_LEVEL_HIGH',
  responses: [{ deviceRestartRequired: false }],
  occurTime: '2024-05-02T08:15:30Z',
  objectTypeName: 'File',
  objectHashSha1: SHA1,
  networkCommunication: {
    protocolName: 'TCP',
    localIpAddress: '192.0.2.10',
    localPort: 445,
    remoteIpAddress: '198.51.100.20',
    remotePort: 51000,
    direction: 'NETWORK_COMMUNICATION_DIRECTION_INBOUND',
  },
  context: {
    process: { path: 'C:\\Windows\\System32\\svchost.exe' },
    deviceUuid: DEVICE,
    userName: 'LAB-PC-07\\jdoe',
    circumstances: 'Port scan from a remote host',
  },
};

/** An antivirus detection with only the remote address and a user without a domain. */
const avDetection = {
  category: 'DETECTION_CATEGORY_ANTIVIRUS',
  typeName: 'Trojan',
  objectUrl: 'C:\\Temp\\dropper.exe',
  uuid: '22222222-2222-4333-8444-555555555555',
  severityLevel: 'SEVERITY_LEVEL_MEDIUM',
  occurTime: '2024-05-03T09:00:00Z',
  objectTypeName: 'File',
  objectHashSha1: SHA1,
  networkCommunication: { protocolName: '0', remoteIpAddress: '2001:db8::20', remotePort: 443 },
  context: {
    process: { path: 'C:\\Temp\\loader.exe' },
    deviceUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    userName: 'kim.example',
    circumstances: 'Malware: Win32/Example.A',
  },
};

/** A detection as the API returns one with no network data: empty strings and zero ports. */
const scriptDetection = {
  category: 'DETECTION_CATEGORY_UNSPECIFIED',
  context: {
    circumstances: 'Malware: VBS/Example.B',
    deviceUuid: 'cccccccc-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    process: { path: '%SYSTEM%\\cscript.exe' },
    userName: 'WS-LAB-3\\NT Service Account',
  },
  displayName: '',
  networkCommunication: {
    direction: 'NETWORK_COMMUNICATION_DIRECTION_UNSPECIFIED',
    localIpAddress: '',
    localPort: 0,
    protocolName: '0',
    remoteIpAddress: '0.0.0.0',
    remotePort: 0,
  },
  objectHashSha1: SHA1,
  objectName: '',
  objectTypeName: 'File',
  objectUrl: 'script',
  occurTime: '2024-05-04T10:00:00Z',
  responses: [{ description: '', deviceRestartRequired: false, displayName: '', protectionName: '' }],
  severityLevel: 'SEVERITY_LEVEL_LOW',
  typeName: 'nil',
  uuid: '33333333-2222-4333-8444-555555555555',
};

/** A web access detection: the blocked URL's site is a domain, not a related host. */
const webDetection = {
  category: 'DETECTION_CATEGORY_WEB_ACCESS',
  typeName: 'Blocked URL',
  displayName: 'Phishing page blocked',
  objectUrl: 'https://login.example.net/verify?id=1',
  uuid: '44444444-2222-4333-8444-555555555555',
  severityLevel: 'SEVERITY_LEVEL_DIAGNOSTIC',
  occurTime: '2024-05-05T11:00:00Z',
  objectTypeName: 'URL',
  networkCommunication: { remoteIpAddress: '203.0.113.80', remotePort: 443 },
  context: { deviceUuid: DEVICE, userName: 'jdoe@corp.example' },
};

const deviceTask = {
  uuid: '55555555-2222-4333-8444-555555555555',
  action: {
    params: { scanTargets: ['eset://AllTargets'], '@type': 'type.googleapis.com/Example.OnDemandScan' },
    name: 'OnDemandScan',
  },
  targets: { devicesUuids: [DEVICE, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'] },
  displayName: 'Scan task - full system',
  triggers: [{ manual: { expireTime: '2024-06-01T00:00:00Z' } }],
  versionId: '12',
  description: 'Full scan of the lab machines',
};

const threatEvent = {
  event_type: 'Threat_Event',
  ipv4: '192.0.2.31',
  hostname: 'WS-LAB-31',
  group_name: 'All/Lab',
  os_name: 'Microsoft Windows 11 Pro',
  source_uuid: 'dddddddd-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '02-May-2024 08:15:30',
  severity: 'Warning',
  threat_type: 'Trojan',
  threat_name: 'Win32/Example.C',
  scanner_id: 'Real-time file system protection',
  object_type: 'file',
  object_uri: 'file:///C:/Users/operator/Downloads/invoice.exe',
  action_taken: 'Cleaned by deleting',
  threat_handled: true,
  username: 'WS-LAB-31\\operator',
  processname: 'C:\\Windows\\explorer.exe',
  circumstances: 'Event occurred on a newly created file.',
  hash: SHA1,
};

const firewallEvent = {
  event_type: 'FirewallAggregated_Event',
  ipv4: '192.0.2.40',
  hostname: 'Srv-Files-02.corp.example',
  source_uuid: 'eeeeeeee-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '03-May-2024 13:10:04',
  severity: 'Critical',
  event: 'Security vulnerability exploitation attempt',
  source_address: '2001:db8::40',
  source_address_type: 'IPv6',
  source_port: 54568,
  target_address: '198.51.100.41',
  target_address_type: 'IPv4',
  target_port: 445,
  protocol: 'TCP',
  account: 'NT AUTHORITY\\NETWORK SERVICE',
  process_name: 'C:\\Windows\\System32\\svchost.exe',
  inbound: true,
  threat_name: 'SMB/Exploit.Example',
  aggregate_count: 3,
};

const hipsEvent = {
  event_type: 'HipsAggregated_Event',
  ipv4: '192.0.2.50',
  hostname: 'ws-lab-50',
  source_uuid: 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '04-May-2024 11:53:21',
  severity: 'Warning',
  application: 'C:\\Tools\\runner.exe',
  operation: 'Attempt to run a suspicious object',
  target: 'C:\\Tools\\payload.exe',
  action: 'blocked',
  handled: true,
  rule_id: 'Suspicious attempt to launch an application',
  aggregate_count: 2,
};

const auditEvent = {
  event_type: 'Audit_Event',
  ipv4: '192.0.2.60',
  hostname: 'ESMC-Console',
  source_uuid: '99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '05-May-2024 09:42:00',
  severity: 'Information',
  domain: 'Native user',
  action: 'Login attempt',
  target: 'Administrator',
  detail: "Authenticating native user 'Administrator'.",
  user: '',
  result: 'Success',
};

const websiteEvent = {
  event_type: 'FilteredWebsites_Event',
  ipv4: '192.0.2.70',
  ipv6: '2001:db8::70',
  hostname: 'ws-lab-70',
  source_uuid: '88888888-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '06-May-2024 03:56:20',
  severity: 'Warning',
  event: 'An attempt to connect to URL',
  target_address: '203.0.113.71',
  target_address_type: 'IPv4',
  scanner_id: 'HTTP filter',
  action_taken: 'blocked',
  object_uri: 'https://bad.example.org/landing',
  hash: SHA1,
  username: 'WS-LAB-70\\dana',
  processname: 'C:\\Program Files\\Browser\\browser.exe',
  rule_id: 'Blocked by PUA blacklist',
};

const blockedFileEvent = {
  event_type: 'BlockedFiles_Event',
  ipv4: '0.0.0.0',
  ipv6: '',
  hostname: 'ws-lab-80',
  source_uuid: '77777777-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '07-May-2024 12:02:36',
  severity: 'Warning',
  processname: '',
  username: '',
  object_uri: 'file:///C:/Users/lee/AppData/Local/Temp/sample.bin',
  action: 'Blocked and cleaned',
  cause: 'Blocked by Administrator',
  hash: SHA1,
};

const inspectEvent = {
  event_type: 'EnterpriseInspectorAlert_Event',
  ipv4: '192.0.2.90',
  hostname: 'ws-lab-90',
  source_uuid: '66666666-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  occured: '08-May-2024 07:45:00',
  severity: 'Warning',
  processname: 'tool.exe',
  username: 'lee@corp.example',
  rulename: 'Suspicious PowerShell download',
  count: 4,
  eiconsolelink: 'http://inspect.corp.example/alarm/1',
  severity_score: '70',
};

/** The export as ESET PROTECT sends it over syslog: an RFC 5424 header, then the JSON record. */
const syslogThreat = `<13>1 2024-05-02T08:15:31.000Z esmc-server ERAServer 1234 - - ${JSON.stringify(threatEvent)}`;
/** The same behind a BSD header. */
const bsdFirewall = `May  3 13:10:05 esmc-server ERAServer[1234]: ${JSON.stringify(firewallEvent)}`;

/** A newer ESET Inspect alert, whose event type is not an `…_Event` name. */
const newInspectAlert = {
  event_type: 'ESET Inspect Alert',
  ipv4: '192.0.2.61',
  ipv6: '',
  hostname: 'ws-lab-61',
  source_uuid: DEVICE,
  occured: '03-Feb-2025 10:20:30',
  severity: 'Information',
  processname: '%SYSTEM%\\taskkill.exe',
  username: 'nt authority\\local service',
  rulename: 'Processes killed from the command line [X0001]',
  hash: SHA1,
};

/** The same alert as JSON text behind a UTF-8 byte-order mark, which the pipeline strips. */
const bomInspectAlert = `\uFEFF${JSON.stringify(newInspectAlert)}`;

/** A plain-text detection line. */
const plainDetection =
  'Detection type: Trojan Detection name: JS/Downloader.Example.A Computer name: ws-lab-62.example.test ' +
  'Logged user: LAB\\mkline Time of occurrence: 3/4/25, 9:05:07 AM UTC+1 Scanner: Real-time file system protection ' +
  'Action performed: Blocked';

/** A plain-text notification line naming a blocked web object. */
const plainNotification =
  'Threshold of detections reached. Open ESET PROTECT to see more details.  ws-lab-63.example.test ' +
  '3/4/25, 9:06:00 PM UTC+1 Suspicious application JS/Packed.Example.B File https://downloads.example.test/x.js';

/** A managed device with a local and a public address. */
const device = {
  uuid: DEVICE,
  displayName: 'LAB-WS-64',
  ownerUuid: '99999999-8888-4777-8666-555555555555',
  lastSyncTime: '2024-05-03T07:00:00Z',
  enrollmentStatus: 'DEVICE_ENROLLMENT_STATUS_ENROLLED',
  functionalityStatus: 'DEVICE_FUNCTIONALITY_STATUS_OK',
  deviceType: 'DEVICE_TYPE_DESKTOP',
  primaryLocalIpAddress: '192.0.2.64',
  publicIpAddress: '203.0.113.64',
  managementDomain: 'example.test',
};

/** An application vulnerability found on a device. */
const vulnerability = {
  deviceUuid: DEVICE,
  deviceGroupUuid: '77777777-6666-4555-8444-333333333333',
  availablePatchUuids: [],
  applicationVulnerability: {
    application: { displayName: 'Example Browser', uuid: '12121212-3434-4545-8656-787878787878' },
    cveNumber: 'CVE-2024-0001',
    firstDetectTime: '2024-05-01T08:00:00Z',
    lastDetectTime: '2024-05-02T09:00:00Z',
    severity: 'SEVERITY_LEVEL_HIGH',
  },
};

const samples = {
  device,
  vulnerability,
  newInspectAlert,
  bomInspectAlert,
  plainDetection,
  plainNotification,
  detection,
  avDetection,
  scriptDetection,
  webDetection,
  deviceTask,
  threatEvent,
  firewallEvent,
  hipsEvent,
  auditEvent,
  websiteEvent,
  blockedFileEvent,
  inspectEvent,
  syslogThreat,
  bsdFirewall,
  threatEventText: JSON.stringify(threatEvent),
};

describe('esetProtectParser', () => {
  it('detects every supported ESET PROTECT record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(esetProtectParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a detection: the local address as source, the remote one as destination, both related', () => {
    const a = esetProtectParser.parse(detection);
    expect(a.format).toBe('eset_protect.detection');
    expect(a.recognizedBy).toBe('parser:eset_protect');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
  });

  it('takes the detection user without its domain and the device UUID as the host', () => {
    const a = esetProtectParser.parse(detection);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.hosts).toEqual([DEVICE]);
    expect(esetProtectParser.parse(avDetection).observables.users).toEqual(['kim.example']);
    expect(esetProtectParser.parse(webDetection).observables.users).toEqual(['jdoe']);
  });

  it('keeps a domain account whose name has a space whole, as Elastic’s grok does', () => {
    expect(esetProtectParser.parse(scriptDetection).observables.users).toEqual([
      'WS-LAB-3\\NT Service Account',
    ]);
  });

  it('reports the detection title, severity, time, category and object hash', () => {
    const a = esetProtectParser.parse(detection);
    expect(a.title).toBe('TCP port scanning attack: Port scan from a remote host');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-02T08:15:30.000Z');
    expect(a.ruleId).toBe('DETECTION_CATEGORY_NETWORK_INTRUSION');
    expect(a.observables.hashes).toEqual([SHA1.toLowerCase()]);
    expect(esetProtectParser.parse(webDetection).severity).toBe('info');
    expect(esetProtectParser.parse(scriptDetection).title).toBe(
      'ESET unspecified detection: Malware: VBS/Example.B',
    );
  });

  it('reads a detection with only a remote address as a destination', () => {
    const a = esetProtectParser.parse(avDetection);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['2001:db8::20']);
  });

  it('reports no address for empty or unspecified detection addresses', () => {
    const a = esetProtectParser.parse(scriptDetection);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('reports a blocked URL’s site as a domain, kept out of related hosts', () => {
    const a = esetProtectParser.parse(webDetection);
    expect(a.observables.domains).toEqual(['login.example.net']);
    expect(a.observables.urls).toEqual(['https://login.example.net/verify?id=1']);
    expect(a.observables.hosts).toEqual([DEVICE]);
    expect(esetProtectParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a device task: its target devices as hosts, its action as the rule', () => {
    const a = esetProtectParser.parse(deviceTask);
    expect(a.format).toBe('eset_protect.device_task');
    expect(a.observables.hosts).toEqual([DEVICE, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('Scan task - full system');
    expect(a.ruleId).toBe('OnDemandScan');
    expect(a.severity).toBe('info');
  });

  it('reads a threat event: the endpoint address related, the user without its domain, the hash', () => {
    const a = esetProtectParser.parse(threatEvent);
    expect(a.format).toBe('eset_protect.event');
    expect(a.observables.ips).toEqual(['192.0.2.31']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['operator']);
    expect(a.observables.hashes).toEqual([SHA1.toLowerCase()]);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-05-02T08:15:30.000Z');
    expect(a.ruleId).toBe('Threat_Event');
    expect(a.title).toBe('Trojan Win32/Example.C on WS-LAB-31');
  });

  it('names the export host lower-cased and as written, then the source UUID', () => {
    const a = esetProtectParser.parse(threatEvent);
    expect(a.observables.hosts).toEqual(['ws-lab-31', 'dddddddd-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
  });

  it('names an FQDN export host whole and by its first label', () => {
    const a = esetProtectParser.parse(firewallEvent);
    expect(a.observables.hosts).toEqual([
      'srv-files-02.corp.example',
      'Srv-Files-02',
      'eeeeeeee-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    ]);
  });

  it('reads a firewall event: source and target addresses after the endpoint address, the account whole', () => {
    const a = esetProtectParser.parse(firewallEvent);
    expect(a.observables.srcIps).toEqual(['2001:db8::40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.41']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '2001:db8::40', '198.51.100.41']);
    expect(a.observables.users).toEqual(['NT AUTHORITY\\NETWORK SERVICE']);
    expect(a.severity).toBe('critical');
    expect(a.title).toBe(
      'Security vulnerability exploitation attempt (SMB/Exploit.Example) on Srv-Files-02.corp.example',
    );
  });

  it('reads a HIPS event: the rule, the operation as title, no user', () => {
    const a = esetProtectParser.parse(hipsEvent);
    expect(a.ruleId).toBe('Suspicious attempt to launch an application');
    expect(a.title).toBe('Attempt to run a suspicious object on ws-lab-50');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.50']);
  });

  it('reads an audit event as informational, its audited target not taken as a user', () => {
    const a = esetProtectParser.parse(auditEvent);
    expect(a.severity).toBe('info');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['esmc-console', '99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
    expect(a.title).toBe("Authenticating native user 'Administrator'. on ESMC-Console");
  });

  it('reads a filtered website event: both endpoint addresses, the target, the site as a domain', () => {
    const a = esetProtectParser.parse(websiteEvent);
    expect(a.observables.ips).toEqual(['192.0.2.70', '2001:db8::70', '203.0.113.71']);
    expect(a.observables.dstIps).toEqual(['203.0.113.71']);
    expect(a.observables.users).toEqual(['dana']);
    expect(a.observables.domains).toEqual(['bad.example.org']);
    expect(a.observables.hosts).toEqual(['ws-lab-70', '88888888-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
  });

  it('never reports an unspecified endpoint address or an empty user', () => {
    const a = esetProtectParser.parse(blockedFileEvent);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hashes).toEqual([SHA1.toLowerCase()]);
  });

  it('reads an ESET Inspect alert: its rule name, score and e-mail style user', () => {
    const a = esetProtectParser.parse(inspectEvent);
    expect(a.ruleId).toBe('Suspicious PowerShell download');
    expect(a.severity).toBe('medium');
    expect(a.observables.users).toEqual(['lee']);
    const scored = esetProtectParser.parse({ ...inspectEvent, severity: undefined });
    expect(scored.severity).toBe('high');
  });

  it('reads an ESET Inspect Alert event type: the endpoint address, the account whole, name and UUID hosts', () => {
    const a = esetProtectParser.parse(newInspectAlert);
    expect(a.observables.ips).toEqual(['192.0.2.61']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['nt authority\\local service']);
    expect(a.observables.hosts).toEqual(['ws-lab-61', DEVICE]);
    expect(a.ruleId).toBe('Processes killed from the command line [X0001]');
    expect(a.observedAt).toBe('2025-02-03T10:20:30.000Z');
  });

  it('reads a device: its name then its UUID as hosts, both addresses related, the owner not a user', () => {
    const a = esetProtectParser.parse(device);
    expect(a.observables.hosts).toEqual(['LAB-WS-64', DEVICE]);
    expect(a.observables.ips).toEqual(['192.0.2.64', '203.0.113.64']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('reads a device vulnerability: the device UUID as the host, the CVE as the rule', () => {
    const a = esetProtectParser.parse(vulnerability);
    expect(a.observables.hosts).toEqual([DEVICE]);
    expect(a.ruleId).toBe('CVE-2024-0001');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-02T09:00:00.000Z');
  });

  it('strips a UTF-8 byte-order mark before the JSON export record', () => {
    expect(esetProtectParser.detect(bomInspectAlert)).toBe(true);
    expect(esetProtectParser.parse(bomInspectAlert).observables).toEqual(
      esetProtectParser.parse(newInspectAlert).observables,
    );
  });

  it('reads a plain-text detection: the FQDN and its first label as hosts, the user without its domain', () => {
    const a = esetProtectParser.parse(plainDetection);
    expect(a.observables.hosts).toEqual(['ws-lab-62.example.test', 'ws-lab-62']);
    expect(a.observables.users).toEqual(['mkline']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toContain('JS/Downloader.Example.A');
  });

  it('reads a plain-text notification: its host, and the object’s site as a domain', () => {
    const a = esetProtectParser.parse(plainNotification);
    expect(a.observables.hosts).toEqual(['ws-lab-63.example.test', 'ws-lab-63']);
    expect(a.observables.domains).toEqual(['downloads.example.test']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an export record behind a syslog header or as JSON text like the bare record', () => {
    const bare = esetProtectParser.parse(threatEvent).observables;
    expect(esetProtectParser.parse(syslogThreat).observables).toEqual(bare);
    expect(esetProtectParser.parse(JSON.stringify(threatEvent)).observables).toEqual(bare);
    expect(esetProtectParser.parse(bsdFirewall).observables).toEqual(
      esetProtectParser.parse(firewallEvent).observables,
    );
  });

  it('does not claim other formats', () => {
    const sophos = { type: 'Event::Endpoint::Threat::Detected', customer_id: 'x', name: 'x' };
    const otherEventType = { ...threatEvent, event_type: 'user.session.start' };
    const noEnvelope = { event_type: 'Threat_Event', threat_name: 'x' };
    const retry = { message: 'retry' };
    const bareCategory = { category: 'DETECTION_CATEGORY_ANTIVIRUS', name: 'x' };
    const task = { uuid: 'x', action: { name: 'Scan' }, targets: { hosts: ['a'] } };
    const line = '<134>1 2024-06-01T10:00:00Z host app - - - {"event_type":"Login"}';
    const cef = 'CEF:0|ESET|Protect|1|1|Threat|5|src=192.0.2.1 msg="event_type"';
    const prose = 'Detection type: unknown, see the ESET console';
    const utf16 = `\u00FF\u00FE${JSON.stringify(newInspectAlert)}`;
    const otherDevice = { uuid: 'x', displayName: 'x', deviceType: 'laptop' };
    const otherVulnerability = { deviceUuid: 'x', cve: 'CVE-2024-0001' };
    for (const raw of [
      otherDevice,
      otherVulnerability,
      prose,
      utf16,
      sophos,
      otherEventType,
      noEnvelope,
      retry,
      bareCategory,
      task,
      line,
      cef,
      null,
      42,
      [],
    ]) {
      expect(esetProtectParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, esetProtectParser.name).others, name).toEqual([]);
    }
  });
});
