// Fortinet FortiMail syslog: `key=value` records (comma- or space-separated) of every log type (history,
// system, mail event, antivirus, antispam, encryption), with indicators mapped as Elastic's
// `fortinet_fortimail` pipelines map them: SMTP client as source, e-mail addresses and client names as users.
import { Severity } from '../../../graphs/agents/extraction/contract.js';
import { findIps } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { trimRuns } from '../text.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `<pri>`, an optional syslog header without `=`, then `date=… time=` (comma or space between pairs). */
const HEAD = /^(?:<(\d{1,3})>)?[^=]{0,120}?(?=\bdate="?\d{4}-\d{2}-\d{2}"?([, ])\s*time=)/;
/** FortiMail serial numbers start with FE (FortiGate FG, FortiManager FMG, FortiAnalyzer FAZ …). */
const DEVICE = /[, ]device_id="?FE[0-9A-Za-z]{4,}"?[, ]/;
const LOG_ID = /[, ]log_id="?\d{10}"?[, ]/;

interface FortimailRecord {
  /** The syslog `<PRI>` value, when the line has one. */
  pri: number | null;
  fields: ReadonlyMap<string, string>;
  msg: string;
}

/** Splits `key=value` pairs on `sep` outside quoted values, as Elastic's kv processor does. */
function splitPairs(body: string, sep: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i < body.length && fields.size < 200) {
    while (i < body.length && (body[i] === sep || body[i] === ' ')) i++;
    const eq = body.indexOf('=', i);
    if (eq < 0) break;
    const before = body.slice(i, eq);
    const key = before.slice(Math.max(before.lastIndexOf(sep), before.lastIndexOf(' ')) + 1);
    const j = eq + 1;
    const quote = body[j];
    let end = -1;
    if (quote === '"' || quote === "'") {
      // A quoted value ends at its closing quote followed by a separator or the end.
      let k = body.indexOf(quote, j + 1);
      while (k >= 0 && k + 1 < body.length && body[k + 1] !== sep) k = body.indexOf(quote, k + 1);
      if (k >= 0) end = k + 1;
    }
    if (end < 0) {
      end = body.indexOf(sep, j);
      if (end < 0) end = body.length;
    }
    if (key && !fields.has(key)) fields.set(key, trimRuns(body.slice(j, end).trim(), `"'`));
    i = end;
  }
  return fields;
}

function asFortimail(raw: unknown): FortimailRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('device_id=')) return null;
  const line = s.trim();
  const head = HEAD.exec(line);
  if (!head) return null;
  const sep = head[2] ?? ',';
  let body = line.slice(head[0].length);
  const window = ` ${body.slice(0, 600)} `;
  if (!DEVICE.test(window) || !LOG_ID.test(window)) return null;
  // The message is the last pair; like Elastic, take it whole so quotes inside it do not split it.
  let msg: string | null = null;
  // The first `msg="` opens it when the body ends with a quote after it. As one pattern (`,\s*msg="([\s\S]*)"$`),
  // each `msg="` of a hostile line was scanned to its end, and each space of a long run began a new try.
  const tail = body.endsWith('"') ? (sep === ',' ? /,\s*msg="/ : /(?<!\s)\s+msg="/).exec(body) : null;
  const from = tail ? tail.index + tail[0].length : body.length;
  if (tail && from < body.length) {
    msg = body.slice(from, -1);
    body = body.slice(0, tail.index);
  }
  const fields = splitPairs(sep === ',' ? body.replace(/,,/g, ',') : body, sep);
  return { pri: head[1] ? Number(head[1]) : null, fields, msg: msg ?? fields.get('msg') ?? '' };
}

/** The first address in `text`, as grok's `%{DATA}%{IP}` finds it. */
function firstIp(text: string): string | null {
  const hits = findIps(text).sort((a, b) => a.index - b.index);
  for (const h of hits) {
    const ip = bareIndicatorIp(h.ip);
    if (ip) return ip;
  }
  return null;
}

/** A user named in a record or message; an e-mail address is also reported as one. */
function person(obs: ObservablesBuilder, v: string | undefined): void {
  obs.user(v);
  obs.email(v);
}

/** `user NAME ` and an address after it (Elastic's `%{DATA}user %{NOTSPACE} %{DATA}%{IP}` grok). */
function userThenIp(msg: string): { user: string; ip: string | null } | null {
  const m = /user (\S+) /i.exec(msg);
  if (!m?.[1]) return null;
  return { user: m[1], ip: firstIp(msg.slice(m.index + m[0].length)) };
}

/** The first match of a global `pattern` at or after `from`. */
function afterIndex(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/**
 * Who sent a secure message, as `user (\S+) [\s\S]*,\s*sent from:\s*'([\s\S]*?)',\s*subject:\s*'[\s\S]*'` reads
 * it: the last `, sent from: '` after a `user NAME `, up to the first `', subject: '` after it that a quote still
 * follows. Found in code: as that pattern, a long hostile line took cubic time.
 */
function sentFrom(msg: string): string | null {
  const user = /user \S+ /i.exec(msg);
  if (!user) return null;
  const lastQuote = msg.lastIndexOf("'");
  // Starts of the `', subject: '` closings that a quote follows, in order.
  const closings: number[] = [];
  const subject = /',\s*subject:\s*'/gi;
  for (let m = subject.exec(msg); m !== null; m = subject.exec(msg)) {
    if (m.index + m[0].length <= lastQuote) closings.push(m.index);
    subject.lastIndex = m.index + 1;
  }
  const lastClosing = closings.at(-1);
  if (lastClosing === undefined) return null;
  let value: number | null = null;
  const opening = /,\s*sent from:\s*'/gi;
  opening.lastIndex = user.index + user[0].length;
  for (let m = opening.exec(msg); m !== null; m = opening.exec(msg)) {
    const start = m.index + m[0].length;
    if (start <= lastClosing) value = start;
    opening.lastIndex = m.index + 1;
  }
  if (value === null) return null;
  const from = value;
  const end = closings.find((c) => c >= from) ?? from;
  return msg.slice(from, end) || null;
}

/** System (kevent) messages: the user and address named in the text, or an authserver block rule. */
function systemMessage(msg: string, obs: ObservablesBuilder): void {
  // `interface N … user NAME` (lazily): the first `user` after the first interface. Searched from that interface
  // in two steps: as one pattern, every `interface N` of a long hostile line was scanned to its end (quadratic time).
  const iface = /interface [+-]?\d/i.exec(msg);
  const from = iface ? iface.index + iface[0].length : -1;
  const user = iface ? afterIndex(/user (\S+)/gi, msg, from) : null;
  if (user?.[1]) {
    const spaced = afterIndex(/user (\S+) /gi, msg, from);
    const ip = spaced ? firstIp(msg.slice(spaced.index + spaced[0].length)) : null;
    obs.ip(ip);
    person(obs, ip && spaced?.[1] ? spaced[1] : user[1]);
    return;
  }
  const named = userThenIp(msg);
  if (named?.ip) {
    obs.ip(named.ip);
    person(obs, named.user);
    return;
  }
  const block = /^authserver: (?:added|removed) block rule for (\S+?)(?: until [\s\S]*)?$/.exec(msg);
  if (block) {
    obs.ip(bareIndicatorIp(block[1]));
    return;
  }
  person(obs, named?.user);
}

/** WebMail messages: `User NAME from IP` or `Login for 'NAME' from IP`. */
function webmailMessage(msg: string, obs: ObservablesBuilder): void {
  const named = userThenIp(msg);
  if (named?.ip) {
    obs.ip(named.ip);
    person(obs, named.user);
    return;
  }
  const login = /login for '(\S+)' /i.exec(msg);
  const ip = login ? firstIp(msg.slice(login.index + login[0].length)) : null;
  if (login?.[1] && ip) {
    obs.ip(ip);
    person(obs, login[1]);
    return;
  }
  person(obs, named?.user);
}

/** Encryption messages: the user, an address, or who sent the secure message. */
function encryptMessage(msg: string, obs: ObservablesBuilder): void {
  const named = userThenIp(msg);
  if (named?.ip) {
    obs.ip(named.ip);
    person(obs, named.user);
    return;
  }
  const sender = sentFrom(msg);
  person(obs, named?.user);
  if (sender) {
    person(obs, sender);
  }
}

/** The site of a URL, or undefined. */
const siteOf = (url: string | undefined): string | undefined =>
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#\s]*@)?([^/:?#\s[\]]+)/i.exec(url ?? '')?.[1];

function observablesOf(rec: FortimailRecord, type: string, subtype: string): ObservablesBuilder {
  const f = rec.fields;
  const obs = new ObservablesBuilder();
  switch (type) {
    case 'statistics':
    case 'spam': {
      obs.srcIp(bareIndicatorIp(f.get('client_ip')));
      const client = f.get('client_name');
      obs.user(client);
      obs.domain(client);
      obs.dstIp(bareIndicatorIp(f.get('dst_ip')));
      person(obs, f.get('from'));
      person(obs, f.get('to'));
      const url = f.get('url');
      obs.url(url);
      obs.domain(siteOf(url));
      break;
    }
    case 'virus':
      person(obs, f.get('from'));
      person(obs, f.get('to'));
      obs.srcIp(bareIndicatorIp(f.get('src')));
      break;
    case 'event':
    case 'kevent':
      obs.user(f.get('user'));
      if (type === 'kevent') systemMessage(rec.msg, obs);
      else if (subtype === 'webmail') webmailMessage(rec.msg, obs);
      obs.srcIp(firstIp(f.get('ui') ?? ''));
      break;
    case 'encrypt':
      encryptMessage(rec.msg, obs);
      break;
  }
  obs.email(f.get('hfrom'));
  return obs;
}

const RANK = Severity.options;
const atLeast = (s: Severity, floor: Severity): Severity =>
  RANK.indexOf(s) < RANK.indexOf(floor) ? floor : s;

function severityOf(rec: FortimailRecord, type: string): Severity {
  const f = rec.fields;
  const stated = mapSeverity(f.get('pri')) ?? (rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri));
  if (type === 'virus' || (type === 'statistics' && f.get('virus'))) return atLeast(stated, 'high');
  if (type === 'spam') return atLeast(stated, 'low');
  if (/^fail/i.test(f.get('status') ?? '') || /^fail/i.test(f.get('resolved') ?? ''))
    return atLeast(stated, 'low');
  return stated;
}

function titleOf(rec: FortimailRecord, type: string, subtype: string): string {
  const f = rec.fields;
  if (type === 'statistics') {
    const what = [f.get('classifier'), f.get('disposition')].filter(Boolean).join(': ');
    return `FortiMail history: ${what || 'message'} ${f.get('from') || '?'} -> ${f.get('to') || '?'}`;
  }
  return `FortiMail ${type || 'log'}${subtype ? `/${subtype}` : ''}: ${rec.msg || f.get('action') || ''}`;
}

const detect = (raw: unknown): boolean => asFortimail(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortimail(raw);
  if (!rec) throw new Error('not a FortiMail record');
  const f = rec.fields;
  const type = (f.get('type') ?? '').toLowerCase();
  const subtype = (f.get('subtype') ?? '').toLowerCase();
  const date = f.get('date');
  const time = f.get('time');
  return parserAlert('fortinet_fortimail', 'fortinet_fortimail.log', observablesOf(rec, type, subtype), {
    title: titleOf(rec, type, subtype).replace(/\s+/g, ' ').trim(),
    severity: severityOf(rec, type),
    observedAt: date && time ? toIsoTime(`${date}T${time}Z`) : null,
    ruleId: f.get('log_id') ?? null,
  });
}

export const fortimailParser: Parser = {
  name: 'fortinet_fortimail',
  claims: { keys: [], text: ['device_id=FE', 'device_id="FE'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
