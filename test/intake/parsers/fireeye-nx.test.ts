// The FireEye / Trellix NX parser on synthetic sensor records of every supported event type: the envelope
// around `rawmsg`, endpoints as source/destination, the sensor kept out, names as domains, and no double claims.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { fireeyeNxParser } from '../../../src/intake/parsers/fireeye-nx.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const TS = '2024-03-05T10:00:00.123456+0000';

/** A sensor envelope (as NX writes it) around an EVE-style record, which travels as a JSON string. */
function nx(
  record: Record<string, unknown>,
  envelope: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    rawmsg: `${JSON.stringify({ timestamp: TS, flow_id: 1234567890123, ...record })}\n`,
    meta_sip4: '192.0.2.250',
    meta_oml: 512,
    deviceid: '000111222333',
    meta_cbname: 'nx-lab-sensor',
    ...envelope,
  };
}

const tuple = (src: string, srcPort: number, dst: string, dstPort: number, proto = 'TCP') => ({
  src_ip: src,
  src_port: srcPort,
  dest_ip: dst,
  dest_port: dstPort,
  proto,
});

const samples: Record<string, Record<string, unknown>> = {
  flow: nx({
    event_type: 'flow',
    ...tuple('192.0.2.15', 40001, '203.0.113.14', 123, 'UDP'),
    proto_number: 17,
    app_proto: 'failed',
    flow: {
      pkts_toserver: 1,
      pkts_toclient: 1,
      bytes_toserver: 90,
      bytes_toclient: 90,
      state: 'established',
    },
  }),
  flowIpv6: nx({
    event_type: 'flow',
    ...tuple(
      '2001:0db8:0000:0000:0000:0000:0000:0015',
      45000,
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      10001,
      'UDP',
    ),
    app_proto: 'failed',
  }),
  dns: nx({
    event_type: 'dns',
    iface: 'pether3',
    ...tuple('192.0.2.176', 60269, '198.51.100.53', 53, 'UDP'),
    dns: { type: 'query', id: 4242, rrname: 'updates.example.com', rrtype: 'A', tx_id: 0 },
  }),
  http: nx({
    event_type: 'http',
    iface: 'pether3',
    ...tuple('192.0.2.44', 51515, '203.0.113.80', 80),
    app_proto: 'http',
    http: { hostname: 'downloads.example.net', url: '/files/setup.exe', http_method: 'GET', status: 200 },
  }),
  fileinfo: nx({
    event_type: 'fileinfo',
    iface: 'pether3',
    ...tuple('192.0.2.222', 47220, '198.51.100.31', 5601),
    app_proto: 'http',
    http: {
      hostname: '198.51.100.31',
      url: '/api/search',
      http_method: 'POST',
      protocol: 'HTTP/1.1',
      length: 0,
    },
    fileinfo: { filename: '/api/search', md5: '0123456789abcdef0123456789abcdef', stored: false, size: 640 },
  }),
  tls: nx({
    event_type: 'tls',
    iface: 'pether3',
    ...tuple('192.0.2.99', 53918, '203.0.113.13', 443),
    tls: {
      subject: 'CN=portal.example.org',
      sni: 'portal.example.org',
      version: 'TLS 1.2',
      ja3: { hash: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', string: '771,49199,0-11,23,0' },
      ja3s: { hash: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', string: '771,49195,0' },
    },
  }),
  alert: nx({
    event_type: 'alert',
    ...tuple('198.51.100.66', 4444, '192.0.2.40', 445),
    alert: {
      signature: 'Synthetic SMB exploit attempt',
      signature_id: 9000001,
      severity: 1,
      category: 'Attempted Admin',
    },
  }),
};

const observablesOf = (raw: unknown) => fireeyeNxParser.parse(raw).observables;

describe('fireeyeNxParser', () => {
  it('reads a flow record: source and destination from the record, both related, the sensor address not', () => {
    const a = fireeyeNxParser.parse(samples.flow);
    expect(a.format).toBe('fireeye.nx');
    expect(a.recognizedBy).toBe('parser:fireeye.nx');
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.dstIps).toEqual(['203.0.113.14']);
    expect(a.observables.ips).toEqual(['192.0.2.15', '203.0.113.14']);
    expect(a.observables.ips).not.toContain('192.0.2.250');
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('flow');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.123Z');
    expect(a.title).toContain('192.0.2.15:40001 -> 203.0.113.14:123');
    expect(a.title).toContain('nx-lab-sensor');
  });

  it('reads IPv6 endpoints written in full', () => {
    const o = observablesOf(samples.flowIpv6);
    expect(o.srcIps).toEqual(['2001:db8::15']);
    expect(o.dstIps).toEqual(['2001:db8::1']);
    expect(o.ips).toEqual(['2001:db8::15', '2001:db8::1']);
  });

  it('reports the DNS query name as a domain, not a host', () => {
    const a = fireeyeNxParser.parse(samples.dns);
    expect(a.observables.domains).toEqual(['updates.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.176', '198.51.100.53']);
    expect(a.ruleId).toBe('dns');
    expect(a.title).toContain('updates.example.com');
  });

  it('reports the HTTP host as a domain and the request as a URL', () => {
    const o = observablesOf(samples.http);
    expect(o.domains).toEqual(['downloads.example.net']);
    expect(o.urls).toEqual(['http://downloads.example.net/files/setup.exe']);
    expect(o.hosts).toEqual([]);
  });

  it('reads a fileinfo record: an address as HTTP host is no domain, the file hash is kept', () => {
    const o = observablesOf(samples.fileinfo);
    expect(o.srcIps).toEqual(['192.0.2.222']);
    expect(o.dstIps).toEqual(['198.51.100.31']);
    expect(o.domains).toEqual([]);
    expect(o.urls).toEqual(['http://198.51.100.31:5601/api/search']);
    expect(o.hashes).toEqual(['0123456789abcdef0123456789abcdef']);
  });

  it('reads a TLS record: the SNI as a domain, the JA3 and JA3S hashes', () => {
    const o = observablesOf(samples.tls);
    expect(o.domains).toEqual(['portal.example.org']);
    expect(o.hosts).toEqual([]);
    expect(o.hashes).toEqual(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
  });

  it('names an alert by its signature and rates it by its priority', () => {
    const a = fireeyeNxParser.parse(samples.alert);
    expect(a.title).toContain('Synthetic SMB exploit attempt');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('9000001');
    expect(a.observables.srcIps).toEqual(['198.51.100.66']);
  });

  it('keeps the domain names it reports out of related.hosts, as Elastic’s pipeline does', () => {
    expect(fireeyeNxParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads the record as a JSON text line, after a syslog header, and with rawmsg already decoded', () => {
    const line = JSON.stringify(samples.dns);
    const syslog = `<134>Mar  5 10:00:00 nx-lab-sensor fenotify: ${line}`;
    const decoded = { ...samples.dns, rawmsg: JSON.parse(String(samples.dns?.rawmsg)) as unknown };
    for (const raw of [line, syslog, decoded]) {
      expect(fireeyeNxParser.detect(raw)).toBe(true);
      expect(observablesOf(raw).srcIps).toEqual(['192.0.2.176']);
      expect(observablesOf(raw).domains).toEqual(['updates.example.com']);
    }
  });

  it('never emits the unspecified address 0.0.0.0', () => {
    const o = observablesOf(nx({ event_type: 'flow', ...tuple('0.0.0.0', 68, '192.0.2.1', 67, 'UDP') }));
    expect(o.srcIps).toEqual([]);
    expect(o.ips).toEqual(['192.0.2.1']);
  });

  it('does not claim records without the sensor envelope, or other formats', () => {
    const record = JSON.parse(String(samples.flow?.rawmsg)) as unknown;
    const zeek = { ts: 1700000000.5, uid: 'Csynth1', 'id.orig_h': '192.0.2.1', 'id.resp_h': '192.0.2.2' };
    const negatives: unknown[] = [
      record,
      zeek,
      { rawmsg: samples.flow?.rawmsg },
      { rawmsg: 'not json at all', meta_sip4: '192.0.2.250' },
      { rawmsg: JSON.stringify({ ts: 1 }), meta_cbname: 'nx-lab-sensor' },
      '<134>Mar  5 10:00:00 host app: {"message":"rawmsg"}',
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.9 port 22 ssh2',
      null,
      42,
    ];
    for (const raw of negatives) expect(fireeyeNxParser.detect(raw), JSON.stringify(raw)).toBe(false);
  });

  it('is the only specific parser claiming these records, and normalisation reads them with it', () => {
    const all = [fireeyeNxParser, ...parsers];
    for (const [name, raw] of Object.entries(samples)) {
      expect(fireeyeNxParser.detect(raw), name).toBe(true);
      expect(registryClaims(raw, fireeyeNxParser.name).others, name).toEqual([]);
      expect(normalizeAlert(raw, { parsers: all }).recognizedBy, name).toBe('parser:fireeye.nx');
      const syslog = `<134>Mar  5 10:00:00 nx-lab-sensor fenotify: ${JSON.stringify(raw)}`;
      expect(registryClaims(syslog, fireeyeNxParser.name).others, `${name} (syslog)`).toEqual([]);
      expect(normalizeAlert(syslog, { parsers: all }).recognizedBy, `${name} (syslog)`).toBe(
        'parser:fireeye.nx',
      );
    }
  });
});
