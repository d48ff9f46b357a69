// The labelled corpus (read from ../shared/corpus, never copied into the repo) meets the extraction
// targets: all-IP recall and precision, user and host recall, every format recognised, no crash.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, missedTargets, readCorpus, TARGETS } from '../../src/intake/corpus-eval.js';
import { normalizeAlert } from '../../src/intake/normalize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusPath = path.resolve(repoRoot, '../shared/corpus/alerts.jsonl');
const present = existsSync(corpusPath);

describe.skipIf(!present)(
  `corpus evaluation (${present ? corpusPath : 'skipped: corpus file not found at ../shared/corpus/alerts.jsonl'})`,
  () => {
    const records = present ? readCorpus(readFileSync(corpusPath, 'utf8')) : [];
    const report = evaluate(records, (raw) => normalizeAlert(raw));

    it('reads every corpus line', () => {
      expect(records.length).toBeGreaterThan(200);
    });

    it('meets every target', () => {
      expect(missedTargets(report)).toEqual([]);
      expect(report.overall.ips.recall).toBeGreaterThanOrEqual(TARGETS.ipsRecall);
      expect(report.overall.ips.precision).toBeGreaterThanOrEqual(TARGETS.ipsPrecision);
      expect(report.overall.users.recall).toBeGreaterThanOrEqual(TARGETS.usersRecall);
      expect(report.overall.hosts.recall).toBeGreaterThanOrEqual(TARGETS.hostsRecall);
    });

    it('recognises every event with a parser that names the corpus format', () => {
      expect(report.byParser).toBe(report.events);
      expect(report.formatMatches).toBe(report.events);
      expect(report.crashes).toBe(0);
    });

    it('keeps source and destination roles right', () => {
      expect(report.overall.src_ips.recall).toBeGreaterThanOrEqual(0.98);
      expect(report.overall.dst_ips.recall).toBeGreaterThanOrEqual(0.98);
      expect(report.overall.src_ips.precision).toBeGreaterThanOrEqual(0.98);
    });

    it('gets most indicators right with the heuristic extractor alone (generalisation floor)', () => {
      const generic = evaluate(records, (raw) => normalizeAlert(raw, { parsers: [] }));
      expect(generic.crashes).toBe(0);
      expect(generic.overall.ips.recall).toBeGreaterThanOrEqual(0.98);
      expect(generic.overall.ips.precision).toBeGreaterThanOrEqual(0.9);
      expect(generic.overall.src_ips.recall).toBeGreaterThanOrEqual(0.9);
      expect(generic.overall.users.recall).toBeGreaterThanOrEqual(0.85);
    });
  },
);
