// Fortinet FortiAuthenticator syslog: `category=… subcategory=… typeid=… level=… user=… nas=… userip=…` event
// lines and their free-text message, mapped as Elastic's fortinet_fortiauthenticator.log pipeline maps them:
// user as user.name, userip (else the authentication message's address, else the NAS) as source, the NAS related.
import { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import { fortinetRecord, type FortinetFields } from './fortinet-kv.js';
import type { Parser } from './parser.js';

const NAME = 'fortinet_fortiauthenticator.log';

/** The record's opening pairs, in the order FortiAuthenticator always writes them. */
const OPENING = /(?:^|\s)category=(?:"[^"]*"|\S+)\s+subcategory=(?:"[^"]*"|\S+)\s+typeid="?\d{1,6}"?(?=\s|$)/;
/** Keys of the other Fortinet products' records (FortiGate, FortiProxy, FortiManager, FortiMail). */
const OTHER_FORTINET = /(?:^|\s)(?:logid|devid|log_id|device_id)=/;
const CEF_OR_LEEF = /(?:^|[\s>|])(?:CEF|LEEF):\d/;

/** The syslog headers the pipeline reads (RFC 5424, BSD with a program, bare BSD); the body follows. */
const HEADERS = [
  /^<\d{1,3}>\d{1,2}\s+(?<ts>\d{4}-\d{2}-\d{2}T\S+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(?<body>[\s\S]*)$/,
  /^(?<ts>[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})\s+\S+\s+[^\s[]+\[[^\]]+\]:\s*(?<body>[\s\S]*)$/,
  /^(?<ts>[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})\s+\S+\s+(?<body>[\s\S]*)$/,
];

interface FortiauthenticatorRecord {
  /** The syslog `<pri>`, when the line has one. */
  pri: number | null;
  /** The header's timestamp as written, when there is a header. */
  timestamp: string | null;
  fields: FortinetFields;
  /** The free text left once the pairs are taken out (or the `msg` pair), as the pipeline's `message`. */
  message: string;
}

function asFortiauthenticator(raw: unknown): FortiauthenticatorRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('typeid=') || !s.includes('subcategory=')) return null;
  const head = s.slice(0, 600);
  if (!OPENING.test(head) || OTHER_FORTINET.test(s) || CEF_OR_LEEF.test(head)) return null;
  const line = s.trim();
  const header = HEADERS.map((re) => re.exec(line)).find((m) => m !== null);
  // Each word loses everything up to its last `=""` after its first character (what `\S+=""` removed), word by
  // word: as one pattern, every character of a long hostile word started a scan to its end (quadratic time).
  const body = (header?.groups?.body ?? line)
    .replace(/\S+/g, (word) => {
      const empty = word.lastIndexOf('=""');
      return empty >= 1 ? word.slice(empty + 3) : word;
    })
    .trim();
  const { pri, fields } = fortinetRecord(line);
  if (!/^\d+$/.test(fields.get('typeid') ?? '')) return null;
  const text = withoutPairs(body.replace(/^<\d{1,3}>/, '')).trim();
  return {
    pri,
    timestamp: header?.groups?.ts ?? null,
    fields,
    message: text || (fields.get('msg') ?? ''),
  };
}

/**
 * The text with every pair removed, as `text.replace(/\S+="[^"]*"|\S+=\S+/g, '')` removes them: from each word
 * (or the rest of one), through the closing quote of its last `="` that has one, else to the word's end when an
 * `=` follows its first character. Scanned in code: as that pattern, every character of a long hostile word
 * started a scan to its end (quadratic time).
 */
function withoutPairs(text: string): string {
  const words = /\S+/g;
  let kept = '';
  let at = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const pairEnd =
      quotedPairEnd(text, m.index, m[0]) ??
      (m[0].lastIndexOf('=', m[0].length - 2) >= 1 ? words.lastIndex : null);
    if (pairEnd === null) continue;
    kept += text.slice(at, m.index);
    at = pairEnd;
    words.lastIndex = pairEnd;
  }
  return kept + text.slice(at);
}

/** Where `\S+="[^"]*"` matched at `start` (the rest of its word being `word`) ends, or null when it does not. */
function quotedPairEnd(text: string, start: number, word: string): number | null {
  for (let k = word.lastIndexOf('="'); k >= 1; k = word.lastIndexOf('="', k - 1)) {
    const close = text.indexOf('"', start + k + 2);
    if (close >= 0) return close + 1;
  }
  return null;
}

/** A pair's value; the pipeline drops empty ones. */
const valueOf = (f: FortinetFields, key: string): string | undefined => f.get(key) || undefined;

/**
 * The NAS address: the pipeline strips a `NAME:` prefix (`FAC_TAC_PLUS:192.0.2.1`); an address written bare
 * (IPv6 too) is kept whole.
 */
function nasOf(f: FortinetFields): string | null {
  const nas = valueOf(f, 'nas');
  if (!nas) return null;
  return bareIndicatorIp(canonicalIp(nas) ? nas : nas.replace(/^\w+:/, ''));
}

const IP = String.raw`(?<ip>[0-9A-Fa-f:.]*[0-9A-Fa-f])`;

/**
 * An AD / local administrator login message up to `with`; loginOutcome reads the rest, which a single pattern
 * rescanned for every blank and every `failed` in it (polynomial on a hostile message).
 */
const AUTH_LOGIN = new RegExp(
  String.raw`^(?:Windows AD user|Local administrator) authentication from ${IP}(?:\s*\(\w+\))?\s+with`,
);
/** An EAP session message. */
const EAP_SESSION = new RegExp(String.raw`^EAP session\s+(?:start|end|stopped|close)\s+from\s+${IP}$`);

/**
 * Whether a login message's text after `with` reads ` … failed`, ` … successful` or ` … failed: reason (0x…)`,
 * as Elastic's pattern requires. The `(0x…)` code is cut off first and each check is anchored, so the text is
 * not rescanned for every `failed` in it; a message broken over lines does not match.
 */
function loginOutcome(rest: string): boolean {
  if (/[\n\r\u2028\u2029]/.test(rest)) return false;
  if (/^\s.+\s(?:failed|successful)$/.test(rest)) return true;
  const code = /\(0x[0-9A-Fa-f]+\)$/.exec(rest);
  return code !== null && /^\s.+\s(?:failed|successful):\s./.test(rest.slice(0, code.index));
}

/**
 * The address the authentication sub-pipeline reads from a message: AD / local administrator logins and EAP
 * sessions. Elastic's pattern for `EAP-… login successful by USER from IP` never matches (its output keeps
 * the whole message as the reason), so those messages give no address or user here either.
 */
function authMessageIp(message: string): string | undefined {
  const login = AUTH_LOGIN.exec(message);
  if (login && loginOutcome(message.slice(login[0].length))) return login.groups?.ip;
  return EAP_SESSION.exec(message)?.groups?.ip;
}

/** The account an Admin Configuration record (typeid 10001-10003) acts on: `user.target.name`. */
const TARGET_MESSAGES = [
  /^(?:Added|Edited|Deleted) (?:Local User Profile|Local User|Remote LDAP User):?\s+(?<user>[a-zA-Z0-9._-]+)/,
  /^(?:Assigning|Releasing) FortiToken \S+\s+(?:to|from)\s+(?:remote LDAP )?user\s+(?<user>[a-zA-Z0-9._-]+)/,
];

function observables(rec: FortiauthenticatorRecord): ObservablesBuilder {
  const f = rec.fields;
  const subcategory = valueOf(f, 'subcategory');
  const typeid = Number(f.get('typeid'));
  // related.ip is built explicitly: the message's address, then source.ip, then the NAS.
  const obs = new ObservablesBuilder(false);
  const messageIp = subcategory === 'Authentication' ? bareIndicatorIp(authMessageIp(rec.message)) : null;
  const nas = nasOf(f);
  const src = bareIndicatorIp(valueOf(f, 'userip')) ?? messageIp ?? nas;
  obs.srcIp(src);
  obs.ip(messageIp);
  obs.ip(src);
  obs.ip(nas);
  // user.name, then related.user: the account acted on, then user.name again.
  obs.user(valueOf(f, 'user'));
  if (subcategory === 'Admin Configuration' && typeid >= 10001 && typeid <= 10003) {
    obs.user(TARGET_MESSAGES.map((re) => re.exec(rec.message)).find((m) => m)?.groups?.user);
  }
  return obs;
}

const RANK = Severity.options;
const atLeast = (s: Severity, floor: Severity): Severity =>
  RANK.indexOf(s) < RANK.indexOf(floor) ? floor : s;

/** The record's level; failed authentications and logins are at least low. */
function severityOf(rec: FortiauthenticatorRecord): Severity {
  const f = rec.fields;
  const stated = mapSeverity(f.get('level')) ?? (rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri));
  const failed =
    f.get('status') === 'Failed' ||
    (valueOf(f, 'subcategory') === 'Authentication' && /\bfailed\b/i.test(rec.message));
  return failed ? atLeast(stated, 'low') : stated;
}

function titleOf(rec: FortiauthenticatorRecord): string {
  const f = rec.fields;
  const what = rec.message || valueOf(f, 'action') || `event ${f.get('typeid') ?? ''}`;
  const user = valueOf(f, 'user');
  const title = `FortiAuthenticator ${valueOf(f, 'subcategory') ?? 'event'}: ${what}${
    user && !what.includes(user) ? ` (user ${user})` : ''
  }`.replace(/\s+/g, ' ');
  return title.length > 300 ? `${title.slice(0, 297)}...` : title;
}

const detect = (raw: unknown): boolean => asFortiauthenticator(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortiauthenticator(raw);
  if (!rec) throw new Error('not a FortiAuthenticator record');
  return parserAlert(NAME, NAME, observables(rec), {
    title: titleOf(rec),
    severity: severityOf(rec),
    // A BSD stamp has no year (Elastic assumes the current one): only an ISO stamp is placed.
    observedAt: rec.timestamp && /^\d{4}-/.test(rec.timestamp) ? toIsoTime(rec.timestamp) : null,
    ruleId: rec.fields.get('typeid') ?? null,
  });
}

export const fortinetFortiauthenticatorParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['subcategory='] },
  detect,
  parse,
};
