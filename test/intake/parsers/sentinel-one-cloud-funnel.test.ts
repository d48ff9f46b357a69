// The SentinelOne Cloud Funnel parser on synthetic flat dotted-key EDR events (login, IP connect, DNS,
// process, URL): detection, the role of every indicator as Elastic's sentinel_one_cloud_funnel pipelines
// map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { sentinelOneCloudFunnelParser } from '../../../src/intake/parsers/sentinel-one-cloud-funnel.js';
import { registryClaims } from './registry-claims.js';

const base = {
  timestamp: '09:15:00.120',
  'site.id': '900000000000000001',
  'site.name': 'Lab site',
  'account.id': '900000000000000002',
  'agent.uuid': 'a1b2c3d4e5f60718293a4b5c',
  'agent.version': '23.4.1.10',
  'dataSource.name': 'SentinelOne',
  'i.scheme': 'edr',
  'endpoint.name': 'ws-lab-07',
  'endpoint.os': 'windows',
  'endpoint.type': 'laptop',
  'os.name': 'Windows 11 Enterprise',
  'event.time': 1714641300120,
  'src.process.user': 'CORP\\jdoe',
  'src.process.image.sha1': 'ab'.repeat(20),
};

const login = {
  ...base,
  'event.category': 'logins',
  'event.type': 'Login',
  'meta.event.name': 'WINLOGONATTEMPT',
  'src.process.user': 'NT AUTHORITY\\SYSTEM',
  'event.login.userName': 'mallory',
  'event.login.accountName': '-',
  'event.login.loginIsSuccessful': false,
  'src.endpoint.ip.address': '198.51.100.44',
  'endpoint.type': 'server',
};

const ipConnect = {
  ...base,
  'event.category': 'ip',
  'event.type': 'IP Connect',
  'meta.event.name': 'TCPV4',
  'src.ip.address': '192.0.2.15',
  'src.port.number': 50111,
  'dst.ip.address': '203.0.113.80',
  'dst.port.number': 443,
  'event.network.direction': 'OUTGOING',
  'src.process.parent.user': 'CORP\\jdoe',
};

const dnsResolved = {
  ...base,
  'event.category': 'dns',
  'event.type': 'DNS Resolved',
  'event.dns.request': 'type: 1 updates.example.net',
  'event.dns.response': 'type:  5 cdn.example.org;::ffff:198.51.100.9;::ffff:198.51.100.10;',
  'osSrc.process.user': 'NT AUTHORITY\\NETWORK SERVICE',
};

const dnsUnresolved = {
  ...base,
  'event.category': 'dns',
  'event.type': 'DNS Unresolved',
  'event.dns.request': 'missing.example.net',
};

const processCreation = {
  ...base,
  'event.category': 'process',
  'event.type': 'Process Creation',
  'meta.event.name': 'PROCESSCREATION',
  'src.process.parent.user': 'CORP\\jdoe',
  'tgt.process.user': 'CORP\\svc-build',
  'tgt.process.userSid': 'S-1-5-21-1000-2000-3000-1105',
};

const urlEvent = {
  ...base,
  'event.category': 'url',
  'event.type': 'GET',
  'url.address': 'https://downloads.example.com/tool.zip',
};

const indicator = {
  ...base,
  'event.category': 'indicators',
  'event.type': 'Behavioral Indicators',
  'indicator.name': 'SuspiciousScriptExecution',
  'indicator.category': 'Exploitation',
};

const samples = { login, ipConnect, dnsResolved, dnsUnresolved, processCreation, urlEvent, indicator };

describe('sentinelOneCloudFunnelParser', () => {
  it('detects every supported Cloud Funnel event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(sentinelOneCloudFunnelParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the endpoint, its OS family and endpoint type as hosts, never the OS name', () => {
    const a = sentinelOneCloudFunnelParser.parse(ipConnect);
    expect(a.format).toBe('sentinel_one_cloud_funnel.event');
    expect(a.recognizedBy).toBe('parser:sentinel_one_cloud_funnel.event');
    expect(a.observables.hosts).toEqual(['ws-lab-07', 'windows', 'laptop']);
  });

  it('reads a login: the logon account as the user and the endpoint address as related address and host', () => {
    const a = sentinelOneCloudFunnelParser.parse(login);
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.44']);
    expect(a.observables.hosts).toEqual(['ws-lab-07', 'windows', 'server', '198.51.100.44']);
    expect(a.observedAt).toBe('2024-05-02T09:15:00.120Z');
    expect(a.ruleId).toBe('WINLOGONATTEMPT');
  });

  it('reads an IP connection: source and destination, only the destination as related address', () => {
    const a = sentinelOneCloudFunnelParser.parse(ipConnect);
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['203.0.113.80']);
    expect(a.severity).toBe('info');
    expect(a.title).toBe('SentinelOne IP Connect on ws-lab-07');
  });

  it('keeps process owners whole (DOMAIN\\user) and never takes the source process user', () => {
    expect(sentinelOneCloudFunnelParser.parse(ipConnect).observables.users).toEqual(['CORP\\jdoe']);
    expect(sentinelOneCloudFunnelParser.parse(urlEvent).observables.users).toEqual([]);
  });

  it('reads a process event: the parent user, the target process user and its SID', () => {
    const a = sentinelOneCloudFunnelParser.parse(processCreation);
    expect(a.observables.users).toEqual(['CORP\\jdoe', 'S-1-5-21-1000-2000-3000-1105', 'CORP\\svc-build']);
    expect(a.observables.hashes).toEqual(['ab'.repeat(20)]);
  });

  it('replaces the hosts of an answered DNS event with the question and answer names', () => {
    const a = sentinelOneCloudFunnelParser.parse(dnsResolved);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['updates.example.net', 'cdn.example.org']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['NT AUTHORITY\\NETWORK SERVICE']);
  });

  it('keeps the endpoint hosts of an unanswered DNS event and reports no query name', () => {
    const a = sentinelOneCloudFunnelParser.parse(dnsUnresolved);
    expect(a.observables.hosts).toEqual(['ws-lab-07', 'windows', 'laptop']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reports a URL event address as a URL, not as a host', () => {
    const a = sentinelOneCloudFunnelParser.parse(urlEvent);
    expect(a.observables.urls).toEqual(['https://downloads.example.com/tool.zip']);
    expect(a.observables.domains).toEqual([]);
  });

  it('names a behavioural indicator in the title and rule id', () => {
    const a = sentinelOneCloudFunnelParser.parse(indicator);
    expect(a.title).toBe('SentinelOne Behavioral Indicators: SuspiciousScriptExecution on ws-lab-07');
    expect(a.ruleId).toBe('SuspiciousScriptExecution');
    expect(a.severity).toBe('low');
  });

  it('does not claim SentinelOne API alerts, flattened ECS JSON or text lines', () => {
    const apiAlert = {
      alertInfo: { alertId: '1', srcIp: '192.0.2.1', eventType: 'TCPV4' },
      ruleInfo: { id: '2', name: 'rule', severity: 'High' },
      sourceProcessInfo: { name: 'curl.exe' },
      agentDetectionInfo: { name: 'ws-lab-07', siteId: '1', uuid: 'u-1' },
    };
    const ecs = {
      '@timestamp': '2024-05-02T09:15:00Z',
      'event.category': 'network',
      'event.type': 'connection',
      'host.name': 'ws-lab-07',
      'agent.id': 'a-1',
      'source.ip': '192.0.2.15',
    };
    expect(sentinelOneCloudFunnelParser.detect(apiAlert)).toBe(false);
    expect(sentinelOneCloudFunnelParser.detect(ecs)).toBe(false);
    expect(sentinelOneCloudFunnelParser.detect('<134>May  2 09:15:00 ws-lab-07 app: event.type=Login')).toBe(
      false,
    );
    expect(sentinelOneCloudFunnelParser.detect({ ...login, 'event.type': ['Login'] })).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, sentinelOneCloudFunnelParser.name).others, name).toEqual([]);
    }
  });
});
