// Sysmon for Linux events (`Linux-Sysmon/Operational`): the agent's `winlog` JSON document and the rendered
// `<Event>` XML, bare or in the syslog line Sysmon writes, mapped as Elastic's `sysmon_linux` pipeline maps
// them (connection endpoints, DNS query and answers, `DOMAIN\user` accounts only).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, domainAccount, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { unescapeXml } from './windows-event.js';
import { lookupTable } from '../lookup-table.js';

const CHANNEL = 'linux-sysmon/operational';
const PROVIDER = 'linux-sysmon';

const WinlogDoc = z.object({
  winlog: z.object({
    channel: z.string().optional(),
    provider_name: z.string().optional(),
    event_id: z.union([z.string().regex(/^\d{1,5}$/), z.number().int().nonnegative()]),
    time_created: z.string().optional(),
    event_data: z.record(z.string(), z.unknown()).optional(),
  }),
  host: z.object({ name: z.string().optional() }).passthrough().optional(),
  '@timestamp': z.string().optional(),
});

/** What both shapes are read into. */
interface SysmonEvent {
  code: string;
  /** The agent's `host.name` (kept by the pipeline); absent for text lines, which carry only `host.hostname`. */
  hostName: string | undefined;
  data: Map<string, string>;
  time: string | undefined;
}

/** Values the pipeline removes from `event_data` before mapping anything. */
const EMPTY = new Set(['', '-', '{00000000-0000-0000-0000-000000000000}']);

function dataOf(entries: Iterable<[string, unknown]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of entries) {
    const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
    if (s !== null && !EMPTY.has(s)) out.set(k, s);
  }
  return out;
}

function fromWinlog(raw: unknown): SysmonEvent | null {
  if (!isObject(raw) || !('winlog' in raw)) return null;
  const r = WinlogDoc.safeParse(raw);
  if (!r.success) return null;
  const w = r.data.winlog;
  const provider = w.provider_name ?? w.event_data?.provider_name;
  const ours =
    w.channel?.toLowerCase() === CHANNEL ||
    (typeof provider === 'string' && provider.toLowerCase() === PROVIDER);
  if (!ours) return null;
  return {
    code: String(w.event_id),
    hostName: r.data.host?.name,
    data: dataOf(Object.entries(w.event_data ?? {})),
    time: w.time_created ?? r.data['@timestamp'],
  };
}

function fromXml(raw: unknown): SysmonEvent | null {
  const s = textOf(raw);
  if (s === null) return null;
  const start = s.indexOf('<Event');
  if (start < 0 || !/<Provider\s+Name=['"]Linux-Sysmon['"]/i.test(s)) return null;
  const xml = s.slice(start);
  // Attributes hold no `<` (XML escapes it): allowed one, each `<EventID` of a long hostile line was scanned to
  // the next `>` (quadratic time).
  const code = /<EventID(?:\s[^<>]*)?>\s*(\d{1,5})\s*<\/EventID>/.exec(xml)?.[1];
  if (code === undefined) return null;
  const pairs: [string, string][] = [];
  for (const m of xml.matchAll(/<Data Name=['"]([^'"]+)['"]\s*(?:\/>|>([^<]*)<\/Data>)/g)) {
    if (m[1]) pairs.push([m[1], unescapeXml(m[2] ?? '')]);
  }
  return {
    code,
    hostName: undefined,
    data: dataOf(pairs),
    time: /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/.exec(xml)?.[1],
  };
}

const read = (raw: unknown): SysmonEvent | null => fromWinlog(raw) ?? fromXml(raw);

/** A cheap gate (the channel name in a line, a `winlog` key in an object) before the full read. */
const detect = detectorOf((raw) => {
  if (typeof raw === 'string') return raw.includes('Linux-Sysmon') ? fromXml(raw) : null;
  return isObject(raw) && 'winlog' in raw ? fromWinlog(raw) : null;
});

/** An answer of `QueryResults` ("type:  5 cname.example;::ffff:192.0.2.1;"): a name or an address. */
function dnsAnswers(results: string | undefined): { names: string[]; ips: string[] } {
  const names: string[] = [];
  const ips: string[] = [];
  for (const answer of (results ?? '').split(';')) {
    if (answer === '') continue;
    if (answer.startsWith('type:')) {
      const parts = answer.split(/\s+/);
      if (parts.length === 3 && parts[2]) names.push(parts[2]);
    } else {
      const ip = bareIndicatorIp(answer.replace(/^\[?::ffff:(\d+\.\d+\.\d+\.\d+)(?:\](?::\d+)?)?$/i, '$1'));
      if (ip) ips.push(ip);
    }
  }
  return { names, ips };
}

const TITLES: Readonly<Record<string, string>> = lookupTable({
  '1': 'Process creation',
  '3': 'Network connection',
  '4': 'Sysmon service state changed',
  '5': 'Process terminated',
  '9': 'Raw access read',
  '11': 'File created',
  '16': 'Sysmon config state changed',
  '23': 'File delete archived',
  '255': 'Sysmon error',
});

function severityOf(code: string): Severity {
  if (code === '255') return 'low';
  if (code === '9' || code === '23') return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Sysmon for Linux event');
  const d = e.data;
  const obs = new ObservablesBuilder();
  const dns = dnsAnswers(d.get('QueryResults'));
  // related.ip: the resolved addresses come first, then the connection's source and destination.
  for (const ip of dns.ips) obs.ip(ip);
  obs.srcIp(bareIndicatorIp(d.get('SourceIp')));
  obs.dstIp(bareIndicatorIp(d.get('DestinationIp')));
  // Only `DOMAIN\name` becomes user.name; a bare Linux account name stays in winlog.event_data.
  obs.user(domainAccount(d.get('User')));
  obs.host(e.hostName);
  for (const name of dns.names) obs.domain(name);
  obs.domain(d.get('QueryName'));
  return parserAlert('sysmon_linux.log', 'sysmon_linux.log', obs, {
    title: `Sysmon for Linux: ${TITLES[e.code] ?? `event ${e.code}`}`,
    severity: severityOf(e.code),
    observedAt: toIsoTime(e.time),
    ruleId: d.get('RuleName') ?? e.code,
  });
}

export const sysmonLinuxParser: Parser = {
  name: 'sysmon_linux.log',
  claims: { keys: ['winlog'], text: ['Linux-Sysmon'] },
  detect,
  parse,
};
