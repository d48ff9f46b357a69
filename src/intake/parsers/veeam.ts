// Veeam Backup & Replication event forwarding (`[categoryId=0 instanceId=N Key="value" …]`, optionally after a syslog
// header and an [INF]/[WRN]/[ERR] token) as Elastic's `veeam.event` pipeline maps it: VbrHostName, the syslog host and
// the object/VM/server name keys are related hosts, DOMAIN\user names their user part, SourceIpAddress or Endpoint the source.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { trimRuns } from '../text.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'veeam.event';

/**
 * Elastic's kv field split: a space before a PascalCase key or one of Veeam's camelCase keys, then `=`. Tested
 * on each space-separated word (`fieldsOf`): as a split pattern, its look-ahead rescanned a long hostile word from
 * each space before it.
 */
const FIELD_KEY = /^(?:[A-Z][A-Za-z0-9_]*|instanceId|categoryId|isDisabled|param3)=/;

/** The structured data split at each space that a key and its `=` follow. */
function fieldsOf(data: string): string[] {
  const out: string[] = [];
  for (const word of data.split(' ')) {
    if (out.length > 0 && !FIELD_KEY.test(word)) out[out.length - 1] += ` ${word}`;
    else out.push(word);
  }
  return out;
}

/** Keys whose values (after Elastic's snake_case renaming) the pipeline appends to related.hosts, in its order. */
const HOST_KEYS = [
  'vm_name',
  'object_name',
  'source_host_name',
  'server_name',
  'host_name',
  'last_known_host_name',
  'cluster_name',
  'esx_name',
  'gateway_name',
  'mount_server',
  'proxy_name',
  'proxy_server',
  'new_primary_node_name',
  'new_secondary_node_name',
  'secondary_node_name',
];

/** Event ids the pipeline files as malware alerts, malware events, exclusion changes and failed authentications. */
const MALWARE_ALERTS = new Set(['41600', '42220']);
const MALWARE_EVENTS = new Set(['41610', '41615', '42230', '44200', '44201', '44202']);
const MALWARE_SETTINGS = new Set(['42260', '42270', '42280', '42290']);
const AUTH_FAILURES = new Set(['40205', '40206', '40207', '44001', '44002', '44006']);

interface VeeamRecord {
  /** Structured-data values by their snake_case key (as the pipeline names them under veeam.event). */
  fields: Map<string, string>;
  header: { host: string | null; timestamp: string | null };
  level: 'INF' | 'WRN' | 'ERR' | null;
}

/** The pipeline's snake_case renaming of a structured-data key. */
function toSnake(key: string): string {
  if (key === 'RestorePointTIme') return 'restore_point_time';
  return (
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      // `_` before the last capital of a run that starts a word: `([A-Z]+)([A-Z][a-z])` tried every split of a
      // long run of capitals (quadratic time).
      .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
      .toLowerCase()
      .replace('_i_ds', '_ids')
  );
}

/** Where the structured data opens: within the first 512 characters (after any header and level token), or -1. */
function openingOf(text: string): number {
  const open = (text.length > 512 ? text.slice(0, 512) : text).indexOf('[categoryId=');
  return open >= 0 && text.startsWith(' instanceId=', text.indexOf(' ', open)) ? open : -1;
}

function read(raw: unknown): VeeamRecord | null {
  const text = textOf(raw);
  if (text === null) return null;
  const open = openingOf(text);
  if (open < 0) return null;
  const close = text.lastIndexOf(']');
  if (close <= open) return null;
  const fields = new Map<string, string>();
  for (const part of fieldsOf(text.slice(open + 1, close))) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    // kv with `trim_value: '"'`: every leading and trailing double quote goes.
    const value = trimRuns(part.slice(eq + 1), '"');
    if (value.trim() === '' || fields.has(key)) continue;
    fields.set(key, value);
  }
  if (!fields.has('instanceId')) return null;
  const prefix = text.slice(0, open);
  const syslog = prefix.startsWith('<') ? parseSyslog(text) : null;
  const level = /\[(INF|WRN|ERR)\]\s*$/.exec(prefix)?.[1];
  return {
    fields,
    // Without a syslog header the line may still lead with its timestamp (`2023-11-03T13:30:25+01:00 <14> host app [`).
    header: { host: syslog?.host ?? null, timestamp: syslog?.timestamp ?? /^\S+/.exec(prefix)?.[0] ?? null },
    level: level === 'INF' || level === 'WRN' || level === 'ERR' ? level : null,
  };
}

function detect(raw: unknown): boolean {
  try {
    return typeof raw === 'string' && openingOf(raw) >= 0 && read(raw) !== null;
  } catch {
    return false;
  }
}

/** The full name inside a `<ModifiedUserInfo fullName="…" />` value, or the value itself when it is not XML. */
function fullNameOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!v.startsWith('<')) return v;
  return /fullName="([^"]+)"/.exec(v)?.[1];
}

/** `DOMAIN\user` → `user` (the first backslash splits); other names unchanged. */
function userPart(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^[^\\]+\\(.+)$/.exec(value);
  return m ? m[1] : value;
}

/** Endpoint `ip:port` or `[ipv6]:port`, as the pipeline's grok reads it. */
function endpointIp(value: string | undefined): string | null {
  const m = value ? (/^\[([^\]]+)\]:\d+$/.exec(value) ?? /^([^:]+):\d+$/.exec(value)) : null;
  return m ? bareIndicatorIp(m[1]) : null;
}

function severityOf(code: string, level: VeeamRecord['level']): Severity {
  if (MALWARE_ALERTS.has(code)) return 'high';
  if (MALWARE_SETTINGS.has(code) || level === 'ERR') return 'medium';
  if (MALWARE_EVENTS.has(code) || AUTH_FAILURES.has(code) || level === 'WRN') return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Veeam event-forwarding record');
  const f = rec.fields;
  const snake = new Map([...f].map(([k, v]) => [toSnake(k), v]));
  const obs = new ObservablesBuilder();

  obs.srcIp(bareIndicatorIp(f.get('SourceIpAddress')) ?? endpointIp(snake.get('endpoint')));

  const fullNames = ['user_full_info', 'initiator_full_info', 'supervisor_full_info'].map((k) =>
    fullNameOf(snake.get(k)),
  );
  const userName = [
    f.get('UserName'),
    snake.get('friendly_name'),
    snake.get('initiator_name'),
    ...fullNames,
  ].find((v) => v !== undefined && v !== '');
  obs.user(userPart(userName));
  for (const v of [
    snake.get('friendly_name'),
    snake.get('initiator_name'),
    ...fullNames,
    snake.get('account_name'),
    snake.get('initiator_user_name'),
  ]) {
    obs.user(userPart(v));
  }

  obs.host(f.get('VbrHostName'));
  obs.host(rec.header.host);
  for (const key of HOST_KEYS) obs.host(snake.get(key));

  const code = f.get('instanceId') ?? '';
  const message = f.get('Message') ?? f.get('Description') ?? `event ${code}`;
  return parserAlert(NAME, NAME, obs, {
    title: `Veeam ${code}: ${message}`,
    severity: severityOf(code, rec.level),
    observedAt: toIsoTime(rec.header.timestamp),
    ruleId: code || null,
  });
}

export const veeamParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['[categoryId='] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
