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

/** Header, product tag and client address; then the `-`-separated user, outcome, reason and message. */
const LINE =
  /^(?:\d{1,6} )?<(\d{1,3})>([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})\s+(\S+)\s(.*?Pleasant Password Server.*?):([0-9A-Fa-f:.]{2,45})\s-\s(.*?)\s+-\s(?:.*?\s)?(Success|Error)\s-\s(.*?)\s-\s([\s\S]*)$/;

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
  const m = LINE.exec(s);
  if (!m || canonicalIp(m[5] ?? '') === null) return null;
  return {
    pri: Number(m[1]),
    timestamp: m[2] ?? '',
    host: m[3] ?? '',
    clientIp: m[5] ?? '',
    userField: (m[6] ?? '').trim(),
    outcome: m[7] === 'Error' ? 'Error' : 'Success',
    reason: (m[8] ?? '').trim(),
    message: (m[9] ?? '').trim(),
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
