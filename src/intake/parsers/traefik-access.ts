// Traefik access-log lines (Common Log Format plus request count, router/frontend, backend URL and duration):
// the client as the source, the backend URL's address as the destination, and the authenticated user.
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** Common Log Format head, then Traefik's `<count> "<frontend>" "<backend URL>" <n>ms` tail (anchored). */
const TRAEFIK =
  /^(\S+) (\S+) (\S+) \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "(\S+) (\S*) HTTP\/([\d.]+)" (\d{3}) (?:\d+|-)(?: (?:"[^"]*"|-))?(?: (?:"[^"]*"|-))? (?:\d+|-) (?:"([^"]*)"|-) "([^"]*)" \d+ms$/;

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

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  return s !== null && s.endsWith('ms') && s.includes('] "') && TRAEFIK.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = TRAEFIK.exec(textOf(raw, 16_384) ?? '');
  if (!m) throw new Error('not a Traefik access line');
  const obs = new ObservablesBuilder();
  endpoint(obs, m[1], 'src');
  endpoint(obs, backendHost(m[10]), 'dst');
  obs.user(m[3]);
  const status = Number(m[8]);
  const router = m[9] ? ` via ${m[9]}` : '';
  return parserAlert('traefik.access', 'traefik.access', obs, {
    title: `${m[5] ?? ''} ${m[6] ?? ''} -> ${status}${router}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: clfTime(m[4]),
    ruleId: `http:${status}`,
  });
}

export const traefikAccessParser: Parser = {
  name: 'traefik.access',
  claims: { keys: [], text: [' HTTP/'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
