// Jamf Pro Log Stream access events (`[JSSACCESSLOG] <time> - username=…, status=…, ipAddress=…,
// entryPoint=…`, bare or in the `{time, message}` S3 envelope): the user and the client address, mapped
// as Elastic's `jamf_pro.access` pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const PREFIX = '[JSSACCESSLOG] ';

const Envelope = z.object({ time: z.string().nullish(), message: z.string() });

interface AccessRecord {
  time: string | null;
  stamp: string;
  fields: Map<string, string>;
}

/** The access line of `raw` (a bare line or the envelope's message) with the envelope time; else null. */
function lineOf(raw: unknown): { line: string; time: string | null } | null {
  const text = textOf(raw);
  if (text !== null) return text.startsWith(PREFIX) ? { line: text, time: null } : null;
  if (!isObject(raw) || !('message' in raw)) return null;
  const e = Envelope.safeParse(raw);
  if (!e.success || !e.data.message.startsWith(PREFIX)) return null;
  return { line: e.data.message, time: e.data.time ?? null };
}

/** The access record (dissect `[JSSACCESSLOG] %{ts} - %{kv}`, then kv on `, ` and `=`); else null. */
function read(raw: unknown): AccessRecord | null {
  const l = lineOf(raw);
  if (!l) return null;
  const m = /^\[JSSACCESSLOG\] (\S+) - (.*)$/s.exec(l.line);
  if (!m?.[1] || m[2] === undefined) return null;
  const fields = new Map<string, string>();
  for (const pair of m[2].split(', ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return { time: l.time, stamp: m[1], fields };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Jamf Pro access event');
  const obs = new ObservablesBuilder();
  // Elastic: ipAddress → source.ip (and related.ip); username → user.name unless empty or `Unknown`.
  obs.srcIp(bareIndicatorIp(r.fields.get('ipAddress')) ?? undefined);
  const user = r.fields.get('username');
  if (user && user !== 'Unknown') obs.user(user);
  const status = r.fields.get('status') ?? null;
  const failed = /^failed/i.test(status ?? '');
  const entry = r.fields.get('entryPoint');
  return parserAlert('jamf_pro', 'jamf_pro.access', obs, {
    title: `Jamf Pro access: ${status ?? 'event'}${entry ? ` (${entry})` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(r.time) ?? toIsoTime(r.stamp.replace(',', '.')),
    ruleId: status,
  });
}

/** Jamf Pro access (JSSACCESSLOG) events. */
export const jamfProParser: Parser = { name: 'jamf_pro', detect: detectorOf(read), parse };
