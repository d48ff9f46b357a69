// Cisco Secure Email Gateway (IronPort ESA) syslog pushed per log subscription (`<pri>Mar 17 18:31:14 gui_logs:
// Info: …`), read as Elastic's `cisco_secure_email_gateway.log` pipelines read each subscription: GUI and
// authentication logs (client address, administrator), text mail logs, consolidated events (CEF), AMP, bounces …
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The log subscriptions Elastic's pipeline reads, by the name the appliance writes as the syslog program. */
const CATEGORIES = [
  'gui_logs',
  'authentication',
  'mail_logs',
  'consolidated_event',
  'amp',
  'antispam',
  'antivirus',
  'bounces',
  'content_scanner',
  'error_logs',
  'status',
  'system',
] as const;
type Category = (typeof CATEGORIES)[number];
const isCategory = (v: string): v is Category => (CATEGORIES as readonly string[]).includes(v);

/** `<pri>` + SYSLOGTIMESTAMP (+ the appliance's name) + the subscription + an optional level word, then the message. */
const LINE =
  /^<(\d{1,3})>((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}) (?:[A-Za-z0-9][\w.-]{0,253} )?([a-z_]{3,20}): (?:(Info|Warning|Debug|Trace|Critical|Error|Alert|Notice): )?(.*)$/s;

interface EsaRecord {
  pri: number;
  time: string;
  category: Category;
  level: string | null;
  message: string;
}

function asEsa(raw: unknown): EsaRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<')) return null;
  const m = LINE.exec(s.trimEnd());
  const category = m?.[3] ?? '';
  if (!m || !isCategory(category)) return null;
  // A consolidated event is the appliance's CEF record; other subscriptions are plain text.
  if (category === 'consolidated_event') {
    if (!/^CEF:\d+\|Cisco\|/.test(m[5] ?? '')) return null;
  } else if (m[4] === undefined) return null; // Every other subscription writes its level word.
  return {
    pri: Number(m[1]),
    time: m[2] ?? '',
    category,
    level: m[4] ?? null,
    message: (m[5] ?? '').trim(),
  };
}

const USERNAME = String.raw`([a-zA-Z0-9._-]+)`;
const IP = String.raw`([0-9A-Fa-f:.]+)`;

/**
 * The address and user of a GUI request, `req:%{ip} user:%{user} id:%{} %{status} %{word} %{} HTTP/%{version} `:
 * each marker's first occurrence on the first line. Read with `indexOf`: as one regex of lazy groups, a long
 * hostile line of repeated markers was retried at every combination of them (polynomial time).
 */
function guiRequest(msg: string): [string, string] | null {
  if (!msg.startsWith('req:')) return null;
  const terminator = /[\n\r\u2028\u2029]/.exec(msg);
  const line = terminator ? msg.slice(0, terminator.index) : msg;
  const user = line.indexOf(' user:', 4);
  const id = user < 0 ? -1 : line.indexOf(' id:', user + 6);
  if (id < 0) return null;
  const rest = line.slice(id + 4);
  const status = / \d+ \w+ /.exec(rest);
  if (!status || !/ HTTP\/[\d.]+ /.test(rest.slice(status.index + status[0].length))) return null;
  return [line.slice(4, user), line.slice(user + 6, id)];
}

/** The GUI log groks in Elastic's order: the first that matches decides. */
function gui(msg: string, obs: ObservablesBuilder): void {
  let m: RegExpExecArray | null;
  const request = guiRequest(msg);
  if (request) {
    obs.ip(bareIndicatorIp(request[0]));
    obs.user(request[1]);
  } else if (
    (m = new RegExp(`^Action: User ${USERNAME} .* from session .* beacuse of inactivity timeout$`).exec(msg))
  )
    obs.user(m[1]);
  else if ((m = new RegExp(`^Session .*? user:${USERNAME} \\w+$`).exec(msg))) obs.user(m[1]);
  else if ((m = new RegExp(`^Session .*? from ${IP} not found Destination:`).exec(msg)))
    obs.ip(bareIndicatorIp(m[1]));
  else if ((m = new RegExp(`^SourceIP:${IP} Destination:.* Username:${USERNAME} Privilege:`).exec(msg))) {
    obs.ip(bareIndicatorIp(m[1]));
    obs.user(m[2]);
  } else if (/^.*: .*$/s.test(msg)) return;
  else if (
    (m = new RegExp(`^.* ${IP}:\\d+ - \\(.*\\)$`).exec(msg)) ??
    (m = new RegExp(`^.* ${IP} port \\d+ - `).exec(msg))
  )
    obs.srcIp(bareIndicatorIp(m[1]));
  else if ((m = new RegExp(`^.*? has been .*? for user ${USERNAME}$`).exec(msg))) obs.user(m[1]);
}

/** The authentication log groks in Elastic's order. */
function authentication(msg: string, obs: ObservablesBuilder): void {
  const patterns: readonly [RegExp, number | null, number | null][] = [
    [new RegExp(`^GUI: User ${USERNAME} .* from session .* because of inactivity timeout$`), 1, null],
    [new RegExp(`^CLI: User ${USERNAME} .* from .* because of inactivity timeout$`), 1, null],
    [new RegExp(`^\\w+:${IP} user:${USERNAME} session:\\w+$`), 2, 1],
    [new RegExp(`^User ${USERNAME} .* of \\w+ session ${IP}$`), 1, 2],
    [
      new RegExp(
        `^An authentication attempt by the user ${USERNAME} from ${IP} \\w+ using an \\w+ connection.$`,
      ),
      1,
      2,
    ],
    [
      new RegExp(`^The user ${USERNAME} \\w+ .* from ${IP} with privilege .*? using an \\w+ connection.$`),
      1,
      2,
    ],
    [new RegExp(`^User ${USERNAME} was \\w+ \\w+.$`), 1, null],
    [new RegExp(`^User ${USERNAME} \\w+ \\w+$`), 1, null],
  ];
  for (const [re, user, ip] of patterns) {
    const m = re.exec(msg);
    if (!m) continue;
    if (user !== null) obs.user(m[user]);
    if (ip !== null) obs.ip(bareIndicatorIp(m[ip]));
    return;
  }
}

/** Text mail logs: the connection's interface and peer addresses, an internal SMTP error's host (Elastic's groks). */
function mailLogs(msg: string, obs: ObservablesBuilder): void {
  let m: RegExpExecArray | null;
  if (
    (m = new RegExp(
      `^\\w+ \\w+ ICID \\d+ interface Management \\(${IP}\\) address ${IP} reverse dns host .*? verified \\w+$`,
    ).exec(msg)) ??
    (m = new RegExp(`^.*? \\w+ DCID \\d+ interface ${IP} address ${IP}$`).exec(msg))
  ) {
    obs.ip(bareIndicatorIp(m[1]));
    obs.ip(bareIndicatorIp(m[2]));
  } else if ((m = new RegExp(`^Internal .*? Error: .* to host ${IP}:\\d+ for recipient .*?: `).exec(msg))) {
    obs.dstIp(bareIndicatorIp(m[1]));
  }
  const url = /^MID \d+ URL (\S+) has reputation /.exec(msg);
  if (url) obs.url(url[1]);
}

/** Consolidated events (CEF): HELO address, device address and sender address are related, the sender the source. */
function consolidated(
  msg: string,
  obs: ObservablesBuilder,
): { name: string | null; severity: string | null } {
  const head = /^CEF:\d+\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|([^|]*)\|([^|]*)\|(.*)$/s.exec(msg);
  const ext = head?.[3] ?? '';
  const cut = ext.search(/(?:^| )msg=/);
  const body = cut >= 0 ? ext.slice(0, cut) : ext;
  const value = (key: string): string | undefined => new RegExp(`(?:^| )${key}=(\\S+)`).exec(body)?.[1];
  obs.ip(bareIndicatorIp(value('ESAHeloIP')));
  obs.ip(bareIndicatorIp(value('dvc')));
  obs.srcIp(bareIndicatorIp(value('sourceAddress') ?? value('src')));
  for (const h of ext.matchAll(/'fileHash': '([0-9a-f]{64})'/g)) obs.hash(h[1]);
  for (const key of ['suser', 'duser']) {
    const v = value(key);
    if (v?.includes('@')) obs.email(v);
  }
  return { name: head?.[1] ?? null, severity: head?.[2] ?? null };
}

function severityOf(rec: EsaRecord): Severity {
  if (rec.category === 'status') return 'info';
  if (/\bfailed\b|not found|error|virus|malicious/i.test(rec.message)) return 'low';
  return mapSeverity(rec.level) ?? syslogSeverityOfPri(rec.pri);
}

const detect = detectorOf(asEsa);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asEsa(raw);
  if (!rec) throw new Error('not a Cisco Secure Email Gateway line');
  const obs = new ObservablesBuilder();
  let severity: Severity | null = null;
  switch (rec.category) {
    case 'gui_logs':
      gui(rec.message, obs);
      break;
    case 'authentication':
      authentication(rec.message, obs);
      break;
    case 'mail_logs':
      mailLogs(rec.message, obs);
      break;
    case 'consolidated_event': {
      const cef = consolidated(rec.message, obs);
      severity = mapSeverity(cef.severity);
      break;
    }
    case 'amp':
      for (const h of rec.message.matchAll(/\b[0-9a-f]{64}\b/gi)) obs.hash(h[0]);
      break;
    case 'system': {
      const commit = /^PID \d+: User ([a-zA-Z0-9._-]+) commit changes:/.exec(rec.message);
      if (commit) obs.user(commit[1]);
      break;
    }
    case 'bounces':
      // An address holds no `<`: with `[^>]+`, every `To:<` of a long hostile line scanned to its end (quadratic).
      for (const e of rec.message.matchAll(/(?:From|To):<([^<>]+)>/g)) obs.email(e[1]);
      break;
    default:
      break;
  }
  return parserAlert('cisco_secure_email_gateway.log', 'cisco_secure_email_gateway.log', obs, {
    title: `Cisco ESA ${rec.category}: ${rec.message}`.slice(0, 300),
    severity: severity ?? severityOf(rec),
    // The syslog time carries no year: Elastic places it in the current year, which a parser cannot know.
    observedAt: toIsoTime(rec.time),
    ruleId: rec.category,
  });
}

export const ciscoSecureEmailParser: Parser = {
  name: 'cisco_secure_email_gateway.log',
  claims: {
    keys: [],
    text: [
      ' gui_logs: ',
      ' authentication: ',
      ' mail_logs: ',
      ' consolidated_event: ',
      ' amp: ',
      ' antispam: ',
      ' antivirus: ',
      ' bounces: ',
      ' content_scanner: ',
      ' error_logs: ',
      ' status: ',
      ' system: ',
    ],
  },
  detect,
  parse,
};
