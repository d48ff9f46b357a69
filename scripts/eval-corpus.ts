// Scores normalizeAlert against the labelled corpus and exits non-zero when a target is missed.
// Usage: npx tsx scripts/eval-corpus.ts [path] [--verbose] [--extractor-only]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, FIELDS, missedTargets, readCorpus, type Score } from '../src/intake/corpus-eval.js';
import { normalizeAlert } from '../src/intake/normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const extractorOnly = args.includes('--extractor-only');
const corpusPath =
  args.find((a) => !a.startsWith('--')) ?? path.resolve(repoRoot, '../shared/corpus/alerts.jsonl');

const fmt = (s: Score): string => `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}`.padEnd(18);

const records = readCorpus(readFileSync(corpusPath, 'utf8'));
const report = evaluate(records, (raw) =>
  extractorOnly ? normalizeAlert(raw, { parsers: [] }) : normalizeAlert(raw),
);

console.log(
  `${report.events} events, ${report.byParser} recognised by a parser (${((100 * report.byParser) / Math.max(1, report.events)).toFixed(1)}%), format right for ${report.formatMatches}, ${report.crashes} crashes, ${report.millis.toFixed(0)} ms${extractorOnly ? ' [extractor only]' : ''}`,
);
console.log(
  `${'format'.padEnd(34)}${'n'.padStart(4)} ${'parsed'.padStart(6)}  ${FIELDS.map((f) => f.padEnd(18)).join('')}`,
);
for (const [name, f] of Object.entries(report.formats)) {
  console.log(
    `${name.padEnd(34)}${String(f.events).padStart(4)} ${String(f.byParser).padStart(6)}  ${FIELDS.map((k) => fmt(f.fields[k])).join('')}`,
  );
}
console.log(
  `${'OVERALL'.padEnd(34)}${String(report.events).padStart(4)} ${String(report.byParser).padStart(6)}  ${FIELDS.map((k) => fmt(report.overall[k])).join('')}`,
);

if (verbose) {
  console.log('\nWorst misses:');
  for (const m of report.misses.slice(0, 60)) {
    console.log(
      `  ${m.format} ${m.id} ${m.field}: missing ${JSON.stringify(m.missing)} extra ${JSON.stringify(m.extra)}`,
    );
  }
}

const missed = missedTargets(report);
if (missed.length > 0 && !extractorOnly) {
  console.log(`\nTargets missed:\n  ${missed.join('\n  ')}`);
  process.exitCode = 1;
} else if (!extractorOnly) {
  console.log('\nAll targets met.');
}
