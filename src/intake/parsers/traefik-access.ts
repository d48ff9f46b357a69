// Traefik access logs, in both of Traefik's formats. The text line (Common Log Format plus request count,
// router/frontend, backend URL and duration): the client as the source, the backend URL's address as the
// destination, and the authenticated user. The JSON record (`ClientHost`, `ServiceAddr`, `DownstreamStatus` …):
// the client as the source, the service (or v1 backend) address the request went to as the destination, and the
// authenticated user.
import { z } from 'zod';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime, toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  indicatorIp,
  isObject,
  jsonObjectOf,
  parserAlert,
  textOf,
  TextField,
} from './common.js';
import type { Parser } from './parser.js';

/** Common Log Format head, then Traefik's `<count> "<frontend>" "<backend URL>" <n>ms` tail (anchored). */
const TRAEFIK =
  /^(\S+) (\S+) (\S+) \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "(\S+) (\S*) HTTP\/([\d.]+)" (\d{3}|-) (?:\d+|-)(?: (?:"[^"]*"|-))?(?: (?:"[^"]*"|-))? (?:\d+|-) (?:"([^"]*)"|-) "([^"]*)" \d+ms$/;

/**
 * The host of a backend URL (`http://192.0.2.9:8080` → `192.0.2.9`), as the pipeline's grok reads it: the whole
 * authority when it is an address (an unbracketed IPv6), else the part before `:port`; a bracketed IPv6 too.
 */
function backendHost(url: string | undefined): string | null {
  const authority = /^(?:https?:\/\/)?([^/\s]+)\/?$/.exec(url ?? '')?.[1];
  if (!authority) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(authority)?.[1];
  const host = /^(.+?)(?::\d+)?$/.exec(authority)?.[1];
  return bareIndicatorIp(authority) ?? bareIndicatorIp(bracketed) ?? host ?? null;
}

/** An address (source or destination) as an IP, else a host name as a domain. */
function endpoint(obs: ObservablesBuilder, value: string | null | undefined, side: 'src' | 'dst'): void {
  if (!value) return;
  const ip = bareIndicatorIp(value);
  if (ip) {
    if (side === 'src') obs.srcIp(ip);
    else obs.dstIp(ip);
  } else if (/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(value) && /[A-Za-z]/.test(value)) obs.domain(value);
}

/** Traefik's JSON access record (v1 `Backend*`/`Frontend*` or v2+ `Service*`/`Router*` names). */
const TraefikJson = z.object({
  ClientAddr: TextField,
  ClientHost: TextField,
  ClientUsername: TextField,
  RequestMethod: z.string().min(1),
  RequestPath: TextField,
  RequestHost: TextField,
  DownstreamStatus: TextField,
  OriginStatus: TextField,
  ServiceAddr: TextField,
  BackendAddr: TextField,
  RouterName: TextField,
  FrontendName: TextField,
  StartUTC: TextField,
  time: TextField,
});
type TraefikJson = z.infer<typeof TraefikJson>;

const JSON_KEYS = ['ClientAddr', 'ClientHost'];

function readJson(raw: unknown): TraefikJson | null {
  const o = jsonObjectOf(raw, (t) => t.includes('"RequestMethod"') && t.includes('"Client'));
  if (!o || !JSON_KEYS.some((k) => k in o) || !('RequestMethod' in o)) return null;
  if (!['DownstreamStatus', 'OriginStatus', 'RequestCount'].some((k) => k in o)) return null;
  const parsed = TraefikJson.safeParse(o);
  return parsed.success ? parsed.data : null;
}

/** `-` and empty mean none, as in the text format. */
const given = (v: string | undefined): string | undefined => (v && v !== '-' ? v : undefined);

/**
 * The client is `ClientHost` (an address), else the host part of `ClientAddr` (address and port): the peer that
 * sent the request either way. The destination is the address Traefik forwarded to (`ServiceAddr`, v1
 * `BackendAddr`); `RequestAddr`/`RequestHost` name the site asked for (a domain), and `ServiceURL` the
 * configured upstream, not where this request went.
 */
function parseJson(e: TraefikJson): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(given(e.ClientHost)) ?? indicatorIp(given(e.ClientAddr)) ?? undefined);
  obs.dstIp(indicatorIp(given(e.ServiceAddr) ?? given(e.BackendAddr)) ?? undefined);
  const site = given(e.RequestHost);
  if (site && !parseAddress(site)) endpoint(obs, site.replace(/:\d+$/, ''), 'dst');
  obs.user(given(e.ClientUsername));
  const status = e.DownstreamStatus ?? e.OriginStatus ?? '-';
  const router = given(e.RouterName) ?? given(e.FrontendName);
  return parserAlert('traefik.access', 'traefik.access', obs, {
    title: `${e.RequestMethod} ${e.RequestPath ?? ''} -> ${status}${router ? ` via ${router}` : ''}`,
    severity: Number(status) >= 500 ? 'low' : 'info',
    observedAt: toIsoTime(e.StartUTC ?? e.time),
    ruleId: `http:${status}`,
  });
}

const detectJson = detectorOf(readJson);

function detect(raw: unknown): boolean {
  if (isObject(raw)) return detectJson(raw);
  const s = textOf(raw, 16_384);
  if (s === null) return false;
  if (s.startsWith('{')) return detectJson(s);
  return s.endsWith('ms') && s.includes('] "') && TRAEFIK.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const json = readJson(raw);
  if (json) return parseJson(json);
  const m = TRAEFIK.exec(textOf(raw, 16_384) ?? '');
  if (!m) throw new Error('not a Traefik access line');
  const obs = new ObservablesBuilder();
  endpoint(obs, m[1], 'src');
  endpoint(obs, backendHost(m[10]), 'dst');
  obs.user(m[3]);
  const status = m[8] ?? '-';
  const router = given(m[9]) ? ` via ${m[9]}` : '';
  return parserAlert('traefik.access', 'traefik.access', obs, {
    title: `${m[5] ?? ''} ${m[6] ?? ''} -> ${status}${router}`,
    severity: Number(status) >= 500 ? 'low' : 'info',
    observedAt: clfTime(m[4]),
    ruleId: `http:${status}`,
  });
}

export const traefikAccessParser: Parser = {
  name: 'traefik.access',
  claims: { keys: JSON_KEYS, text: [' HTTP/', '"RequestMethod"'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
