// The Corelight parser on synthetic records: exported Zeek logs (`_path`, `_system_name`) read as the Zeek
// parsers read them and named corelight.<stream>, and no claims on plain Zeek records or other formats.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { corelightParser } from '../../../src/intake/parsers/corelight.js';
import { registryClaims } from './registry-claims.js';

const TS = 1700000000.25;
const envelope = (path: string) => ({
  _path: path,
  _system_name: 'sensor-lab-01',
  _write_ts: '2023-11-14T22:13:21.000Z',
});
const tuple = (orig: string, resp: string, port: number) => ({
  ts: TS,
  uid: 'CsynthUid0002',
  'id.orig_h': orig,
  'id.orig_p': 50123,
  'id.resp_h': resp,
  'id.resp_p': port,
});

const ntp = {
  ...envelope('ntp'),
  ...tuple('192.0.2.10', '198.51.100.123', 123),
  version: 4,
  mode: 3,
  stratum: 0,
  poll: 1,
  precision: 1,
  ref_id: '\\x00\\x00\\x00\\x00',
  ref_time: 0,
  xmt_time: 1700000000.1,
  num_exts: 0,
};
const conn = {
  ...envelope('conn'),
  ...tuple('192.0.2.10', '203.0.113.5', 443),
  proto: 'tcp',
  conn_state: 'SF',
};
const http = {
  ...envelope('http'),
  ...tuple('192.0.2.11', '203.0.113.6', 80),
  trans_depth: 1,
  method: 'GET',
  host: 'files.example.com',
  uri: '/a.bin',
  username: 'jdoe',
};
const files = {
  ...envelope('files'),
  ts: TS,
  fuid: 'FsynthFuid01',
  tx_hosts: ['203.0.113.7'],
  rx_hosts: ['192.0.2.12'],
  source: 'HTTP',
  mime_type: 'text/html',
  seen_bytes: 10,
};
const knownService = {
  ...envelope('known_services'),
  ts: '2023-11-14T22:13:20.250Z',
  host: '192.0.2.53',
  port_num: 53,
  port_proto: 'udp',
  service: ['DNS'],
};
const custom = { ...envelope('custom_log'), ...tuple('192.0.2.13', '198.51.100.9', 9000) };

describe('corelightParser', () => {
  it('reads an ntp.log record: the client as source and the server as destination', () => {
    const alert = corelightParser.parse(ntp);
    expect(alert.format).toBe('corelight.ntp');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.123']);
    expect(alert.observedAt).toBe('2023-11-14T22:13:20.250Z');
    expect(alert.ruleId).toBe('ntp:3');
  });

  it('reads a known_services.log record: the server address is a related address', () => {
    const alert = corelightParser.parse(knownService);
    expect(alert.format).toBe('corelight.known_services');
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['192.0.2.53']);
    expect(alert.title).toContain('192.0.2.53:53');
  });

  it('names an exported conn.log record corelight.connection and reads its tuple', () => {
    const alert = corelightParser.parse(conn);
    expect(alert.format).toBe('corelight.connection');
    expect(alert.recognizedBy).toBe('parser:corelight');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['203.0.113.5']);
  });

  it('reads an exported http.log record with its user and Host domain', () => {
    const alert = corelightParser.parse(http);
    expect(alert.format).toBe('corelight.http');
    expect(alert.observables.users).toEqual(['jdoe']);
    expect(alert.observables.domains).toContain('files.example.com');
  });

  it('reads an exported files.log record: transmitting and receiving hosts are related addresses', () => {
    const alert = corelightParser.parse(files);
    expect(alert.format).toBe('corelight.files');
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['203.0.113.7', '192.0.2.12']);
  });

  it('reads the tuple of an exported log no Zeek parser knows', () => {
    const alert = corelightParser.parse(custom);
    expect(alert.format).toBe('corelight.custom_log');
    expect(alert.observables.srcIps).toEqual(['192.0.2.13']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.9']);
  });

  it('claims its records through the normaliser', () => {
    expect(normalizeAlert(ntp, { parsers: [corelightParser] }).recognizedBy).toBe('parser:corelight');
    expect(normalizeAlert(conn, { parsers: [corelightParser] }).format).toBe('corelight.connection');
  });

  it('is the registry’s first choice for exports, which only the Zeek parsers (which it goes before) claim too', () => {
    for (const sample of [ntp, knownService, conn, http, files, custom]) {
      expect(registryClaims(sample, 'corelight').first).toBe('corelight');
      expect(registryClaims(sample, 'corelight').others.every((n) => n.startsWith('zeek.'))).toBe(true);
    }
  });

  it('does not claim plain Zeek records, goflow2 flows or text lines', () => {
    const { _path, _system_name, _write_ts, ...plainConn } = conn;
    expect([_path, _system_name, _write_ts]).toHaveLength(3);
    expect(corelightParser.detect(plainConn)).toBe(false);
    const { _path: _p, _system_name: _s, _write_ts: _w, ...plainNtp } = ntp;
    expect(corelightParser.detect(plainNtp)).toBe(false);
    expect(corelightParser.detect({ type: 'SFLOW_5', src_addr: '192.0.2.1', dst_addr: '192.0.2.2' })).toBe(
      false,
    );
    expect(corelightParser.detect('192.0.2.1 -> 192.0.2.2 ntp')).toBe(false);
  });
});
