// QNAP NAS (QTS) syslog from `qulogd`: "conn log" (connection/access) and "event log" (system event)
// lines, mapped as Elastic's `qnap_nas.log` pipeline does: the NAS as host.name, Source IP as the
// source (loopback dropped), the user, and the client's computer name as a related host.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/**
 * A message's source IP, which holds no space, between its labels. The rest of the message is split at the
 * first of each later label in code (`fieldsOf`): as one pattern, the lazy fields between the labels retried
 * the rest of a long hostile line from every position (cubic time).
 */
const SOURCE_IP = /, Source IP: (\S*), Computer name: /g;
const EVENT_LABELS = [', Application: ', ', Category: ', ', Content: '];
const CONN_LABELS = [', Connection type: ', ', Accessed resources: '];
/** The characters a regex `.` does not match: no field but the content and the resources spans lines. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * The fields of `Users: a, Source IP: b, Computer name: c, …`: the user before the first source IP, then the
 * text before the first of each later label in turn, then the rest. For a conn log the rest is the accessed
 * resources and the action after the last `, Action: `.
 */
function fieldsOf(text: string, type: 'conn' | 'event'): string[] | null {
  if (!text.startsWith('Users: ')) return null;
  SOURCE_IP.lastIndex = 'Users: '.length;
  const ip = SOURCE_IP.exec(text);
  if (!ip) return null;
  const fields = [text.slice('Users: '.length, ip.index), ip[1] ?? ''];
  let at = SOURCE_IP.lastIndex;
  for (const label of type === 'conn' ? CONN_LABELS : EVENT_LABELS) {
    const next = text.indexOf(label, at);
    if (next < 0) return null;
    fields.push(text.slice(at, next));
    at = next + label.length;
  }
  if (fields.some((f) => LINE_END.test(f))) return null;
  if (type === 'event') return [...fields, text.slice(at)];
  const action = text.lastIndexOf(', Action: ');
  if (action < at || LINE_END.test(text.slice(action + ', Action: '.length))) return null;
  return [...fields, text.slice(at, action), text.slice(action + ', Action: '.length)];
}

interface QnapRecord {
  pri: number | null;
  timestamp: string | null;
  nas: string | null;
  type: 'conn' | 'event';
  user: string;
  sourceIp: string;
  computer: string;
  /** Event log: application, category, content. Conn log: connection type, resource, action. */
  a: string;
  b: string;
  c: string;
}

function asQnap(raw: unknown): QnapRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('qulogd') || !/ (?:conn|event) log: Users: /.test(s)) return null;
  const sys = parseSyslog(s.trimEnd());
  if (sys?.app !== 'qulogd') return null;
  const lt = /^(conn|event) log: ([\s\S]*)$/.exec(sys.message);
  if (!lt?.[2]) return null;
  const type = lt[1] === 'conn' ? 'conn' : 'event';
  const m = fieldsOf(lt[2], type);
  if (!m) return null;
  return {
    pri: sys.pri,
    timestamp: sys.timestamp,
    nas: sys.host,
    type,
    user: m[0] ?? '',
    sourceIp: m[1] ?? '',
    computer: m[2] ?? '',
    a: m[3] ?? '',
    b: m[4] ?? '',
    c: m[5] ?? '',
  };
}

const detect = (raw: unknown): boolean => asQnap(raw) !== null;

function severityOf(rec: QnapRecord): Severity {
  if (rec.type === 'conn' && /^login fail/i.test(rec.c)) return 'low';
  return rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asQnap(raw);
  if (!rec) throw new Error('not a QNAP NAS qulogd line');
  const obs = new ObservablesBuilder();
  // Elastic reads an address in the host position as host.ip, a name as host.name.
  if (rec.nas && !canonicalIp(rec.nas)) obs.host(rec.nas);
  if (rec.computer !== '---') obs.host(rec.computer);
  if (rec.sourceIp !== '127.0.0.1') obs.srcIp(bareIndicatorIp(rec.sourceIp));
  obs.user(rec.user);
  const title =
    rec.type === 'conn'
      ? `QNAP NAS ${rec.a} ${rec.c}: ${rec.user}${rec.b && rec.b !== '---' ? ` (${rec.b})` : ''}`
      : `QNAP NAS ${rec.a} / ${rec.b}: ${rec.c}`;
  return parserAlert('qnap_nas.log', 'qnap_nas.log', obs, {
    title,
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.timestamp),
    ruleId:
      rec.type === 'conn' ? `conn-log:${rec.c.toLowerCase().replace(/\s+/g, '-')}` : `event-log:${rec.a}`,
  });
}

export const qnapNasParser: Parser = {
  name: 'qnap_nas.log',
  claims: { keys: [], text: [', Computer name: '] },
  detect,
  parse,
};
