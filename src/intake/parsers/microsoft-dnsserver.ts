// Microsoft DNS Server ETW events (provider Microsoft-Windows-DNSServer) as Elastic Agent ships them: the
// Analytical channel (queries, responses, recursion, transfers) and the Audit channel (zone, policy, cache
// changes), mapped the way Elastic's microsoft_dnsserver analytical and audit pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { unescapeXml, XML_NS } from './windows-event.js';
import { lookupTable } from '../lookup-table.js';

const PROVIDER = 'microsoft-windows-dnsserver';
const PROVIDER_GUID = '{eb79061a-a566-4698-9119-3ed2807060e7}';
const ANALYTICAL = 'microsoft_dnsserver.analytical';
const AUDIT = 'microsoft_dnsserver.audit';
const NAME = 'microsoft_dnsserver';

const Text = z.union([z.string(), z.number()]).transform(String);

const Doc = z.object({
  '@timestamp': z.string().optional(),
  message: z.string().optional(),
  winlog: z.object({
    channel: Text.optional(),
    provider_name: z.string().optional(),
    provider_guid: z.string().optional(),
    event_id: Text.optional(),
    computer_name: z.string().optional(),
    task: Text.optional(),
    time_created: z.string().optional(),
    event_data: z.record(z.string(), z.unknown()).optional(),
    user: z.object({ name: z.string().optional() }).passthrough().optional(),
  }),
  event: z
    .object({
      code: Text.optional(),
      provider: z.string().optional(),
      dataset: z.string().optional(),
      created: z.string().optional(),
    })
    .passthrough()
    .optional(),
  data_stream: z.object({ dataset: z.string().optional() }).passthrough().optional(),
  input: z.object({ type: z.string().optional() }).passthrough().optional(),
  log: z.object({ level: z.string().optional() }).passthrough().optional(),
  host: z.object({ name: z.string().optional() }).passthrough().optional(),
});
type Doc = z.infer<typeof Doc>;

/** Analytical event ids (Elastic's description table). */
const ANALYTICAL_EVENTS: Readonly<Record<string, string>> = lookupTable({
  '256': 'Query received',
  '257': 'Response success',
  '258': 'Response failure',
  '259': 'Ignored query',
  '260': 'Recursive query out',
  '261': 'Response in',
  '262': 'Recursive query timeout',
  '263': 'Update in',
  '264': 'Update response',
  '265': 'IXFR request out',
  '266': 'IXFR request in',
  '267': 'IXFR response out',
  '268': 'IXFR response in',
  '269': 'AXFR request out',
  '270': 'AXFR request in',
  '271': 'AXFR response out',
  '272': 'AXFR response in',
  '273': 'XFR notification in',
  '274': 'XFR notification out',
  '275': 'XFR notify ACK in',
  '276': 'XFR notify ACK out',
  '277': 'Dynamic update forward',
  '278': 'Dynamic update response in',
  '279': 'Internal lookup CNAME',
  '280': 'Internal lookup additional',
});

const QTYPES: Readonly<Record<string, string>> = lookupTable({
  '1': 'A',
  '2': 'NS',
  '5': 'CNAME',
  '6': 'SOA',
  '12': 'PTR',
  '15': 'MX',
  '16': 'TXT',
  '28': 'AAAA',
  '33': 'SRV',
  '64': 'SVCB',
  '65': 'HTTPS',
  '251': 'IXFR',
  '252': 'AXFR',
  '255': 'ANY',
});

const lower = (s: string | undefined): string => (s ?? '').toLowerCase();

/** What both shapes (Elastic Agent JSON, rendered XML) are read into. */
interface DnsEvent {
  /** The dataset label, when the document carries one. */
  dataset: string | undefined;
  channel: string;
  etw: boolean;
  code: string;
  data: Map<string, string>;
  /** Elastic's host.name (the agent's host); for XML, the event's Computer. */
  hostName: string | undefined;
  userName: string | undefined;
  level: string | undefined;
  time: string | undefined;
  message: string | undefined;
}

/** Event data values as strings (numbers spelled out). */
function strings(rec: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(rec ?? {})) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number') out.set(k, String(v));
  }
  return out;
}

/** True when the document names the DNS Server provider, its channels or its datasets. */
function isDnsServer(d: Doc): boolean {
  const ds = d.data_stream?.dataset ?? d.event?.dataset;
  if (ds !== undefined) return ds === ANALYTICAL || ds === AUDIT;
  return (
    lower(d.event?.provider) === PROVIDER ||
    lower(d.winlog.provider_name) === PROVIDER ||
    lower(d.winlog.provider_guid) === PROVIDER_GUID ||
    lower(d.winlog.channel).startsWith(`${PROVIDER}/`)
  );
}

function fromJson(raw: unknown): DnsEvent | null {
  // Key checks first: every JSON alert passes through here.
  if (!isObject(raw) || !('winlog' in raw)) return null;
  const r = Doc.safeParse(raw);
  if (!r.success || !isDnsServer(r.data)) return null;
  const d = r.data;
  return {
    dataset: d.data_stream?.dataset ?? d.event?.dataset,
    channel: d.winlog.channel ?? '',
    etw: d.input?.type === 'etw',
    code: d.event?.code ?? d.winlog.event_id ?? '',
    data: strings(d.winlog.event_data),
    hostName: d.host?.name,
    userName: d.winlog.user?.name,
    level: d.log?.level,
    time: d['@timestamp'] ?? d.winlog.time_created ?? d.event?.created,
    message: d.message,
  };
}

const XML_LEVELS = ['information', 'critical', 'error', 'warning', 'information', 'verbose'];

/** The rendered XML event (`<Event xmlns=…>`) of the DNS Server provider. */
function fromXml(raw: unknown): DnsEvent | null {
  if (typeof raw !== 'string' || raw.length > 262_144) return null;
  const s = raw.trimStart();
  if (!s.startsWith('<Event') || !s.includes(XML_NS)) return null;
  const provider = /<Provider\s+Name=['"]([^'"]+)['"]/.exec(s)?.[1];
  if (lower(provider) !== PROVIDER) return null;
  // Attributes hold no `<` (XML escapes it): as `[^>]*`, every `<name ` of a hostile event was scanned to its end.
  const tag = (name: string): string | undefined =>
    new RegExp(`<${name}(?:\\s[^<>]*)?>([^<]*)</${name}>`).exec(s)?.[1];
  const code = tag('EventID')?.trim() ?? '';
  if (!/^\d{1,5}$/.test(code)) return null;
  const data = new Map<string, string>();
  for (const m of s.matchAll(/<Data Name=['"]([^'"]+)['"]\s*(?:\/>|>([^<]*)<\/Data>)/g)) {
    if (m[1]) data.set(m[1], unescapeXml(m[2] ?? ''));
  }
  const computer = tag('Computer');
  return {
    dataset: undefined,
    channel: unescapeXml(tag('Channel') ?? ''),
    etw: false,
    code,
    data,
    hostName: computer === undefined ? undefined : unescapeXml(computer),
    userName: undefined,
    level: XML_LEVELS[Number(tag('Level') ?? '4')],
    time: /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/.exec(s)?.[1],
    message: undefined,
  };
}

const read = (raw: unknown): DnsEvent | null => (typeof raw === 'string' ? fromXml(raw) : fromJson(raw));

const detect = (raw: unknown): boolean => read(raw) !== null;

/** The data stream: the dataset label, else the channel, else the event id range (256-280 analytical). */
function streamOf(e: DnsEvent): typeof ANALYTICAL | typeof AUDIT {
  if (e.dataset === ANALYTICAL || e.dataset === AUDIT) return e.dataset;
  const ch = lower(e.channel);
  if (ch.endsWith('/audit')) return AUDIT;
  if (ch.endsWith('/analytical') || e.etw) return ANALYTICAL;
  return e.code in ANALYTICAL_EVENTS ? ANALYTICAL : AUDIT;
}

/** Windows' error or warning level on a DNS event (an ignored or failed query) is worth a look, no more. */
function severityOf(level: string | undefined): Severity {
  const s = mapSeverity(level);
  return s === null || s === 'info' ? 'info' : 'low';
}

function titleOf(e: DnsEvent, stream: string): string {
  if (stream === AUDIT) {
    const first = e.message?.split('\n')[0]?.trim();
    return first ? first : `DNS Server audit event ${e.code}`;
  }
  const what = `DNS ${ANALYTICAL_EVENTS[e.code] ?? `analytical event ${e.code}`}`;
  const name = e.data.get('QNAME')?.replace(/\.$/, '');
  const qtype = QTYPES[e.data.get('QTYPE') ?? ''];
  return name ? `${what}: ${name}${qtype ? ` (${qtype})` : ''}` : what;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a Microsoft DNS Server event');
  const stream = streamOf(e);
  // related.ip lists the destination, the source, then the server's interfaces, in that order.
  const obs = new ObservablesBuilder(false);
  const src = bareIndicatorIp(e.data.get('Source'));
  if (stream === ANALYTICAL) {
    const dst = bareIndicatorIp(e.data.get('Destination'));
    obs.dstIp(dst);
    obs.ip(dst);
    obs.srcIp(src);
    obs.ip(src);
    obs.ip(bareIndicatorIp(e.data.get('InterfaceIP')));
    obs.ip(bareIndicatorIp(e.data.get('ForwardInterfaceIP')));
  } else {
    obs.srcIp(src);
    obs.ip(src);
    // The audit pipeline relates the acting Windows account, without setting user.name.
    obs.user(e.userName);
  }
  // host.name is the agent's host (the DNS server); winlog.computer_name is not copied to it.
  obs.host(e.hostName);
  // The question name is dns.question.name, reported as a domain (kept out of related.hosts).
  obs.domain(e.data.get('QNAME'));
  const title = titleOf(e, stream);
  return parserAlert(NAME, stream, obs, {
    title: title.length > 200 ? `${title.slice(0, 197)}...` : title,
    severity: severityOf(e.level),
    observedAt: toIsoTime(e.time),
    ruleId: e.code || null,
  });
}

export const microsoftDnsServerParser: Parser = {
  name: NAME,
  claims: { keys: ['winlog'], text: ['Microsoft-Windows-DNSServer'] },
  detect,
  parse,
  // Neither pipeline copies the question name into related.hosts.
  domainsInRelatedHosts: false,
};
