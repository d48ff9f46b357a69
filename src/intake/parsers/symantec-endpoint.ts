// Symantec Endpoint Protection Manager syslog exports: comma-separated `Label: value` records (traffic, packet,
// security, behaviour, risk, proactive detection, scan, activity, system, admin and policy logs), identified by
// their label layout and mapped as Elastic's `symantec_endpoint.log` pipeline maps them.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** One SEP log layout: its label fingerprint and the keys of its unlabelled columns, by index. */
interface Layout {
  provider: string;
  fingerprints: readonly string[];
  columns: Readonly<Record<number, string>>;
}

const SECURITY_TAIL =
  'begin|end|occurrences|application|location|user_name|domain_name|local_port|remote_port|cids_signature_id|' +
  'cids_signature_string|cids_signature_subid|intrusion_url|intrusion_payload_url|sha-256|md-5';
const SECURITY_HEAD =
  'NONE|event_description|local_host_ip|local_host_mac|remote_host_name|remote_host_ip|remote_host_mac|NONE|NONE';
const DETECTION_TAIL =
  'company_name|file_size_bytes|sensitivity|detection_score|coh_engine_version|NONE|permitted_application_reason|' +
  'disposition|download_site|web_domain|downloaded_by|prevalence|confidence|url_tracking_status|risk_level';
const DETECTION_END =
  'source|risk_name|occurrences|NONE|NONE|actual_action|requested_action|secondary_action|event_time|inserted|end|' +
  'domain_name|group|server|user_name|source_computer|source_ip';

/** The layouts Elastic's pipeline recognises (Broadcom's "Log types" article). */
const LAYOUTS: readonly Layout[] = [
  {
    provider: 'Agent Behavior Log',
    fingerprints: [
      'NONE|NONE|NONE|NONE|NONE|begin|end|rule|NONE|NONE|NONE|NONE|NONE|user_name|domain_name|action_type|file_size_bytes|device_id',
    ],
    columns: { 1: 'local_host_ip', 3: 'event_description' },
  },
  {
    provider: 'Agent Security Log',
    fingerprints: [
      `${SECURITY_HEAD}|intrusion_id|${SECURITY_TAIL}`,
      `${SECURITY_HEAD}|NONE|${SECURITY_TAIL}`,
    ],
    columns: { 7: 'traffic_direction' },
  },
  {
    provider: 'Agent Traffic Log',
    fingerprints: [
      'NONE|local_host_ip|local_port|local_host_mac|remote_host_ip|remote_host_name|remote_port|remote_host_mac|NONE|NONE|' +
        'begin|end|occurrences|application|rule|location|user_name|domain_name|action|sha-256|md-5',
    ],
    columns: { 9: 'traffic_direction' },
  },
  {
    provider: 'Agent Activity Log',
    fingerprints: ['site|server|domain_name|NONE|NONE|NONE|NONE'],
    columns: { 3: 'event_description', 4: 'local_host_name', 5: 'user_name', 6: 'domain_name' },
  },
  {
    provider: 'Agent Packet Log',
    fingerprints: [
      'NONE|local_host_ip|local_port|remote_host_ip|remote_host_name|remote_port|NONE|application|action',
    ],
    columns: { 6: 'traffic_direction' },
  },
  {
    provider: 'Agent System Log',
    fingerprints: ['NONE|category|NONE|NONE|event_time'],
    columns: { 3: 'event_description' },
  },
  // SEP 14.3 RU7 labels the description and adds the group.
  {
    provider: 'Agent System Log',
    fingerprints: ['NONE|category|NONE|event_description|event_time|group'],
    columns: {},
  },
  {
    provider: 'Administrative Log',
    fingerprints: ['site|server|domain_name|admin|NONE'],
    columns: { 4: 'event_description' },
  },
  { provider: 'System Log', fingerprints: ['site|server|NONE'], columns: { 2: 'event_description' } },
  {
    provider: 'Agent Proactive Detection Log',
    fingerprints: [
      'NONE|computer_name|detection_type|first_seen|application_name|application_type|application_version|hash_type|' +
        `application_hash|${DETECTION_TAIL}|detection_source|${DETECTION_END}`,
      'NONE|computer_name|ip_address|detection_type|first_seen|application_name|application_type|application_version|' +
        `hash_type|application_hash|${DETECTION_TAIL}|risk_type|${DETECTION_END}|intensive_protection_level|` +
        'certificate_issuer|certificate_signer|certificate_thumbprint|signing_timestamp|certificate_serial_number',
    ],
    columns: { 0: 'event_description' },
  },
  {
    provider: 'Policy Log',
    fingerprints: ['site|server|domain_name|admin|event_description|NONE'],
    columns: {},
  },
  {
    provider: 'Agent Scan Log',
    fingerprints: [
      'scan_id|begin|end|NONE|duration_seconds|user1|user2|NONE|scan_complete|command|threats|infected|total_files|' +
        'omitted|computer_name|ip_address|domain_name|group|server',
    ],
    columns: { 7: 'event_description' },
  },
  {
    provider: 'Agent Risk Log',
    fingerprints: [
      'NONE|ip_address|computer_name|source|risk_name|occurrences|NONE|NONE|actual_action|requested_action|' +
        'secondary_action|event_time|inserted|end|last_update_time|domain_name|group|server|user_name|source_computer|' +
        'source_ip|disposition|download_site|web_domain|downloaded_by|prevalence|confidence|url_tracking_status|' +
        'first_seen|sensitivity|permitted_application_reason|application_hash|hash_type|company_name|application_name|' +
        'application_version|application_type|file_size_bytes|category_set|category_type|location|' +
        'intensive_protection_level|certificate_issuer|certificate_signer|certificate_thumbprint|signing_timestamp|' +
        'certificate_serial_number',
    ],
    columns: { 0: 'event_description', 6: 'file_path' },
  },
];

const ALIASES: Readonly<Record<string, string>> = lookupTable({
  computer: 'computer_name',
  domain: 'domain_name',
  end_time: 'end',
  group_name: 'group',
  local: 'local_host_ip',
  local_host: 'local_host_ip',
  server_name: 'server',
  user: 'user_name',
});

/** A SEP record whose column layout Elastic does not know: labels are read, unlabelled columns are not. */
const UNKNOWN: Layout = { provider: 'log', fingerprints: [], columns: {} };

/** True when the labels are SEP's own, though not in a known layout (another SEPM version). */
function sepLabels(keys: readonly string[]): boolean {
  const has = (k: string): boolean => keys.includes(k);
  return (
    (has('local_host_ip') && has('remote_host_ip') && (has('local_host_mac') || has('remote_host_name'))) ||
    (has('cids_signature_id') && has('intrusion_url')) ||
    (has('risk_name') && has('computer_name') && has('actual_action'))
  );
}

/**
 * A `Label: value` cell. The label is at most 29 characters, checked where it is read: written as `{0,28}` the
 * pattern was too large for recheck to prove linear.
 */
const LABEL = /^([a-zA-Z][a-zA-Z0-9 ()-]*):(?:\s(.+)|\s)?$/;
const LABELLED_CELL = /,\s*'?[a-zA-Z][a-zA-Z0-9 ()-]{0,28}:(?:\s|'|,|$)/m;
const DUMP_PREFIX =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?),([A-Za-z]+),([\s\S]*)$/;

/** A SEP record: its layout, its cells, its labelled (and positional) values, and header facts. */
interface SepRecord {
  layout: Layout;
  cells: readonly string[];
  fields: ReadonlyMap<string, string>;
  pri: number | null;
  level: string | null;
  timestamp: string | null;
}

function asSep(raw: unknown): SepRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || s.length < 20 || !s.includes(': ')) return null;
  let message = s.trimEnd();
  let pri: number | null = null;
  let level: string | null = null;
  let timestamp: string | null = null;
  if (message.startsWith('<')) {
    const sys = parseSyslog(message);
    if (!sys) return null;
    message = sys.message;
    pri = sys.pri;
    timestamp = sys.timestamp;
  } else {
    const dump = DUMP_PREFIX.exec(message);
    if (dump) {
      timestamp = dump[1] ?? null;
      level = dump[2] ?? null;
      message = dump[3] ?? '';
    }
  }
  // Every layout has a `Label: value` cell after a comma: look for one before splitting the line into cells.
  if (!LABELLED_CELL.test(message)) return null;
  const cells = splitQuotedCsv(message).map((v) =>
    v.length > 1 && v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1) : v,
  );
  if (cells.length < 3 || cells.length > 51) return null;
  const fields = new Map<string, string>();
  const keys = cells.map((cell) => {
    const m = LABEL.exec(cell);
    if (!m?.[1] || m[1].length > 29) return 'NONE';
    const base = m[1].toLowerCase().replace(/ /g, '_').replace(/[()]+/g, '');
    const key = ALIASES[base] ?? base;
    const value = m[2]?.trim();
    if (value) fields.set(key, value);
    return key;
  });
  const fingerprint = keys.join('|');
  const layout =
    LAYOUTS.find((l) => l.fingerprints.includes(fingerprint)) ?? (sepLabels(keys) ? UNKNOWN : null);
  if (!layout) return null;
  for (const [index, key] of Object.entries(layout.columns)) {
    const v = cells[Number(index)]?.trim();
    if (v) fields.set(key, v);
  }
  // In a layout Elastic does not list, a bare Inbound/Outbound column is still the traffic direction.
  const direction = cells.find((c) => /^\s*(?:inbound|outbound)\s*$/i.test(c));
  if (layout === UNKNOWN && direction) fields.set('traffic_direction', direction.trim());
  return { layout, cells, fields, pri, level, timestamp };
}

/** True when a MAC column would leave a non-zero `*.mac` in Elastic's output. */
const realMac = (v: string | undefined): boolean =>
  v !== undefined && v.replace(/[-:.]/g, '') !== '000000000000';

/** True when a port column would become `*.port` (not "0" and a number). */
const realPort = (v: string | undefined): boolean => v !== undefined && v !== '0' && /^\d+$/.test(v);

/** The site of a URL written with or without a scheme, or null. */
function siteOf(v: string | undefined): string | null {
  if (!v) return null;
  const m =
    /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([a-z0-9_-]+(?:\.[a-z0-9_-]+)+)(?::\d+)?(?:[/?#]|$)/i.exec(v);
  return m?.[1] ?? null;
}

function mapEndpoints(f: ReadonlyMap<string, string>, obs: ObservablesBuilder): void {
  const local = f.get('local_host_ip');
  const sourceAddress = f.get('source_ip') ?? (local !== '0.0.0.0' ? local : undefined);
  const remote = f.get('remote_host_ip');
  const destinationAddress = remote !== '0.0.0.0' ? remote : undefined;
  const reported = bareIndicatorIp(f.get('ip_address'));
  const src = bareIndicatorIp(sourceAddress);
  const dst = bareIndicatorIp(destinationAddress);
  if (reported) obs.ip(reported);
  // Local is the source and remote the destination, unless the traffic was inbound and both ends exist.
  const sourceExists =
    sourceAddress !== undefined ||
    realMac(f.get('local_host_mac')) ||
    f.has('local_host_name') ||
    realPort(f.get('local_port')) ||
    f.has('location') ||
    f.has('source_computer');
  const destinationExists =
    destinationAddress !== undefined ||
    realMac(f.get('remote_host_mac')) ||
    f.has('remote_host_name') ||
    realPort(f.get('remote_port'));
  const inbound =
    f.get('traffic_direction')?.toLowerCase() === 'inbound' && sourceExists && destinationExists;
  if (src) obs.ip(src);
  if (dst) obs.ip(dst);
  if (inbound) {
    obs.srcIp(dst);
    obs.dstIp(src);
  } else {
    obs.srcIp(src);
    obs.dstIp(dst);
  }
}

function severityOf(rec: SepRecord): Severity {
  const f = rec.fields;
  if (f.has('risk_name') || f.has('detection_type')) return 'high';
  if (f.has('cids_signature_id') || f.has('intrusion_id')) return 'medium';
  if (f.get('action')?.toLowerCase() === 'blocked') return 'low';
  const level = rec.level === null ? null : mapSeverity(rec.level);
  if (level) return level;
  return rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri);
}

const detect = (raw: unknown): boolean => {
  try {
    return asSep(raw) !== null;
  } catch {
    return false;
  }
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asSep(raw);
  if (!rec) throw new Error('not a Symantec Endpoint Protection record');
  const f = rec.fields;
  const obs = new ObservablesBuilder(false);
  mapEndpoints(f, obs);
  obs.user(f.get('user_name') ?? f.get('admin') ?? f.get('user1'));
  const first = rec.cells[0] ?? '';
  const hostname = /^[.a-zA-Z0-9_-]+$/.test(first)
    ? first
    : (f.get('computer_name') ?? f.get('source_computer') ?? f.get('local_host_name'));
  obs.host(hostname);
  obs.domain(siteOf(f.get('intrusion_url')));
  obs.domain(siteOf(f.get('download_site')));
  obs.hash(f.get('sha-256'));
  obs.hash(f.get('md-5'));
  const what =
    f.get('event_description') ??
    f.get('risk_name') ??
    f.get('cids_signature_string') ??
    f.get('rule') ??
    f.get('application');
  const action = f.get('action') ?? f.get('actual_action');
  const title =
    `SEP ${rec.layout.provider}${what ? `: ${what}` : ''}${action ? ` (${action})` : ''}` +
    (hostname ? ` on ${hostname}` : '');
  const intrusion = f.get('intrusion_id');
  const ruleId =
    (intrusion && intrusion !== '0' ? intrusion : null) ??
    f.get('cids_signature_id') ??
    f.get('rule') ??
    null;
  return parserAlert('symantec_endpoint.log', 'symantec_endpoint.log', obs, {
    title,
    severity: severityOf(rec),
    observedAt: toIsoTime(f.get('event_time') ?? f.get('begin') ?? rec.timestamp),
    ruleId,
  });
}

export const symantecEndpointParser: Parser = {
  name: 'symantec_endpoint.log',
  claims: { keys: [], text: [': '] },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
