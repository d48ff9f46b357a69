// Snort's alert outputs, as Elastic's snort pipeline reads them: the "fast" line (`[**] [gid:sid:rev] msg [**]
// [Classification: …] [Priority: n] {PROTO} src[:port] -> dst[:port]`, also Suricata's, bare or behind a syslog
// header), the "full" record (the same header, the endpoints on a line of their own), the CSV line (Snort's
// `alert_csv` and pfSense's Snort package) and Snort 3's `alert_json` object.
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { detectorOf, isObject, jsonObjectOf, parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';

/*
 * A fast line is read in three steps (`fastOf`): written as one pattern, its lazy message before the optional
 * classification and priority was retried from each `[gid:sid:rev]` of a long hostile line (polynomial time).
 */
/** The rule's `[gid:sid:rev]` and the space after it; the message follows. */
const RULE = /\[(\d+):(\d+):(\d+)\]\s+/;
/** `{PROTO} src[:port] -> dst[:port]`, the first after the rule: the message ends before it. */
const ENDPOINTS = /\{(\w+)\}\s+(\S+)\s+->\s+(\S+)/;
/** What may stand between the message and the endpoints: `[**]`, the classification and the priority. */
const TRAILER = /(?:\[\*\*\]\s*)?(?:\[Classification:[^[\]]*\]\s*)?(?:\[Priority:\s*(\d+)\]\s*)?$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** One alert, whichever output wrote it. */
interface SnortAlert {
  ruleId: string;
  message: string;
  priority: string | undefined;
  src: string;
  dst: string;
  /** Snort's own time text (`mm/dd[/yy]-hh:mm:ss.ffffff`), or an ISO time. */
  time: string | null;
}

/** A fast line's alert; its time, when it has one, opens the line. */
type FastAlert = Omit<SnortAlert, 'time'>;

/** The first rule of the text whose message, on one line, is followed by the endpoints; null when none is. */
function fastOf(s: string): FastAlert | null {
  let from = 0;
  for (;;) {
    const rule = RULE.exec(s.slice(from));
    if (!rule) return null;
    const restAt = from + rule.index + rule[0].length;
    const rest = s.slice(restAt);
    const ends = ENDPOINTS.exec(rest);
    if (!ends?.[2] || !ends[3]) return null;
    const before = rest.slice(0, ends.index);
    const trailer = TRAILER.exec(before.trimEnd());
    const message = before.slice(0, trailer?.index ?? before.length).trimEnd();
    const lineBreak = message.search(LINE_BREAK);
    if (lineBreak < 0) {
      return {
        ruleId: `${rule[1]}:${rule[2]}:${rule[3]}`,
        message,
        priority: trailer?.[1],
        src: ends[2],
        dst: ends[3],
      };
    }
    // A rule whose message runs onto the next line does not count; the next one after that break may.
    from = restAt + Math.max(...['\n', '\r', '\u2028', '\u2029'].map((c) => message.lastIndexOf(c))) + 1;
  }
}
const TIME = /^(\d{2})\/(\d{2})(?:\/(\d{2,4}))?-(\d{2}:\d{2}:\d{2})(\.\d+)?/;

/**
 * The message without a closing `[**]` and the spaces around it, as `/\s*\[\*\*\]\s*$/` removes them, by
 * index: the pattern rescanned a long run of spaces from each of its characters (quadratic time).
 */
function withoutEndMarker(message: string): string {
  const trimmed = message.trimEnd();
  return trimmed.endsWith('[**]') ? trimmed.slice(0, -4).trimEnd() : message;
}

function endpoint(s: string): string | null {
  return parseAddress(s) ?? parseAddress(s.replace(/:\d{1,5}$/, ''));
}

/**
 * The full record: `[**] [1:2:3] msg [**]`, then an optional `[Classification: …] [Priority: n]` line, then
 * `time src[:port] -> dst[:port]`.
 */
const FULL_HEAD = /^\[\*\*\] \[(\d+):(\d+):(\d+)\] ([^\n]{0,1024}?) ?\[\*\*\]\r?\n/;
const FULL_ENDPOINTS = /^(\S+) (\S+) -> (\S+)\s*$/;

function fullOf(s: string): SnortAlert | null {
  const head = FULL_HEAD.exec(s);
  if (!head) return null;
  const lines = s.slice(head[0].length).split(/\r?\n/, 3);
  const priority = /\[Priority: ?(\d+)\]/.exec(lines[0] ?? '')?.[1];
  const ends = FULL_ENDPOINTS.exec((priority === undefined ? lines[0] : lines[1]) ?? '');
  if (!ends?.[2] || !ends[3]) return null;
  return {
    ruleId: `${head[1]}:${head[2]}:${head[3]}`,
    message: head[4] ?? '',
    priority,
    src: ends[2],
    dst: ends[3],
    time: ends[1] ?? null,
  };
}

/** `timestamp ,gid,sid,rev,"msg",proto,src,srcport,dst,dstport,…`: Snort's `alert_csv` and pfSense's variant. */
const CSV_HEAD = /^\d{2}\/\d{2}(?:\/\d{2})?-\d{2}:\d{2}:\d{2}(?:\.\d{1,6})? ?,\d{1,10},\d{1,10},\d{1,10},/;

function csvOf(s: string): SnortAlert | null {
  if (!CSV_HEAD.test(s) || s.includes('\n')) return null;
  const cols = splitQuotedCsv(s);
  const [time, gid, sid, rev, message, proto, src, , dst] = cols;
  if (!/^[A-Za-z][\w-]{0,15}$/.test(proto ?? '') || !parseAddress(src ?? '') || !parseAddress(dst ?? ''))
    return null;
  // pfSense's layout (15 columns) goes on `…,dport,ipid,classification,priority,action,disposition`.
  const priority = cols.length === 15 && /^\d{1,3}$/.test(cols[12] ?? '') ? cols[12] : undefined;
  return {
    ruleId: `${gid ?? ''}:${sid ?? ''}:${rev ?? ''}`,
    message: message ?? '',
    priority,
    src: src ?? '',
    dst: dst ?? '',
    time: time?.trim() ?? null,
  };
}

/** Snort 3's `alert_json`: `src_addr`/`dst_addr` with the rule's `gid`, `sid`, `rev` and `msg`. */
function jsonOf(raw: unknown): SnortAlert | null {
  const o = jsonObjectOf(raw, (t) => t.includes('"src_addr"') && t.includes('"sid"'), 65_536);
  if (!isObject(o)) return null;
  const r = o as Record<string, unknown>;
  const text = (v: unknown): string | null =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  const [gid, sid, rev] = [text(r.gid), text(r.sid), text(r.rev)];
  const src = text(r.src_addr);
  const dst = text(r.dst_addr);
  if (gid === null || sid === null || src === null || dst === null || typeof r.msg !== 'string') return null;
  const seconds = typeof r.seconds === 'number' ? r.seconds : null;
  return {
    ruleId: `${gid}:${sid}:${rev ?? '0'}`,
    message: r.msg,
    priority: text(r.priority) ?? undefined,
    src,
    dst,
    time: seconds === null ? null : new Date(seconds * 1000).toISOString(),
  };
}

function fastAlert(s: string): SnortAlert | null {
  const m = fastOf(s);
  return m ? { ...m, time: TIME.exec(s)?.[0] ?? null } : null;
}

function read(raw: unknown): SnortAlert | null {
  if (isObject(raw)) return jsonOf(raw);
  const s = textOf(raw, 8_192);
  if (s === null) return null;
  if (s.startsWith('{')) return jsonOf(s);
  const arrowed = s.includes('->') && s.includes('[') ? (fullOf(s) ?? fastAlert(s)) : null;
  return arrowed ?? csvOf(s);
}

/** Snort's `mm/dd[/yy]-hh:mm:ss[.ffffff]` (UTC) as ISO text; an ISO time unchanged; null without a year. */
function isoTime(time: string | null): string | null {
  if (time === null || /^\d{4}-/.test(time)) return time;
  const t = TIME.exec(time);
  const year = t?.[3] ? (t[3].length === 2 ? `20${t[3]}` : t[3]) : null;
  return t && year ? `${year}-${t[1]}-${t[2]}T${t[4]}${t[5] ?? ''}Z` : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = read(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(endpoint(m?.src ?? ''));
  obs.dstIp(endpoint(m?.dst ?? ''));
  return parserAlert('snort.log', 'snort.log', obs, {
    title: m ? withoutEndMarker(m.message) || 'Snort alert' : 'Snort alert',
    // Priority 0 is a rule without one (pfSense writes it so); Snort's default for those is 3.
    severity: mapSeverity(Number(m?.priority && m.priority !== '0' ? m.priority : 3), 'rank'),
    observedAt: isoTime(m?.time ?? null),
    ruleId: m?.ruleId ?? null,
  });
}

export const snortParser: Parser = {
  name: 'snort.log',
  claims: { keys: ['src_addr'], text: ['->', '"src_addr"', ','] },
  detect: detectorOf(read),
  parse,
};
