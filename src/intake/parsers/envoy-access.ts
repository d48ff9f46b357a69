// Envoy / Istio access logs: the default text line (plain Envoy, older and current Istio layouts) and the
// JSON encoding. As Elastic's `istio` pipeline: the downstream remote address is the source, the upstream
// host the destination; on plain Envoy lines, as its `envoyproxy` pipeline, x-forwarded-for is the source. The
// authority and SNI are domains kept out of related.hosts.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, isObject, OptionalNumber, OptionalText, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `[ISO time] "METHOD PATH PROTOCOL" ` then the rest of the line (anchored); Envoy may prefix `ACCESS `. */
const HEAD =
  /^(?:ACCESS )?\[(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))\] "(-|[A-Z]+) (\S+) (-|[A-Z]+\/[\d.]+)" (.+)$/;
/** A token of the line's tail: a quoted string or a bare word. */
const TOKEN = /"[^"]*"|\S+/g;
const NUMBER_OR_DASH = /^(?:\d+(?:\.\d+)?|-)$/;
const HOSTNAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?$/;

/** The fields of one access record that Vigil reads. */
interface Fields {
  time: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  flags: string | null;
  authority: string | null;
  upstreamHost: string | null;
  /** The downstream address, or on a plain Envoy line (no Istio tail) the x-forwarded-for header. */
  downstreamRemote: string | null;
  sni: string | null;
  route: string | null;
  /** Envoy's own default layout, without the fields Istio's adds: Elastic's `envoyproxy.log`. */
  plainEnvoy: boolean;
}

const dash = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '-' ? null : v;
const unquote = (v: string | undefined): string | null => dash(v?.replace(/^"|"$/g, ''));

/**
 * Reads the text line. After the status and flags, every layout has four numbers (bytes received, bytes sent,
 * duration, upstream service time) then five quoted fields (x-forwarded-for, user agent, request id,
 * authority, upstream host); Istio adds the response details before the numbers and the cluster and
 * addresses after the quoted run.
 */
function readText(s: string): Fields | null {
  const m = HEAD.exec(s);
  if (!m) return null;
  const tokens = (m[5] ?? '').match(TOKEN) ?? [];
  const quoted = (t: string | undefined): boolean =>
    t !== undefined && t.length >= 2 && t.startsWith('"') && t.endsWith('"');
  let run = -1;
  for (let i = 6; i + 4 < tokens.length && run < 0; i++) {
    const numbers = [1, 2, 3, 4].every((k) => NUMBER_OR_DASH.test(tokens[i - k] ?? ''));
    if (numbers && [0, 1, 2, 3, 4].every((k) => quoted(tokens[i + k]))) run = i;
  }
  if (run < 0 || !/^(?:\d{1,3}|-)$/.test(tokens[0] ?? '')) return null;
  const tail = tokens.slice(run + 5);
  if (tail.length !== 0 && (tail.length < 4 || tail.length > 6)) return null;
  const status = dash(tokens[0]);
  return {
    time: m[1] ?? null,
    method: dash(m[2]),
    path: dash(m[3]),
    status: status === null ? null : Number(status),
    flags: dash(tokens[1]),
    authority: unquote(tokens[run + 3]),
    upstreamHost: unquote(tokens[run + 4]),
    // Plain Envoy's layout ends at the upstream host: Elastic's envoyproxy pipeline takes x-forwarded-for
    // as the source address there.
    downstreamRemote: tail.length === 0 ? unquote(tokens[run]) : dash(tail[3]),
    sni: dash(tail[4]),
    route: dash(tail[5]),
    plainEnvoy: tail.length === 0,
  };
}

const Str = OptionalText;
const Num = OptionalNumber;
/** Envoy's / Istio's JSON access-log encoding (`accessLogEncoding: JSON`). */
const JsonRecord = z.object({
  start_time: Str,
  method: Str,
  path: Str,
  response_code: Num,
  response_flags: Str,
  authority: Str,
  upstream_host: Str,
  downstream_remote_address: Str,
  requested_server_name: Str,
  route_name: Str,
});

function readJson(raw: unknown): Fields | null {
  const r = JsonRecord.safeParse(raw);
  if (!r.success) return null;
  const d = r.data;
  const code = d.response_code === null || d.response_code === undefined ? null : Number(d.response_code);
  return {
    time: dash(d.start_time),
    method: dash(d.method),
    path: dash(d.path),
    status: code !== null && Number.isFinite(code) ? code : null,
    flags: dash(d.response_flags),
    authority: dash(d.authority),
    upstreamHost: dash(d.upstream_host),
    downstreamRemote: dash(d.downstream_remote_address),
    sni: dash(d.requested_server_name),
    route: dash(d.route_name),
    plainEnvoy: false,
  };
}

/** An address field (`ip:port`, `[v6]:port` …) as an IP, else its host name as a domain. */
function endpoint(obs: ObservablesBuilder, value: string | null, side: 'src' | 'dst'): void {
  if (!value) return;
  const ip = indicatorIp(value);
  if (ip) {
    if (side === 'src') obs.srcIp(ip);
    else obs.dstIp(ip);
    return;
  }
  domainOf(obs, value);
}

/** A `host[:port]` value's host name as a domain (addresses are not domains). */
function domainOf(obs: ObservablesBuilder, value: string | null): void {
  const host = value ? /^(.+?)(?::\d{1,5})?$/.exec(value)?.[1] : undefined;
  if (host && HOSTNAME.test(host) && /[A-Za-z]/.test(host)) obs.domain(host);
}

const JSON_KEYS = ['downstream_remote_address', 'upstream_host'] as const;
const JSON_HINTS = ['authority', 'upstream_cluster', 'response_code', 'start_time', 'requested_server_name'];

function detect(raw: unknown): boolean {
  try {
    if (isObject(raw)) {
      return JSON_KEYS.some((k) => k in raw) && JSON_HINTS.some((k) => k in raw) && readJson(raw) !== null;
    }
    const s = textOf(raw, 16_384);
    return (
      s !== null &&
      (s.startsWith('[') || s.startsWith('ACCESS [')) &&
      s.includes('] "') &&
      readText(s) !== null
    );
  } catch {
    return false;
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const text = textOf(raw, 16_384);
  const f = text !== null ? readText(text) : readJson(raw);
  if (!f) throw new Error('not an Envoy/Istio access record');
  const obs = new ObservablesBuilder();
  endpoint(obs, f.downstreamRemote, 'src');
  endpoint(obs, f.upstreamHost, 'dst');
  domainOf(obs, f.authority);
  domainOf(obs, f.sni);
  const request = f.method && f.path ? `${f.method} ${f.path}` : 'HTTP request';
  const flags = f.flags ? ` (${f.flags})` : '';
  const status = f.status ?? 0;
  return parserAlert('istio.access_logs', f.plainEnvoy ? 'envoyproxy.log' : 'istio.access_logs', obs, {
    title: `${request} -> ${status}${flags}${f.route ? ` via ${f.route}` : ''}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: toIsoTime(f.time),
    ruleId: `http:${status}`,
  });
}

export const envoyAccessParser: Parser = {
  name: 'istio.access_logs',
  claims: { keys: ['downstream_remote_address', 'upstream_host'], text: ['] "'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
