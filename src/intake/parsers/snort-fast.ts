// Snort/Suricata "fast" alert lines: `[**] [gid:sid:rev] msg [**] [Classification: …] [Priority: n]
// {PROTO} src[:port] -> dst[:port]`, bare or behind a syslog header.
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parserAlert, textOf } from './common.js';
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

interface FastAlert {
  ruleId: string;
  message: string;
  priority: string | undefined;
  src: string;
  dst: string;
}

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

function detect(raw: unknown): boolean {
  const s = textOf(raw, 8_192);
  return s !== null && s.includes('->') && s.includes('[') && fastOf(s) !== null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, 8_192) ?? '';
  const m = fastOf(s);
  const obs = new ObservablesBuilder();
  obs.srcIp(endpoint(m?.src ?? ''));
  obs.dstIp(endpoint(m?.dst ?? ''));
  const t = TIME.exec(s);
  const year = t?.[3] ? (t[3].length === 2 ? `20${t[3]}` : t[3]) : null;
  return parserAlert('snort.log', 'snort.log', obs, {
    title: m ? withoutEndMarker(m.message) : 'Snort alert',
    severity: mapSeverity(Number(m?.priority ?? 3), 'rank'),
    observedAt: t && year ? `${year}-${t[1]}-${t[2]}T${t[4]}${t[5] ?? ''}Z` : null,
    ruleId: m?.ruleId ?? null,
  });
}

export const snortFastParser: Parser = {
  name: 'snort.log',
  claims: { keys: [], text: ['->'] },
  detect,
  parse,
};
