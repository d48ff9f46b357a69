// Stormshield SNS firewall syslog: `id=firewall time="…" fw="…" tz=… startime="…" … logtype="…"` key=value
// records of every log family (filter, connection, alarm, web, auth, vpn, system, stats …), mapped as Elastic's
// `stormshield.log` pipeline maps them: NAT addresses related only, srcname/dstname as related hosts, fw the observer.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'stormshield.log';
const START = 'id=firewall ';

type Fields = ReadonlyMap<string, string>;

/**
 * Splits the record as Elastic's painless script does: tokens end at a space outside double quotes, the key
 * runs to the token's last `=` outside quotes, quotes are dropped from the value, a later key wins.
 */
function kvPairs(record: string): Fields {
  const out = new Map<string, string>();
  const n = record.length;
  let start = 0;
  let split = 0;
  let quoted = false;
  for (let i = 0; i < n; i++) {
    const c = record[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '=') split = i;
    if (c === ' ' || i === n - 1) {
      if (start !== split) {
        out.set(record.slice(start, split), record.slice(split + 1, i === n - 1 ? n : i).replaceAll('"', ''));
      }
      start = i + 1;
      split = i + 1;
    }
  }
  return out;
}

/** The key=value record: the whole line, after a bare `<pri>`, or the message of a syslog header. */
function recordOf(s: string): string | null {
  const bare = /^(?:<\d{1,3}>)?\s*(id=firewall [\s\S]*)$/.exec(s)?.[1];
  if (bare) return bare;
  const message = parseSyslog(s)?.message.trimStart();
  return message?.startsWith(START) ? message : null;
}

function asStormshield(raw: unknown): Fields | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes(START) || !s.includes(' fw=')) return null;
  if (!s.includes(' logtype=') && !(s.includes(' tz=') && s.includes(' startime='))) return null;
  const record = recordOf(s.trimEnd());
  if (record === null) return null;
  const f = kvPairs(record);
  if (f.get('id') !== 'firewall' || !f.has('fw')) return null;
  if (!f.has('logtype') && !(f.has('tz') && f.has('startime'))) return null;
  // SonicWall also writes `id=firewall … fw=…`, with its serial (sn) and message id (m).
  if (f.has('sn') && f.has('m')) return null;
  return f;
}

/** True for a name Vigil reports as a domain (a dotted DNS name) rather than a machine or object name. */
const isDomainName = (v: string): boolean =>
  /^(?=.*[a-z])[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i.test(v) && bareIndicatorIp(v) === null;

function observables(f: Fields): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const src = f.get('src');
  const modsrc = f.get('modsrc');
  const origdst = f.get('origdst');
  const dst = f.get('dst');
  // related.ip order: source, source NAT (modsrc when it differs), destination, destination NAT.
  obs.srcIp(bareIndicatorIp(src));
  if (modsrc !== undefined && modsrc !== src) obs.ip(bareIndicatorIp(modsrc));
  // With origdst, the original destination is destination.ip and dst its translated (NAT) address.
  if (origdst !== undefined) {
    obs.dstIp(bareIndicatorIp(origdst));
    if (dst !== undefined && dst !== origdst) obs.ip(bareIndicatorIp(dst));
  } else obs.dstIp(bareIndicatorIp(dst));
  obs.user(f.get('user'));
  // related.hosts: srcname, then dstname (destination.domain; the URL site on web logs).
  obs.host(f.get('srcname'));
  const dstname = f.get('dstname');
  if (dstname !== undefined && isDomainName(dstname)) obs.domain(dstname);
  else obs.host(dstname);
  return obs;
}

/** Vulnerability levels of pvm records: 0 information … 4 critical. */
const PVM_LEVELS: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

function severityOf(f: Fields): Severity {
  const logtype = f.get('logtype');
  const pri = Number(f.get('pri') ?? 'NaN');
  // On alarms pri is the alarm level (1 major, 4 minor); elsewhere a syslog level, 5 on ordinary records.
  if (logtype === 'alarm') return pri <= 3 ? 'high' : 'medium';
  if (logtype === 'pvm') return PVM_LEVELS[Number(f.get('severity'))] ?? 'medium';
  if (logtype === 'sandboxing') {
    const verdict = mapSeverity(f.get('sandboxing'));
    if (verdict === 'high' || verdict === 'medium') return verdict;
  }
  if (Number.isInteger(pri) && pri >= 0 && pri <= 3) return syslogSeverityOfPri(pri);
  const blocked = /^(?:block|reject|drop|deny)/i.test(f.get('action') ?? '');
  const failed =
    ['auth', 'server', 'xvpn'].includes(logtype ?? '') && /^-?[1-9]\d*$/.test(f.get('error') ?? '');
  return blocked || failed ? 'low' : 'info';
}

/** `time` in the record's `tz` offset (`+0100`), as Elastic's date processor reads it. */
function observedAt(f: Fields): string | null {
  const time = f.get('time') ?? f.get('startime');
  if (!time) return null;
  const tz = /^([+-]?)(\d{2}):?(\d{2})$/.exec(f.get('tz') ?? '');
  const offset = tz ? `${tz[1] || '+'}${tz[2]}:${tz[3]}` : 'Z';
  return toIsoTime(`${time.replace(' ', 'T')}${offset}`);
}

function titleOf(f: Fields): string {
  const logtype = f.get('logtype') ?? 'log';
  const action = f.get('action');
  const src = f.get('src');
  const dst = f.get('origdst') ?? f.get('dst');
  const web = [f.get('op'), `${f.get('dstname') ?? ''}${f.get('arg') ?? ''}`].filter(Boolean).join(' ');
  const what = f.get('msg') || (logtype === 'web' ? web : '') || f.get('proto') || f.get('service') || '';
  const flow = src && dst ? ` ${src} -> ${dst}` : src ? ` from ${src}` : dst ? ` to ${dst}` : '';
  const user = f.get('user') ? ` user ${f.get('user') ?? ''}` : '';
  const detail = `${what}${action ? ` (${action})` : ''}${flow}${user}`.trim();
  const head = `Stormshield SNS ${logtype}${f.get('fw') ? ` on ${f.get('fw') ?? ''}` : ''}`;
  return (detail ? `${head}: ${detail}` : head).replace(/\s+/g, ' ');
}

const detect = (raw: unknown): boolean => asStormshield(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const f = asStormshield(raw);
  if (!f) throw new Error('not a Stormshield SNS record');
  const ruleId = f.get('logtype') === 'alarm' ? (f.get('alarmid') ?? f.get('ruleid')) : f.get('ruleid');
  return parserAlert(NAME, NAME, observables(f), {
    title: titleOf(f),
    severity: severityOf(f),
    observedAt: observedAt(f),
    ruleId: ruleId || null,
  });
}

export const stormshieldParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['id=firewall '] },
  detect,
  parse,
};
