// Squid proxy access.log lines: the native format and the extended one (client port, sizes, quoted referer,
// user agent, Host header, X-Forwarded-For, SNI), bare or after a syslog header, mapped as Elastic's
// `squid.log` pipeline maps them: client → source, hierarchy peer (else the URL host) → destination.
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The fields of one access.log line that Vigil reads; `null` where Squid wrote `-`. */
interface SquidRecord {
  time: string;
  client: string | null;
  code: string;
  status: string;
  method: string | null;
  url: string | null;
  user: string | null;
  peerHost: string | null;
  hostHeader: string | null;
  forwardedFor: string | null;
  sni: string | null;
}

const TIME = /^\d{9,11}\.\d{1,6}$/;
const CODE_STATUS = /^([A-Z][A-Z0-9_]*)\/(\d{1,3})$/;
const HIERARCHY = /^[A-Z][A-Z0-9_]*\/(\S+)$/;

const value = (s: string | undefined): string | null => (s === undefined || s === '-' || s === '' ? null : s);

/** Splits on spaces, keeping `"…"` groups as one token without their quotes. */
function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

function fromTokens(t: readonly string[]): SquidRecord | null {
  if (!TIME.test(t[0] ?? '') || !/^\d+$/.test(t[1] ?? '')) return null;
  // Native: time elapsed client code/status bytes method url user hierarchy/peer type.
  if (t.length === 10) {
    const cs = CODE_STATUS.exec(t[3] ?? '');
    const hier = HIERARCHY.exec(t[8] ?? '');
    if (!cs || !hier || !/^\d+$/.test(t[4] ?? '')) return null;
    return {
      time: t[0] ?? '',
      client: value(t[2]),
      code: cs[1] ?? '',
      status: cs[2] ?? '',
      method: value(t[5]),
      url: value(t[6]),
      user: value(t[7]),
      peerHost: value(hier[1]),
      hostHeader: null,
      forwardedFor: null,
      sni: null,
    };
  }
  // Extended: time elapsed client port code/status bytes in-bytes reply-hdr request-hdr body method url
  // version user hierarchy/peer peer-port type - - "referer" "agent" "host" "xff" ["sni"] server-time -.
  if (t.length !== 25 && t.length !== 26) return null;
  const cs = CODE_STATUS.exec(t[4] ?? '');
  const hier = HIERARCHY.exec(t[14] ?? '');
  if (!cs || !hier || !/^\d+$/.test(t[5] ?? '')) return null;
  return {
    time: t[0] ?? '',
    client: value(t[2]),
    code: cs[1] ?? '',
    status: cs[2] ?? '',
    method: value(t[10]),
    url: value(t[11]),
    user: value(t[13]),
    peerHost: value(hier[1]),
    hostHeader: value(t[21]),
    forwardedFor: value(t[22]),
    sni: t.length === 26 ? value(t[23]) : null,
  };
}

function asSquid(raw: unknown): SquidRecord | null {
  const s = textOf(raw, 16_384)?.trim();
  if (!s) return null;
  if (/^\d/.test(s)) return /^\d{9,11}\.\d{1,6}\s/.test(s) ? fromTokens(tokens(s)) : null;
  // Behind a syslog header: look for the epoch time and elapsed time first, before reading the header.
  if (!/\d{9,11}\.\d{1,6}\s+\d+\s/.test(s)) return null;
  const sys = parseSyslog(s);
  return sys && /^\d/.test(sys.message) ? fromTokens(tokens(sys.message.trim())) : null;
}

/** The host of an absolute URL, as Elastic's `uri_parts` reads `url.domain`; null for anything else. */
function urlDomain(url: string | null): string | null {
  if (!url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return null;
  try {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    return host || null;
  } catch {
    return null;
  }
}

const detect = detectorOf(asSquid);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asSquid(raw);
  if (!rec) throw new Error('not a Squid access.log line');
  const obs = new ObservablesBuilder();
  const connect = rec.method?.toUpperCase() === 'CONNECT';
  const domain = connect ? null : urlDomain(rec.url);
  obs.srcIp(bareIndicatorIp(rec.client));
  obs.ip(bareIndicatorIp(rec.forwardedFor));
  // The peer's address, else the URL host, is destination.address; only an address becomes destination.ip.
  obs.dstIp(bareIndicatorIp(rec.peerHost ?? domain));
  obs.user(rec.user);
  if (domain && bareIndicatorIp(domain)) obs.host(domain);
  else obs.domain(domain);
  // Elastic copies the Host header verbatim (with its port on CONNECT) into related.hosts.
  if (rec.hostHeader && rec.hostHeader.toLowerCase() !== domain?.toLowerCase()) obs.host(rec.hostHeader);
  obs.domain(rec.sni);
  if (rec.url && !connect) obs.url(rec.url);
  const status = Number(rec.status);
  const denied = /DENIED/.test(rec.code) || status >= 400;
  return parserAlert('squid.log', 'squid.log', obs, {
    title: `Squid ${rec.code}/${rec.status}: ${rec.method ?? '-'} ${rec.url ?? '-'}`,
    severity: denied ? 'low' : 'info',
    observedAt: toIsoTime(rec.time),
    ruleId: rec.code,
  });
}

export const squidParser: Parser = { name: 'squid.log', claims: { keys: [] }, detect, parse };
