// PingFederate audit and admin logs, read as Elastic's `ping_federate` pipelines map them: audit CEF lines
// (vendor Ping Identity) and the pipe-delimited audit.log layout give the subject as the user, the SP local
// user id as a related user, the client address as the source and the server host; admin.log lines give the
// administrator and the client address.
import { extensionValue as valueOf, parseCef } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { canonicalIp } from '../ip.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const CEF_HEAD = /CEF:\s?\d+\|Ping Identity\|PingFederate\|/;

/** PingFederate's log timestamp (`2024-11-28 5:58:55,832`) at the start of a pipe-delimited line. */
const STAMP = '\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}:\\d{2},\\d{3}';

/**
 * Elastic's admin grok: time | user | roles | ip | detail id | component | event type | message. Roles and
 * detail id hold no `|` (nor a line break, like `.`), so each ends at the next separator rather than being
 * retried across every later one.
 */
const ADMIN = new RegExp(
  `^(${STAMP})\\s\\|\\s(\\w+)\\s\\|\\s(?:([^|\\n\\r\\u2028\\u2029]*?))?\\s\\|\\s([0-9A-Fa-f.:]+)?\\s\\|\\s(?:([^|\\n\\r\\u2028\\u2029]*?))?\\s\\|\\s(\\w+)\\s\\|\\s(\\w+)?\\s\\|\\s(.*)?$`,
);

/**
 * The default audit.log layout (`%d | %X{trackingid} | %X{event} | %X{subject} | %X{ip} | %X{app} |
 * %X{connectionid} | %X{protocol} | %X{host} | %X{role} | %X{status} | %X{adapterid} | %X{description} |
 * %X{responsetime}`; PingFederate 12 adds `%X{transactionid}` after the tracking id).
 */
const AUDIT_PIPE = new RegExp(`^(${STAMP}) \\| `);
const AUDIT_EVENTS = new Set([
  'SSO',
  'SLO',
  'OAuth',
  'STS',
  'WS-Trust',
  'AUTHN_ATTEMPT',
  'AUTHN_REQUEST',
  'AUTHN_SESSION_CREATED',
  'AUTHN_SESSION_USED',
  'AUTHN_SESSION_DELETED',
  'SRI_REVOKED',
  'PROVISIONING',
]);

/** An audit line's columns from the event on (event, subject, ip, app, connection, protocol, host, role, status). */
interface AuditColumns {
  stamp: string;
  rest: string[];
}

type Shape =
  | { kind: 'cef'; cef: NonNullable<ReturnType<typeof parseCef>> }
  | { kind: 'admin'; m: RegExpExecArray }
  | { kind: 'audit'; cols: AuditColumns };

const ipOrEmpty = (v: string | undefined): boolean =>
  v === '' || (v !== undefined && canonicalIp(v) !== null);

function auditColumns(s: string): AuditColumns | null {
  if (!AUDIT_PIPE.test(s)) return null;
  const cols = s.split('|').map((c) => c.trim());
  if (cols.length < 13) return null;
  // The event follows the tracking id, or the transaction id in PingFederate 12 and later.
  const at =
    [2, 3].find((i) => AUDIT_EVENTS.has(cols[i] ?? '')) ??
    [2, 3].find((i) => /^[A-Z][A-Za-z_-]*$/.test(cols[i] ?? '') && ipOrEmpty(cols[i + 2]));
  return at === undefined ? null : { stamp: cols[0] ?? '', rest: cols.slice(at) };
}

function read(raw: unknown): Shape | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  if (CEF_HEAD.test(s.slice(0, 512))) {
    const cef = parseCef(s);
    return cef && cef.vendor === 'Ping Identity' && cef.product === 'PingFederate'
      ? { kind: 'cef', cef }
      : null;
  }
  const head = s.trimStart();
  const audit = auditColumns(head);
  if (audit) return { kind: 'audit', cols: audit };
  const m = ADMIN.exec(head);
  return m ? { kind: 'admin', m } : null;
}

function detect(raw: unknown): boolean {
  try {
    return read(raw) !== null;
  } catch {
    return false;
  }
}

/** A PingFederate timestamp (`2024-11-28 5:58:55,832`, server local time) in ISO 8601. */
function stampTime(value: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2}:\d{2}),(\d{3})$/.exec(value ?? '');
  return m ? toIsoTime(`${m[1]} ${(m[2] ?? '').padStart(2, '0')}:${m[3]}.${m[4]}`) : null;
}

/** The server host: Elastic relates an address, else reports the name as a related host. */
function addHost(obs: ObservablesBuilder, host: string | null): void {
  if (!host) return;
  const ip = bareIndicatorIp(host);
  if (ip) obs.ip(ip);
  else obs.host(host);
}

function parseCefShape(cef: NonNullable<ReturnType<typeof parseCef>>): ReturnType<Parser['parse']> {
  const ext = cef.extensions;
  const obs = new ObservablesBuilder();
  addHost(obs, valueOf(ext, 'dvchost', 'deviceHostName'));
  const subject = valueOf(ext, 'duid', 'destinationUserId');
  // user.name is the subject; related.user lists the SP local user id (cs5) before it.
  obs.user(subject);
  obs.user(valueOf(ext, 'cs5', 'deviceCustomString5'));
  const src = bareIndicatorIp(valueOf(ext, 'src', 'sourceAddress'));
  if (src) obs.srcIp(src);
  const status = valueOf(ext, 'msg', 'message') ?? '';
  return parserAlert('ping_federate', 'ping_federate.audit', obs, {
    title: `PingFederate ${cef.name || cef.signatureId}${status ? ` (${status})` : ''}`,
    severity: /fail/i.test(status) ? 'low' : (mapSeverity(cef.severity, 'ten') ?? 'info'),
    observedAt: toIsoTime(valueOf(ext, 'rt', 'deviceReceiptTime')),
    ruleId: cef.name || cef.signatureId || null,
  });
}

function parseAudit({ stamp, rest }: AuditColumns): ReturnType<Parser['parse']> {
  const [event = '', subject, ip, , , , host, , status = ''] = rest;
  const obs = new ObservablesBuilder();
  addHost(obs, host ?? null);
  obs.user(subject);
  const src = bareIndicatorIp(ip);
  if (src) obs.srcIp(src);
  return parserAlert('ping_federate', 'ping_federate.audit', obs, {
    title: `PingFederate ${event}${status ? ` (${status})` : ''}`,
    severity: /fail/i.test(status) ? 'low' : 'info',
    observedAt: stampTime(stamp),
    ruleId: event || null,
  });
}

function parseAdmin(m: RegExpExecArray): ReturnType<Parser['parse']> {
  const [, stamp, user, , ip, , component = '', type = '', message = ''] = m;
  const obs = new ObservablesBuilder();
  const src = bareIndicatorIp(ip);
  if (src) obs.srcIp(src);
  obs.user(user);
  const what = [component, type].filter(Boolean).join(' ');
  return parserAlert('ping_federate', 'ping_federate.admin', obs, {
    title: `PingFederate admin ${what}${message ? `: ${message.replace(/^-\s*/, '')}` : ''}`,
    severity: /fail/i.test(message) ? 'low' : 'info',
    observedAt: stampTime(stamp),
    ruleId: type || null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const shape = read(raw);
  if (!shape) throw new Error('not a PingFederate audit or admin line');
  if (shape.kind === 'cef') return parseCefShape(shape.cef);
  return shape.kind === 'audit' ? parseAudit(shape.cols) : parseAdmin(shape.m);
}

export const pingFederateParser: Parser = {
  name: 'ping_federate',
  claims: { keys: [], text: ['|'] },
  detect,
  parse,
};
