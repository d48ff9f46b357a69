// Arista NG Firewall (formerly Untangle) syslog: `uvm[0]:` lines carrying a JSON event of a
// `com.untangle…` class, mapped as Elastic's `arista_ngfw.log` pipelines map each class: client as the
// source, server as the destination, their NAT (server-side) addresses related only.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const HEADER =
  /^(?:<(\d{1,3})>)?[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+\s+uvm\[\d+\]:\s+(\{[\s\S]*\})\s*$/;

const Fields = z.record(z.string(), z.unknown());
const UvmEvent = z
  .object({
    class: z.string().startsWith('class com.untangle.'),
    sessionEvent: Fields.optional(),
    httpRequestEvent: Fields.optional(),
  })
  .passthrough();

interface AristaRecord {
  pri: number | null;
  /** The event class's simple name, e.g. `SessionEvent`. */
  kind: string;
  /** The event's fields with its session event (direct or via the HTTP request) merged in. */
  f: ReadonlyMap<string, unknown>;
  /** The HTTP request's own fields (HttpResponseEvent), or empty. */
  request: ReadonlyMap<string, unknown>;
}

function asArista(raw: unknown): AristaRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('uvm[') || !s.includes('"class":"class com.untangle.')) return null;
  const m = HEADER.exec(s);
  if (!m?.[2]) return null;
  let body: unknown;
  try {
    body = JSON.parse(m[2]);
  } catch {
    return null;
  }
  const e = UvmEvent.safeParse(body);
  if (!e.success) return null;
  const session = e.data.sessionEvent ?? Fields.safeParse(e.data.httpRequestEvent?.sessionEvent).data ?? {};
  // Elastic moves the session's fields up without overwriting the event's own (its rename fails then).
  const f = new Map<string, unknown>(Object.entries(session));
  for (const [k, v] of Object.entries(e.data)) f.set(k, v);
  return {
    pri: m[1] === undefined ? null : Number(m[1]),
    kind: e.data.class.slice(e.data.class.lastIndexOf('.') + 1),
    f,
    request: new Map(Object.entries(e.data.httpRequestEvent ?? {})),
  };
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function indicators(rec: AristaRecord, obs: ObservablesBuilder): void {
  const f = (k: string): string | undefined => str(rec.f.get(k));
  // Elastic's related.ip order: destination, destination NAT, source, source NAT.
  obs.dstIp(bareIndicatorIp(f('ipDestination') ?? f('CServerAddr')));
  obs.ip(bareIndicatorIp(f('SServerAddr')));
  obs.srcIp(bareIndicatorIp(f('ipSource') ?? f('clientAddress') ?? f('CClientAddr')));
  obs.ip(bareIndicatorIp(f('SClientAddr')));
  obs.user(f('login') ?? f('username'));
  obs.host(f('hostname'));
  // HTTP events: the request's domain is destination.domain (in related.hosts).
  if (rec.kind === 'HttpRequestEvent' || rec.kind === 'HttpResponseEvent') {
    obs.domain(str(rec.request.get('domain')) ?? f('domain'));
  }
  // Web filter and HTTP response request lines: `METHOD url`; Elastic keeps the URL's site out of related.hosts.
  // The URL is the second and last word; its `://` is looked for in code: one pattern (`\S+:\/\/\S+`) tried
  // every `://` of a long hostile word in turn, scanning to its end each time (quadratic time).
  const url = /^\S+ (\S+)$/.exec(f('requestLine') ?? '')?.[1];
  const scheme = url?.indexOf('://', 1) ?? -1;
  if (url && scheme > 0 && scheme + 3 < url.length) obs.url(url);
}

function severityOf(rec: AristaRecord): Severity {
  const f = rec.f;
  if (rec.kind === 'IntrusionPreventionLogEvent') return f.get('blocked') === true ? 'high' : 'medium';
  if (f.get('blocked') === true || f.get('flagged') === true) return 'medium';
  if (rec.kind === 'AdminLoginEvent' && f.get('succeeded') === false) return 'low';
  return rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri);
}

function titleOf(rec: AristaRecord): string {
  const f = (k: string): string => str(rec.f.get(k)) ?? '';
  const flow = `${f('ipSource') || f('CClientAddr') || '?'} -> ${f('ipDestination') || f('CServerAddr') || '?'}`;
  switch (rec.kind) {
    case 'AdminLoginEvent':
      return `Arista NGFW admin login ${rec.f.get('succeeded') === false ? 'failed' : 'succeeded'}: ${f('login')} from ${f('clientAddress')}`;
    case 'IntrusionPreventionLogEvent':
      return `Arista NGFW intrusion prevention: ${f('msg') || f('signatureId')} (${flow})`;
    case 'WebFilterEvent':
      return `Arista NGFW web filter ${rec.f.get('blocked') === true ? 'blocked' : 'passed'}: ${f('requestLine')} (${f('category') || f('reason')})`;
    case 'HttpRequestEvent':
    case 'HttpResponseEvent':
      return `Arista NGFW ${rec.kind}: ${f('method') || str(rec.request.get('method')) || ''} ${f('domain') || str(rec.request.get('domain')) || ''} (${flow})`;
    default:
      return `Arista NGFW ${rec.kind}${f('CClientAddr') ? `: ${f('protocolName')} ${flow}` : ''}`.trim();
  }
}

const detect = (raw: unknown): boolean => asArista(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asArista(raw);
  if (!rec) throw new Error('not an Arista NGFW uvm event');
  const obs = new ObservablesBuilder();
  indicators(rec, obs);
  const stamp = str(rec.f.get('timeStamp'));
  const rule = str(rec.f.get('signatureId')) ?? str(rec.f.get('ruleId'));
  return parserAlert('arista_ngfw.log', 'arista_ngfw.log', obs, {
    title: titleOf(rec),
    severity: severityOf(rec),
    // Untangle writes local time without a zone; Elastic reads it as UTC unless configured otherwise.
    observedAt: toIsoTime(
      stamp && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?$/.test(stamp) ? `${stamp}Z` : stamp,
    ),
    ruleId: rule && rule !== '0' ? `${rec.kind}:${rule}` : rec.kind,
  });
}

export const aristaNgfwParser: Parser = {
  name: 'arista_ngfw.log',
  claims: { keys: [], text: ['"class":"class com.untangle.'] },
  detect,
  parse,
};
