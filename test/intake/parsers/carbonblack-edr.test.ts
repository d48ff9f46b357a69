// The Carbon Black EDR Event Forwarder parser on synthetic records: detection of every record kind (bare and in
// the agent's `json` envelope), the sensor host as Elastic's pipeline sets host.name, and no double claims.
import { describe, expect, it } from 'vitest';
import { carbonblackEdrParser } from '../../../src/intake/parsers/carbonblack-edr.js';
import { registryClaims } from './registry-claims.js';

const binaryObserved = {
  cb_server: 'cbserver-lab',
  host: '192.0.2.5',
  type: 'binaryinfo.observed',
  md5: '0123456789ABCDEF0123456789ABCDEF',
  timestamp: 1700000000.5,
  watchlists: {},
  scores: {},
};

const netconn = {
  cb_server: 'cbserver-lab',
  computer_name: 'WS-ALPHA',
  type: 'ingress.event.netconn',
  event_type: 'netconn',
  local_ip: '192.0.2.10',
  local_port: 50123,
  remote_ip: '203.0.113.80',
  remote_port: 443,
  domain: 'updates.example.com',
  direction: 'outbound',
  md5: 'ABCDEFABCDEFABCDEFABCDEFABCDEFAB',
  pid: 4242,
  timestamp: 1700000100,
};

const processWatchlistHit = {
  server_name: 'cbserver-lab.example.net',
  cb_version: '7.7.0',
  watchlist_id: 12,
  watchlist_name: 'Suspicious PowerShell',
  event_timestamp: 1700000200.25,
  docs: [
    {
      hostname: 'WS-BRAVO',
      username: 'WS-BRAVO\\casey',
      process_name: 'powershell.exe',
      process_md5: 'fedcba9876543210fedcba9876543210',
      parent_md5: '00112233445566778899aabbccddeeff',
      path: 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
    },
  ],
};

const binaryWatchlistHit = {
  server_name: 'cbserver-lab.example.net',
  cb_version: '7.7.0',
  watchlist_id: 13,
  watchlist_name: 'Unsigned drivers',
  event_timestamp: 1700000300,
  docs: [{ md5: '11112222333344445555666677778888', endpoint: ['WS-OLD|3', 'WS-CHARLIE|7'] }],
};

const ipFeedHit = {
  server_name: 'cbserver-lab.example.net',
  cb_version: '7.7.0',
  feed_id: 5,
  feed_name: 'tor',
  report_id: 'TOR-Node-198.51.100.23',
  ioc_type: 'ipv4',
  ioc_value: '198.51.100.23',
  ioc_attr: { port: 9001, protocol: 'TCP', direction: 'Outbound' },
  hostname: 'WS-DELTA',
  event_timestamp: 1700000400,
  docs: { process_name: 'client.exe', username: 'WS-DELTA\\jordan' },
};

const alertHit = {
  cb_server: 'cbserver-lab',
  type: 'alert.watchlist.hit.query.process',
  watchlist_id: 'wl-77',
  watchlist_name: 'Credential dumping',
  report_score: 85,
  timestamp: 1700000500,
  docs: [{ hostname: 'WS-ECHO', process_name: 'procdump.exe' }],
};

const enveloped = { '@timestamp': '2024-01-01T00:00:00.000Z', json: ipFeedHit, tags: ['forwarded'] };

const samples = {
  binaryObserved,
  netconn,
  processWatchlistHit,
  binaryWatchlistHit,
  ipFeedHit,
  alertHit,
  enveloped,
};

describe('carbonblackEdrParser', () => {
  it('detects every Event Forwarder record kind, bare and in the json envelope', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(carbonblackEdrParser.detect(sample), name).toBe(true);
    }
  });

  it('takes the host of a watchlist hit from its document and reports no user', () => {
    const a = carbonblackEdrParser.parse(processWatchlistHit);
    expect(a.format).toBe('carbonblack_edr.log');
    expect(a.recognizedBy).toBe('parser:carbonblack_edr');
    expect(a.observables.hosts).toEqual(['WS-BRAVO']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Carbon Black EDR: watchlist Suspicious PowerShell - powershell.exe');
    expect(a.ruleId).toBe('12');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2023-11-14T22:16:40.250Z');
  });

  it('takes the last endpoint name of a binary hit when no host name is given', () => {
    const a = carbonblackEdrParser.parse(binaryWatchlistHit);
    expect(a.observables.hosts).toEqual(['WS-CHARLIE']);
  });

  it('takes the record host name of a feed hit and keeps the indicator address out of the addresses', () => {
    const a = carbonblackEdrParser.parse(ipFeedHit);
    expect(a.observables.hosts).toEqual(['WS-DELTA']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.title).toBe('Carbon Black EDR: feed tor (198.51.100.23) - client.exe');
    expect(a.ruleId).toBe('TOR-Node-198.51.100.23');
  });

  it('reads the same record inside the agent envelope', () => {
    expect(carbonblackEdrParser.parse(enveloped).observables.hosts).toEqual(['WS-DELTA']);
  });

  it('maps no address or host for sensor events, as Elastic maps none', () => {
    const a = carbonblackEdrParser.parse(netconn);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.hashes).toEqual(['abcdefabcdefabcdefabcdefabcdefab']);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2023-11-14T22:15:00.000Z');
    expect(carbonblackEdrParser.parse(binaryObserved).observables.hosts).toEqual([]);
  });

  it('rates an alert by its report score', () => {
    const a = carbonblackEdrParser.parse(alertHit);
    expect(a.severity).toBe('high');
    expect(a.observables.hosts).toEqual(['WS-ECHO']);
    expect(a.ruleId).toBe('wl-77');
  });

  it('claims no other JSON or text', () => {
    const noServer = { ...netconn, cb_server: undefined };
    const otherType = { ...netconn, type: 'CB_ANALYTICS' };
    const noHitId = { server_name: 'x', cb_version: '7.7.0', hostname: 'WS-1' };
    const cloudAlert = { type: 'WATCHLIST', device_name: 'WS-1', device_external_ip: '203.0.113.9' };
    const envelope = { json: { message: 'hello' } };
    for (const raw of [
      noServer,
      otherType,
      noHitId,
      cloudAlert,
      envelope,
      'ingress.event.netconn',
      null,
      [],
    ]) {
      expect(carbonblackEdrParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, carbonblackEdrParser.name).others, name).toEqual([]);
    }
  });
});
