// Scores the synthetic held-out-like sets (test/intake/fixtures) with the extractor alone and with the parsers.
// Usage: npm run eval:synthetic -- [--verbose]
import { evaluate, FIELDS, type EvalReport } from '../src/intake/corpus-eval.js';
import { normalizeAlert } from '../src/intake/normalize.js';
import { HELDOUT_LIKE } from '../test/intake/fixtures/heldout-like.js';
import { HELDOUT_LIKE_2 } from '../test/intake/fixtures/heldout-like-2.js';

const verbose = process.argv.includes('--verbose');
const line = (r: EvalReport): string =>
  FIELDS.map((f) => `${f} P ${r.overall[f].precision.toFixed(3)} R ${r.overall[f].recall.toFixed(3)}`).join(
    ' | ',
  );

for (const [name, set] of [
  ['heldout-like', HELDOUT_LIKE],
  ['heldout-like-2', HELDOUT_LIKE_2],
] as const) {
  for (const mode of ['extractor', 'full'] as const) {
    const r = evaluate(set, (raw) =>
      mode === 'extractor' ? normalizeAlert(raw, { parsers: [] }) : normalizeAlert(raw),
    );
    console.log(`${name} ${mode} (${r.events} events, ${r.byParser} by a parser): ${line(r)}`);
    if (verbose)
      for (const m of r.misses)
        console.log(
          `  ${m.id} ${m.field}: missing ${JSON.stringify(m.missing)} extra ${JSON.stringify(m.extra)}`,
        );
  }
}
