// AWS access logs as text lines: CloudFront standard logs (W3C, tab-separated), Elastic Load Balancing
// access logs (ALB, NLB, classic ELB) and S3 server access logs, each mapped as Elastic's aws package
// maps it (the client is the source; S3 reports its remote address and bucket owner only as related).
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.access_logs';
const MAX = 32_768;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// CloudFront: date, time, x-edge-location (IATA code + number, e.g. `LAX1`, `SEA19-C1`), sc-bytes, c-ip,
// cs-method, cs(Host), cs-uri-stem, sc-status.
const CF_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CF_TIME = /^\d{2}:\d{2}:\d{2}$/;
const CF_EDGE = /^[A-Z]{3}\d{1,3}(?:-[A-Z0-9]{1,4})?$/;
const CF_METHOD = /^[A-Z]{3,10}$/;

// ALB: type time elb client:port target:port … ; NLB: type version time elb listener client:port
// target:port … ; classic ELB: time elb client:port backend:port ….
const IPPORT = '(\\[?[0-9A-Fa-f:.]+\\]?):(\\d{1,5})';
const TS = '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?)';
const ALB = new RegExp(
  `^(https?|h2|grpcs|wss?) ${TS} (\\S+) ${IPPORT} (?:${IPPORT}|-) (-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) (\\d{3}|-) (\\d{3}|-) \\d+ \\d+ "([^"]*)"`,
);
const NLB = new RegExp(`^(tls) (\\d+\\.\\d+) ${TS} (net/\\S+) (\\S+) ${IPPORT} (?:${IPPORT}|-) `);
const CLASSIC = new RegExp(
  `^${TS} ([\\w-]+) ${IPPORT} (?:${IPPORT}|-) (-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) (\\d{3}|-) (\\d{3}|-) \\d+ \\d+ "([^"]*)"`,
);

// S3: bucket_owner (64 hex) bucket [time] remote_ip requester request_id operation key "request_uri" status.
const S3 =
  /^([0-9a-f]{64}) ([a-z0-9][a-z0-9.-]{1,62}) \[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})\] (\S+) (\S+) ([A-Za-z0-9]+) ([A-Z]+\.[A-Z_]+\.[A-Z_]+) (\S+) (?:-|"([^"]*)") (\d{3}|-) (\S+)/;

type Shape = 'cloudfront' | 'alb' | 'nlb' | 'classic' | 's3';

/** CloudFront fields: tab-separated as written; a space-separated copy is accepted too (no field has spaces). */
function cloudfrontFields(s: string): string[] | null {
  const line = s.replace(/\r?\n$/, '');
  const fields = line.includes('\t') ? line.split('\t') : line.split(' ');
  if (fields.length < 24 || fields.length > 40) return null;
  const [date, time, edge, bytes, ip, method, host, , status] = fields;
  if (!CF_DATE.test(date ?? '') || !CF_TIME.test(time ?? '') || !CF_EDGE.test(edge ?? '')) return null;
  if (!/^\d+$/.test(bytes ?? '') || !CF_METHOD.test(method ?? '') || !/^\d{3}$/.test(status ?? ''))
    return null;
  if (ip !== '-' && canonicalIp(ip ?? '') === null) return null;
  return host === undefined ? null : fields;
}

function shapeOf(s: string): Shape | null {
  if (/^\d{4}-\d{2}-\d{2}[\t ]\d{2}:\d{2}:\d{2}[\t ][A-Z]{3}\d/.test(s)) {
    return cloudfrontFields(s) ? 'cloudfront' : null;
  }
  if (/^[0-9a-f]{64} /.test(s)) return S3.test(s) ? 's3' : null;
  if (/^(?:https?|h2|grpcs|wss?) \d{4}-/.test(s)) return ALB.test(s) ? 'alb' : null;
  if (s.startsWith('tls ')) return NLB.test(s) ? 'nlb' : null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return CLASSIC.test(s) ? 'classic' : null;
  return null;
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, MAX);
  return s !== null && shapeOf(s) !== null;
}

const stripBrackets = (ip: string | undefined): string | undefined => ip?.replace(/^\[(.*)\]$/, '$1');

function httpSeverity(status: number): 'low' | 'info' {
  return status >= 500 ? 'low' : 'info';
}

function parseCloudfront(s: string): ReturnType<Parser['parse']> {
  const f = cloudfrontFields(s) ?? [];
  const obs = new ObservablesBuilder();
  obs.srcIp(f[4]);
  // x-forwarded-for: each entry that is a bare address (or a bracketed IPv6 one) is a related address.
  const xff = f[19] ?? '-';
  if (xff !== '-') {
    for (const part of xff.split(',')) {
      const entry = part.trim();
      if (entry.startsWith('localhost')) obs.ip('127.0.0.1');
      else if (canonicalIp(stripBrackets(entry) ?? '') !== null) obs.ip(stripBrackets(entry));
    }
  }
  // cs(Host) (the distribution's domain) then x-host-header (the viewer's Host), both in related.hosts.
  for (const name of [f[6], f[15]]) {
    if (!name || name === '-') continue;
    if (canonicalIp(stripBrackets(name) ?? '') !== null) obs.host(name);
    else obs.domain(name);
  }
  const status = Number(f[8] ?? 0);
  return parserAlert(NAME, 'aws.cloudfront_logs', obs, {
    title: `CloudFront ${f[5] ?? 'request'} ${f[15] && f[15] !== '-' ? f[15] : (f[6] ?? '')}${f[7] ?? ''} -> ${status} at ${f[2] ?? '?'}`,
    severity: httpSeverity(status),
    observedAt: toIsoTime(`${f[0] ?? ''}T${f[1] ?? ''}Z`),
    ruleId: `cloudfront:${f[13] ?? status}`,
  });
}

function parseElb(s: string, shape: 'alb' | 'nlb' | 'classic'): ReturnType<Parser['parse']> {
  // Elastic's ELB pipeline sets source.ip only: the target goes to aws.elb.backend.ip and nothing to related.ip.
  const obs = new ObservablesBuilder(false);
  let time = '';
  let elb = '';
  let client = '';
  let status = 0;
  let request = '';
  if (shape === 'alb') {
    const m = ALB.exec(s);
    time = m?.[2] ?? '';
    elb = m?.[3] ?? '';
    client = m?.[4] ?? '';
    status = Number(m?.[11] ?? 0);
    request = m?.[13] ?? '';
  } else if (shape === 'nlb') {
    const m = NLB.exec(s);
    time = m?.[3] ?? '';
    elb = m?.[4] ?? '';
    client = m?.[6] ?? '';
  } else {
    const m = CLASSIC.exec(s);
    time = m?.[1] ?? '';
    elb = m?.[2] ?? '';
    client = m?.[3] ?? '';
    status = Number(m?.[10] ?? 0);
    request = m?.[12] ?? '';
  }
  obs.srcIp(stripBrackets(client));
  const url = /^\S+ (\S+)/.exec(request)?.[1];
  if (url) obs.url(url);
  const what = request && request !== '- - - ' ? request.trim() : 'connection';
  return parserAlert(NAME, 'aws.elb_logs', obs, {
    title: `ELB ${elb} ${what}${status ? ` -> ${status}` : ''}`,
    severity: httpSeverity(status),
    observedAt: toIsoTime(/[Z]$/.test(time) ? time : `${time}Z`),
    ruleId: status ? `elb:${status}` : `elb:${shape}`,
  });
}

function parseS3(s: string): ReturnType<Parser['parse']> {
  const m = S3.exec(s);
  // remote_ip is client.ip (not source.ip) plus related.ip; the bucket owner is related.user, while the
  // requester (an ARN or canonical id) is client.user.id and not a user.
  const obs = new ObservablesBuilder(false);
  const remote = m?.[9];
  if (remote && remote !== '-') obs.ip(remote);
  obs.user(m?.[1]);
  const month = MONTHS.indexOf(m?.[4] ?? '') + 1;
  const observedAt =
    m && month > 0
      ? toIsoTime(`${m[5]}-${String(month).padStart(2, '0')}-${m[3]}T${m[6]}${m[7]}:${m[8]}`)
      : null;
  const operation = m?.[12] ?? 'S3';
  const status = Number(m?.[15] ?? 0);
  const error = m?.[16] && m[16] !== '-' ? ` ${m[16]}` : '';
  return parserAlert(NAME, 'aws.s3access', obs, {
    title: `S3 ${operation} ${m?.[2] ?? '?'}/${m?.[13] && m[13] !== '-' ? m[13] : ''}${status ? ` -> ${status}` : ''}${error}`,
    severity: error || status >= 400 ? 'low' : 'info',
    observedAt,
    ruleId: `s3:${operation}`,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, MAX) ?? '';
  const shape = shapeOf(s);
  if (shape === 'cloudfront') return parseCloudfront(s);
  if (shape === 's3') return parseS3(s);
  if (shape === null) throw new Error('not an AWS access log line');
  return parseElb(s, shape);
}

export const awsAccessLogsParser: Parser = { name: NAME, claims: { keys: [] }, detect, parse };
