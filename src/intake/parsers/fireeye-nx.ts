// FireEye / Trellix Network Security (NX) JSON: the sensor's `meta_*`/`deviceid` envelope around `rawmsg`, an
// EVE-style record (flow, dns, http, fileinfo, tls, alert), bare or after a syslog header. Mapped as Elastic's
// `fireeye.nx` pipeline maps it: endpoints as source/destination and related, the sensor only as observer.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalNumber, OptionalText, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'fireeye.nx';
/** Keys of the sensor's envelope; a record carries `rawmsg` and at least one of them. */
const ENVELOPE_KEYS = ['meta_sip4', 'meta_sip6', 'meta_cbname', 'deviceid', 'meta_oml'] as const;

const Str = OptionalText;
const Num = OptionalNumber;

const NxRecord = z.object({
  timestamp: Str,
  event_type: z.string(),
  flow_id: Num,
  src_ip: Str,
  src_port: Num,
  dest_ip: Str,
  dest_port: Num,
  proto: z.union([z.string(), z.number()]).nullish(),
  app_proto: Str,
  alert: z
    .object({
      signature: Str,
      signature_id: Num,
      severity: Num,
      category: Str,
      action: Str,
    })
    .nullish(),
  http: z.object({ hostname: Str, url: Str, http_method: Str }).nullish(),
  dns: z.object({ type: Str, rrname: Str, rrtype: Str, rcode: Str }).nullish(),
  tls: z
    .object({
      sni: Str,
      ja3: z.object({ hash: Str }).nullish(),
      ja3s: z.object({ hash: Str }).nullish(),
    })
    .nullish(),
  fileinfo: z.object({ filename: Str, md5: Str, sha1: Str, sha256: Str }).nullish(),
});
type NxRecord = z.infer<typeof NxRecord>;

const Envelope = z.object({
  rawmsg: z.union([z.string(), z.record(z.string(), z.unknown())]),
  meta_cbname: Str,
});

/** The envelope object of a payload: the object itself, or the JSON after an optional syslog header. */
function envelopeOf(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  const text = textOf(raw);
  if (text === null || !text.includes('"rawmsg"')) return null;
  const trimmed = text.trim();
  const body = trimmed.startsWith('{') ? trimmed : (parseSyslog(trimmed)?.message.trim() ?? '');
  if (!body.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(body);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The NX record inside `rawmsg` (a JSON string, as the sensor writes it, or an already decoded object). */
function recordOf(rawmsg: string | Record<string, unknown>): NxRecord | null {
  let value: unknown = rawmsg;
  if (typeof rawmsg === 'string') {
    const t = rawmsg.trim();
    if (!t.startsWith('{')) return null;
    try {
      value = JSON.parse(t);
    } catch {
      return null;
    }
  }
  const r = NxRecord.safeParse(value);
  return r.success ? r.data : null;
}

interface Nx {
  envelope: z.infer<typeof Envelope>;
  record: NxRecord;
}

function read(raw: unknown): Nx | null {
  const obj = envelopeOf(raw);
  if (!isObject(obj) || !('rawmsg' in obj) || !ENVELOPE_KEYS.some((k) => k in obj)) return null;
  const envelope = Envelope.safeParse(obj);
  if (!envelope.success) return null;
  const record = recordOf(envelope.data.rawmsg);
  return record ? { envelope: envelope.data, record } : null;
}

function detect(raw: unknown): boolean {
  if (isObject(raw)) {
    if (!('rawmsg' in raw) || !ENVELOPE_KEYS.some((k) => k in raw)) return false;
  } else if (typeof raw !== 'string' || !raw.includes('"rawmsg"')) {
    return false;
  }
  return read(raw) !== null;
}

/** `ip:port`, with an IPv6 address in brackets. */
function endpoint(ip: string | null | undefined, port: string | number | null | undefined): string {
  const address = ip?.includes(':') ? `[${ip}]` : (ip ?? '?');
  return port === null || port === undefined ? address : `${address}:${port}`;
}

function describe(r: NxRecord): { title: string; severity: Severity; ruleId: string | number } {
  const peers = `${endpoint(r.src_ip, r.src_port)} -> ${endpoint(r.dest_ip, r.dest_port)}`;
  if (r.alert) {
    return {
      title: `FireEye NX alert: ${r.alert.signature ?? r.alert.category ?? 'signature match'} ${peers}`,
      severity: mapSeverity(r.alert.severity ?? 3, 'rank') ?? 'medium',
      ruleId: r.alert.signature_id ?? r.event_type,
    };
  }
  const proto = r.app_proto && r.app_proto !== 'failed' ? ` (${r.app_proto})` : '';
  const what =
    r.event_type === 'dns' && r.dns?.rrname
      ? ` ${r.dns.type ?? 'query'} ${r.dns.rrname}`
      : r.event_type === 'tls' && r.tls?.sni
        ? ` ${r.tls.sni}`
        : r.http?.hostname
          ? ` ${r.http.http_method ?? ''} ${r.http.hostname}${r.http.url ?? ''}`.replace(/\s+/g, ' ')
          : '';
  return {
    title: `FireEye NX ${r.event_type}${proto}${what} ${peers}`,
    severity: 'info',
    ruleId: r.event_type,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const nx = read(raw);
  if (!nx) throw new Error('not a FireEye NX record');
  const r = nx.record;
  // Elastic: source.ip/destination.ip from src_ip/dest_ip, both in related.ip; the sensor address
  // (meta_sip4) and name (meta_cbname) are observer fields, DNS/HTTP/TLS names stay out of related.hosts.
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r.src_ip) ?? undefined);
  obs.dstIp(bareIndicatorIp(r.dest_ip) ?? undefined);
  obs.domain(r.dns?.rrname);
  obs.domain(r.http?.hostname);
  obs.domain(r.tls?.sni);
  const host = r.http?.hostname;
  const path = r.http?.url;
  const port =
    r.dest_port === null || r.dest_port === undefined || String(r.dest_port) === '80'
      ? ''
      : `:${r.dest_port}`;
  if (path)
    obs.url(/^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : host ? `http://${host}${port}${path}` : undefined);
  for (const h of [
    r.fileinfo?.md5,
    r.fileinfo?.sha1,
    r.fileinfo?.sha256,
    r.tls?.ja3?.hash,
    r.tls?.ja3s?.hash,
  ]) {
    obs.hash(h);
  }
  const { title, severity, ruleId } = describe(r);
  const sensor = nx.envelope.meta_cbname;
  return parserAlert(NAME, NAME, obs, {
    title: sensor ? `${title} (sensor ${sensor})` : title,
    severity,
    observedAt: toIsoTime(r.timestamp),
    ruleId,
  });
}

export const fireeyeNxParser: Parser = {
  name: NAME,
  claims: { keys: ['rawmsg'], text: ['"rawmsg"'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
