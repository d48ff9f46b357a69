// PingDirectory text logs, read as Elastic's `ping_directory` pipelines map them: LDAP access lines (`[time]
// BIND RESULT conn=… requesterIP=… dn=…`: client as the source, DNs as related users), HTTP access lines
// (the client address, related only) and audit LDIF records (`# time; … clientIP=…; requesterDN=…` + `dn: …`).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf, urlHostname } from './common.js';
import type { Parser } from './parser.js';

/** Elastic's header grok: `[dd/MMM/yyyy:HH:mm:ss.SSS zone] OPERATION key=…`; the operation ends before a key. */
const HEADER =
  /^\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}(?:\.\d+)?) (Z|[+-]\d{2}(?::?\d{2})?)\] (.*?) (?=[a-zA-Z][a-zA-Z0-9]*=)([\s\S]*)$/;
/** An operation as PingDirectory writes it: `CONNECT`, `SECURITY-NEGOTIATION`, `BIND RESULT`, `SEARCH REQUEST` … */
const OPERATION = /^[A-Z]+(?:-[A-Z]+)*(?: [A-Z]+(?:-[A-Z]+)*){0,2}$/;
/** Elastic's kv `field_split`: a space before the next `key=`. */
const FIELD_SPLIT = / (?=[A-Za-z][A-Za-z0-9]*=)/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Line {
  stream: 'ldap_access' | 'http_access' | 'audit';
  operation: string;
  time: string | null;
  fields: ReadonlyMap<string, string>;
  /** The client address of a `via="app='…' clientIP='…' …"` value (SEARCH RESULT through a gateway). */
  viaClient: string | null;
}

/** The key as Elastic's camelCase-to-snake_case script renames it (`requesterDN` → `requester_dn`). */
function snake(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key.charAt(i);
    const lower = ch.toLowerCase();
    const prev = key.charAt(i - 1);
    if (ch !== lower && i > 0 && prev === prev.toLowerCase()) out += '_';
    out += lower;
  }
  return out;
}

/** Elastic's kv processor: split before each `key=`, key and value at the first `=`, quotes trimmed. */
function kv(text: string, into: Map<string, string>): void {
  for (const part of text.split(FIELD_SPLIT)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = snake(part.slice(0, eq));
    // A closing run of quotes is matched from its first quote only: from every quote of a long run, quadratic.
    if (!into.has(key)) into.set(key, part.slice(eq + 1).replace(/^"+|(?<!")"+$/g, ''));
  }
}

function headerTime(m: ArrayLike<string | undefined>): string | null {
  const month = MONTHS.indexOf(m[2] ?? '') + 1;
  if (month === 0) return null;
  const zone = (m[5] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2').replace(/^([+-]\d{2})$/, '$1:00');
  return toIsoTime(`${m[3]}-${String(month).padStart(2, '0')}-${m[1]}T${m[4]}${zone}`);
}

/** A character `.` does not match. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * `^(.*)\s+via="([^"]+)"\s+(.*)$` read in code: the last `via="…"` after whitespace and before whitespace, the one
 * line before it and the one line after. As that pattern, a long hostile line took polynomial time; here each
 * `via="` is tried once, from the last.
 */
function viaSplit(text: string): [string, string, string, string] | null {
  const firstEnd = text.search(LINE_END);
  let lastEnd = -1;
  for (let i = text.length - 1; i >= 0 && lastEnd < 0; i--) if (LINE_END.test(text.charAt(i))) lastEnd = i;
  for (let at = text.lastIndexOf('via="'); at >= 0; at = at === 0 ? -1 : text.lastIndexOf('via="', at - 1)) {
    let start = at;
    while (start > 0 && /\s/.test(text.charAt(start - 1))) start--;
    if (start === at) continue;
    // The text before ends at the last space before `via=`, or at the first line end if that is in the spaces.
    let before = at - 1;
    if (firstEnd >= 0 && firstEnd < before) {
      if (firstEnd < start) continue;
      before = firstEnd;
    }
    const close = text.indexOf('"', at + 5);
    if (close <= at + 5 || !/\s/.test(text.charAt(close + 1))) continue;
    let after = close + 1;
    while (after < text.length && /\s/.test(text.charAt(after))) after++;
    if (after <= lastEnd) continue;
    return [text, text.slice(0, before), text.slice(at + 5, close), text.slice(after)];
  }
  return null;
}

/**
 * Elastic's audit header grok: time and zone, then optional `conn`, `op`, `triggeredBy…`, `origin`,
 * `instanceName`, `threadID`, `clientIP` and `requesterDN`, each closed by `;` (an unclosed one ends the match),
 * except the requester DN, which ends the header line in newer PingDirectory versions.
 */
const AUDIT_HEADER =
  /^# (\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}:\d{2}:\d{2}\.\d{3}) ([+-]\d{4});(?: conn=[+-]?\d+;)?(?: op=[+-]?\d+(?:\.\d+)?;)?(?: triggeredByConn=\d+(?:\.\d+)?;)?(?: triggeredByOp=\d+(?:\.\d+)?;)?(?: origin="[^"]*?";)?(?: instanceName="[^"]*?";)?(?: threadID=\d+(?:\.\d+)?;)?(?: clientIP=([0-9A-Fa-f:.]+);)?(?: requesterDN="([^"]*?)";?)?/;

/** An LDIF attribute's value in the record, up to the next `name: ` (Elastic's audit script). */
function ldifValue(body: string, name: string): string | undefined {
  const m = new RegExp(`${name}:\\s*(.*?)(?=\\s+[A-Za-z][A-Za-z0-9-]*:\\s|$)`).exec(body);
  return m?.[1]?.trim();
}

/** Elastic's `parseDN`: the first RDN's value of a DN with a comma, else the whole value. */
function dnName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const comma = raw.indexOf(',');
  if (comma <= 0) return raw;
  const first = raw.slice(0, comma).trim();
  const eq = first.indexOf('=');
  return eq > 0 ? first.slice(eq + 1).trim() : undefined;
}

function readAudit(s: string): Line | null {
  const record = s.replace(/\r?\n/g, ' ');
  const m = AUDIT_HEADER.exec(record);
  if (!m) return null;
  // The `IP` grok rejects a bad address, and with it the requester DN that follows it.
  const clientIp = m[6] !== undefined && bareIndicatorIp(m[6]) === null ? null : m[6];
  const fields = new Map<string, string>();
  if (clientIp) fields.set('client_ip', clientIp);
  const requester = clientIp === null ? undefined : m[7];
  if (requester) fields.set('requester_dn', requester);
  let body = record;
  const purpose = body.indexOf('operationPurpose={');
  const purposeEnd = purpose >= 0 ? body.indexOf('}', purpose) : -1;
  if (purposeEnd >= 0) body = body.slice(0, purpose) + body.slice(purposeEnd + 1);
  for (const [key, name] of [
    ['dn', 'dn'],
    ['modifiers_name', 'modifiersName'],
    ['creators_name', 'creatorsName'],
  ] as const) {
    const v = ldifValue(body, name);
    if (v) fields.set(key, v);
  }
  const changetype = /changetype:\s*(\S+)/.exec(body)?.[1];
  if (changetype) fields.set('changetype', changetype);
  // The object classes an added entry lists (Elastic's `object_classes`).
  const classes = [...body.matchAll(/objectClass:\s*(\S+)/g)].map((c) => c[1] ?? '');
  if (classes.length > 0) fields.set('object_classes', classes.join(' '));
  const time = headerTime([m[0], m[1], m[2], m[3], m[4], m[5]]);
  return { stream: 'audit', operation: changetype?.toLowerCase() ?? 'audit', time, fields, viaClient: null };
}

function readLine(raw: unknown): Line | null {
  let s = textOf(raw, 65_536);
  if (s === null) return null;
  if (s.startsWith('# ')) return readAudit(s);
  // A syslog-framed line: Elastic keeps what follows the first `[`.
  if (s.startsWith('<')) {
    const idx = s.indexOf('[');
    if (idx < 0) return null;
    s = s.slice(idx);
  }
  const m = HEADER.exec(s.trim());
  if (!m) return null;
  const operation = m[6] ?? '';
  if (!OPERATION.test(operation)) return null;
  const rest = m[7] ?? '';
  const time = headerTime(m);
  const fields = new Map<string, string>();
  // HTTP access lines (`RESULT`/`REQUEST` with a method and a URL) carry no connection id.
  if (/^(?:RESULT|REQUEST)$/.test(operation) && / method="[A-Z]+"/.test(rest) && !/(?:^| )conn=/.test(rest)) {
    const from = /(?:^| )from="([^"]*)"/.exec(rest)?.[1];
    const url = /(?:^| )url="([^"]*)"/.exec(rest)?.[1];
    if (from !== undefined) fields.set('from', from);
    if (url !== undefined) fields.set('url', url);
    const status = /(?:^| )statusCode=(\d+)/.exec(rest)?.[1];
    if (status) fields.set('status_code', status);
    const method = / method="([A-Z]+)"/.exec(rest)?.[1];
    if (method) fields.set('method', method);
    return { stream: 'http_access', operation, time, fields, viaClient: null };
  }
  if (!/(?:^| )(?:conn|instanceName|requesterIP)=/.test(rest)) return null;
  let viaClient: string | null = null;
  let pairs = rest;
  if (operation === 'SEARCH RESULT') {
    const via = viaSplit(rest);
    if (via) {
      pairs = `${via[1] ?? ''} ${via[3] ?? ''}`;
      viaClient = /clientIP='([^']*)'/.exec(via[2] ?? '')?.[1] ?? null;
    }
  } else if (operation === 'DISCONNECT') {
    const msg = /^([\s\S]*) msg="([\s\S]*)"/.exec(rest);
    if (msg) pairs = msg[1] ?? '';
  }
  kv(pairs, fields);
  return { stream: 'ldap_access', operation, time, fields, viaClient };
}

/** The address of Elastic's `%{IP}:%{NUMBER}` client spelling. */
function clientAddress(from: string | undefined): string | null {
  const m = /^(.+):\d+$/.exec(from ?? '');
  return bareIndicatorIp(m?.[1]?.replace(/^\[(.*)\]$/, '$1') ?? null);
}

function ldapAccess(line: Line, obs: ObservablesBuilder): void {
  const f = line.fields;
  // Users: the authenticated DN, the target DN, then the requester DN, whole, as Elastic relates them.
  obs.user(f.get('auth_dn'));
  obs.user(f.get('dn'));
  const from = bareIndicatorIp(f.get('from'));
  const requester = bareIndicatorIp(f.get('requester_ip'));
  if (from) obs.srcIp(from);
  if (requester) {
    if (from) obs.ip(requester);
    else obs.srcIp(requester);
  }
  obs.dstIp(bareIndicatorIp(f.get('to')));
  obs.ip(bareIndicatorIp(line.viaClient));
  obs.user(f.get('requester_dn'));
}

function audit(line: Line, obs: ObservablesBuilder): void {
  const f = line.fields;
  obs.ip(bareIndicatorIp(f.get('client_ip')));
  // Related users: the common names of the requester, modifier and creator DNs, and of the target entry when it
  // is a person, by its object classes or its naming attribute (`uid=…`); a configuration entry, a group or an
  // organisational unit is not.
  for (const key of ['requester_dn', 'modifiers_name', 'creators_name']) obs.user(dnName(f.get(key)));
  const classes = (f.get('object_classes') ?? '').split(' ');
  const person = classes.includes('inetOrgPerson') || classes.includes('person');
  if (person || /^uid=/i.test(f.get('dn') ?? '')) obs.user(dnName(f.get('dn')));
}

function httpAccess(line: Line, obs: ObservablesBuilder): void {
  obs.ip(clientAddress(line.fields.get('from')));
  const url = line.fields.get('url');
  obs.url(url);
  obs.domain(urlHostname(url));
}

function severityOf(line: Line): Severity {
  const f = line.fields;
  if (line.stream === 'http_access') {
    const status = Number(f.get('status_code') ?? 0);
    return status === 401 || status === 403 ? 'low' : 'info';
  }
  if (line.stream === 'audit') return line.operation === 'delete' ? 'low' : 'info';
  const result = f.get('result_code_name');
  const failed = result !== undefined && result.toLowerCase() !== 'success';
  if (failed && line.operation === 'BIND RESULT') return 'medium';
  return failed ? 'low' : 'info';
}

function titleOf(line: Line): string {
  const f = line.fields;
  if (line.stream === 'http_access') {
    const status = f.get('status_code');
    return `PingDirectory HTTP ${f.get('method') ?? ''} ${f.get('url') ?? ''}${status ? ` (${status})` : ''}`
      .replace(/\s+/g, ' ')
      .trim();
  }
  if (line.stream === 'audit')
    return `PingDirectory audit ${line.operation}${f.get('dn') ? ` ${f.get('dn')}` : ''}`;
  const target = f.get('dn') || f.get('base') || f.get('auth_dn');
  const result = f.get('result_code_name');
  return `PingDirectory ${line.operation}${target ? ` ${target}` : ''}${result ? ` (${result})` : ''}`;
}

const detect = detectorOf(readLine);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = readLine(raw);
  if (!line) throw new Error('not a PingDirectory access line');
  const obs = new ObservablesBuilder();
  if (line.stream === 'ldap_access') ldapAccess(line, obs);
  else if (line.stream === 'audit') audit(line, obs);
  else httpAccess(line, obs);
  return parserAlert('ping_directory', `ping_directory.${line.stream}`, obs, {
    title: titleOf(line),
    severity: severityOf(line),
    observedAt: line.time,
    ruleId:
      line.stream === 'http_access'
        ? `HTTP ${line.operation}`
        : line.stream === 'audit'
          ? `audit:${line.operation}`
          : line.operation,
  });
}

/** PingDirectory LDAP and HTTP access log lines (plain or syslog-framed) and audit log records. */
export const pingDirectoryParser: Parser = {
  name: 'ping_directory',
  claims: { keys: [], text: ['# ', ' method="', 'conn=', 'instanceName=', 'requesterIP='] },
  detect,
  parse,
  // The HTTP access pipeline keeps the URL's host in `url.domain`, out of `related.hosts`.
  domainsInRelatedHosts: false,
};
