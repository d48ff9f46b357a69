// Splunk notable events (search results with `_raw`, `_bkt`, `_cd` …): the `_raw` line is `<time>, k="v", …`.
// Elastic's `splunk.alert` pipeline splits it with a kv processor and maps src/dest/ip/user-style keys to
// source, destination and related fields, the Splunk `host` to host.ip or host.name.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { lookupTable } from '../lookup-table.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { trimRuns } from '../text.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'splunk.alert';

const Envelope = z.object({
  _raw: z.string(),
  _time: TextField,
  host: TextField,
  source: TextField,
});

/** A notable's `_raw`: its time, then `key=` pairs after a comma and a space. */
const SUMMARY_LINE = /^[^,=]{1,64}, [A-Za-z_][\w.]*=/;

/** One kv value: a single text, or every value of a key the line repeats. */
type KvValue = string | string[];

interface SplunkAlert {
  fields: ReadonlyMap<string, KvValue>;
  time: string | undefined;
}

/**
 * Elastic's kv over `_raw` after its leading `<time>, `, into the record's own fields: pairs split on `, `, key
 * and value on the first `=`, `\\` and `"` trimmed from values; a key already present becomes a list (kv appends).
 * Like the processor (whose failure is ignored), a pair without `=` ends the parse, keeping the pairs before it.
 */
function appendKv(fields: Map<string, KvValue>, raw: string): void {
  const start = raw.indexOf(', ');
  if (start < 0) return;
  for (const pair of raw.slice(start + 2).split(', ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const key = pair.slice(0, eq);
    if (key === '_time' || key.startsWith('annotations.mitre_attack')) continue;
    const value = trimRuns(pair.slice(eq + 1), '\\"');
    const prior = fields.get(key);
    fields.set(key, prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value]);
  }
}

/** A Splunk search result: `_raw` text with Splunk's bucket and cursor keys; null for anything else. */
function read(raw: unknown): SplunkAlert | null {
  if (!isObject(raw) || !('_raw' in raw) || !('_cd' in raw) || !('_bkt' in raw)) return null;
  const e = Envelope.safeParse(raw);
  // Only Splunk's own summary line (`<time>, key="value", …`): a result row whose `_raw` is some vendor's event
  // is left to the unwrapping that reads that event with its vendor's parser.
  if (!e.success || !SUMMARY_LINE.test(e.data._raw)) return null;
  const fields = new Map<string, KvValue>();
  if (e.data.host !== undefined) fields.set('host', e.data.host);
  if (e.data.source !== undefined) fields.set('source', e.data.source);
  appendKv(fields, e.data._raw);
  return { fields, time: e.data._time };
}

/** Splunk severities as the pipeline scores them (low and informational alike). */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  informational: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
});

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Splunk notable event');
  const f = r.fields;
  /** A key's value when the line gives it once (the pipeline's `instanceof String` tests). */
  const one = (key: string): string | undefined => {
    const v = f.get(key);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const obs = new ObservablesBuilder(false);
  // destination.ip: dest (when an address), dest_ip, dstip; each is related. `ip` is appended later, after the
  // pipeline has related the destination addresses, so it stays out of related.ip.
  const dst = [one('dest'), one('dest_ip'), one('dstip')].map(bareIndicatorIp);
  for (const ip of dst) obs.ip(obs.dstIp(ip));
  // host: an address is host.ip (related), a name is host.name (related.hosts).
  const host = one('host');
  const hostIp = bareIndicatorIp(host);
  if (hostIp) obs.ip(hostIp);
  else obs.host(host);
  for (const key of ['src_nt_host', 'hostname']) obs.host(one(key));
  const infected = f.get('infected_hosts');
  if (Array.isArray(infected)) for (const h of infected) obs.host(h);
  obs.dstIp(bareIndicatorIp(one('ip')));
  for (const key of ['object', 'orig_host']) obs.host(one(key));
  // source: src (an address, else a host name), src_ip, srcip, userip; every source address is related.
  const src = one('src');
  const srcIp = bareIndicatorIp(src);
  if (src && !srcIp) obs.host(src);
  for (const ip of [srcIp, ...['src_ip', 'srcip', 'userip'].map((k) => bareIndicatorIp(one(k)))]) {
    obs.ip(obs.srcIp(ip));
  }
  // related.user, in the pipeline's order.
  for (const key of [
    'email',
    'src_user_email',
    'src_user_identity_id',
    'src_user_nick',
    'user',
    'user_email',
    'user_identity_id',
    'username',
    'user_identity',
    'event.UserName',
    'from_user',
    'matched_username',
    'src_user',
    'src_user_first',
    'src_user_last',
    'user_first',
    'user_managedBy',
    'user_nick',
  ]) {
    obs.user(one(key));
  }
  const rule = one('source') ?? one('search_name');
  const severity = one('severity') ?? one('event.SeverityName');
  return parserAlert(NAME, NAME, obs, {
    title: `Splunk notable: ${rule ?? 'alert'}${host ? ` (${host})` : ''}`,
    severity: SEVERITY[(severity ?? '').toLowerCase()] ?? 'medium',
    observedAt: toIsoTime(r.time),
    ruleId: rule ?? null,
  });
}

export const splunkAlertParser: Parser = {
  name: NAME,
  claims: { keys: ['_bkt'], text: false },
  detect: detectorOf(read),
  parse,
};
