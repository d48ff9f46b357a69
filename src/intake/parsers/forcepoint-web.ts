// Forcepoint Web Security rows from the Log Export SIEM tool: 17 double-quoted, comma-separated columns in the
// default export order, read as Elastic's `forcepoint_web.logs` dissect and pipeline read them (destination,
// client and NAT addresses, the user, the workstation as a host, the URL's site as a domain).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The default export columns, in order (the integration's default dissect tokenizer). */
const COLUMNS = [
  'date',
  'time',
  'user',
  'workstation',
  'category',
  'action',
  'risk_class',
  'policy_name',
  'url',
  'connection_ip',
  'destination_ip',
  'source_ip',
  'threat_type',
  'threat_name',
  'user_agent_string',
  'http_status_code',
  'http_request_method',
] as const;
type Column = (typeof COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const TIME = /^\d{2}:\d{2}:\d{2}$/;
/** Values the pipeline drops as empty before mapping anything. */
const EMPTY = new Set(['', 'None', 'Not available']);

/** The row's columns (empty ones left out), or null when the line is no default-layout export row. */
/**
 * The cell without the spaces and tabs around it. Trimmed in code: as `[ \t]+$`, every run of blanks inside a long
 * hostile cell was scanned to its end (quadratic time).
 */
function withoutBlanks(v: string): string {
  let start = 0;
  let end = v.length;
  while (start < end && (v[start] === ' ' || v[start] === '\t')) start += 1;
  while (end > start && (v[end - 1] === ' ' || v[end - 1] === '\t')) end -= 1;
  return v.slice(start, end);
}

function read(raw: unknown): Row | null {
  const s = textOf(raw, 65_536)?.trim();
  if (!s?.startsWith('"') || !s.endsWith('"') || s.includes('\n')) return null;
  // The dissect tokenizer separates columns by `","` exactly; quotes inside a value stay part of it.
  const cells = s.slice(1, -1).split('","');
  if (cells.length !== COLUMNS.length) return null;
  const [date, time] = cells;
  if (!date || !time || !DATE.test(date.trim()) || !TIME.test(time.trim())) return null;
  const row: Row = {};
  COLUMNS.forEach((name, i) => {
    const v = withoutBlanks(cells[i] ?? '');
    if (!EMPTY.has(v)) row[name] = v;
  });
  // At least one address column: a CSV row of some other product with a date in front is not claimed.
  const addresses = [row.connection_ip, row.destination_ip, row.source_ip];
  return addresses.some((a) => a !== undefined && bareIndicatorIp(a) !== null) ? row : null;
}

/**
 * The user name the pipeline's grok takes from the user column: the part before `@` (after a `DOMAIN\` prefix),
 * else the column as written. A bare `DOMAIN\name` gives `name` (Elastic's unanchored grok leaves it empty).
 */
function userName(user: string): string {
  const at = /^(?:[^\\@]*\\)?([^@]*)@/.exec(user);
  if (at) return at[1] ?? '';
  const slash = /^[^\\]*\\(.+)$/.exec(user);
  return slash?.[1] ?? user;
}

/** The URL as the pipeline completes it: `https://` for CONNECT, the scheme lower-cased; null without one. */
function fullUrl(url: string, method: string | undefined): string | null {
  if (/^[a-z0-9]+:\/\//i.test(url)) return url.replace(/^(https?):/i, (m) => m.toLowerCase());
  return method?.toUpperCase() === 'CONNECT' ? `https://${url}` : null;
}

/** The URL's host name, with or without a scheme in front. */
const siteOf = (url: string): string | undefined =>
  /^(?:[a-z0-9]+:\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(url)?.[1];

function severityOf(row: Row): Severity {
  if (row.threat_name || row.threat_type) return 'high';
  return /block|den(y|ied)|quarantin/i.test(row.action ?? '') ? 'medium' : 'info';
}

function observedAt(row: Row): string | null {
  const d = DATE.exec(row.date ?? '');
  if (!d || !row.time) return null;
  // The pipeline reads dd/MM/yyyy HH:mm:ss as UTC unless the integration sets a time zone.
  return toIsoTime(`${d[3]}-${d[2]}-${d[1]}T${row.time}Z`);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const row = read(raw);
  if (!row) throw new Error('not a Forcepoint Web Security export row');
  // related.ip lists the destination, the client and then the NAT (connection) address.
  const obs = new ObservablesBuilder();
  obs.dstIp(bareIndicatorIp(row.destination_ip));
  obs.srcIp(bareIndicatorIp(row.source_ip));
  obs.ip(bareIndicatorIp(row.connection_ip));
  if (row.user) obs.user(userName(row.user));
  obs.host(row.workstation);
  if (row.url) {
    obs.domain(siteOf(row.url));
    obs.url(fullUrl(row.url, row.http_request_method));
  }
  const method = row.http_request_method?.toUpperCase();
  const threat = row.threat_name ? ` threat ${row.threat_name}` : '';
  return parserAlert('forcepoint_web.logs', 'forcepoint_web.logs', obs, {
    title:
      `Forcepoint Web ${row.action ?? 'request'}${threat}: ${method ?? ''} ${row.url ?? ''} by ${row.user ?? '?'}${row.category ? ` (${row.category})` : ''}`
        .replace(/\s+/g, ' ')
        .slice(0, 300),
    severity: severityOf(row),
    observedAt: observedAt(row),
    ruleId: row.policy_name ?? null,
  });
}

export const forcepointWebParser: Parser = {
  name: 'forcepoint_web.logs',
  claims: { keys: [], text: ['","'] },
  // Elastic keeps the URL's domain in url.domain only; related.hosts holds the workstation.
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse,
};
