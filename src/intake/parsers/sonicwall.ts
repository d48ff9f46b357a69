// SonicWall SonicOS firewall syslog: `[<pri>][header] id=<name> sn=<serial> time="…" fw=<ip> pri=… c=… m=… msg="…"
// src=<ip>:<port>:<iface>[:<name>] dst=… …` key=value records, mapped as Elastic's sonicwall_firewall.log pipeline
// maps them (src/dst/srcV6/dstV6 and their NAT addresses as endpoints; the firewall `fw` is the observer, related only).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { trimRuns } from '../text.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'sonicwall_firewall.log';

/**
 * Where the record starts: SonicOS always writes `id=<syslog id> sn=<serial> time="yyyy-mm-dd hh:mm:ss…"` first.
 * The record is found by `indexOf('id=')` and this pattern is tried only there: searched for along the line, it
 * rescanned the same text from each `>` of a long hostile line (polynomial time).
 */
const RECORD_START = /^id=[^\s"'=]{1,64} +sn=[^\s"'=]{1,64} +time="\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;
/** A key and its `=` where a pair starts, read only just after a run of spaces (`pairsOf`). */
const KEY_AT = /^[a-zA-Z0-9_-]+=/;
const SYSLOG_PRI = /^<(\d{1,3})>/;

type Fields = ReadonlyMap<string, string>;

interface SonicwallRecord {
  /** The syslog header's `<pri>`, when the line has one. */
  headerPri: number | null;
  fields: Fields;
}

/**
 * The record split as Elastic's kv processor splits it: at each whole run of spaces followed by `key=`. Done by
 * hand: as one pattern (` +` before a look-ahead for the key), a long run of spaces was rescanned from each space.
 */
function pairsOf(record: string): string[] {
  const pairs: string[] = [];
  let from = 0;
  for (const run of record.matchAll(/ +/g)) {
    if (!KEY_AT.test(record.slice(run.index + run[0].length))) continue;
    pairs.push(record.slice(from, run.index));
    from = run.index + run[0].length;
  }
  pairs.push(record.slice(from));
  return pairs;
}

/** Pairs split as Elastic's kv processor splits them, `"` and `'` trimmed; the first value of a repeated key wins. */
function keyValues(record: string): Fields {
  const out = new Map<string, string>();
  for (const pair of pairsOf(record.trimEnd())) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq);
    if (!out.has(key)) out.set(key, trimRuns(pair.slice(eq + 1), `"'`));
  }
  return out;
}

/** Where the record starts: the first `id=` at the line's start or after a space or `>` that opens one, or -1. */
function recordStart(s: string): number {
  for (let at = s.indexOf('id='); at >= 0; at = s.indexOf('id=', at + 1)) {
    if ((at === 0 || /[\s>]/.test(s.charAt(at - 1))) && RECORD_START.test(s.slice(at))) return at;
  }
  return -1;
}

function asSonicwall(raw: unknown): SonicwallRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('id=') || !s.includes(' sn=') || !s.includes(' time="')) return null;
  const start = recordStart(s);
  if (start < 0) return null;
  const record = s.slice(start);
  if (!/ fw=\S/.test(record) || !/ (?:m|c|pri)=\d/.test(record)) return null;
  const pri = SYSLOG_PRI.exec(s)?.[1];
  return { headerPri: pri === undefined ? null : Number(pri), fields: keyValues(record) };
}

/** `<ip>[:<port>[:<interface>[:<name>]]]` split on `:` as the pipeline splits it (an IPv6 address cannot appear here). */
function endpoint(value: string | undefined): { ip: string | null; name: string | null } {
  const parts = (value ?? '').split(':');
  return { ip: bareIndicatorIp(parts[0]), name: parts[3] ?? null };
}

/** A NAT address as the pipeline's grok reads it: `v4[:port]`, bare `v6`, or `[v6]:port`. */
function natIp(value: string | undefined): string | null {
  if (!value) return null;
  const m =
    /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(value) ??
    // Up to its first colon the address holds none: with both sides allowed colons, a long run of them was
    // tried at each split (quadratic time).
    /^([0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$/.exec(value) ??
    /^\[([0-9A-Fa-f:.]+)\]:\d+$/.exec(value);
  return bareIndicatorIp(m?.[1]);
}

/** The `proto` field's protocol (`tcp/https` → `https`); null for `tcp/443` or a bare transport. */
const protocolOf = (proto: string | undefined): string | null => {
  const p = /^[^/]*\/([^/]+)$/.exec(proto ?? '')?.[1];
  return p && !/^\d+(?:\.\d+)?$/.test(p) ? p : null;
};

function observables(f: Fields): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const src = endpoint(f.get('src'));
  const dst = endpoint(f.get('dst'));
  // srcV6 / dstV6 carry the IPv6 address; src / dst then start with `:` and add port, interface and name.
  const srcV6 = f.get('srcV6');
  const dstV6 = f.get('dstV6');
  // related.ip: source, source NAT, destination, destination NAT, then the firewall (observer.ip).
  obs.srcIp(srcV6 === undefined ? src.ip : bareIndicatorIp(srcV6));
  obs.ip(natIp(f.get('natSrcV6')) ?? natIp(f.get('natSrc')));
  obs.dstIp(dstV6 === undefined ? dst.ip : bareIndicatorIp(dstV6));
  obs.ip(natIp(f.get('natDstV6')) ?? natIp(f.get('natDst')));
  obs.ip(bareIndicatorIp(f.get('fw')));
  obs.user(f.get('usr') ?? f.get('user'));
  // Resolved endpoint names (source.domain, destination.domain) and the web site (url.domain) are not in
  // related.hosts: they are reported as domains.
  obs.domain(src.name);
  obs.domain(dst.name);
  const site = f.get('dstname');
  obs.domain(site);
  const scheme = protocolOf(f.get('proto'));
  const path = f.get('arg');
  if (site && path !== undefined && scheme) obs.url(`${scheme}://${site}${path}`);
  return obs;
}

/** Messages of detections: IPS, anti-virus, anti-spyware, botnet and application-firewall alerts. */
const DETECTION = /\b(?:IPS|Intrusion|Virus|Malware|Spyware|Botnet|Attack|Exploit|Alert)\b/i;

function severity(f: Fields, headerPri: number | null): Severity {
  const pri = f.get('pri');
  let sev: Severity =
    pri !== undefined && /^[0-7]$/.test(pri)
      ? syslogSeverityOfPri(Number(pri))
      : headerPri === null
        ? 'info'
        : syslogSeverityOfPri(headerPri);
  const detection = f.get('c') === '32' || DETECTION.test(f.get('msg') ?? '');
  if (detection && (sev === 'info' || sev === 'low')) sev = 'medium';
  if (!detection && sev === 'info' && f.get('fw_action') === 'drop') sev = 'low';
  return sev;
}

/** `yyyy-mm-dd hh:mm:ss[ UTC]`: SonicOS writes UTC when it says nothing else. */
function observedAt(time: string | undefined): string | null {
  if (!time) return null;
  return toIsoTime(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time) ? `${time}Z` : time);
}

const detect = (raw: unknown): boolean => asSonicwall(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asSonicwall(raw);
  if (!rec) throw new Error('not a SonicWall firewall record');
  const f = rec.fields;
  const msg = f.get('msg') ?? '';
  const note = f.get('note');
  const message = msg && note ? `${msg} (${note})` : msg || note || `event ${f.get('m') ?? '?'}`;
  const srcShown = f.get('srcV6') ?? f.get('src')?.split(':')[0];
  const dstShown = f.get('dstV6') ?? f.get('dst')?.split(':')[0];
  const flow = srcShown || dstShown ? ` ${srcShown || '?'} -> ${dstShown || '?'}` : '';
  const action = f.get('fw_action');
  const acted = action && action !== 'NA' ? ` (${action})` : '';
  return parserAlert(NAME, NAME, observables(f), {
    title: `SonicWall: ${message}${acted}${flow}`.replace(/\s+/g, ' ').trim(),
    severity: severity(f, rec.headerPri),
    observedAt: observedAt(f.get('time')),
    ruleId: f.get('sid') ?? f.get('m') ?? f.get('rule') ?? null,
  });
}

export const sonicwallParser: Parser = {
  name: NAME,
  claims: { keys: [], text: [' fw='] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
