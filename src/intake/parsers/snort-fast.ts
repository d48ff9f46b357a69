// Snort/Suricata "fast" alert lines: `[**] [gid:sid:rev] msg [**] [Classification: …] [Priority: n]
// {PROTO} src[:port] -> dst[:port]`, bare or behind a syslog header.
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const FAST =
  /\[(\d+):(\d+):(\d+)\]\s+(.*?)\s*(?:\[\*\*\]\s*)?(?:\[Classification:\s*([^\]]*)\]\s*)?(?:\[Priority:\s*(\d+)\]\s*)?\{(\w+)\}\s+(\S+)\s+->\s+(\S+)/;
const TIME = /^(\d{2})\/(\d{2})(?:\/(\d{2,4}))?-(\d{2}:\d{2}:\d{2})(\.\d+)?/;

function endpoint(s: string): string | null {
  return parseAddress(s) ?? parseAddress(s.replace(/:\d{1,5}$/, ''));
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 8_192);
  return s !== null && s.includes('->') && s.includes('[') && FAST.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, 8_192) ?? '';
  const m = FAST.exec(s);
  const obs = new ObservablesBuilder();
  obs.srcIp(endpoint(m?.[8] ?? ''));
  obs.dstIp(endpoint(m?.[9] ?? ''));
  const t = TIME.exec(s);
  const year = t?.[3] ? (t[3].length === 2 ? `20${t[3]}` : t[3]) : null;
  return parserAlert('snort.log', 'snort.log', obs, {
    title: m?.[4]?.replace(/\s*\[\*\*\]\s*$/, '') ?? 'Snort alert',
    severity: mapSeverity(Number(m?.[6] ?? 3), 'rank'),
    observedAt: t && year ? `${year}-${t[1]}-${t[2]}T${t[4]}${t[5] ?? ''}Z` : null,
    ruleId: m ? `${m[1]}:${m[2]}:${m[3]}` : null,
  });
}

export const snortFastParser: Parser = {
  name: 'snort.log',
  claims: { keys: [], text: ['->'] },
  detect,
  parse,
};
