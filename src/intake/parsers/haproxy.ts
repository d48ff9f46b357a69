// HAProxy logs (syslog-wrapped or bare): HTTP, HTTPS (TLS fields), TCP, connection-error and default
// `Connect from … to …` lines. Mapped as Elastic's haproxy pipeline maps them: the client is the source,
// a logged server address the destination, the TLS server name (SNI) a domain in related.hosts.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'haproxy.log';

/** Optional syslog header and program, then what follows `haproxy[pid]: ` (or the bare line). */
const HEADER =
  /^(?:<(\d{1,3})>)?(?:(?:[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\S+) \S+ )?(?:(\S+)\[\d+\]: )?([\s\S]*)$/;
/** Client, accept date, frontend; the rest depends on the log format. */
const CLIENT =
  /^([0-9A-Fa-f:.]+|-):(\d+) \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}\.\d+)\] (\S+) ([\s\S]*)$/;
const TIMERS5 = /^(-?\d+)\/(-?\d+)\/(-?\d+)\/(-?\d+)\/\+?(-?\d+)$/;
/**
 * The HTTP format after the frontend: backend/server, optional server address, timers, status … request, then
 * optionally the TLS fields (`… sni/TLSv1.3/cipher`, their version checked by TLS_VERSION). The server name holds
 * no `/` before its last character, and the TLS tail is taken whole: with `(\S+)\/(\S+)` and
 * `\/\S+v[\d.]+\/\S+$`, a long hostile word was rescanned from each of its `/` or `v` (quadratic time).
 */
const HTTP =
  /^(\S+)\/([^\s/]*\S) (?:(\S+) )?(-?\d+\/-?\d+\/-?\d+\/-?\d+\/\+?-?\d+) (-?\d+) \+?\d+ \S+ \S+ (\S+) \d+\/\d+\/\d+\/\d+\/\+?\d+ \d+\/\d+ (?:\{[^}]*\} \{[^}]*\} |\{[^}]*\} )?"(.*)"(?: \d+\/\d+\/\d+\/\d+\/\d+ ([A-Za-z0-9._-]+)\/(\S+))?$/;
/** The TLS tail after the SNI's `/`: a protocol ending in `v` and a version (`TLSv1.3`), `/`, the cipher. */
const TLS_VERSION = /.v[\d.]+\/./;
/** The TCP format after the frontend; the server name is read as in HTTP. */
const TCP = /^(\S+)\/([^\s/]*\S) -?\d+\/-?\d+\/\+?-?\d+ \+?\d+ (\S+) \d+\/\d+\/\d+\/\d+\/\+?\d+ \d+\/\d+$/;
/** The default format: `Connect from <client>:<port> to <address>:<port> (<frontend>/<MODE>)`. */
const DEFAULT = /^Connect from (\S+):(\d+) to (\S+):(\d+) \(([^/\s]+)\/(\w+)\)/;

type Shape = 'http' | 'tcp' | 'error' | 'default';

interface HaproxyLine {
  shape: Shape;
  pri: number | null;
  client: string | null;
  /** The server address as logged (HTTP: an address or name before the timers; default: the bound address). */
  server: string | null;
  frontend: string;
  backend: string | null;
  status: number | null;
  termination: string | null;
  request: string | null;
  sni: string | null;
  date: string | null;
  detail: string;
}

function read(raw: unknown): HaproxyLine | null {
  const s = textOf(raw, 65_536)?.trim();
  if (!s) return null;
  const h = HEADER.exec(s);
  if (!h) return null;
  const program = h[2];
  const body = h[3] ?? '';
  const pri = h[1] === undefined ? null : Number(h[1]);
  const dm = DEFAULT.exec(body);
  if (dm && program && /haproxy/i.test(program)) {
    return {
      shape: 'default',
      pri,
      client: dm[1] ?? null,
      server: dm[3] ?? null,
      frontend: dm[5] ?? '',
      backend: null,
      status: null,
      termination: null,
      request: null,
      sni: null,
      date: null,
      detail: `${dm[6] ?? ''} connection`,
    };
  }
  const c = CLIENT.exec(body);
  if (!c) return null;
  const client = c[1] === '-' ? null : (c[1] ?? null);
  if (client !== null && canonicalIp(client) === null) return null;
  const frontend = c[4] ?? '';
  const rest = c[5] ?? '';
  const base = { pri, client, frontend, date: c[3] ?? null };
  const hm = HTTP.exec(rest);
  if (hm && TIMERS5.test(hm[4] ?? '') && (hm[9] === undefined || TLS_VERSION.test(hm[9]))) {
    return {
      ...base,
      shape: 'http',
      server: hm[3] ?? null,
      backend: `${hm[1] ?? ''}/${hm[2] ?? ''}`,
      status: Number(hm[5]),
      termination: hm[6] ?? null,
      request: hm[7] ?? null,
      sni: hm[8] ?? null,
      detail: hm[7] ?? '',
    };
  }
  const tm = TCP.exec(rest);
  if (tm) {
    return {
      ...base,
      shape: 'tcp',
      server: null,
      backend: `${tm[1] ?? ''}/${tm[2] ?? ''}`,
      status: null,
      termination: tm[3] ?? null,
      request: null,
      sni: null,
      detail: `TCP ${tm[3] ?? ''}`,
    };
  }
  // Connection errors name `frontend/bind:` and then the error text.
  if (/^[^\s/]+\/\S+$/.test(frontend) && rest.length > 0) {
    return {
      ...base,
      shape: 'error',
      server: null,
      backend: null,
      status: null,
      termination: null,
      request: null,
      sni: null,
      detail: rest,
    };
  }
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `30/Jul/2018:09:03:52.726` as ISO 8601 (no zone is logged: read as UTC). */
function acceptTime(date: string | null): string | null {
  const m = date ? /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}\.\d+)$/.exec(date) : null;
  const month = m ? MONTHS.indexOf(m[2] ?? '') + 1 : 0;
  if (!m || month === 0) return null;
  return toIsoTime(`${m[3] ?? ''}-${String(month).padStart(2, '0')}-${m[1] ?? ''}T${m[4] ?? ''}Z`);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not an HAProxy log line');
  const obs = new ObservablesBuilder();
  obs.srcIp(line.client);
  if (line.server && canonicalIp(line.server) !== null) obs.dstIp(line.server);
  if (line.sni) obs.domain(line.sni);
  const failed =
    line.shape === 'error' ||
    (line.status !== null && line.status >= 500) ||
    (line.termination !== null && /^[CSPRIDKU]/.test(line.termination));
  const target = line.backend ? ` → ${line.backend}` : '';
  const status = line.status !== null ? ` ${line.status}` : '';
  return parserAlert(NAME, NAME, obs, {
    title: `HAProxy ${line.frontend}${target}${status}: ${line.detail}`.slice(0, 300),
    severity: failed ? 'low' : line.pri !== null ? syslogSeverityOfPri(line.pri) : 'info',
    observedAt: acceptTime(line.date),
    ruleId: `haproxy:${line.shape}`,
  });
}

export const haproxyParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['Connect from ', ' ['] },
  detect: detectorOf(read),
  parse,
};
