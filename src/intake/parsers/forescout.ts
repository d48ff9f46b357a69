// Forescout (eyeSight / CounterACT) appliance events: the sudo-style service command lines
// (`_fsservice : TTY=… ; PWD=/usr/local/forescout ; USER=root ; COMMAND=/bin/fstool …`), bare or after a syslog
// header, mapped as Elastic's `forescout` event pipeline maps them: USER is the user, the syslog host a related host.
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** Elastic's dissect: `%{service} : TTY=%{tty} ; PWD=%{pwd} ; USER=%{user} ; COMMAND=%{command}`. */
const MARKERS = [' : TTY=', ' ; PWD=', ' ; USER=', ' ; COMMAND='];

/**
 * The dissect's five fields: each marker's first occurrence after the previous one, all on the first line; the
 * command is the rest. Done with `indexOf`: as a regex of lazy groups, a long hostile line of repeated markers
 * was retried at every combination of them (polynomial time).
 */
function commandLine(text: string): [string, string, string, string, string] | null {
  const terminator = /[\n\r\u2028\u2029]/.exec(text);
  const head = terminator ? text.slice(0, terminator.index) : text;
  const fields: string[] = [];
  let at = 0;
  for (const marker of MARKERS) {
    const found = head.indexOf(marker, at);
    if (found < 0) return null;
    fields.push(head.slice(at, found));
    at = found + marker.length;
  }
  const [service = '', tty = '', pwd = '', user = ''] = fields;
  return [service, tty, pwd, user, text.slice(at)];
}

interface ForescoutEvent {
  host: string | null;
  timestamp: string | null;
  pri: number | null;
  service: string;
  pwd: string;
  user: string;
  command: string;
}

/** True when the command line is the appliance's own (its service account, install folder or `fstool`). */
const isForescout = (service: string, pwd: string, command: string): boolean =>
  /^_fs/i.test(service.trim()) || /\/forescout\b/i.test(pwd) || /(?:^|\/)fstool\b/.test(command);

/** The event, or null when the line is not a Forescout service command line. */
function read(raw: unknown): ForescoutEvent | null {
  const line = textOf(raw)?.trim();
  if (!line || !line.includes(' : TTY=') || !line.includes(' ; COMMAND=')) return null;
  const header = parseSyslog(line);
  const m = commandLine(header ? header.message : line);
  if (!m) return null;
  const [service, , pwd, user, command] = m;
  if (!isForescout(service, pwd, command)) return null;
  return {
    host: header?.host ?? null,
    timestamp: header?.timestamp ?? null,
    pri: header?.pri ?? null,
    service: service.trim(),
    pwd,
    user,
    command: command.trim(),
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Forescout event');
  const obs = new ObservablesBuilder();
  // user.name and related.user are USER (the account the command runs as), not the invoking service.
  obs.user(e.user);
  // related.hosts takes the syslog hostname (log.syslog.hostname); nothing in the message is an address.
  obs.host(e.host ?? undefined);
  return parserAlert('forescout.event', 'forescout.event', obs, {
    title: `Forescout ${e.service} ran as ${e.user}: ${e.command.slice(0, 200)}`,
    severity: e.pri === null ? 'info' : syslogSeverityOfPri(e.pri),
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.service,
  });
}

export const forescoutParser: Parser = {
  name: 'forescout.event',
  claims: { keys: [], text: [' ; COMMAND='] },
  detect: detectorOf(read),
  parse,
};
