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

const SHARED = String.raw`^Users: (.*?), Source IP: (\S*), Computer name: (.*?), `;
const EVENT = new RegExp(`${SHARED}Application: (.*?), Category: (.*?), Content: ([\\s\\S]*)$`);
const CONN = new RegExp(`${SHARED}Connection type: (.*?), Accessed resources: ([\\s\\S]*), Action: (.*)$`);

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
  const m = (type === 'conn' ? CONN : EVENT).exec(lt[2]);
  if (!m) return null;
  return {
    pri: sys.pri,
    timestamp: sys.timestamp,
    nas: sys.host,
    type,
    user: m[1] ?? '',
    sourceIp: m[2] ?? '',
    computer: m[3] ?? '',
    a: m[4] ?? '',
    b: m[5] ?? '',
    c: m[6] ?? '',
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
