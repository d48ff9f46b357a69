// The goflow2 flow-record parser on synthetic records: source/destination from src_addr/dst_addr, the
// sampler left out, empty addresses skipped, the flow start time, and no double claims.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { goflow2Parser } from '../../../src/intake/parsers/goflow2.js';
import { registryClaims } from './registry-claims.js';

const flow = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'SFLOW_5',
  time_flow_start_ns: 1700000000123456768,
  sampler_address: '198.51.100.1',
  sequence_num: 101,
  in_if: 12,
  out_if: 14,
  src_addr: '192.0.2.10',
  dst_addr: '203.0.113.20',
  etype: 'IPv4',
  proto: 'TCP',
  src_port: 51515,
  dst_port: 443,
  src_vlan: 100,
  dst_vlan: 100,
  sampling_rate: 1000,
  bytes: 1500,
  ...over,
});

describe('goflow2Parser', () => {
  it('reads the source and destination addresses and leaves the sampler out', () => {
    const alert = goflow2Parser.parse(flow());
    expect(alert.format).toBe('goflow2.sflow');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['203.0.113.20']);
    expect(alert.observables.ips).not.toContain('198.51.100.1');
    expect(alert.title).toContain('192.0.2.10:51515 -> 203.0.113.20:443');
    expect(alert.ruleId).toBe('SFLOW_5');
    expect(alert.observedAt).toBe('2023-11-14T22:13:20.123Z');
  });

  it('reads IPv6 flows', () => {
    const alert = goflow2Parser.parse(
      flow({ etype: 'IPv6', src_addr: '2001:db8::10', dst_addr: '2001:db8::20' }),
    );
    expect(alert.observables.srcIps).toEqual(['2001:db8::10']);
    expect(alert.observables.dstIps).toEqual(['2001:db8::20']);
  });

  it('skips an empty source address and keeps the destination', () => {
    const alert = goflow2Parser.parse(flow({ src_addr: '', sampler_address: undefined, bytes: '' }));
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual(['203.0.113.20']);
  });

  it('claims its records through the normaliser and no other specific parser does', () => {
    const alert = normalizeAlert(flow(), { parsers: [goflow2Parser] });
    expect(alert.recognizedBy).toBe('parser:goflow2.sflow');
    expect(registryClaims(flow(), 'goflow2.sflow').others).toEqual([]);
  });

  it('does not claim a Zeek connection record or a plain string', () => {
    const zeek = { ts: 1700000000.5, 'id.orig_h': '192.0.2.1', 'id.resp_h': '192.0.2.2', conn_state: 'SF' };
    expect(goflow2Parser.detect(zeek)).toBe(false);
    expect(goflow2Parser.detect('SFLOW_5 192.0.2.10 -> 203.0.113.20')).toBe(false);
    expect(goflow2Parser.detect(flow({ type: 'custom' }))).toBe(false);
  });
});
