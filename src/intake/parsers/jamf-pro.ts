// Jamf Pro Log Stream access events (`[JSSACCESSLOG] <time> - username=…, status=…, ipAddress=…,
// entryPoint=…`, bare or in the `{time, message}` S3 envelope) and webhook events (`{webhook, event}`):
// users, addresses and the computer's name, mapped as Elastic's `jamf_pro.access` / `.events` pipelines map them.
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

/** A webhook's text value; numbers as text, anything else absent. */
const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(undefined)
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

const Webhook = z.object({
  webhook: z.record(z.string(), z.unknown()),
  event: z.record(z.string(), z.unknown()),
});
type Webhook = z.infer<typeof Webhook>;

/** Jamf sends camelCase keys; Elastic's pipeline snake-cases them first, and its tests use either. */
function field(obj: Record<string, unknown>, snake: string): string | undefined {
  const camel = snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return Text.parse(obj[snake] ?? obj[camel]);
}

/** The webhook event (`{webhook: {webhookEvent, …}, event: {…}}`); else null. */
function readWebhook(raw: unknown): Webhook | null {
  if (!isObject(raw) || !('webhook' in raw) || !('event' in raw)) return null;
  const w = Webhook.safeParse(raw);
  if (!w.success || field(w.data.webhook, 'webhook_event') === undefined) return null;
  return w.data;
}

function parseWebhook(w: Webhook): ReturnType<Parser['parse']> {
  const e = w.event;
  const computer = z.record(z.string(), z.unknown()).safeParse(e.computer);
  const c = computer.success ? computer.data : {};
  const obs = new ObservablesBuilder(false);
  // Elastic: source.ip is the computer's ip_address (no related.ip); user.name the computer's username,
  // else the event's; user.email the event's e-mail, else the computer's; related.user both; host.name
  // the computer's device name.
  obs.srcIp(bareIndicatorIp(field(c, 'ip_address')) ?? undefined);
  const user = field(c, 'username') ?? field(e, 'username');
  obs.user(user);
  obs.user(field(e, 'email_address') ?? field(c, 'email_address'));
  obs.host(field(c, 'device_name'));
  const kind = field(w.webhook, 'webhook_event') ?? 'event';
  const stamp = Number(field(w.webhook, 'event_timestamp'));
  const failed = e.operationSuccessful === false || e.operation_successful === false;
  const subject = field(c, 'device_name') ?? field(e, 'device_name') ?? field(e, 'object_name');
  return parserAlert('jamf_pro', 'jamf_pro.events', obs, {
    title: `Jamf Pro ${kind}${subject ? `: ${subject}` : ''}${user ? ` (${user})` : ''}${failed ? ' failed' : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: Number.isFinite(stamp) && stamp > 0 ? toIsoTime(new Date(stamp).toISOString()) : null,
    ruleId: kind,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const w = readWebhook(raw);
  if (w) return parseWebhook(w);
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

/** Jamf Pro access (JSSACCESSLOG) and webhook events. */
export const jamfProParser: Parser = {
  name: 'jamf_pro',
  claims: { keys: ['webhook', 'message'], text: ['[JSSACCESSLOG] '] },
  detect: detectorOf((raw) => readWebhook(raw) ?? read(raw)),
  parse,
};
