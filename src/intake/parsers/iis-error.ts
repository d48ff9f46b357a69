// Microsoft HTTP Server API (HTTP.sys) error log lines, `HTTPERR*.log`: `date time c-ip c-port s-ip s-port
// cs-version cs-method cs-uri [streamid] sc-status s-siteid s-reason s-queuename`, alone or under their `#Fields:`
// header. Mapped as Elastic's iis error pipeline maps them: the client is the source, the server the destination.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'iis.error';

/** The fixed head of an error line: date, time, client address and port, server address and port. */
const HEAD =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([0-9A-Fa-f:.]{2,45}(?:%\S{1,16})?) (\d{1,5}) ([0-9A-Fa-f:.]{2,45}(?:%\S{1,16})?) (\d{1,5}|-) (HTTP\/\S{1,8}|-) (\S+) (\S+) (.+)$/;
const NUM_OR_DASH = /^(?:\d+|-)$/;

/** One error record, its fields by their W3C names. */
type ErrorRecord = ReadonlyMap<string, string>;

/** The address Elastic keeps from `c-ip` / `s-ip`: the part before an IPv6 zone id (`::1%0` → `::1`). */
const withoutZone = (value: string | undefined): string => (value ?? '').split('%')[0] ?? '';

const isAddress = (value: string | undefined): boolean => {
  const ip = withoutZone(value);
  return ip === '::' || ip === '0.0.0.0' || bareIndicatorIp(ip) !== null;
};

/** A header-less line, read as Elastic's two grok patterns read it (with a `streamid` column, or without). */
function readLine(line: string): ErrorRecord | null {
  const m = HEAD.exec(line);
  if (!m || !isAddress(m[3]) || !isAddress(m[5])) return null;
  const tail = (m[10] ?? '').split(' ');
  const withStream =
    tail.length >= 5 &&
    NUM_OR_DASH.test(tail[0] ?? '') &&
    NUM_OR_DASH.test(tail[1] ?? '') &&
    NUM_OR_DASH.test(tail[2] ?? '');
  const rest = withStream ? tail.slice(1) : tail;
  if (rest.length < 4 || !NUM_OR_DASH.test(rest[0] ?? '') || !NUM_OR_DASH.test(rest[1] ?? '')) return null;
  return new Map([
    ['date', m[1] ?? ''],
    ['time', m[2] ?? ''],
    ['c-ip', m[3] ?? ''],
    ['c-port', m[4] ?? ''],
    ['s-ip', m[5] ?? ''],
    ['s-port', m[6] ?? ''],
    ['cs-version', m[7] ?? ''],
    ['cs-method', m[8] ?? ''],
    ['cs-uri', m[9] ?? ''],
    ['sc-status', rest[0] ?? ''],
    ['s-siteid', rest[1] ?? ''],
    ['s-reason', rest[2] ?? ''],
    ['s-queuename', rest[3] ?? ''],
  ]);
}

/** A block of lines under an HTTP API `#Fields:` header: its first record, read by the header's names. */
function readBlock(text: string): ErrorRecord | null {
  const lines = text.split(/\r?\n/);
  const header = lines.find((l) => l.startsWith('#Fields:'));
  if (!header) return null;
  const names = header.slice('#Fields:'.length).trim().split(/\s+/);
  if (!names.includes('c-ip') || !names.includes('s-ip') || !names.includes('s-reason')) return null;
  const data = lines.find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (data === undefined) return null;
  const values = data.trim().split(' ');
  if (values.length !== names.length) return null;
  const record = new Map(names.map((n, i) => [n, values[i] ?? '']));
  return isAddress(record.get('c-ip')) && isAddress(record.get('s-ip')) ? record : null;
}

function read(raw: unknown): ErrorRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  if (s.startsWith('#')) return readBlock(s);
  if (!/^\d{4}-\d{2}-\d{2} /.test(s)) return null;
  const line = s.trimEnd();
  return line.includes('\n') ? null : readLine(line);
}

const detect = detectorOf(read);

const value = (rec: ErrorRecord | null, name: string): string | null => {
  const v = rec?.get(name);
  return v === undefined || v === '' || v === '-' ? null : v;
};

function severityOf(status: number): Severity {
  // Malformed or refused requests (4xx) are what scanners leave; timeouts and connection drops are noise.
  return status >= 400 && status < 500 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(withoutZone(value(rec, 'c-ip') ?? '')));
  obs.dstIp(bareIndicatorIp(withoutZone(value(rec, 's-ip') ?? '')));
  // Only a header-declared `cs-host` names a site; Elastic's pipeline maps none, so it stays a domain.
  obs.domain(value(rec, 'cs-host')?.replace(/:\d+$/, ''));
  const reason = value(rec, 's-reason');
  const method = value(rec, 'cs-method');
  const uri = value(rec, 'cs-uri');
  const status = Number(value(rec, 'sc-status') ?? 0);
  const request = [method, uri].filter((v) => v !== null).join(' ');
  return parserAlert(NAME, NAME, obs, {
    title: `HTTP.sys error ${reason ?? 'unknown'}${request ? `: ${request}` : ''}${status ? ` -> ${status}` : ''}`,
    severity: severityOf(status),
    // HTTP.sys writes UTC.
    observedAt: toIsoTime(`${value(rec, 'date') ?? ''}T${value(rec, 'time') ?? ''}Z`),
    ruleId: reason ?? (status ? `http:${status}` : null),
  });
}

export const iisErrorParser: Parser = {
  name: NAME,
  claims: { keys: [] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
