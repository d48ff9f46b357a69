// Scores extraction against a labelled corpus (JSONL of {id, format, raw, expected}): micro-averaged
// precision and recall per field, per format and overall, the share recognised by a parser, the misses.
import { z } from 'zod';
import type { Alert } from '../../graphs/agents/extraction/contract.js';
import { canonicalIp } from './ip.js';
import { ecsIndicators } from './ecs-view.js';

export const FIELDS = ['src_ips', 'dst_ips', 'ips', 'users', 'hosts'] as const;
export type Field = (typeof FIELDS)[number];

const Expected = z.object({
  src_ips: z.array(z.string()).default([]),
  dst_ips: z.array(z.string()).default([]),
  ips: z.array(z.string()).default([]),
  users: z.array(z.string()).default([]),
  hosts: z.array(z.string()).default([]),
});

/** One labelled corpus event. */
export const CorpusRecord = z.object({
  id: z.string(),
  format: z.string(),
  raw: z.unknown(),
  expected: Expected,
});
export type CorpusRecord = z.infer<typeof CorpusRecord>;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
}

export interface Miss {
  id: string;
  format: string;
  field: Field;
  missing: string[];
  extra: string[];
}

export interface FormatReport {
  events: number;
  byParser: number;
  formatMatches: number;
  fields: Record<Field, Score>;
}

export interface EvalReport {
  events: number;
  crashes: number;
  byParser: number;
  formatMatches: number;
  overall: Record<Field, Score>;
  formats: Record<string, FormatReport>;
  misses: Miss[];
  /** Formats with at least one event no parser recognised. */
  unrecognisedFormats: string[];
  millis: number;
}

/** Target thresholds the corpus must meet. */
export const TARGETS = { ipsRecall: 0.98, ipsPrecision: 0.95, usersRecall: 0.9, hostsRecall: 0.9 } as const;

const canonical = (field: Field, v: string): string =>
  field === 'users' || field === 'hosts' ? v.toLowerCase() : (canonicalIp(v) ?? v.trim().toLowerCase());

/** What `vigil extract` prints for the field: the ECS view of the alert. */
function predicted(alert: Alert, field: Field): string[] {
  return ecsIndicators(alert)[field];
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const score = (c: Counts): Score => ({
  ...c,
  precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
  recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
});

/** Parses JSONL text into corpus records, skipping lines that do not fit the record shape. */
export function readCorpus(text: string): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = CorpusRecord.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // not a record
    }
  }
  return out;
}

/** Runs `normalize` over every record and scores it. */
export function evaluate(records: readonly CorpusRecord[], normalize: (raw: unknown) => Alert): EvalReport {
  const started = performance.now();
  const overall = Object.fromEntries(FIELDS.map((f) => [f, zero()])) as Record<Field, Counts>;
  const perFormat = new Map<
    string,
    { events: number; byParser: number; formatMatches: number; fields: Record<Field, Counts> }
  >();
  const misses: Miss[] = [];
  let crashes = 0;
  let byParser = 0;
  let formatMatches = 0;
  for (const rec of records) {
    let fmt = perFormat.get(rec.format);
    if (!fmt) {
      fmt = {
        events: 0,
        byParser: 0,
        formatMatches: 0,
        fields: Object.fromEntries(FIELDS.map((f) => [f, zero()])) as Record<Field, Counts>,
      };
      perFormat.set(rec.format, fmt);
    }
    fmt.events += 1;
    let alert: Alert | null = null;
    try {
      alert = normalize(rec.raw);
    } catch {
      crashes += 1;
    }
    if (alert?.recognizedBy.startsWith('parser:')) {
      byParser += 1;
      fmt.byParser += 1;
    }
    if (alert?.format === rec.format) {
      formatMatches += 1;
      fmt.formatMatches += 1;
    }
    for (const field of FIELDS) {
      const expected = new Map(rec.expected[field].map((v) => [canonical(field, v), v]));
      const got = new Map((alert ? predicted(alert, field) : []).map((v) => [canonical(field, v), v]));
      const missing = [...expected.keys()].filter((k) => !got.has(k));
      const extra = [...got.keys()].filter((k) => !expected.has(k));
      const tp = expected.size - missing.length;
      for (const c of [overall[field], fmt.fields[field]]) {
        c.tp += tp;
        c.fp += extra.length;
        c.fn += missing.length;
      }
      if (missing.length > 0 || extra.length > 0) {
        misses.push({
          id: rec.id,
          format: rec.format,
          field,
          missing: missing.map((k) => expected.get(k) ?? k),
          extra: extra.map((k) => got.get(k) ?? k),
        });
      }
    }
  }
  const formats: Record<string, FormatReport> = {};
  for (const [name, f] of [...perFormat.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    formats[name] = {
      events: f.events,
      byParser: f.byParser,
      formatMatches: f.formatMatches,
      fields: Object.fromEntries(FIELDS.map((k) => [k, score(f.fields[k])])) as Record<Field, Score>,
    };
  }
  misses.sort((a, b) => b.missing.length + b.extra.length - (a.missing.length + a.extra.length));
  return {
    events: records.length,
    crashes,
    byParser,
    formatMatches,
    overall: Object.fromEntries(FIELDS.map((k) => [k, score(overall[k])])) as Record<Field, Score>,
    formats,
    misses,
    unrecognisedFormats: Object.entries(formats)
      .filter(([, f]) => f.byParser < f.events)
      .map(([name]) => name),
    millis: performance.now() - started,
  };
}

/** The targets a report misses, in words (empty when all are met). */
export function missedTargets(r: EvalReport): string[] {
  const out: string[] = [];
  const o = r.overall;
  if (o.ips.recall < TARGETS.ipsRecall)
    out.push(`ips recall ${o.ips.recall.toFixed(3)} < ${TARGETS.ipsRecall}`);
  if (o.ips.precision < TARGETS.ipsPrecision)
    out.push(`ips precision ${o.ips.precision.toFixed(3)} < ${TARGETS.ipsPrecision}`);
  if (o.users.recall < TARGETS.usersRecall)
    out.push(`users recall ${o.users.recall.toFixed(3)} < ${TARGETS.usersRecall}`);
  if (o.hosts.recall < TARGETS.hostsRecall)
    out.push(`hosts recall ${o.hosts.recall.toFixed(3)} < ${TARGETS.hostsRecall}`);
  if (r.unrecognisedFormats.length > 0)
    out.push(`not recognised by a parser: ${r.unrecognisedFormats.join(', ')}`);
  if (r.crashes > 0) out.push(`${r.crashes} events threw`);
  return out;
}
