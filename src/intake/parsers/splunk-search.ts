// Splunk saved-search results as Elastic's `splunk.search` stream collects them: `{author, query, result}` with
// the Splunk result (`_raw`, `_cd`, `host`, `splunk_server` …) and optional `ecs_result` ECS fields. The pipeline
// relates the author as the user, the result's host and search head as hosts, and merges `ecs_result`.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'splunk.search';

const Fields = z.record(z.string(), z.unknown());

const SearchResult = z.object({
  author: TextField,
  query: TextField,
  result: z.object({
    _raw: z.string(),
    _time: TextField,
    host: TextField,
    splunk_server: TextField,
    source: TextField,
  }),
  ecs_result: Fields.nullish().catch(undefined),
});
type SearchResult = z.infer<typeof SearchResult>;

function read(raw: unknown): SearchResult | null {
  if (!isObject(raw) || !('result' in raw) || !('query' in raw || 'author' in raw)) return null;
  const { result } = raw;
  if (!isObject(result) || !('_raw' in result) || !('_cd' in result)) return null;
  const r = SearchResult.safeParse(raw);
  return r.success ? r.data : null;
}

/** An ECS field of `ecs_result`, written dotted (`source.ip`) or nested, as text values. */
function ecsValues(ecs: Record<string, unknown> | undefined | null, path: string): string[] {
  if (!ecs) return [];
  let v: unknown = ecs[path];
  if (v === undefined) {
    v = ecs;
    for (const part of path.split('.')) {
      const o = Fields.safeParse(v);
      v = o.success ? o.data[part] : undefined;
    }
  }
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string' && x !== '');
}

function parse(raw: unknown): Alert {
  const s = read(raw);
  if (!s) throw new Error('not a Splunk search result');
  const ecs = s.ecs_result;
  const obs = new ObservablesBuilder(false);
  for (const ip of ecsValues(ecs, 'source.ip')) obs.srcIp(ip);
  for (const ip of ecsValues(ecs, 'destination.ip')) obs.dstIp(ip);
  for (const ip of ecsValues(ecs, 'related.ip')) obs.ip(ip);
  // related.user: the search's author, then any the ECS result relates.
  obs.user(s.author);
  for (const u of ecsValues(ecs, 'related.user')) obs.user(u);
  // related.hosts: host.name (the result's host unless the ECS result names one), then the search head.
  const hostNames = ecsValues(ecs, 'host.name');
  for (const h of hostNames.length ? hostNames : [s.result.host]) obs.host(h);
  obs.host(s.result.splunk_server);
  for (const h of ecsValues(ecs, 'related.hosts')) obs.host(h);
  const what = s.query ?? s.result.source ?? 'search';
  return parserAlert(NAME, NAME, obs, {
    title: `Splunk search result: ${what}${s.result.host ? ` (${s.result.host})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(s.result._time),
    ruleId: s.query ?? null,
  });
}

export const splunkSearchParser: Parser = {
  name: NAME,
  claims: { keys: ['result'], text: false },
  detect: detectorOf(read),
  parse,
};
