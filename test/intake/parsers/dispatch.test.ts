// Detector dispatch: a payload is shown only to the detectors whose claims admit it, in registry order, so the
// parser that reads it is the one a scan of every detector would have reached first.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAlert } from '../../../src/intake/alert-builder.js';
import { ObservablesBuilder } from '../../../src/intake/observables-builder.js';
import { admits, ParserDispatch } from '../../../src/intake/parsers/dispatch.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import type { Parser, ParserClaims } from '../../../src/intake/parsers/parser.js';
import { TokenMatcher } from '../../../src/intake/parsers/token-matcher.js';

const parser = (name: string, claims?: ParserClaims): Parser => ({
  name,
  claims,
  detect: () => true,
  parse: () => buildAlert({ format: name, recognizedBy: `parser:${name}` }, new ObservablesBuilder().build()),
});

describe('ParserDispatch', () => {
  const anything = parser('anything');
  const alpha = parser('alpha', { keys: ['alpha', 'shared'], text: false });
  const textOnly = parser('text-only', { keys: [] });
  const beta = parser('beta', { keys: ['beta', 'shared'] });
  const dispatch = new ParserDispatch([alpha, anything, textOnly, beta]);
  const names = (raw: unknown) => dispatch.candidates(raw).map((p) => p.name);

  it('offers an object to the parsers claiming one of its top-level keys and to those claiming any, in order', () => {
    expect(names({ alpha: 1 })).toEqual(['alpha', 'anything']);
    expect(names({ shared: 1, beta: 2 })).toEqual(['alpha', 'anything', 'beta']);
    expect(names({ other: { alpha: 1 } })).toEqual(['anything']);
    // The same answer twice: the marks of one call do not leak into the next.
    expect(names({ beta: 1 })).toEqual(['anything', 'beta']);
    expect(names({ beta: 1 })).toEqual(['anything', 'beta']);
  });

  it('never takes an inherited key for an own one, and reads objects without a prototype', () => {
    const inherited = Object.create({ alpha: 1 }) as object;
    expect(names(inherited)).toEqual(['anything']);
    const bare = Object.create(null) as Record<string, unknown>;
    bare.beta = 1;
    expect(names(bare)).toEqual(['anything', 'beta']);
  });

  it('offers text to every parser that reads text, and JSON object text to all', () => {
    expect(names('<134>Oct 11 22:14:15 fw-01 kernel: DROP')).toEqual(['anything', 'text-only', 'beta']);
    expect(names('  {"alpha": 1}')).toEqual(['alpha', 'anything', 'text-only', 'beta']);
  });

  it('offers arrays, numbers and null to every parser', () => {
    for (const raw of [[{ alpha: 1 }], 42, null])
      expect(names(raw)).toEqual(['alpha', 'anything', 'text-only', 'beta']);
  });

  it('admits exactly what the dispatch offers', () => {
    for (const raw of [{ alpha: 1 }, { other: 1 }, 'plain text', '{"x":1}', [1]]) {
      const offered = dispatch.candidates(raw);
      for (const p of [alpha, anything, textOnly, beta]) expect(admits(p, raw)).toBe(offered.includes(p));
    }
  });
});

describe('TokenMatcher', () => {
  const found = (tokens: string[], text: string) => {
    const hits = new Set<string>();
    new TokenMatcher(tokens).scan(text, (i) => hits.add(tokens[i] ?? '?'));
    return [...hits].sort();
  };

  it('finds every token that occurs, overlapping and nested ones too, ignoring case', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'USHERS')).toEqual(['he', 'hers', 'she']);
    expect(found(['%ASA-', 'asa', 'devid='], 'fw %asa-4-106023: Deny')).toEqual(['%ASA-', 'asa']);
    expect(found(['abcd', 'bc'], 'xabcx')).toEqual(['bc']);
    expect(found(['logid='], 'no such thing')).toEqual([]);
  });

  it('matches an empty token on every text', () => {
    expect(found(['', 'zz'], 'abc')).toEqual(['']);
  });
});

describe('ParserDispatch on text tokens', () => {
  const asa = parser('asa', { keys: [], text: ['%ASA-', '%FTD-'] });
  const fortigate = parser('fortigate', { keys: [], text: ['devid='] });
  const syslog = parser('syslog', { keys: [] });
  const dispatch = new ParserDispatch([asa, fortigate, syslog]);
  const names = (raw: unknown) => dispatch.candidates(raw).map((p) => p.name);

  it('offers text to the parsers whose tokens it contains and to those without tokens, in order', () => {
    expect(names('<166>Jan 1 00:00:00 fw : %ftd-6-302013: Built')).toEqual(['asa', 'syslog']);
    expect(names('date=2024-01-01 devid="FG100E" srcip=192.0.2.1 %ASA-')).toEqual([
      'asa',
      'fortigate',
      'syslog',
    ]);
    expect(names('<13>Jan 1 00:00:00 host sshd[1]: Accepted')).toEqual(['syslog']);
    expect(names(' {"devid": 1}')).toEqual(['asa', 'fortigate', 'syslog']);
  });

  it('admits exactly the text the dispatch offers', () => {
    for (const raw of ['%asa-1', 'devid=1', 'plain', '{"x":1}']) {
      const offered = dispatch.candidates(raw);
      for (const p of [asa, fortigate, syslog]) expect(admits(p, raw)).toBe(offered.includes(p));
    }
  });
});

const corpusPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/corpus/alerts.jsonl',
);
const present = existsSync(corpusPath);

describe.skipIf(!present)('the registry on the corpus', () => {
  const raws = present
    ? readFileSync(corpusPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { raw: unknown }).raw)
    : [];
  const asIntakeSees = raws.flatMap((raw) => {
    if (typeof raw !== 'string') return [raw];
    try {
      return [raw, JSON.parse(raw) as unknown];
    } catch {
      return [raw];
    }
  });

  it('gives every payload to the parser a scan of all detectors reaches first, and no detector breaks its claims', () => {
    const dispatch = new ParserDispatch(parsers);
    expect(asIntakeSees.length).toBeGreaterThan(200);
    for (const raw of asIntakeSees) {
      const scanned = parsers.find((p) => p.detect(raw));
      const dispatched = dispatch.candidates(raw).find((p) => p.detect(raw));
      expect(dispatched?.name).toBe(scanned?.name);
      for (const p of parsers) if (p.detect(raw)) expect(admits(p, raw), p.name).toBe(true);
    }
  });
});
