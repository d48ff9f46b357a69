// Pleasant Password Server audit lines sent over syslog (optionally octet-counted):
// `<pri>MMM dd HH:mm:ss host Pleasant Password Server:client-ip - user - … - Success|Error - reason - message`.
// Mapped as Elastic's pps pipeline maps them: the acting user is the user; the client address is no indicator.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'pps.log';

/**
 * Header, product tag and client address; then the `-`-separated user, outcome, reason and message. The line is
 * `HEADER …Pleasant Password Server…:IP\s-\sUSER\s+-\s[… ]OUTCOME\s-\sREASON\s-\sMESSAGE`, read as the pattern
 * `^HEADER(.*?Pleasant Password Server.*?):([0-9A-Fa-f:.]{2,45})\s-\s(.*?)\s+-\s(?:.*?\s)?(Success|Error)\s-\s(.*?)\s-\s`
 * would read it (`.` stops at a line end), but in code: as that pattern, the lazy fields were retried against each
 * other and a long hostile line took polynomial time (0.7 s at 32 KB).
 */
const HEADER = /^(?:\d{1,6} )?<(\d{1,3})>([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})\s+(\S+)\s/;
const TAG = 'Pleasant Password Server';
const IP_CHAR = /[0-9A-Fa-f:.]/;
const SPACE = /\s/;
const LINE_END = /[\n\r\u2028\u2029]/;

interface Fields {
  pri: string;
  timestamp: string;
  host: string;
  clientIp: string;
  user: string;
  outcome: string;
  reason: string;
  message: string;
}

function fieldsOf(s: string): Fields | null {
  const head = HEADER.exec(s);
  if (!head) return null;
  const n = s.length;
  const space = (i: number): boolean => i < n && SPACE.test(s.charAt(i));
  /** `\s-\s` at i. */
  const dash = (i: number): boolean => space(i) && s.charAt(i + 1) === '-' && space(i + 2);
  // The first line end at or after each position, and the first `\s-\s` at or after it.
  const nextEnd = new Int32Array(n + 1).fill(n);
  const nextDash = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    nextEnd[i] = LINE_END.test(s.charAt(i)) ? i : (nextEnd[i + 1] ?? n);
    nextDash[i] = dash(i) ? i : (nextDash[i + 1] ?? -1);
  }
  // The tag, then the first colon after it that starts `IP\s-\s`; all before the first line end.
  const from = head[0].length;
  const tag = s.indexOf(TAG, from);
  if (tag < 0) return null;
  let userStart = -1;
  let clientIp = '';
  let runEnd = -1;
  for (
    let c = s.indexOf(':', tag + TAG.length);
    c >= 0 && c < (nextEnd[from] ?? n);
    c = s.indexOf(':', c + 1)
  ) {
    if (runEnd <= c) for (runEnd = c + 1; runEnd < n && IP_CHAR.test(s.charAt(runEnd)); runEnd++);
    const length = runEnd - c - 1;
    if (length < 2 || length > 45 || !dash(runEnd)) continue;
    clientIp = s.slice(c + 1, runEnd);
    userStart = runEnd + 3;
    break;
  }
  if (userStart < 0) return null;
  // Where an outcome reads (`OUTCOME\s-\sREASON\s-\s`, the reason on one line), its reason's end; else -1.
  const reasonEnd = (w: number): number => {
    const word = s.startsWith('Success', w) ? 7 : s.startsWith('Error', w) ? 5 : 0;
    if (word === 0 || !dash(w + word)) return -1;
    const q = nextDash[w + word + 3] ?? -1;
    return q >= 0 && (nextEnd[w + word + 3] ?? n) >= q ? q : -1;
  };
  // The first outcome after each position that follows a space.
  const nextOutcome = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i > userStart; i--)
    nextOutcome[i] = space(i - 1) && reasonEnd(i) >= 0 ? i : (nextOutcome[i + 1] ?? -1);
  // The user ends at the first run of spaces before `-\s` after which an outcome reads.
  for (let e = userStart; e < n && e <= (nextEnd[userStart] ?? n); e++) {
    if (!space(e) || (e > userStart && space(e - 1))) continue;
    let k = e;
    while (space(k)) k++;
    if (s.charAt(k) !== '-' || !space(k + 1)) continue;
    const r = k + 2;
    const skipped = nextOutcome[r + 1] ?? -1;
    const w = skipped >= 0 && skipped - 1 <= (nextEnd[r] ?? n) ? skipped : reasonEnd(r) >= 0 ? r : -1;
    if (w < 0) continue;
    const q = reasonEnd(w);
    const word = s.startsWith('Success', w) ? 'Success' : 'Error';
    return {
      pri: head[1] ?? '',
      timestamp: head[2] ?? '',
      host: head[3] ?? '',
      clientIp,
      user: s.slice(userStart, e),
      outcome: word,
      reason: s.slice(w + word.length + 3, q),
      message: s.slice(q + 3),
    };
  }
  return null;
}

/** The grok `USERNAME` alphabet: Elastic takes a user only when the user field is one such token or its e-mail. */
const USERNAME = /^[A-Za-z0-9._-]+$/;

interface PpsLine {
  pri: number;
  timestamp: string;
  host: string;
  clientIp: string;
  /** The user field as written (`name@domain`, a bare name, or a service name with spaces). */
  userField: string;
  outcome: 'Success' | 'Error';
  reason: string;
  message: string;
}

function read(raw: unknown): PpsLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('Pleasant Password Server')) return null;
  const m = fieldsOf(s);
  if (!m || canonicalIp(m.clientIp) === null) return null;
  return {
    pri: Number(m.pri),
    timestamp: m.timestamp,
    host: m.host,
    clientIp: m.clientIp,
    userField: m.user.trim(),
    outcome: m.outcome === 'Error' ? 'Error' : 'Success',
    reason: m.reason.trim(),
    message: m.message.trim(),
  };
}

const detect = detectorOf(read);

/** The user Elastic's grok keeps: the local part of `name@domain`, or a single-token name. */
function userOf(field: string, obs: ObservablesBuilder): void {
  const at = field.indexOf('@');
  if (at > 0) {
    const local = field.slice(0, at);
    if (!USERNAME.test(local) || /\s/.test(field)) return;
    obs.user(local);
    obs.email(field);
  } else if (USERNAME.test(field)) obs.user(field);
}

const ATTENTION = /sign-?in|log ?on|identity|verif|lock|denied|unauthori[sz]ed|permission/i;

function severityOf(line: PpsLine): Severity {
  if (line.outcome === 'Error') return ATTENTION.test(line.reason) ? 'medium' : 'low';
  return syslogSeverityOfPri(line.pri);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  const obs = new ObservablesBuilder();
  if (line) userOf(line.userField, obs);
  // The message runs on with tab-separated trailer fields (the server address, a local time): keep the text.
  const text = (line?.message ?? '').split('\t')[0]?.trim() ?? '';
  return parserAlert(NAME, NAME, obs, {
    title: line
      ? `Pleasant Password Server ${line.reason}${text ? `: ${text}` : ''}`
      : 'Pleasant Password Server',
    severity: line ? severityOf(line) : 'info',
    observedAt: toIsoTime(line?.timestamp ?? null),
    ruleId: line?.reason || null,
  });
}

export const ppsParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['Pleasant Password Server'] },
  detect,
  parse,
};
