// Microsoft Exchange Server logs forwarded one line at a time: the POP3/IMAP4 and SMTP protocol logs, the
// message-tracking log and the HTTP proxy log, read by each log's documented default column order (a single line
// does not carry its `#Fields:` header), and mapped as Elastic's microsoft_exchange_server pipelines map them.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, type RecordFacts, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_exchange_server';

/** The log types this parser reads; each alert's format is `microsoft_exchange_server.<type>`. */
type LogType = 'imap4_pop3' | 'smtp' | 'messagetracking' | 'httpproxy';

interface ExchangeLine {
  type: LogType;
  cols: string[];
}

/** Every Exchange log line starts with its UTC ISO 8601 `date-time` column. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z,/;
const DIGITS = /^\d{1,10}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Transport source and event id of the message-tracking log (`SMTP`, `STOREDRIVER`; `RECEIVE`, `HAREDIRECTFAIL`). */
const UPPER_WORD = /^[A-Z][A-Z0-9_]{1,39}$/;
/** SMTP protocol-log events: connect, disconnect, send, receive, information. */
const SMTP_EVENTS = new Map([
  ['+', 'connect'],
  ['-', 'disconnect'],
  ['>', 'send'],
  ['<', 'receive'],
  ['*', 'information'],
]);

/** The address of an `ip:port` endpoint (`192.0.2.1:25`, `[2001:db8::1]:993`), or null. */
function endpointIp(value: string): string | null {
  const m = /^(?:\[([0-9A-Fa-f:.]{2,45})(?:%[\w.-]+)?\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/.exec(value);
  return m ? canonicalIp(m[1] ?? m[2] ?? '') : null;
}

const optionalEndpoint = (value: string): boolean => value === '' || endpointIp(value) !== null;
const optionalIp = (value: string): boolean => value === '' || canonicalIp(value) !== null;

/**
 * POP3/IMAP4 protocol log: `dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,
 * context[,puid]`, both endpoints `ip:port`.
 */
function isImapPop(c: string[]): boolean {
  return (
    (c.length === 12 || c.length === 13) &&
    /^[0-9A-Fa-f]{8,16}$/.test(c[1] ?? '') &&
    DIGITS.test(c[2] ?? '') &&
    endpointIp(c[3] ?? '') !== null &&
    endpointIp(c[4] ?? '') !== null
  );
}

/**
 * SMTP send/receive protocol log: `date-time,connector-id,session-id,sequence-number,local-endpoint,
 * remote-endpoint,event,data,context`.
 */
function isSmtp(c: string[]): boolean {
  const local = c[4] ?? '';
  const remote = c[5] ?? '';
  return (
    c.length === 9 &&
    /^[0-9A-Fa-f]{16}$/.test(c[2] ?? '') &&
    DIGITS.test(c[3] ?? '') &&
    SMTP_EVENTS.has(c[6] ?? '') &&
    optionalEndpoint(local) &&
    optionalEndpoint(remote) &&
    local + remote !== ''
  );
}

/**
 * Message-tracking log (Exchange 2013 and later, 30 columns): `date-time,client-ip,client-hostname,server-ip,
 * server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,
 * recipient-address,…`.
 */
function isMessageTracking(c: string[]): boolean {
  return (
    c.length === 30 &&
    optionalIp(c[1] ?? '') &&
    optionalIp(c[3] ?? '') &&
    UPPER_WORD.test(c[7] ?? '') &&
    UPPER_WORD.test(c[8] ?? '') &&
    /^\d{0,20}$/.test(c[9] ?? '') &&
    ((c[11] ?? '') === '' || GUID.test(c[11] ?? ''))
  );
}

/**
 * HTTP proxy log: `DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,
 * Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,…` (about 74 columns).
 */
function isHttpProxy(c: string[]): boolean {
  return (
    c.length >= 60 &&
    c.length <= 100 &&
    GUID.test(c[1] ?? '') &&
    [2, 3, 4, 5].every((i) => DIGITS.test(c[i] ?? '')) &&
    /^(?:|true|false)$/i.test(c[12] ?? '')
  );
}

function read(raw: unknown): ExchangeLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !TIMESTAMP.test(s)) return null;
  const line = s.trimEnd();
  if (line.includes('\n')) return null;
  const cols = splitQuotedCsv(line);
  if (isImapPop(cols)) return { type: 'imap4_pop3', cols };
  if (isSmtp(cols)) return { type: 'smtp', cols };
  if (isMessageTracking(cols)) return { type: 'messagetracking', cols };
  if (isHttpProxy(cols)) return { type: 'httpproxy', cols };
  return null;
}

const detect = (raw: unknown): boolean => read(raw) !== null;

type Facts = Omit<RecordFacts, 'observedAt'>;

/** The protocol a POP3/IMAP4 line belongs to, told by the server port (the pipeline reads it from the file path). */
function mailProtocol(serverEndpoint: string): string {
  const port = /:(\d+)$/.exec(serverEndpoint)?.[1] ?? '';
  if (['110', '995', '1110', '1995'].includes(port)) return 'POP3';
  if (['143', '993', '1143', '1993'].includes(port)) return 'IMAP4';
  return 'POP3/IMAP4';
}

/** POP3/IMAP4: the client endpoint is `source.ip`; the pipeline relates no address and maps no user. */
function imapPop(c: string[], obs: ObservablesBuilder): Facts {
  const [, , , server = '', client = '', user = '', , , , command = '', , context = ''] = c;
  const clientIp = bareIndicatorIp(endpointIp(client));
  obs.srcIp(clientIp);
  const failed = /^R=(?:NO|BAD|-?ERR)\b/i.test(context);
  const login = /^(?:login|authenticate|auth|user|pass|apop)$/i.test(command);
  const who = user ? ` by ${user}` : '';
  return {
    title: `Exchange ${mailProtocol(server)} ${command || 'command'}${failed ? ' failed' : ''}${who} from ${clientIp ?? client}`,
    severity: failed && login ? 'low' : 'info',
    ruleId: command ? command.toLowerCase() : null,
  };
}

/** SMTP: the pipeline maps no address; the envelope addresses of `MAIL FROM` / `RCPT TO` are kept as e-mails. */
function smtp(c: string[], obs: ObservablesBuilder): Facts {
  const [, connector = '', , , local = '', remote = '', event = '', data = '', context = ''] = c;
  const envelope = /^(?:MAIL FROM|RCPT TO):\s*<([^>\s]+)>/i.exec(data);
  if (envelope) obs.email(envelope[1]);
  const failed = /\bfail|\berror\b/i.test(`${data} ${context}`) || /^[45]\d\d[ -]/.test(data);
  const what = data || context || SMTP_EVENTS.get(event) || event;
  return {
    title:
      `Exchange SMTP ${connector || 'connector'} ${local || '-'} ${event} ${remote || '-'}: ${what}`.slice(
        0,
        300,
      ),
    severity: failed ? 'low' : 'info',
    ruleId: `smtp:${SMTP_EVENTS.get(event) ?? event}`,
  };
}

/** Message tracking: client/server addresses are ECS `client.*`/`server.*`, not indicators; e-mails are kept. */
function messageTracking(c: string[], obs: ObservablesBuilder): Facts {
  const eventId = c[8] ?? '';
  const recipients = (c[12] ?? '').split(';').filter((r) => r !== '');
  const sender = c[19] ?? '';
  obs.email(sender);
  for (const r of recipients) obs.email(r);
  const subject = c[18] ?? '';
  const to = recipients.length > 0 ? recipients.join(', ') : '?';
  return {
    title:
      `Exchange ${c[7] ?? ''} ${eventId}: ${sender || '?'} -> ${to}${subject ? ` (${subject})` : ''}`.slice(
        0,
        300,
      ),
    severity: /FAIL|BADMAIL|POISON/.test(eventId) ? 'low' : 'info',
    ruleId: eventId,
  };
}

/** HTTP proxy: `DOMAIN\user` gives `user.name`; the URL host is a domain kept out of `related.hosts`. */
function httpProxy(c: string[], obs: ObservablesBuilder): Facts {
  const protocol = c[7] ?? '';
  const stem = c[9] ?? '';
  const user = /\\(\S+)/.exec(c[13] ?? '')?.[1];
  obs.user(user);
  obs.domain(c[8]);
  const status = Number(c[19] ?? '') || 0;
  const method = c[22] || 'HTTP';
  return {
    title: `Exchange ${protocol} ${method} ${stem}${status ? ` -> ${status}` : ''}${user ? ` (${user})` : ''}`,
    severity: status === 401 || status === 403 || status >= 500 ? 'low' : 'info',
    ruleId: status ? `${protocol.toLowerCase()}:${status}` : protocol.toLowerCase() || null,
  };
}

const READERS: Record<LogType, (c: string[], obs: ObservablesBuilder) => Facts> = {
  imap4_pop3: imapPop,
  smtp,
  messagetracking: messageTracking,
  httpproxy: httpProxy,
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (line === null) throw new Error('not a Microsoft Exchange Server log line');
  // No Exchange pipeline fills related.ip: endpoints are not also related addresses.
  const obs = new ObservablesBuilder(false);
  const facts = READERS[line.type](line.cols, obs);
  return parserAlert(NAME, `${NAME}.${line.type}`, obs, {
    ...facts,
    observedAt: toIsoTime(line.cols[0]),
  });
}

export const exchangeServerParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['Z,'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
