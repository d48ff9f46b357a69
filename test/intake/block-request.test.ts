// `/vigil block`'s arguments, read strictly, and the reader of the body the command files.
import { describe, expect, it } from 'vitest';
import {
  blockRequestBody,
  parseBlockArgs,
  parseTtl,
  readBlockRequest,
} from '../../src/intake/block-request.js';
import { fingerprintOf } from '../../src/intake/fingerprint.js';
import { parsePolicy } from '../../src/policy/policy.js';

const rules = parsePolicy(
  'version: 1\nvalidation:\n  allow_list: { ips: [198.51.100.0/28] }\nactions: {}\n',
).validationRules();
const reasonOf = (...args: string[]) => {
  const parsed = parseBlockArgs(args, rules);
  return parsed.ok ? 'ok' : parsed.reason;
};

describe('the arguments of /vigil block', () => {
  it('takes an address in canonical form and an optional TTL within 1 minute and 366 days', () => {
    expect(parseBlockArgs(['203.0.113.7'], rules)).toEqual({ ok: true, ip: '203.0.113.7', ttlSeconds: null });
    expect(parseBlockArgs(['2001:DB8:0:0::7', '30m'], rules)).toEqual({
      ok: true,
      ip: '2001:db8::7',
      ttlSeconds: 1800,
    });
    expect(parseBlockArgs(['203.0.113.7', '2H'], rules)).toMatchObject({ ttlSeconds: 7200 });
    expect(parseTtl('1m')).toBe(60);
    expect(parseTtl('366d')).toBe(366 * 86_400);
    expect([parseTtl('59s'), parseTtl('367d'), parseTtl('2 h'), parseTtl('-1h'), parseTtl('h')]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('refuses, each for its reason, what it cannot block', () => {
    expect({
      none: reasonOf(),
      extra: reasonOf('203.0.113.7', '1h', 'now'),
      junk: reasonOf('host.example.com'),
      range: reasonOf('203.0.113.0/24'),
      range6: reasonOf('2001:db8::/32'),
      loopback: reasonOf('127.0.0.1'),
      unspecified: reasonOf('::'),
      linkLocal: reasonOf('169.254.10.1'),
      multicast: reasonOf('224.0.0.251'),
      private: reasonOf('192.168.1.20'),
      ula: reasonOf('fd00::1'),
      allowed: reasonOf('198.51.100.3'),
      ttl: reasonOf('203.0.113.7', 'forever'),
    }).toEqual({
      none: 'usage',
      extra: 'usage',
      junk: 'usage',
      range: 'range',
      range6: 'range',
      loopback: 'not-blockable',
      unspecified: 'not-blockable',
      linkLocal: 'not-blockable',
      multicast: 'not-blockable',
      private: 'internal',
      ula: 'internal',
      allowed: 'allow-listed',
      ttl: 'ttl',
    });
    const internal = parseBlockArgs(['10.0.0.5'], rules);
    expect(internal.ok ? '' : internal.message).toContain('isolate the machine in the EDR');
  });
});

describe('the reader of a /vigil block body', () => {
  it('reads Vigil’s own body into the person’s request, and nothing else', () => {
    const alert = readBlockRequest(JSON.parse(blockRequestBody('203.0.113.7', 7200)), 'U0ALICE001');
    expect(alert.request).toEqual({
      action: 'block_ip',
      ip: '203.0.113.7',
      ttlSeconds: 7200,
      by: 'U0ALICE001',
    });
    expect(alert.observables.srcIps).toEqual(['203.0.113.7']);
    expect(() =>
      readBlockRequest({ action: 'block_ip', ip: '203.0.113.7', ttl: null, extra: 1 }, 'U1'),
    ).toThrow();
    expect(() => readBlockRequest({ action: 'block_ip', ip: '2001:DB8::7', ttl: null }, 'U1')).toThrow();
    expect(() => readBlockRequest({ action: 'isolate_host', ip: '203.0.113.7', ttl: null }, 'U1')).toThrow();
  });

  it('makes two requests for one address the same, whoever asked and for how long, and never an alert', () => {
    const a = readBlockRequest({ action: 'block_ip', ip: '203.0.113.7', ttl: null }, 'U1');
    const b = readBlockRequest({ action: 'block_ip', ip: '203.0.113.7', ttl: 3600 }, 'U2');
    const other = readBlockRequest({ action: 'block_ip', ip: '203.0.113.8', ttl: null }, 'U1');
    expect(fingerprintOf(a, 'x')).toBe(fingerprintOf(b, 'y'));
    expect(fingerprintOf(a, 'x')).not.toBe(fingerprintOf(other, 'x'));
    const { request: _dropped, ...lookalike } = a;
    expect(fingerprintOf(lookalike, 'x')).not.toBe(fingerprintOf(a, 'x'));
  });
});
