// The Bitdefender GravityZone push-notification parser on synthetic events and batches: detection, the role
// of every indicator as Elastic's bitdefender.push_notifications pipeline maps them, batches merged into one
// alert, and that no other parser claims these payloads.
import { describe, expect, it } from 'vitest';
import { bitdefenderParser } from '../../../src/intake/parsers/bitdefender.js';
import { registryClaims } from './registry-claims.js';

const SHA256 = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const MD5 = '00112233445566778899aabbccddeeff';
const COMPANY = '6a1b2c3d4e5f60718293a4b5';

/** An antimalware detection on an endpoint. */
const av = {
  module: 'av',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'WKS-ALPHA-07',
  computer_fqdn: 'wks-alpha-07.corp.example',
  computer_ip: '192.0.2.17',
  computer_id: '6a1b2c3d4e5f60718293a4c0',
  malware_type: 'file',
  malware_name: 'Demo.Trojan.Sample',
  file_path: 'C:\\Users\\kim\\Downloads\\sample.exe',
  hash: SHA256,
  final_status: 'quarantined',
  timestamp: '2024-03-04T05:06:07.000Z',
};

/** A firewall port scan blocked, with the scanning address. */
const fw = {
  module: 'fw',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'WKS-ALPHA-07',
  computer_fqdn: 'wks-alpha-07',
  computer_ip: '192.0.2.17',
  computer_id: '6a1b2c3d4e5f60718293a4c0',
  status: 'portscan_blocked',
  protocol_id: '6',
  source_ip: '203.0.113.80',
  last_blocked: '2024-03-04T05:10:00.000Z',
  count: 3,
};

/** An EDR incident with a domain account and both hashes. */
const incident = {
  module: 'new-incident',
  created: '2024-03-05T08:00:00.000Z',
  endpointId: '6a1b2c3d4e5f60718293a4c1',
  companyId: COMPANY,
  computer_id: '6a1b2c3d4e5f60718293a4c2',
  computer_fqdn: 'lab-host-3',
  computer_name: 'LAB-HOST-3',
  detection_name: 'ATC.Suspicious',
  attack_types: ['Other'],
  computer_ip: '198.51.100.23',
  severityScore: 85,
  severity: 'high',
  username: 'LAB-HOST-3\\rowan',
  user_sid: 'S-1-5-21-1000-2000-3000-1001',
  file_hash_md5: MD5,
  file_hash_sha256: SHA256,
  main_action: 'no action',
};

/** An exploit blocked, naming the account as an e-mail address. */
const antiexploit = {
  module: 'antiexploit',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'KIOSK-2',
  computer_fqdn: 'kiosk-2.example.net',
  computer_ip: '192.0.2.40',
  computer_id: '6a1b2c3d4e5f60718293a4c3',
  detection_action: 'kill',
  detection_threatName: 'Exploit.Demo.Generic',
  detection_username: 'casey@example.org',
  detection_time: '2024-03-06T09:00:00.000Z',
};

/** A network attack: the attacker is the source, the attacked address a related (NAT) address. */
const networkMonitor = {
  module: 'network-monitor',
  product_installed: 'BEST',
  companyId: COMPANY,
  user: { userName: 'CORP\\drew@corp.example', userSid: 'S-1-5-21-1-2-3-1104' },
  computer_name: 'SRV-FILES-1',
  computer_fqdn: 'srv-files-1.corp.example',
  computer_ip: '192.0.2.60',
  computer_id: '6a1b2c3d4e5f60718293a4c4',
  actionTaken: 'reportOnly',
  detection_name: 'Demo.PasswordStealer.HTTP',
  source_ip: '203.0.113.9',
  victim_ip: '198.51.100.61',
  local_port: '80',
  timestamp: '2024-03-07T10:00:00.000Z',
};

/** Ransomware activity from a remote machine, with the user as an object. */
const ransomware = {
  module: 'ransomware-mitigation',
  companyId: COMPANY,
  product_installed: 'BEST',
  user: { name: 'avery', sid: 'S-1-5-21-9-9-9-500' },
  computer_name: 'FS-02',
  computer_fqdn: 'undefined',
  computer_ip: '192.0.2.70',
  computer_id: '6a1b2c3d4e5f60718293a4c5',
  attack_type: 'remote',
  item_count: '12',
  detected_on: 1709800000,
  attack_source: '203.0.113.71',
};

/** A phishing page blocked: the URL's site is a domain, not a host. */
const aph = {
  module: 'aph',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'WKS-BETA-1',
  computer_fqdn: 'wks-beta-1.corp.example',
  computer_ip: '192.0.2.18',
  computer_id: '6a1b2c3d4e5f60718293a4c6',
  aph_type: 'phishing',
  url: 'login.example.com/verify/account',
  status: 'aph_blocked',
  last_blocked: '2024-03-08T11:00:00.000Z',
  count: 1,
};

/** An endpoint with two addresses in one string. */
const multiAddress = {
  module: 'new-incident',
  companyId: COMPANY,
  computer_id: '6a1b2c3d4e5f60718293a4c7',
  computer_fqdn: 'build-9.corp.example',
  computer_ip: '192.0.2.91, 198.51.100.91',
  computer_name: 'build-9',
  detection_name: 'Demo.Downloader',
  severity: 'medium',
};

/** An endpoint whose addresses come as a list. */
const listAddress = {
  module: 'hwid-change',
  companyId: COMPANY,
  computer_id: '6a1b2c3d4e5f60718293a4c8',
  computer_name: 'VM-LIST',
  computer_ip: ['192.0.2.92', '2001:db8::92'],
};

/** A sandbox verdict naming the endpoint with camel-case keys. */
const sandbox = {
  module: 'network-sandboxing',
  companyId: COMPANY,
  endpointId: '6a1b2c3d4e5f60718293a4c9',
  computerName: 'WKS-GAMMA-4',
  computerIp: '192.0.2.44',
  detectionTime: 1709900000,
  threatType: 'RANSOMWARE',
  filePaths: ['C:\\Temp\\a.docm'],
};

/** Malware found in mail on an Exchange server, with GravityZone's spaced timestamp. */
const exchange = {
  module: 'exchange-malware',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'MAIL-01',
  computer_fqdn: 'mail-01.corp.example',
  computer_ip: '192.0.2.25',
  computer_id: '6a1b2c3d4e5f60718293a4ca',
  endpointId: '6a1b2c3d4e5f60718293a4cb',
  serverName: 'MAIL-01',
  sender: 'sender@example.net',
  recipients: ['jordan@corp.example'],
  subject: 'Invoice',
  detectionTime: '2024- 03 - 09T12: 30:00.000Z',
  malware: [{ malwareName: 'Demo.Macro.Dropper', malwareType: 'virus', actionTaken: 'quarantine' }],
};

/** A security-container notice naming the container host and the endpoint it serves. */
const container = {
  module: 'security-container-update-available',
  product_installed: 'BEST',
  companyId: COMPANY,
  computer_name: 'sec-container-a',
  computer_fqdn: 'sec-container-a.corp.example',
  computer_ip: '192.0.2.33',
  computer_id: '6a1b2c3d4e5f60718293a4cc',
  host_name: 'ENDPOINT-B',
};

/** The Event Push Service's JSON-RPC call carrying two events. */
const jsonRpcBatch = { jsonrpc: '2.0', method: 'addEvents', params: { events: [fw, av] }, id: 1709000000000 };
/** A batch as `{cid, events}`. */
const cidBatch = { cid: COMPANY, events: [ransomware, aph] };
/** One event as Elastic's HTTP endpoint input keeps it (under `json`, split out of a JSON-RPC call). */
const elasticSplit = {
  json: { jsonrpc: { version: '2.0', method: 'addEvents' }, id: 1709000000001, event: av },
};
/** One event under `event` (Splunk HEC style). */
const hec = { time: 1709000000, event: antiexploit };
/** One event as JSON text behind a syslog header. */
const syslogLine = `<134>1 2024-03-04T05:06:07Z gz-console push - - - ${JSON.stringify(fw)}`;

const samples = {
  av,
  fw,
  incident,
  antiexploit,
  networkMonitor,
  ransomware,
  aph,
  multiAddress,
  listAddress,
  sandbox,
  exchange,
  container,
  jsonRpcBatch,
  cidBatch,
  elasticSplit,
  hec,
  syslogLine,
  jsonText: JSON.stringify(incident),
};

describe('bitdefenderParser', () => {
  it('detects every supported event and batch shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(bitdefenderParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a malware detection: the endpoint as host and destination, its hash, time and module', () => {
    const a = bitdefenderParser.parse(av);
    expect(a.format).toBe('bitdefender.push_notifications');
    expect(a.recognizedBy).toBe('parser:bitdefender');
    expect(a.observables.dstIps).toEqual(['192.0.2.17']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.17']);
    expect(a.observables.hosts).toEqual(['WKS-ALPHA-07']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hashes).toEqual([SHA256]);
    expect(a.title).toBe('Antimalware: Demo.Trojan.Sample on WKS-ALPHA-07');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-04T05:06:07.000Z');
    expect(a.ruleId).toBe('av');
  });

  it('reads a firewall event: the scanner as the source, listed after the endpoint, at info severity', () => {
    const a = bitdefenderParser.parse(fw);
    expect(a.observables.srcIps).toEqual(['203.0.113.80']);
    expect(a.observables.dstIps).toEqual(['192.0.2.17']);
    expect(a.observables.ips).toEqual(['192.0.2.17', '203.0.113.80']);
    expect(a.severity).toBe('info');
    expect(a.title).toContain('portscan_blocked');
  });

  it('takes the name out of a DOMAIN\\user account and keeps the account whole too', () => {
    const a = bitdefenderParser.parse(incident);
    expect(a.observables.users).toEqual(['rowan', 'LAB-HOST-3\\rowan']);
    expect(a.observables.hashes).toEqual([SHA256, MD5]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-03-05T08:00:00.000Z');
    expect(a.ruleId).toBe('new-incident');
  });

  it('takes the local part of an e-mail account and keeps the address as a user too', () => {
    const a = bitdefenderParser.parse(antiexploit);
    expect(a.observables.users).toEqual(['casey', 'casey@example.org']);
    expect(a.observables.hosts).toEqual(['KIOSK-2']);
    expect(a.title).toBe('Antiexploit: Exploit.Demo.Generic on KIOSK-2');
  });

  it('reads a network attack: attacker as source, attacked address related only, DOMAIN\\user@domain user', () => {
    const a = bitdefenderParser.parse(networkMonitor);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.dstIps).toEqual(['192.0.2.60']);
    expect(a.observables.ips).toEqual(['192.0.2.60', '203.0.113.9', '198.51.100.61']);
    expect(a.observables.users).toEqual(['drew', 'CORP\\drew@corp.example']);
  });

  it('reads ransomware activity: the attack source as source and the user object, epoch time', () => {
    const a = bitdefenderParser.parse(ransomware);
    expect(a.observables.srcIps).toEqual(['203.0.113.71']);
    expect(a.observables.ips).toEqual(['192.0.2.70', '203.0.113.71']);
    expect(a.observables.users).toEqual(['avery']);
    expect(a.observables.hosts).toEqual(['FS-02']);
    expect(a.observedAt).toBe(new Date(1709800000 * 1000).toISOString());
  });

  it('reports a blocked URL and its site as a domain, kept out of related hosts', () => {
    const a = bitdefenderParser.parse(aph);
    expect(a.observables.urls).toEqual(['https://login.example.com/verify/account']);
    expect(a.observables.domains).toEqual(['login.example.com']);
    expect(a.observables.hosts).toEqual(['WKS-BETA-1']);
    expect(bitdefenderParser.domainsInRelatedHosts).toBe(false);
  });

  it('relates every address of a comma-separated computer_ip and takes the first as the destination', () => {
    const a = bitdefenderParser.parse(multiAddress);
    expect(a.observables.ips).toEqual(['192.0.2.91', '198.51.100.91']);
    expect(a.observables.dstIps).toEqual(['192.0.2.91']);
    expect(a.severity).toBe('medium');
  });

  it('reads a list of computer addresses as destinations, IPv6 canonical', () => {
    const a = bitdefenderParser.parse(listAddress);
    expect(a.observables.dstIps).toEqual(['192.0.2.92', '2001:db8::92']);
    expect(a.observables.ips).toEqual(['192.0.2.92', '2001:db8::92']);
  });

  it('reads camel-case computerName and computerIp as host and related address, not as destination', () => {
    const a = bitdefenderParser.parse(sandbox);
    expect(a.observables.hosts).toEqual(['WKS-GAMMA-4']);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.title).toBe('Sandbox Analyzer Detection: RANSOMWARE on WKS-GAMMA-4');
  });

  it('reads an Exchange detection: the server once as host, mail addresses, the spaced timestamp', () => {
    const a = bitdefenderParser.parse(exchange);
    expect(a.observables.hosts).toEqual(['MAIL-01']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.emails).toEqual(['sender@example.net', 'jordan@corp.example']);
    expect(a.observedAt).toBe('2024-03-09T12:30:00.000Z');
    expect(a.title).toContain('Demo.Macro.Dropper');
  });

  it('lists the computer name before the endpoint host_name', () => {
    const a = bitdefenderParser.parse(container);
    expect(a.observables.hosts).toEqual(['sec-container-a', 'ENDPOINT-B']);
    expect(a.severity).toBe('info');
  });

  it('merges the indicators of every event of a JSON-RPC batch into one alert led by the first event', () => {
    const a = bitdefenderParser.parse(jsonRpcBatch);
    expect(a.observables.srcIps).toEqual(['203.0.113.80']);
    expect(a.observables.dstIps).toEqual(['192.0.2.17']);
    expect(a.observables.hosts).toEqual(['WKS-ALPHA-07']);
    expect(a.observables.hashes).toEqual([SHA256]);
    expect(a.title).toBe('Firewall: portscan_blocked on WKS-ALPHA-07 (+1 more event)');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('fw');
  });

  it('merges a {cid, events} batch the same way', () => {
    const a = bitdefenderParser.parse(cidBatch);
    expect(a.observables.hosts).toEqual(['FS-02', 'WKS-BETA-1']);
    expect(a.observables.ips).toEqual(['192.0.2.70', '203.0.113.71', '192.0.2.18']);
    expect(a.observables.users).toEqual(['avery']);
    expect(a.ruleId).toBe('ransomware-mitigation');
  });

  it('reads one event under json/event, under event, as JSON text and behind a syslog header', () => {
    expect(bitdefenderParser.parse(elasticSplit).observables).toEqual(
      bitdefenderParser.parse(av).observables,
    );
    expect(bitdefenderParser.parse(hec).observables.users).toEqual(['casey', 'casey@example.org']);
    expect(bitdefenderParser.parse(syslogLine).observables.srcIps).toEqual(['203.0.113.80']);
    expect(bitdefenderParser.parse(JSON.stringify(incident)).observables.users).toEqual([
      'rowan',
      'LAB-HOST-3\\rowan',
    ]);
  });

  it('never reports the unspecified address', () => {
    const a = bitdefenderParser.parse({ ...fw, computer_ip: '0.0.0.0', source_ip: '::' });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('does not claim other formats', () => {
    const okta = { eventType: 'user.session.start', actor: { alternateId: 'x' }, displayMessage: 'x' };
    const moduleOnly = { module: 'av', message: 'no GravityZone keys' };
    const notModule = { module: 42, companyId: COMPANY };
    const otherRpc = { jsonrpc: '2.0', method: 'addEvents', params: { events: [{ id: 1 }] } };
    const emptyBatch = { events: [] };
    const line = '<134>1 2024-03-04T05:06:07Z host app - - - {"module":"x"}';
    const cef = 'CEF:0|Bitdefender|GravityZone|6.0|av|Malware|7|dvchost=WKS-1 src=192.0.2.1';
    for (const raw of [okta, moduleOnly, notModule, otherRpc, emptyBatch, line, cef, null, 'text', [1]]) {
      expect(bitdefenderParser.detect(raw), JSON.stringify(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser of the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, bitdefenderParser.name).others, name).toEqual([]);
    }
  });
});
