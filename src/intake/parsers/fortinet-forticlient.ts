// Fortinet FortiClient syslog traffic lines (`Month D hh:mm:ss host proto=… service=… status=… src=… dst=…`), read as
// Elastic's fortinet_forticlient.log integration reads them (its agent-side dissect, then the ingest pipeline): denied
// traffic gives src/dst as source/destination, the logon user's name as the user, its domain and the host as hosts.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'fortinet_forticlient.log';

/** The header the integration keys on: syslog-style stamp and host, then proto, service, status, src, dst, ports. */
const HEADER =
  /^(?:<(\d{1,3})>)?[A-Z][a-z]{2,8} +\d{1,2} +\d{2}:\d{2}:\d{2} +\S+ +proto=\S* service=(\S*) status=(\S*) src=\S* dst=\S* src_port=\S* dst_port=/;

/** The services the integration has a message for; any other service's line keeps only its header, unmapped. */
const SERVICES = new Set(['http', 'https', 'ms-wbt-server', 'pop3', 'smtp']);

/**
 * The message the integration dissects (denied traffic, the logon user written as user@domain): after the stamp's
 * three words, the host, then each key up to the next. Its dissect pattern was one regex of fifteen lazy groups,
 * `^\S* +\S* +\S* +(.*?) proto=(.*?) service=(.*?) status=deny src=(.*?) … logon_user=(.*?)@(.*?) msg=(.*)$`,
 * which backtracked exponentially on a hostile line; `deniedFields` finds each key with `indexOf`, as that regex
 * takes the first occurrence of each in turn.
 */
const STAMP_WORDS = /^\S+ +\S+ +\S+ +/;
const DENIED_KEYS = [
  ' proto=',
  ' service=',
  ' status=deny src=',
  ' dst=',
  ' src_port=',
  ' dst_port=',
  ' server_app=',
  ' pid=',
  ' app_name=',
  ' traff_direct=',
  ' block_count=',
  ' logon_user=',
  '@',
  ' msg=',
];

/**
 * The text before each of DENIED_KEYS and after the last (fifteen fields, the host first), or null when the body
 * lacks one of them in that order.
 */
function deniedFields(body: string): string[] | null {
  const stamp = STAMP_WORDS.exec(body);
  if (!stamp) return null;
  const fields: string[] = [];
  let at = stamp[0].length;
  for (const key of DENIED_KEYS) {
    const found = body.indexOf(key, at);
    if (found < 0) return null;
    fields.push(body.slice(at, found));
    at = found + key.length;
  }
  fields.push(body.slice(at));
  return fields;
}

interface ForticlientRecord {
  pri: number | null;
  service: string;
  status: string;
  /** The dissected fields when the line is a message the integration maps, else null. */
  denied: {
    hostname: string;
    src: string;
    dst: string;
    user: string;
    domain: string;
    direction: string;
    result: string;
  } | null;
}

/** The stamp that opens every line: a cheap anchored test before any scan of the line. */
const STAMP = /^(?:<\d{1,3}>)?[A-Z][a-z]{2,8} +\d{1,2} +\d{2}:/;

function asForticlient(raw: unknown): ForticlientRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !STAMP.test(s) || !s.includes(' src_port=')) return null;
  const head = HEADER.exec(s);
  if (!head) return null;
  const pri = head[1] === undefined ? null : Number(head[1]);
  // The integration strips a valid priority (0–191) before dissecting; an invalid one stays in the message.
  const body = pri !== null && pri < 192 ? s.slice(s.indexOf('>') + 1) : s;
  const service = head[2] ?? '';
  const m = SERVICES.has(service) ? deniedFields(body) : null;
  return {
    pri: pri !== null && pri < 192 ? pri : null,
    service,
    status: head[3] ?? '',
    denied: m
      ? {
          hostname: (m[0] ?? '').trim(),
          src: (m[3] ?? '').trim(),
          dst: (m[4] ?? '').trim(),
          user: m[12] ?? '',
          domain: (m[13] ?? '').trim(),
          direction: (m[10] ?? '').trim(),
          result: (m[14] ?? '').trimEnd(),
        }
      : null,
  };
}

function observables(rec: ForticlientRecord): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const d = rec.denied;
  if (!d) return obs;
  obs.srcIp(bareIndicatorIp(d.src));
  obs.dstIp(bareIndicatorIp(d.dst));
  obs.user(d.user);
  // related.hosts: the logon user's domain (server.domain), then host.name.
  obs.host(d.domain);
  obs.host(d.hostname);
  return obs;
}

function severityOf(rec: ForticlientRecord): Severity {
  if (rec.status === 'deny') return 'low';
  return rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri);
}

function titleOf(rec: ForticlientRecord): string {
  const d = rec.denied;
  const flow = d ? ` ${d.src} -> ${d.dst}` : '';
  const user = d?.user ? ` user ${d.user}` : '';
  const result = d?.result ? ` (${d.result})` : '';
  return `FortiClient ${rec.service || 'traffic'} ${rec.status || 'event'}${flow}${user}${result}`;
}

const detect = (raw: unknown): boolean => asForticlient(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asForticlient(raw);
  if (!rec) throw new Error('not a FortiClient record');
  // The stamp has no year (Elastic assumes the current one), so no time is reported.
  return parserAlert(NAME, NAME, observables(rec), {
    title: titleOf(rec).replace(/\s+/g, ' ').trim(),
    severity: severityOf(rec),
    observedAt: null,
    ruleId: rec.service || null,
  });
}

export const fortinetForticlientParser: Parser = {
  name: NAME,
  claims: { keys: [], text: [' src_port='] },
  detect,
  parse,
};
