// Barracuda Web Application Firewall syslog: `<pri>date time zone  unit TYPE …`, space-separated by position per
// log type (WF web firewall, TR access, AUDIT, NF network firewall, SYS system), read field by field as Elastic's
// `barracuda.waf` pipelines dissect them: client/service addresses, related addresses and users where Elastic sets them.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** PRI, date, time, zone, unit name, log type and the positional rest. */
const HEADER =
  /^(?:<(\d{1,3})>)?\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(?:\s*(Z|[+-]\d{2}:?\d{2}))?\s+(\S+)\s+(WF|TR|AUDIT|NF|SYS) ([\s\S]*)$/;

interface WafLine {
  pri: number | null;
  observedAt: string | null;
  unit: string;
  type: string;
  rest: string;
}

function asWaf(raw: unknown): WafLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const m = HEADER.exec(s);
  if (!m?.[2] || !m[3] || !m[5] || !m[6]) return null;
  const zone = (m[4] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return {
    pri: m[1] === undefined ? null : Number(m[1]),
    observedAt: toIsoTime(`${m[2]}T${m[3]}${zone}`),
    unit: m[5],
    type: m[6],
    rest: m[7] ?? '',
  };
}

/**
 * Splits `text` as an Elasticsearch dissect pattern of `count` keys separated by single spaces does: every space
 * ends a field (so runs of spaces give empty fields) and the last key takes the remainder. Shorter when the text
 * has fewer fields.
 */
function dissect(text: string, count: number): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < count - 1) {
    const next = text.indexOf(' ', pos);
    if (next < 0) break;
    out.push(text.slice(pos, next));
    pos = next + 1;
  }
  out.push(text.slice(pos));
  return out;
}

/** The text after the first double-quoted value (a user agent), as the pipelines' grok reads it. */
function afterQuoted(text: string): string | null {
  const m = /"[^"\n]*?"\s*([^\n]*)/.exec(text);
  return m ? (m[1] ?? '') : null;
}

/** A user name as written (quotes removed); `"-"` means none. */
const unquote = (value: string | undefined): string => (value ?? '').replace(/^"(.*)"$/, '$1');

/** Barracuda's four-letter severity words (ALER, CRIT, NOTI …) on the syslog scale. */
const LEVELS: Readonly<Record<string, number>> = lookupTable({
  EMER: 0,
  ALER: 1,
  CRIT: 2,
  ERRO: 3,
  ERR: 3,
  WARN: 4,
  NOTI: 5,
  INFO: 6,
  DEBU: 7,
  DEBUG: 7,
});

function levelSeverity(level: string | undefined): Severity | null {
  if (level === undefined) return null;
  const n = LEVELS[level.toUpperCase()];
  return n === undefined ? mapSeverity(level) : syslogSeverityOfPri(n);
}

interface Reading {
  title: string;
  ruleId: string | null;
  severity: Severity | null;
}

/** WF: severity, attack, client, service, rule, action, [details], request, user agent, proxy, user. */
function webFirewall(rest: string, obs: ObservablesBuilder): Reading {
  const f = dissect(rest, 11);
  const [level, attack, clientIp, , serviceIp, , rule, , action] = f;
  obs.srcIp(indicatorIp(clientIp));
  obs.dstIp(indicatorIp(serviceIp));
  // Only a line's first `[` is tried (a later one finds no `] ` that the first missed): tried from every `[`,
  // a long hostile line was scanned to its end from each (quadratic time).
  const details = /(?:^|[\n\r\u2028\u2029])[^[\n\r\u2028\u2029]*\[(.*?)\] ([^\n]*)/.exec(f[10] ?? '');
  const request = details ? dissect(details[2] ?? '', 5) : [];
  const tail = afterQuoted(request[4] ?? '');
  if (tail !== null) obs.user(unquote(dissect(tail, 5)[2]));
  const [method, path] = request;
  return {
    title: `Barracuda WAF ${attack ?? '?'} (${action ?? '?'}) ${clientIp ?? '?'} -> ${serviceIp ?? '?'} ${method ?? ''} ${path ?? ''}`,
    ruleId: attack || rule || null,
    severity: levelSeverity(level),
  };
}

/** TR: service, client, login, method, host, status, server, …, user agent, proxy, authenticated user. */
function access(rest: string, obs: ObservablesBuilder): Reading {
  const f = dissect(rest, 28);
  const [serviceIp, , clientIp, , , , method, , host, , status] = f;
  obs.srcIp(indicatorIp(clientIp));
  obs.dstIp(indicatorIp(serviceIp));
  const tail = afterQuoted(f[27] ?? '');
  const proxy = tail === null ? [] : dissect(tail, 7);
  obs.ip(indicatorIp(proxy[0]));
  obs.ip(indicatorIp(f[15]));
  obs.user(unquote(proxy[2]));
  // The Host header: Elastic keeps an address in host.ip and a name nowhere in related.hosts.
  if (host && !parseAddress(host)) obs.domain(unquote(host));
  return {
    title: `Barracuda WAF access ${method ?? '?'} ${host ?? ''}${f[23] ?? ''} ${status ?? ''} from ${clientIp ?? '?'}`,
    ruleId: 'TR',
    severity: null,
  };
}

/** AUDIT: admin, client type, client address, transaction type and id, command, object. */
function audit(rest: string, obs: ObservablesBuilder): Reading {
  const f = dissect(rest, 14);
  const [admin, clientType, clientIp, , txType, , command] = f;
  obs.ip(indicatorIp(clientIp));
  obs.user(unquote(admin));
  const denied = /UNSUCCESSFUL|VIOLATION/i.test(txType ?? '');
  return {
    title: `Barracuda WAF audit ${txType ?? '?'} ${command ?? ''} by ${admin ?? '?'} via ${clientType ?? '?'} from ${clientIp ?? '?'}`,
    ruleId: txType || null,
    severity: denied ? 'medium' : null,
  };
}

/** NF: severity, protocol, client, destination, policy, rule. */
function networkFirewall(rest: string, obs: ObservablesBuilder): Reading {
  const [level, proto, clientIp, , destIp, destPort, policy, rule] = dissect(rest, 9);
  obs.srcIp(indicatorIp(clientIp));
  obs.dstIp(indicatorIp(destIp));
  return {
    title: `Barracuda WAF network ACL ${policy ?? '?'} ${rule ?? ''} ${proto ?? ''} ${clientIp ?? '?'} -> ${destIp ?? '?'}:${destPort ?? '?'}`,
    ruleId: rule || null,
    severity: levelSeverity(level),
  };
}

/** SYS: module, severity, event id, message; Elastic reads no indicators from it. */
function system(rest: string): Reading {
  const [module, level, eventId, message] = dissect(rest, 4);
  return {
    title: `Barracuda WAF ${module ?? 'system'}: ${message ?? ''}`,
    ruleId: module && eventId ? `${module}:${eventId}` : (module ?? null),
    severity: levelSeverity(level),
  };
}

const detect = (raw: unknown): boolean => asWaf(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asWaf(raw);
  if (!line) throw new Error('not a Barracuda WAF line');
  // Only the access and audit pipelines fill related.ip, each with its own choice of addresses.
  const obs = new ObservablesBuilder(line.type === 'TR');
  const reading =
    line.type === 'WF'
      ? webFirewall(line.rest, obs)
      : line.type === 'TR'
        ? access(line.rest, obs)
        : line.type === 'AUDIT'
          ? audit(line.rest, obs)
          : line.type === 'NF'
            ? networkFirewall(line.rest, obs)
            : system(line.rest);
  return parserAlert('barracuda.waf', 'barracuda.waf', obs, {
    title: `${reading.title.replace(/\s+/g, ' ').trim()} [${line.unit}]`.slice(0, 300),
    severity: reading.severity ?? (line.pri !== null ? syslogSeverityOfPri(line.pri) : 'info'),
    observedAt: line.observedAt,
    ruleId: reading.ruleId,
  });
}

export const barracudaWafParser: Parser = {
  name: 'barracuda.waf',
  claims: { keys: [], text: ['WF ', 'TR ', 'AUDIT ', 'NF ', 'SYS '] },
  domainsInRelatedHosts: false,
  detect,
  parse,
};
