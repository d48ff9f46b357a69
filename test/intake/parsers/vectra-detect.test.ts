// The Vectra Detect parser on synthetic `vectra_json_<kind> -: {…}` syslog lines (host and account detections
// and scoring, lockdowns, campaigns, audit, health, Vectra Match): detection, the role of every indicator as
// Elastic's vectra_detect pipelines map them, and no double claims.
import { describe, expect, it } from 'vitest';
import { vectraDetectParser } from '../../../src/intake/parsers/vectra-detect.js';
import { registryClaims } from './registry-claims.js';

const line = (kind: string, body: object): string => `${kind} -: ${JSON.stringify(body)}`;

const hostDetection = line('vectra_json_v2', {
  version: '7.4',
  detection_id: 77,
  category: 'COMMAND & CONTROL',
  severity: '8.2',
  threat: 82,
  certainty: 70,
  d_type: 'hidden_https_tunnel_cnc',
  d_type_vname: 'Hidden HTTPS Tunnel',
  triaged: false,
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  href: 'https://brain-01.lab.example/detections/77?detail_id=9',
  dd_dst_ip: '198.51.100.99',
  dd_dst_port: 443,
  dd_dst_dns: 'c2.bad.example',
  bytes_sent: 4100,
  bytes_received: 9000,
  host_name: 'eng-laptop-12',
  host_ip: '192.0.2.44',
  dd_proto: 'tcp',
  account_name: 'jordan@lab.example',
  role: 'Web Server',
  service_info: JSON.stringify([
    { count: 3, host_luid: 'AbCdEf12', account_uid: 'svc-web@lab.example' },
    { count: 1, host_luid: 'AbCdEf13', account_uid: 'ops-kim@lab.example' },
  ]),
  vectra_timestamp: '1717230000',
});

const portSweep = line('vectra_json_v2', {
  version: '7.4',
  detection_id: 78,
  category: 'RECONNAISSANCE',
  severity: 4.4,
  threat: 44,
  certainty: 61,
  d_type: 'port_sweep',
  d_type_vname: 'Port Sweep',
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  dd_dst_ip: '0.0.0.0',
  dd_dst_dns: '',
  host_name: 'eng-laptop-12',
  host_ip: '192.0.2.44',
  vectra_timestamp: '1717230100',
});

const hostScoring = line('vectra_json_v2', {
  version: '7.4',
  host_id: 310,
  headend_addr: '192.0.2.5',
  host_name: 'eng-laptop-12',
  dvchost: 'brain-01.lab.example',
  host_ip: '192.0.2.44',
  threat: 74,
  certainty: 90,
  category: 'HOST SCORING',
  quadrant: 'critical',
  account_access_history: JSON.stringify([
    { id: 4, uid: 'jordan@lab.example', lastSeen: '2024-06-01T07:00:00+00:00' },
  ]),
  service_access_history: [{ id: 9, uid: 'krbtgt/lab.example@lab.example' }],
  mac_address: '00:00:5e:00:53:10',
  last_detection_type: 'Hidden HTTPS Tunnel',
  vectra_timestamp: '1717230200',
});

const accountDetection = line('vectra_json_account_detection', {
  account_name: 'svc-sync@lab.example',
  account_uid: 'svc-sync@lab.example',
  service_info: '[]',
  account_info: JSON.stringify([{ count: 5, host_luid: 'Zz0011', account_uid: 'adm-lee@lab.example' }]),
  version: '7.4',
  detection_id: 91,
  category: 'LATERAL MOVEMENT',
  severity: '9.5',
  threat: 95,
  certainty: 95,
  d_type: 'papi_breach',
  d_type_vname: 'Privilege Anomaly: Unusual Trio',
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  dd_dst_ip: '198.51.100.20',
  dd_dst_dns: 'fileserver.lab.example',
  vectra_timestamp: '1717230300',
});

const accountScoring = line('vectra_json_account_v2', {
  version: '7.4',
  account_id: 53,
  headend_addr: '192.0.2.5',
  account_uid: 'O365:casey@lab.example',
  threat: 71,
  certainty: 40,
  quadrant: 'high',
  category: 'ACCOUNT SCORING',
  service_access_history: JSON.stringify([{ id: 2, uid: 'cifs/files.lab.example@lab.example' }]),
  last_detection_type: 'M365 Suspicious Power Automate Flow Creation',
  vectra_timestamp: '1717230400',
});

const accountLockdown = line('vectra_json_lockdown', {
  version: '7.4',
  account_id: 4,
  user: 'soc-admin',
  headend_addr: '192.0.2.5',
  account_uid: 'casey@lab.example',
  action: 'lock',
  success: true,
  category: 'LOCKDOWN',
  vectra_timestamp: '1717230500',
});

const hostLockdown = line('vectra_json_host_lockdown', {
  version: '7.4',
  host_id: 310,
  user: 'soc-admin',
  headend_addr: '192.0.2.5',
  host_name: 'eng-laptop-12',
  action: 'lock',
  success: false,
  category: 'HOST_LOCKDOWN',
  edr_type: 'sentinelone',
  vectra_timestamp: '1717230600',
});

const campaign = line('vectra_json_campaigns', {
  campaign_name: 'c2.bad.example',
  campaign_id: 12,
  action: 'START',
  src_name: 'eng-laptop-12',
  src_ip: '192.0.2.44',
  dest_name: 'c2.bad.example',
  dest_ip: '203.0.113.9',
  reason: 'Hidden HTTPS Tunnel',
  version: '7.4',
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  vectra_timestamp: '1717230700',
});

const audit = line('vectra_json_audit', {
  user: 'soc-admin',
  role: 'Super Admin',
  source_ip: '198.51.100.30',
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  version: '7.4',
  result: 'failure',
  message: 'log in',
  vectra_timestamp: '1717230800',
});

const health = line('vectra_json_health', {
  type: 'heartbeat_check',
  source_ip: '192.0.2.6',
  headend_addr: '192.0.2.5',
  dvchost: 'brain-01.lab.example',
  version: '7.4',
  result: 'success',
  message: 'Device heartbeat success on SENSOR-01',
  vectra_timestamp: '1717230900',
});

const match = line('vectra_json_vectra_match_v2', {
  dest_ip: '203.0.113.9',
  dest_port: 443,
  event_type: 'alert',
  proto: 'TCP',
  src_ip: '192.0.2.44',
  src_port: 51000,
  timestamp: '2024-06-01T08:50:00.123456+0000',
  alert_category: 'A Network Trojan was detected',
  alert_severity: 1,
  alert_signature: 'EXAMPLE TROJAN beacon',
  alert_signature_id: 9000001,
});

const behindSyslog = `<13>Jun  1 08:20:00 brain-01 ${hostDetection}`;

const samples = {
  hostDetection,
  portSweep,
  hostScoring,
  accountDetection,
  accountScoring,
  accountLockdown,
  hostLockdown,
  campaign,
  audit,
  health,
  match,
  behindSyslog,
};

const parse = (s: string) => vectraDetectParser.parse(s);

describe('vectraDetectParser', () => {
  it('detects every supported Vectra Detect line, bare or behind a syslog header', () => {
    for (const [name, s] of Object.entries(samples)) expect(vectraDetectParser.detect(s), name).toBe(true);
  });

  it('reads a host detection: the host address is the source, the detected destination the destination', () => {
    const a = parse(hostDetection);
    expect(a.format).toBe('vectra_detect.log');
    expect(a.recognizedBy).toBe('parser:vectra_detect.log');
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual(['198.51.100.99']);
    expect(a.observables.ips).toEqual(['192.0.2.5', '198.51.100.99', '192.0.2.44']);
    expect(a.observables.hosts).toEqual(['eng-laptop-12', 'brain-01.lab.example']);
    expect(a.observables.domains).toEqual(['c2.bad.example']);
    expect(a.observables.users).toEqual(['jordan@lab.example', 'svc-web@lab.example', 'ops-kim@lab.example']);
    expect(a.title).toBe('Vectra host detection: Hidden HTTPS Tunnel (COMMAND & CONTROL)');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-01T08:20:00.000Z');
    expect(a.ruleId).toBe('hidden_https_tunnel_cnc');
    expect(vectraDetectParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports neither byte counts as hosts nor a role as a user', () => {
    const a = parse(hostDetection);
    expect(a.observables.hosts).not.toContain('4100');
    expect(a.observables.users).not.toContain('Web Server');
  });

  it('never reports the unspecified destination of a sweep', () => {
    const a = parse(portSweep);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.5', '192.0.2.44']);
    expect(a.severity).toBe('medium');
  });

  it('reads host scoring: the host address is related only, accessed accounts are users', () => {
    const a = parse(hostScoring);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.5', '192.0.2.44']);
    expect(a.observables.hosts).toEqual(['brain-01.lab.example', 'eng-laptop-12']);
    expect(a.observables.users).toEqual(['jordan@lab.example', 'krbtgt/lab.example@lab.example']);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('Hidden HTTPS Tunnel');
  });

  it('reads an account detection: related accounts, then the account uid and its local part', () => {
    const a = parse(accountDetection);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['adm-lee@lab.example', 'svc-sync', 'svc-sync@lab.example']);
    expect(a.observables.hosts).toEqual(['brain-01.lab.example']);
    expect(a.observables.domains).toEqual(['fileserver.lab.example']);
    expect(a.severity).toBe('critical');
    expect(a.title).toContain('Vectra account detection');
  });

  it('reads account scoring: the uid and its local part are users, the quadrant is the severity', () => {
    const a = parse(accountScoring);
    expect(a.observables.ips).toEqual(['192.0.2.5']);
    expect(a.observables.users).toEqual([
      'O365:casey',
      'O365:casey@lab.example',
      'cifs/files.lab.example@lab.example',
    ]);
    expect(a.severity).toBe('high');
  });

  it('reads lockdowns: who acted is a user, the locked account or host is reported', () => {
    const acc = parse(accountLockdown);
    expect(acc.observables.users).toEqual(['soc-admin', 'casey', 'casey@lab.example']);
    expect(acc.observables.hosts).toEqual([]);
    const host = parse(hostLockdown);
    expect(host.observables.users).toEqual(['soc-admin']);
    expect(host.observables.hosts).toEqual(['eng-laptop-12']);
    expect(host.severity).toBe('medium');
  });

  it('reads a campaign: source and destination addresses, the destination name as a domain', () => {
    const a = parse(campaign);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.observables.domains).toEqual(['c2.bad.example']);
    expect(a.observables.hosts).toEqual(['brain-01.lab.example']);
    expect(a.ruleId).toBe('12');
  });

  it('reads audit and health lines: the client address is the source, the operator a user', () => {
    const a = parse(audit);
    expect(a.observables.srcIps).toEqual(['198.51.100.30']);
    expect(a.observables.users).toEqual(['soc-admin']);
    expect(a.observables.hosts).toEqual(['brain-01.lab.example']);
    expect(a.severity).toBe('medium');
    const h = parse(health);
    expect(h.observables.srcIps).toEqual(['192.0.2.6']);
    expect(h.severity).toBe('info');
    expect(h.title).toBe('Vectra health: Device heartbeat success on SENSOR-01');
  });

  it('reads a Vectra Match alert: signature, rank severity and its two endpoints', () => {
    const a = parse(match);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.title).toBe('Vectra Match: EXAMPLE TROJAN beacon');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('9000001');
    expect(a.observedAt).toBe('2024-06-01T08:50:00.123Z');
  });

  it('reads a line behind a syslog header as the bare line', () => {
    expect(parse(behindSyslog).observables).toEqual(parse(hostDetection).observables);
  });

  it('does not claim other formats or malformed lines', () => {
    const others: unknown[] = [
      'CEF:0|Vectra Networks|X Series|7.4|hsc|Host Score Change|3|dvchost=brain-01 dst=192.0.2.44',
      'Jun  1 08:20:00 host sshd[1]: Accepted password for root from 192.0.2.1 port 22 ssh2',
      'vectra_json_unknown -: {"a": 1}',
      'vectra_json_v2 -: {not json',
      'vectra_json_v2 -: [1, 2]',
      { category: 'HOST SCORING', host_name: 'eng-laptop-12' },
      null,
    ];
    for (const o of others) expect(vectraDetectParser.detect(o)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, s] of Object.entries(samples)) {
      expect(registryClaims(s, vectraDetectParser.name).others, name).toEqual([]);
    }
  });
});
