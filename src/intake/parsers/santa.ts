// Google Santa `santa.log` lines (`[time] I santad: action=…|key=value|…`): executions with their decision,
// file operations and disk (mount) events, read as Elastic's `santa` pipeline reads them (`user=` is the user).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `[ISO time] <level> santad: action=…`; the level is one letter or word (I, W, E …). */
const LINE =
  /^\[(\d{4}-\d{2}-\d{2}T[^\]\s]{1,40})\] ([^|\s\]]{1,16}) santad: (action=[A-Z0-9_]+(?:\|[\s\S]*)?)$/;

interface SantaLine {
  time: string;
  fields: Map<string, string>;
}

/** Splits the `key=value|…` body as Elastic's kv processor does (first `=` splits; empty values dropped). */
function fieldsOf(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of body.split('|')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1);
    if (value !== '' && !fields.has(pair.slice(0, eq))) fields.set(pair.slice(0, eq), value);
  }
  return fields;
}

function read(raw: unknown): SantaLine | null {
  const text = textOf(raw);
  if (text === null || !text.startsWith('[')) return null;
  const m = LINE.exec(text.trimEnd());
  if (!m?.[1] || !m[3]) return null;
  return { time: m[1], fields: fieldsOf(m[3]) };
}

const detect = detectorOf(read);

/** A denied execution is an alert; an unknown binary allowed in monitor mode is worth a look. */
function severityOf(f: Map<string, string>): Severity {
  const decision = (f.get('decision') ?? '').toUpperCase();
  if (decision.startsWith('DENY') || decision.startsWith('BLOCK')) return 'medium';
  if (decision.startsWith('ALLOW') && (f.get('reason') ?? '').toUpperCase() === 'UNKNOWN') return 'low';
  return 'info';
}

function titleOf(f: Map<string, string>): string {
  const decision = f.get('decision');
  const reason = f.get('reason');
  const path = f.get('path');
  const newpath = f.get('newpath');
  const process = f.get('process');
  const what = path
    ? `${path}${newpath ? ` -> ${newpath}` : ''}${process ? ` by ${process}` : ''}`
    : (f.get('mount') ?? f.get('volume') ?? process);
  const verdict = decision ? ` ${decision}${reason ? ` (${reason})` : ''}` : '';
  return `Santa ${f.get('action') ?? 'event'}${verdict}${what ? `: ${what}` : ''}`;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Santa log line');
  const f = line.fields;
  // Elastic maps `user=` to user.name and related.user; `event_user` (login-window events) stays
  // under santa.event.user, and Santa lines carry no address or host indicator.
  const obs = new ObservablesBuilder();
  obs.user(f.get('user'));
  obs.hash(f.get('sha256'));
  obs.hash(f.get('cert_sha256'));
  return parserAlert('santa.log', 'santa.log', obs, {
    title: titleOf(f),
    severity: severityOf(f),
    observedAt: toIsoTime(line.time),
    ruleId: f.get('action') ?? null,
  });
}

export const santaParser: Parser = {
  name: 'santa.log',
  claims: { keys: [], text: [' santad: action='] },
  detect,
  parse,
};
