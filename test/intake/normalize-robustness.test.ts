// normalizeAlert never throws and always returns a schema-valid Alert, whatever arrives: random JSON,
// random and invalid-UTF-8 text, deep nesting, huge strings, prototype-polluting keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Alert } from '../../graphs/agents/extraction/contract.js';
import { normalizeAlert } from '../../src/intake/normalize.js';

function assertValid(raw: unknown): Alert {
  const alert = normalizeAlert(raw);
  expect(Alert.safeParse(alert).success).toBe(true);
  return alert;
}

function deepObject(levels: number): unknown {
  let v: unknown = { src_ip: '198.51.100.1' };
  for (let i = 0; i < levels; i += 1) v = { nested: v, [`k${i % 3}`]: i };
  return v;
}

function deepArray(levels: number): unknown {
  let v: unknown = ['203.0.113.1'];
  for (let i = 0; i < levels; i += 1) v = [v];
  return v;
}

describe('normalizeAlert on hostile input', () => {
  it('returns a valid alert for random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        assertValid(v);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a valid alert for random strings and random JSON serialised as text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.json()),
        (s) => {
          assertValid(s);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns a valid alert for invalid UTF-8 decoded as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assertValid(Buffer.from(bytes).toString('utf8'));
        assertValid(`<13>Jan  1 00:00:00 host app: ${Buffer.from(bytes).toString('latin1')}`);
      }),
      { numRuns: 200 },
    );
  });

  it('survives log-like random text built from real separators', () => {
    const token = fc.constantFrom(
      'src=',
      'dst=',
      'user=',
      '->',
      ' ',
      '"',
      "'",
      '|',
      'CEF:0|',
      'LEEF:1.0|',
      '<13>',
      '::',
      ':',
      '.',
      '[',
      ']',
      '=',
      '\\',
      '%ASA-6-302013:',
      '10.0.0.1',
      '2001:db8::1',
      'type=USER_AUTH msg=audit(1:2):',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 60 }), (parts) => {
        assertValid(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('handles 10,000 levels of nesting quickly', () => {
    const started = performance.now();
    assertValid(deepObject(10_000));
    assertValid(deepArray(10_000));
    assertValid(`${'['.repeat(10_000)}"203.0.113.1"${']'.repeat(10_000)}`);
    assertValid(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('handles 5 MB strings quickly', () => {
    const big = 'A'.repeat(5 * 1024 * 1024);
    const ipSoup = '10.0.0.1 '.repeat(600_000);
    const started = performance.now();
    assertValid(big);
    assertValid(ipSoup);
    assertValid({ message: big, src_ip: '198.51.100.2' });
    const alert = assertValid({ message: ipSoup });
    expect(alert.observables.ips.length).toBeLessThanOrEqual(200);
    assertValid(`CEF:0|a|b|1|2|${big}|5|src=1.2.3.4`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('does not pollute Object.prototype through __proto__ or constructor keys', () => {
    const payloads: unknown[] = [
      JSON.parse(
        '{"__proto__":{"polluted":"yes","src_ip":"198.51.100.3"},"constructor":{"prototype":{"polluted":"yes"}}}',
      ),
      JSON.parse('{"result":{"_raw":"{\\"__proto__\\":{\\"polluted\\":\\"yes\\"}}"}}'),
      '{"__proto__":{"polluted":"yes"}}',
      '__proto__=polluted constructor=x prototype=y src=198.51.100.4',
    ];
    for (const p of payloads) assertValid(p);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'src'),
          fc.jsonValue(),
        ),
        (d) => {
          assertValid(d);
        },
      ),
      { numRuns: 100 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('reads the address behind a __proto__ key without trusting the prototype chain', () => {
    const alert = normalizeAlert(JSON.parse('{"__proto__":{"src_ip":"198.51.100.5"}}'));
    expect(alert.observables.srcIps).toEqual(['198.51.100.5']);
  });
});
