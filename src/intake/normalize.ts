// The intake entry point: any raw payload (parsed JSON or a text line) to a normalised Alert. A
// deterministic parser handles formats it knows (also when wrapped); the heuristic extractor the rest.
import { Alert, type Extractor } from '../../graphs/agents/extraction/contract.js';
import { heuristicExtractor } from '../../graphs/agents/extraction/heuristic-extractor.js';
import { buildAlert, isBuilt } from './alert-builder.js';
import { parseEmbeddedJson, withoutArraySeparator } from './json-walk.js';
import { ParserDispatch } from './parsers/dispatch.js';
import { parsers as defaultParsers } from './parsers/index.js';
import type { Parser } from './parsers/parser.js';
import { newCollector } from './text-collector.js';
import { findWrapped, pubSubPayload, withoutPath } from './unwrap.js';

/**
 * The payload intake reads in `raw`: the alert a Pub/Sub push delivery carries, decoded, and a text payload that is
 * really JSON (also an array element with its comma, `{…},`) as JSON. Normalising reads this, and so does the
 * model-backed extraction agent.
 */
export function readPayload(raw: unknown): unknown {
  // A Pub/Sub push delivery carries the alert base64-encoded: it is read, not its envelope.
  if (typeof raw !== 'string') return pubSubPayload(raw) ?? raw;
  return parseEmbeddedJson(withoutArraySeparator(raw), 8_000_000) ?? raw;
}

/** A registry's dispatch, and its specific parsers' (for wrapped content), built once per registry. */
interface Dispatches {
  all: ParserDispatch;
  specific: ParserDispatch;
}
const dispatches = new WeakMap<readonly Parser[], Dispatches>();

function dispatchesOf(parsers: readonly Parser[]): Dispatches {
  let built = dispatches.get(parsers);
  if (!built) {
    built = {
      all: new ParserDispatch(parsers),
      specific: new ParserDispatch(parsers.filter((p) => p.generic !== true)),
    };
    dispatches.set(parsers, built);
  }
  return built;
}

/** The first parser (of those that could claim it, in registry order) whose detector claims `raw`, read. */
function tryParsers(raw: unknown, dispatch: ParserDispatch): Alert | null {
  for (const p of dispatch.candidates(raw)) {
    let hit = false;
    try {
      hit = p.detect(raw);
    } catch {
      hit = false;
    }
    if (!hit) continue;
    try {
      return p.parse(raw);
    } catch {
      return null;
    }
  }
  return null;
}

/** Adds the hosts a wrapper names (e.g. a Splunk export's `host`) to an alert parsed from its content. */
function mergeWrapperHosts(alert: Alert, wrapper: unknown): Alert {
  const c = newCollector();
  c.addJson(wrapper, { maxEmbedded: 0, maxNodes: 2_000 });
  const hosts = c.builder.build().hosts;
  const seen = new Set(alert.observables.hosts.map((h) => h.toLowerCase()));
  const extra = hosts.filter((h) => !seen.has(h.toLowerCase()));
  if (extra.length === 0) return alert;
  return { ...alert, observables: { ...alert.observables, hosts: [...alert.observables.hosts, ...extra] } };
}

/** Options for `normalizeAlert`; tests swap the parsers or the extractor. */
export interface NormalizeOptions {
  parsers?: readonly Parser[];
  extractor?: Extractor;
}

/** Normalises one raw payload. Never throws; the result always satisfies the `Alert` schema. */
export function normalizeAlert(raw: unknown, options: NormalizeOptions = {}): Alert {
  const parsers = options.parsers ?? defaultParsers;
  const extractor = options.extractor ?? heuristicExtractor;
  try {
    const value = readPayload(raw);
    const { all, specific } = dispatchesOf(parsers);
    const direct = tryParsers(value, all);
    if (direct) return checked(direct);
    if (typeof value === 'object' && value !== null) {
      for (const { inner, path } of findWrapped(value)) {
        const alert = tryParsers(inner, specific);
        if (alert) return checked(mergeWrapperHosts(alert, withoutPath(value, path)));
      }
    }
    return checked(extractor.extract(value));
  } catch {
    return buildAlert({ format: 'unknown', recognizedBy: 'extractor' }, newCollector().builder.build());
  }
}

/** The alert if it satisfies the schema (one buildAlert made does: not checked twice), else the fallback. */
function checked(alert: Alert): Alert {
  if (isBuilt(alert)) return alert;
  const parsed = Alert.safeParse(alert);
  return parsed.success
    ? parsed.data
    : buildAlert({ format: 'unknown', recognizedBy: 'extractor' }, newCollector().builder.build());
}
