// Beelzebub honeypot events: the JSON log line (`{"event":{…SourceIp, Protocol…},"msg","time"}`), read as
// Elastic's `beelzebub` pipeline reads it: the attacker's SourceIp is the source and the only related address,
// the honeypot's address (Host header, else HostHTTPRequest) the destination, the User tried the user.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, jsonObjectOf, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'beelzebub.logs';

const BeelzebubEvent = z.object({
  DateTime: TextField,
  Protocol: TextField,
  Status: TextField,
  Msg: TextField,
  ID: TextField,
  User: TextField,
  Command: TextField,
  Headers: TextField,
  HostHTTPRequest: TextField,
  HTTPMethod: TextField,
  RequestURI: TextField,
  Description: TextField,
  SourceIp: TextField,
});

const BeelzebubLine = z.object({
  event: BeelzebubEvent,
  msg: TextField,
  time: TextField,
});
type BeelzebubLine = z.infer<typeof BeelzebubLine>;

/** Keys of Beelzebub's tracer event that no other vendor's JSON carries together. */
const mentions = (t: string): boolean =>
  t.trimStart().startsWith('{') &&
  t.includes('"SourceIp"') &&
  t.includes('"HostHTTPRequest"') &&
  t.includes('"event"');

function read(raw: unknown): BeelzebubLine | null {
  const o = jsonObjectOf(raw, mentions);
  if (o === null || !('event' in o) || !isObject(o.event)) return null;
  const e = o.event;
  if (!('SourceIp' in e) || !('Protocol' in e) || !('RemoteAddr' in e)) return null;
  const r = BeelzebubLine.safeParse(o);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/**
 * The Host header in Beelzebub's header dump (`[Key: Host, values: h],[Key: …`), which the pipeline's kv
 * processor finds under the lower-cased key `host`.
 */
function hostHeader(headers: string | undefined): string | undefined {
  if (!headers) return undefined;
  const m = /(?:^|\],)\[Key: host, values: ([^\]]*)\]/i.exec(headers);
  const v = m?.[1]?.trim();
  return v ? v : undefined;
}

/** url.domain as the pipeline sets it: the Host header, else HostHTTPRequest without a trailing `:port`. */
function urlDomain(e: BeelzebubLine['event']): string | undefined {
  const header = hostHeader(e.Headers);
  if (header !== undefined) return header;
  const v = e.HostHTTPRequest === undefined ? undefined : withoutPorts(e.HostHTTPRequest);
  return v ? v : undefined;
}

/**
 * The text without its trailing `:<digits>` groups, removed from the end in code: the pattern `(:[0-9]+)*$`
 * was tried from every colon of a long hostile value, scanning to its end each time (quadratic time).
 */
function withoutPorts(value: string): string {
  let end = value.length;
  for (;;) {
    let start = end;
    while (start > 0 && /[0-9]/.test(value[start - 1] ?? '')) start -= 1;
    if (start === end || value[start - 1] !== ':') return value.slice(0, end);
    end = start - 1;
  }
}

/** Any contact with a honeypot is suspect; a command typed into its shell is an intruder at work. */
function severityOf(e: BeelzebubLine['event']): Severity {
  return e.Command ? 'high' : 'medium';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Beelzebub event');
  const e = line.event;
  // Only source.ip is appended to related.ip; destination.ip stays out of it.
  const obs = new ObservablesBuilder(false);
  const src = bareIndicatorIp(e.SourceIp);
  obs.srcIp(src ?? undefined);
  obs.ip(src ?? undefined);
  const domain = urlDomain(e);
  const dst = bareIndicatorIp(domain);
  obs.dstIp(dst ?? undefined);
  if (dst === null) obs.domain(domain);
  obs.user(e.User);
  const what = e.Msg ?? line.msg ?? 'event';
  const where = [e.Protocol, e.Description].filter((v) => v !== undefined).join(', ');
  return parserAlert(NAME, NAME, obs, {
    title: `Beelzebub: ${what}${where ? ` (${where})` : ''}`,
    severity: severityOf(e),
    observedAt: toIsoTime(e.DateTime ?? line.time),
    ruleId: e.Protocol ?? null,
  });
}

/** url.domain is not in related.hosts: the pipeline relates no host. */
export const beelzebubParser: Parser = {
  name: NAME,
  claims: { keys: ['event'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
