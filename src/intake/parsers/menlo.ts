// Menlo Security log API events (`{"event": {...}}`, or the bare event): web (proxy and isolation) and DLP
// records, mapped as Elastic's `menlo` web and dlp pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const MenloEvent = z.object({
  vendor: TextField,
  product: TextField,
  name: TextField,
  event_time: TextField,
  severity: TextField,
  userid: TextField,
  domain: TextField,
  url: TextField,
  sha256: TextField,
  // web
  'x-client-ip': TextField,
  origin_ip: TextField,
  pe_action: TextField,
  pe_rulename: TextField,
  risk_score: TextField,
  threats: TextField,
  virus_details: TextField,
  categories: TextField,
  proxyEventType: TextField,
  // dlp
  dst_url: TextField,
  action: TextField,
  rule_id: TextField,
  rule_name: TextField,
  filename: TextField,
  ccl_ids: TextField,
  stream_name: TextField,
});
type MenloEvent = z.infer<typeof MenloEvent>;

/** Keys only a DLP record carries (its content-control lists and stream). */
const DLP_KEYS = ['ccl_ids', 'ccl_scores', 'ccl_match_counts', 'dst_url', 'stream_name'] as const;
/** Keys only a web record carries. */
const WEB_KEYS = ['pe_action', 'x-client-ip', 'full_session_id', 'origin_ip', 'top_url'] as const;

/** Menlo writes `NA` for an absent value. */
const present = (v: string | undefined): string | undefined =>
  v === undefined || v === 'NA' ? undefined : v;

/** The event object: `raw.event` in the API's shape, or `raw` itself; null when it is no Menlo record. */
function eventOf(raw: unknown): Record<string, unknown> | null {
  if (!isObject(raw)) return null;
  const wrapped = 'event' in raw && isObject(raw.event) && Object.keys(raw).length <= 3;
  const e: object = wrapped && isObject(raw.event) ? raw.event : raw;
  const vendor = 'vendor' in e && typeof e.vendor === 'string' ? e.vendor : '';
  const product = 'product' in e && typeof e.product === 'string' ? e.product : '';
  const menlo = /^menlo security$/i.test(vendor) || (wrapped && product === 'MSIP' && vendor === '');
  if (!menlo || !('event_time' in e)) return null;
  if (!DLP_KEYS.some((k) => k in e) && !WEB_KEYS.some((k) => k in e)) return null;
  return Object.fromEntries(Object.entries(e));
}

function read(raw: unknown): { kind: 'web' | 'dlp'; e: MenloEvent } | null {
  const obj = eventOf(raw);
  if (!obj) return null;
  const parsed = MenloEvent.safeParse(obj);
  if (!parsed.success) return null;
  const kind = DLP_KEYS.some((k) => k in obj) && !('pe_action' in obj) ? 'dlp' : 'web';
  return { kind, e: parsed.data };
}

const detect = detectorOf(read);

/** The API writes UTC times without an offset (`2023-11-21T13:12:37.102000`); Elastic reads them as UTC. */
function utc(time: string | undefined): string | null {
  if (!time) return null;
  return toIsoTime(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(time) ? time : `${time}Z`) ?? toIsoTime(time);
}

const worse = (a: Severity, b: Severity | null): Severity => {
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  return b !== null && order.indexOf(b) > order.indexOf(a) ? b : a;
};

function webSeverity(e: MenloEvent): Severity {
  if (present(e.threats) || present(e.virus_details)) return 'high';
  const action = (e.pe_action ?? '').toLowerCase();
  const base: Severity =
    action === 'block' ? 'medium' : action === 'isolate' || action === 'ssl_exception' ? 'low' : 'info';
  return worse(base, mapSeverity(present(e.risk_score)));
}

function addSite(obs: ObservablesBuilder, e: MenloEvent, url: string | undefined): void {
  obs.domain(present(e.domain));
  obs.domain(urlHostname(url));
  obs.url(url);
  obs.hash(present(e.sha256));
}

function parseWeb(e: MenloEvent): ReturnType<Parser['parse']> {
  // The client (x-client-ip) is the source and the origin server the destination; related.ip lists
  // both. The egress, forwarded-for and resolved (`dst`) addresses stay out of Elastic's indicators.
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(present(e['x-client-ip'])));
  obs.dstIp(bareIndicatorIp(present(e.origin_ip)));
  obs.user(present(e.userid));
  addSite(obs, e, present(e.url));
  const action = present(e.pe_action);
  const site = present(e.domain) ?? present(e.url);
  const rule = present(e.pe_rulename);
  return parserAlert('menlo', 'menlo.web', obs, {
    title: `Menlo web ${action ?? present(e.name) ?? 'event'}${site ? `: ${site}` : ''}${rule && rule !== action ? ` (${rule})` : ''}`,
    severity: webSeverity(e),
    observedAt: utc(e.event_time),
    ruleId: rule ?? null,
  });
}

function parseDlp(e: MenloEvent): ReturnType<Parser['parse']> {
  // DLP records carry the user (kept whole, an e-mail address as given) and the destination site only.
  const obs = new ObservablesBuilder();
  obs.user(present(e.userid));
  obs.email(present(e.userid));
  addSite(obs, e, present(e.dst_url));
  const action = (present(e.action) ?? '').toLowerCase();
  const severity: Severity = action === 'block' ? 'medium' : 'low';
  const file = present(e.filename);
  return parserAlert('menlo', 'menlo.dlp', obs, {
    title: `Menlo DLP ${action || 'event'}: ${present(e.rule_name) ?? present(e.ccl_ids) ?? 'rule'}${file ? ` on ${file}` : ''}`,
    severity,
    observedAt: utc(e.event_time),
    ruleId: present(e.rule_id) ?? present(e.rule_name) ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Menlo Security event');
  return r.kind === 'dlp' ? parseDlp(r.e) : parseWeb(r.e);
}

export const menloParser: Parser = {
  name: 'menlo',
  claims: { keys: ['event', 'event_time'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
