// Decodes a text payload layer by layer (embedded JSON, CEF, LEEF, syslog header, key=value, CSV,
// free text) and feeds what it finds to a FieldCollector. Returns the family it recognised.
import { customLabels, cefKeyPath, looksLikeCef, parseCef } from './cef.js';
import { FieldCollector, stripDomain, userPart, type CollectorOptions } from './field-collector.js';
import { findIps } from './ip.js';
import { parseEmbeddedJson } from './json-walk.js';
import { countKv, parseColonQuoted, parsePlainKv, type KvPair } from './kv.js';
import { leefKeyPath, looksLikeLeef, parseLeef } from './leef.js';
import { syslogSeverityOfPri } from './severity.js';
import { parseSyslog } from './syslog.js';
import { scanFreeText } from './text-patterns.js';
import { clip } from './text.js';

/** The text families the decoder recognises. */
export type TextFamily = 'json' | 'cef' | 'leef' | 'syslog' | 'kv' | 'csv' | 'text';

/**
 * `line`: the text is the whole payload, so every address in it counts. `nested`: the text sits in a
 * field of a structured payload, so its free-text addresses count only when nothing else was found.
 */
export type TextMode = 'line' | 'nested';

/** Programs whose syslog host is the machine the event is about (not a network appliance). */
const HOST_PROGRAMS =
  /^(?:sshd|sudo|su|cron|crond|login|systemd(?:-\w+)?|useradd|userdel|usermod|groupadd|groupdel|passwd|chpasswd|chage|gdm[\w-]*|lightdm|polkitd|dbus[\w-]*|sssd[\w_]*|winbindd|smbd|nmbd|vsftpd|proftpd|pure-ftpd|dovecot|postfix\/[\w-]+|sendmail|named|dnsmasq|mysqld|postgres|httpd|apache2|nginx|auditd|audispd|rsyslogd|pam_\w+|unix_chkpwd|xinetd|in\.\w+|telnetd|rlogind|sshd-session|doas|pkexec|gnome-[\w-]+|kdm|sddm|mdm|slurmd|docker(?:d)?|containerd|kubelet|osqueryd|wazuh-\w+|ossec-\w+|MSWinEventLog|EvntSLog|Microsoft-Windows-[\w-]+|Security-Auditing|vpxd|vpxa|hostd|vmkernel|vobd|qulogd)$/i;

const MAX_TEXT = 262_144;

/**
 * Keys that show a key=value record names a network peer or site, so a bare `hostname` there is that
 * peer or site (FortiGate's visited site, auditd's remote host), not the machine that logged it.
 */
const TRAFFIC_KEYS =
  /^(?:url|uri|dstip|dst|dstport|destip|destinationip|dest|destination|method|reqmethod|httpmethod|requestmethod|service|dstintf|referer|referrer|useragent|agent|sessionid|srcip)$/;

/**
 * In key=value text from appliances, `devname`, `device_name` … name the appliance itself. A bare
 * `hostname`/`host` in a record with a peer address or URL names that peer or site; in a record without
 * one (a Windows or host event) it is the machine the event is about.
 */
function kvPathFor(pairs: readonly KvPair[]): (key: string) => readonly string[] {
  const traffic = pairs.some((p) => {
    const k = p.key.toLowerCase().replace(/[^a-z0-9]/g, '');
    return TRAFFIC_KEYS.test(k) || /(?:ip|addr|address)$/.test(k);
  });
  return (key) => {
    if (
      /^(?:dev|device)[_-]?(?:name|id|ip|host|hostname|addr|address|type)?$|^(?:devname|devid|fw|firewall)$/i.test(
        key,
      )
    )
      return ['observer', key];
    if (/^http_?host$/i.test(key) || (traffic && /^(?:host|hostname)$/i.test(key))) return ['url', key];
    return [key];
  };
}

/** Pairs in structured text: `k=v` or `k:"v"`, whichever the text mostly uses. */
function pairsOf(text: string): KvPair[] {
  const plain = parsePlainKv(text);
  const colon = parseColonQuoted(text);
  return colon.length > plain.length ? colon : plain;
}

function addFindings(c: FieldCollector, text: string): void {
  const found = scanFreeText(text);
  const b = c.builder;
  found.src.forEach((ip) => b.srcIp(ip));
  found.dst.forEach((ip) => b.dstIp(ip));
  found.other.forEach((ip) => b.ip(ip));
  found.users.forEach((u) => b.user(stripDomain(u)));
  found.hosts.forEach((h) => b.host(h));
}

function splitCsv(line: string, max = 400): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length && out.length < max; i += 1) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i += 1;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const LABELLED = /^([A-Z][A-Za-z0-9 ./()-]{0,40}?):\s?(.*)$/s;
/** The first field may follow a lower-case lead-in: `conn log: Users: ann, Source IP: …` (QNAP). */
const LABELLED_AFTER_LEAD = /^[a-z][a-z0-9 _-]{0,30}:\s+([A-Z][A-Za-z0-9 ./()-]{0,40}?):\s(.*)$/s;

const HTTP_START = /^(?:[A-Z]{3,10} \S+ HTTP\/\d(?:\.\d)?|HTTP\/\d(?:\.\d)? \d{3}[^\r\n]*)\r?\n/;
/** A header line; its value is trimmed by the caller (`[ \t]*(.*)` backtracked over a long run of tabs). */
const HTTP_HEADER = /^([A-Za-z][\w-]{0,63}):([^\r\n\u2028\u2029]*)$/;

/**
 * A raw HTTP request or response (a WAF's logged request): its header lines as pairs, each header its key,
 * up to the blank line before the body. Null unless the text starts with a request or status line.
 */
function httpHeaders(text: string): KvPair[] | null {
  if (!HTTP_START.test(text)) return null;
  const pairs: KvPair[] = [];
  for (const line of text.slice(0, 16_384).split(/\r?\n/).slice(1, 200)) {
    if (line.trim() === '') break;
    const m = HTTP_HEADER.exec(line);
    if (m?.[1] && m[2] !== undefined) pairs.push({ key: m[1], value: m[2].trim() });
  }
  return pairs.length > 0 ? pairs : null;
}

/** How many times `ch` occurs in `text`. */
function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n += 1;
  return n;
}

/**
 * Comma-separated `Label: value` fields (`Local Host IP: 10.0.0.5,Remote Host IP: …,User Name: ann`, as Symantec
 * and similar agents write): the pairs, each label its key, with a bare `Inbound`/`Outbound` field read as the
 * direction. Fields end at semicolons instead where those outnumber commas (`Device Name: WS-1;Users: …`).
 * Null unless at least four fields, and most of them, are labelled.
 */
function labelledFields(text: string): KvPair[] | null {
  const head = text.slice(0, 16_384);
  const bySemicolon = head.includes(';') && count(head, ';') > count(head, ',');
  const fields = head.split(bySemicolon ? ';' : ',');
  if (fields.length < 4) return null;
  const pairs: KvPair[] = [];
  for (const [i, field] of fields.entries()) {
    const f = field.trim();
    const m = LABELLED.exec(f) ?? (i === 0 ? LABELLED_AFTER_LEAD.exec(f) : null);
    // A value may be parenthesised: `IP Address: (10.0.0.5)`, `Logged On Users: (ann)` (CylancePROTECT).
    if (m?.[1] && m[2] !== undefined)
      pairs.push({ key: m[1], value: m[2].trim().replace(/^\((.*)\)$/s, '$1') });
    else if (/^(?:inbound|outbound)$/i.test(f)) pairs.push({ key: 'direction', value: f });
  }
  return pairs.length >= 4 && pairs.length * 2 >= fields.length ? pairs : null;
}

function collectCsv(text: string, c: FieldCollector): void {
  const fields = splitCsv(text);
  const b = c.builder;
  let endpoints = 0;
  for (const f of fields) {
    const v = f.trim();
    if (v === '') continue;
    const hits = findIps(v);
    if (hits.length === 1 && hits[0]?.raw === v) {
      const ip = hits[0].ip;
      if (ip === '0.0.0.0' || ip === '::') continue;
      if (endpoints === 0) b.srcIp(ip);
      else if (endpoints === 1) b.dstIp(ip);
      else b.ip(ip);
      endpoints += 1;
    } else if (/^[\w.-]{1,64}\\[\w.$-]{1,64}$/.test(v)) {
      b.user(userPart(v));
    } else if (hits.length > 0 && /[G-Zg-z]/.test(v)) {
      // An address among words (`host 10.0.0.5`, `IP Address: (10.0.0.5)`; a word has a letter past f, which
      // an IPv6 address has not): kept, with a role only if the words give one. A range
      // (`10.0.0.0-10.255.255.255`, a region in PAN-OS logs) has no words and is left out.
      addFindings(c, v);
    }
  }
  const title = fields.find((f) => f.length < 200 && /[a-z]{3}\s+[a-z]{3}/i.test(f));
  if (title) c.offerTitle(title, 5);
}

/**
 * A JSON object after a short tag that no header parser read (`vectra_json_v2 -: {…}`, `VAULT {…}` after an
 * RFC 5424 header): the object, and the tag. A tag with `=` or a quote is a key=value or quoted record whose last
 * value happens to be JSON, read as such instead.
 */
function jsonAfterTag(s: string): { value: object; tag: string } | undefined {
  if (!s.endsWith('}')) return undefined;
  const open = s.indexOf('{');
  if (open < 1 || open > 256) return undefined;
  const tag = s.slice(0, open);
  if (/[="']/.test(tag)) return undefined;
  const value = parseEmbeddedJson(s.slice(open));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.keys(value).length >= 2 ? { value, tag } : undefined;
}

/** Decodes `text` into `c`; returns the outermost family recognised. Never throws. */
export function collectText(text: string, c: FieldCollector, mode: TextMode = 'line', depth = 0): TextFamily {
  const s = clip(text, MAX_TEXT).trim();
  if (s.length === 0 || depth > 4) return 'text';
  const inner = parseEmbeddedJson(s);
  if (inner !== undefined) {
    c.addJson(inner, {}, [], depth);
    return 'json';
  }
  if (looksLikeCef(s)) {
    const cef = parseCef(s);
    if (cef) {
      const labels = customLabels(cef.extensions);
      c.addPairs(cef.extensions, (k) => cefKeyPath(k, labels), depth);
      for (const { key, value } of cef.extensions) {
        if (/^(?:dvchost|devicehostname)$/i.test(key)) c.builder.host(value);
      }
      c.offerTitle(cef.name, 0);
      c.offerSeverity(cef.severity, 'ten', 0);
      c.offerRuleId(cef.signatureId, 0);
      if (cef.prefix) {
        const sys = parseSyslog(cef.prefix.endsWith(':') ? cef.prefix : `${cef.prefix}:`);
        if (sys?.timestamp) c.offerTime(sys.timestamp, 9);
      }
      return 'cef';
    }
  }
  if (looksLikeLeef(s)) {
    const leef = parseLeef(s);
    if (leef) {
      c.addPairs(leef.attributes, leefKeyPath, depth);
      c.offerTitle(leef.eventId, 3);
      c.offerRuleId(leef.eventId, 0);
      const sev = leef.attributes.find((a) => a.key.toLowerCase() === 'sev');
      if (sev) c.offerSeverity(sev.value, 'ten', 0);
      return 'leef';
    }
  }
  const sys = parseSyslog(s);
  if (sys && (sys.pri !== null || sys.app !== null || sys.host !== null)) {
    if (sys.timestamp) c.offerTime(sys.timestamp, 8);
    if (sys.pri !== null && sys.pri <= 191) c.offerSeverity(syslogSeverityOfPri(sys.pri), 'ten', 9);
    const program = sys.app ?? /^[\w-]+/.exec(sys.message)?.[0] ?? '';
    if (sys.host && HOST_PROGRAMS.test(program.split('[', 1)[0] ?? '')) c.builder.host(sys.host);
    if (sys.structuredData) {
      const pairs = pairsOf(sys.structuredData);
      c.addPairs(pairs, kvPathFor(pairs), depth);
    }
    c.offerTitle(sys.message, 6);
    if (sys.app) c.offerRuleId(sys.app, 9);
    collectText(sys.message, c, mode, depth + 1);
    return 'syslog';
  }
  const tagged = jsonAfterTag(s);
  if (tagged) {
    c.addJson(tagged.value, {}, [], depth);
    if (mode === 'line') addFindings(c, tagged.tag);
    return 'json';
  }
  const headers = httpHeaders(s);
  if (headers) {
    c.addPairs(headers, (k) => ['headers', k], depth);
    return 'text';
  }
  const kvCount = Math.max(countKv(s), parseColonQuoted(s.slice(0, 4_096), 8).length);
  if (kvCount >= 2) {
    const pairs = pairsOf(s);
    c.addPairs(pairs, kvPathFor(pairs), depth);
    const rest = s.replace(
      /(?:^|[\s,;|])[A-Za-z_@][\w.@\-[\]:]*=("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S*)/g,
      ' ',
    );
    if (mode === 'line') {
      // A dotted quad or two colons somewhere (`\d\.` rather than `\d+\.`: the same test, without rescanning a
      // long run of digits from each of them).
      if (/\d\.\d+\.\d+\.\d|:[0-9a-f]*:/i.test(rest)) addFindings(c, rest);
      scanFreeText(s).users.forEach((u) => c.builder.user(stripDomain(u)));
    } else if (rest.trim()) c.addFreeText(rest);
    return 'kv';
  }
  const labelled = labelledFields(s);
  if (labelled) {
    c.addPairs(labelled, kvPathFor(labelled), depth);
    return 'kv';
  }
  if (mode === 'line' && (s.match(/,/g) ?? []).length >= 8 && !/\s{2,}/.test(s.slice(0, 200))) {
    collectCsv(s, c);
    return 'csv';
  }
  if (mode === 'line') {
    addFindings(c, s);
    c.offerTitle(s, 7);
  } else {
    c.addFreeText(s);
  }
  return 'text';
}

/** A collector wired to decode text found inside structured fields (JSON in strings, kv, CEF …). */
export function newCollector(options: CollectorOptions = {}): FieldCollector {
  const c = new FieldCollector(undefined, options);
  c.textHandler = (text, collector, depth) => collectText(text, collector, 'nested', depth) !== 'text';
  return c;
}
