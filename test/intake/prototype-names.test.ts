// A payload word that names an Object.prototype member (`constructor`, `toString`, `__proto__`) is read like
// any other word: the parser that claims the record still claims it, with the same severity and no
// function text in the alert. Checked on every corpus record (read from ../shared/corpus, never copied)
// by swapping one value, word or key at a time for such a name and for a plain word of the same shape.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCef } from '../../src/intake/cef.js';
import { readCorpus } from '../../src/intake/corpus-eval.js';
import { normalizeAlert } from '../../src/intake/normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusPath = path.resolve(repoRoot, '../shared/corpus/alerts.jsonl');
const present = existsSync(corpusPath);

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;
/** A plain word of the same shape: `toString` → `xxXxxxxx`. */
const twin = (name: string): string => name.replace(/[a-z]/g, 'x').replace(/[A-Z]/g, 'X');

interface Reading {
  by: string;
  severity: string;
  title: string;
  leaked: boolean;
}

const LEAK = /function \w*\(|\[native code\]|\[object Object\]/;

function read(raw: unknown): Reading {
  const alert = normalizeAlert(raw);
  return {
    by: alert.recognizedBy,
    severity: alert.severity,
    title: alert.title,
    leaked: LEAK.test(JSON.stringify(alert)),
  };
}

/** Copies of `value`, each with one string value or one key replaced by `word` (keys as own properties). */
function* swaps(value: unknown, word: string): Generator<unknown> {
  if (typeof value === 'string') {
    yield word;
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1)
      for (const v of swaps(value[i], word)) yield value.map((item, j) => (j === i ? v : item));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  for (const [i, [, child]] of entries.entries()) {
    for (const v of swaps(child, word))
      yield Object.fromEntries(entries.map(([k, c], j) => [k, j === i ? v : c]));
    // Object.fromEntries makes `__proto__` an own key, as JSON.parse does.
    yield Object.fromEntries(entries.map(([k, c], j) => [j === i ? word : k, c]));
  }
}

/** Copies of a text line, each with one word (three or more letters) replaced by `word`. */
function* wordSwaps(line: string, word: string): Generator<string> {
  for (const m of line.matchAll(/[A-Za-z][\w-]{2,}/g))
    yield line.slice(0, m.index) + word + line.slice(m.index + m[0].length);
}

describe.skipIf(!present)('payload words named after Object.prototype members', () => {
  const records = present ? readCorpus(readFileSync(corpusPath, 'utf8')) : [];

  it('change nothing a plain word of the same shape would not change, in any corpus record', () => {
    const differences: string[] = [];
    let compared = 0;
    records.forEach((rec, r) => {
      // One name per record, in turn, keeps the run short; across 200+ records each name meets every format family.
      const name = NAMES[r % NAMES.length] ?? 'constructor';
      const plain = twin(name);
      const mutate = (word: string): unknown[] =>
        typeof rec.raw === 'string' ? [...wordSwaps(rec.raw, word)] : [...swaps(rec.raw, word)];
      const named = mutate(name);
      const plainOnes = mutate(plain);
      named.forEach((raw, i) => {
        const got = read(raw);
        const want = read(plainOnes[i]);
        compared += 1;
        const titleLeak = LEAK.test(got.title) && !LEAK.test(want.title);
        if (got.by !== want.by || got.severity !== want.severity || (got.leaked && !want.leaked) || titleLeak)
          differences.push(`${rec.id} #${i} ${name}: ${JSON.stringify(want)} → ${JSON.stringify(got)}`);
      });
    });
    expect(compared).toBeGreaterThan(5_000);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});

describe('named cases', () => {
  it('a CEF extension key named constructor is an unknown key, not a crash that hands the line to the extractor', () => {
    const line =
      'CEF:0|Forcepoint|NGFW|6.6|70018|Connection_Allowed|0|constructor=x __proto__=y src=192.0.2.1 dst=198.51.100.2';
    const alert = normalizeAlert(line);
    expect(alert.recognizedBy).toBe('parser:cef');
    expect(alert.observables.srcIps).toEqual(['192.0.2.1']);
    expect(parseCef(line)).not.toBeNull();
  });

  it('a Defender for Cloud key named __proto__ lends none of its fields to the record it sits in', () => {
    const record = (key: string): unknown =>
      JSON.parse(
        `{"type":"Microsoft.Security/assessments","id":"/subscriptions/1/providers/Microsoft.Security/assessments/2",` +
          `"properties":{"displayName":"CORS should not allow every resource","status":{"code":"Unhealthy"},` +
          `"${key}":{"severity":"High"}}}`,
      );
    const plain = normalizeAlert(record('__xxxxx__'));
    const named = normalizeAlert(record('__proto__'));
    expect(named.recognizedBy).toBe('parser:microsoft_defender_cloud.event');
    expect(plain.recognizedBy).toBe('parser:microsoft_defender_cloud.event');
    expect(named.severity).toBe(plain.severity);
  });
});
