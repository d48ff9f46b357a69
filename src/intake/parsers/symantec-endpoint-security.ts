// Symantec Endpoint Security (SES / ICDm cloud) event records as exported to a bucket or stream: device, connection,
// container, cybox, session, actor/parent/process and user objects mapped as Elastic's `symantec_endpoint_security.event`
// pipelines map them. (ICDm incidents have the same shape as EDR Cloud incidents and are left to that parser.)
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { ICDM_SEVERITY } from './symantec-edr-cloud.js';

const NAME = 'symantec_endpoint_security';

/** SES fills its schema loosely: a value of another type than expected reads as absent, never as a failure. */
const Str = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined))
  .optional();
const obj = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((v) => (isObject(v) ? v : undefined), z.object(shape).optional());
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v.filter(isObject) : []), z.array(item));
const strs = z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(Str));

const User = obj({ name: Str, uid: Str, sid: Str });
const Network = z.object({ gateway_ip: Str, ipv4: Str, ipv6: Str });
const Session = obj({ remote_ip: Str, user: User });
const SrcFile = obj({ src_ip: Str, src_name: Str });
/** actor, parent and process share one shape for what the pipelines map: users, file/module sources, session. */
const ProcessLike = obj({ user: User, session: Session, file: SrcFile, module: SrcFile });

/** The fields this parser reads from an SES event; everything else is left alone. */
const SesEvent = z.object({
  category_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  type_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  type: Str,
  feature_name: Str,
  product_name: Str,
  message: Str,
  rule_name: Str,
  severity_id: Str,
  time: Str,
  log_time: Str,
  device_time: Str,
  uuid: Str,
  collector_device_ip: Str,
  device_gateway: Str,
  device_ip: Str,
  device_proxy_ip: Str,
  device_public_ip: Str,
  device_subnet: Str,
  logging_device_ip: Str,
  proxy_device_ip: Str,
  device_name: Str,
  device_networks: list(Network),
  impersonator_user_uid: Str,
  user_uid: Str,
  user_name: Str,
  attacker_ip: Str,
  sender_ip: Str,
  url: obj({ host: Str }),
  connection: obj({ src_ip: Str, dst_ip: Str }),
  container: obj({ networks: z.unknown().optional(), host_name: Str }),
  cybox: obj({
    emails: list(z.object({ sender_ip: Str })),
    files: list(z.object({ src_ip: Str, src_name: Str })),
    ipv4s: strs,
    ipv6s: strs,
  }),
  session: Session,
  sessions: list(z.object({ remote_ip: Str, user: User })),
  user: User,
  actor: ProcessLike,
  parent: ProcessLike,
  process: ProcessLike,
  data: Str,
});
type SesEvent = z.infer<typeof SesEvent>;

/** Keys only SES's own schema writes (STIC telemetry, the collector and logging device, the feature). */
const SES_KEYS = [
  'stic_uid',
  'stic_schema_id',
  'stic_version',
  'collector_device_ip',
  'collector_uid',
  'logging_device_name',
  'logging_device_post_time',
  'feature_name',
  'feature_uid',
  'device_os_type_id',
  'device_name_md5',
  'customer_registry_uid',
];

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('category_id' in raw) || !('type_id' in raw)) return false;
  // ICDm incidents (`incident_uid`) and OCSF events (`class_uid`) belong to other parsers.
  if ('incident_uid' in raw || 'class_uid' in raw) return false;
  const product = 'product_name' in raw && typeof raw.product_name === 'string' ? raw.product_name : '';
  const ses = /^Symantec\b/i.test(product) || SES_KEYS.some((k) => k in raw);
  if (!ses) return false;
  const r = SesEvent.safeParse(raw);
  return r.success && /^[1-6]$/.test(r.data.category_id);
}

/** The event types each category pipeline runs an object pipeline for (Security is split by object below). */
const CATEGORY_TYPES: Readonly<Record<string, readonly string[] | null>> = {
  '1': '8020 8025 8026 8027 8028 8030 8031 8032 8033 8038 8040 8061 8070 8071 8075 8076 8077 8078'.split(' '),
  '2': ['30', '31'],
  '3': ['2', '3', '4', '5', '11', '12', '13', '42'],
  '4': ['20', '21', '22'],
  // System activity runs its object pipelines for most of its many types: read whatever is present.
  '5': null,
  '6': ['1000'],
};
/** Security types whose actor and parent objects the pipeline reads (process activity and the like). */
const SECURITY_PROCESS_TYPES = [
  '8025',
  '8026',
  '8027',
  '8028',
  '8030',
  '8031',
  '8032',
  '8033',
  '8038',
  '8040',
];

/** True when the category pipeline runs the common object pipelines (device, container, cybox, session, user). */
function commonObjects(e: SesEvent): boolean {
  const types = CATEGORY_TYPES[e.category_id];
  return types === null || (types?.includes(e.type_id) ?? false);
}

/** Which process-like objects the category pipeline reads for this type. */
function processObjects(e: SesEvent): {
  actor: boolean;
  parent: boolean;
  process: boolean;
  connection: boolean;
} {
  switch (e.category_id) {
    case '1': {
      const p = SECURITY_PROCESS_TYPES.includes(e.type_id);
      return { actor: p, parent: p, process: e.type_id === '8027', connection: e.type_id === '8040' };
    }
    case '3':
      return { actor: false, parent: ['5', '42'].includes(e.type_id), process: false, connection: false };
    case '5':
      return { actor: true, parent: true, process: true, connection: true };
    case '6':
      return { actor: false, parent: false, process: e.type_id === '1000', connection: false };
    default:
      return { actor: false, parent: false, process: false, connection: false };
  }
}

type ProcessLike = z.infer<typeof ProcessLike>;

/** actor/parent/process: file and module sources and the session's remote address; session and own users. */
function processLike(obs: ObservablesBuilder, p: ProcessLike): void {
  if (!p) return;
  obs.ip(bareIndicatorIp(p.file?.src_ip));
  obs.ip(bareIndicatorIp(p.module?.src_ip));
  obs.ip(bareIndicatorIp(p.session?.remote_ip));
  obs.user(p.session?.user?.uid);
  obs.user(p.session?.user?.name);
  obs.user(p.user?.uid);
  obs.user(p.user?.sid);
  obs.user(p.user?.name);
  obs.host(p.file?.src_name);
  obs.host(p.module?.src_name);
}

function networks(obs: ObservablesBuilder, list: readonly z.infer<typeof Network>[]): void {
  for (const n of list) obs.ip(bareIndicatorIp(n.gateway_ip));
  for (const n of list) obs.ip(bareIndicatorIp(n.ipv4));
  for (const n of list) obs.ip(bareIndicatorIp(n.ipv6));
}

/** Windows event data a System event (type 8015) carries as JSON text in `data`. */
const WinlogData = z.object({
  IpAddress: Str,
  WorkstationName: Str,
  ClientMachine: Str,
  User: Str,
  SubjectUserName: Str,
});

function winlogData(e: SesEvent): z.infer<typeof WinlogData> | null {
  if (e.category_id !== '5' || e.type_id !== '8015' || !e.data) return null;
  try {
    const r = WinlogData.safeParse(JSON.parse(e.data));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  '1': 'Security',
  '2': 'License',
  '3': 'Application Activity',
  '4': 'Audit',
  '5': 'System Activity',
  '6': 'Diagnostic',
};

function parse(raw: unknown): Alert {
  if (!detect(raw)) throw new Error('not a Symantec Endpoint Security event');
  const e = SesEvent.parse(raw);
  const obs = new ObservablesBuilder(false);
  const common = commonObjects(e);
  const objects = processObjects(e);

  // The default pipeline: device and collector addresses; the device is the source, the collector the destination.
  let src = bareIndicatorIp(e.device_ip);
  let dst = bareIndicatorIp(e.collector_device_ip);
  for (const ip of [
    e.collector_device_ip,
    e.device_gateway,
    e.device_ip,
    e.device_proxy_ip,
    e.device_public_ip,
    e.device_subnet,
    e.logging_device_ip,
    e.proxy_device_ip,
  ]) {
    obs.ip(bareIndicatorIp(ip));
  }
  for (const u of [e.impersonator_user_uid, e.user_uid, e.user_name]) obs.user(u);
  // host.name only when the device name is qualified (a dotted name), lower-cased; otherwise host.hostname.
  if (e.device_name?.includes('.')) obs.host(e.device_name.toLowerCase());

  if (e.category_id === '1') obs.ip(bareIndicatorIp(e.attacker_ip));
  if (e.category_id === '3') {
    const sender = bareIndicatorIp(e.sender_ip);
    obs.ip(sender);
    src = sender ?? src;
    // url.domain, not related.hosts: reported as a domain only.
    obs.domain(e.url?.host);
  }

  if (objects.actor) processLike(obs, e.actor);
  if (objects.connection && e.connection) {
    const d = bareIndicatorIp(e.connection.dst_ip);
    const s = bareIndicatorIp(e.connection.src_ip);
    obs.ip(d);
    obs.ip(s);
    dst = d ?? dst;
    src = s ?? src;
  }
  if (common) {
    networks(obs, Array.isArray(e.container?.networks) ? netList(e.container.networks) : []);
    const cybox = e.cybox;
    if (cybox) {
      // The pipeline appends e-mail sender addresses only when the event also has container networks.
      if (e.container?.networks !== undefined && e.container.networks !== null)
        for (const m of cybox.emails) obs.ip(bareIndicatorIp(m.sender_ip));
      for (const f of cybox.files) obs.ip(bareIndicatorIp(f.src_ip));
      for (const ip of [...cybox.ipv4s, ...cybox.ipv6s]) obs.ip(bareIndicatorIp(ip));
      for (const f of cybox.files) obs.host(f.src_name);
    }
    networks(obs, e.device_networks);
  }
  if (objects.parent) processLike(obs, e.parent);
  if (objects.process) processLike(obs, e.process);
  if (common) {
    for (const s of e.sessions) obs.ip(bareIndicatorIp(s.remote_ip));
    obs.ip(bareIndicatorIp(e.session?.remote_ip));
    obs.user(e.session?.user?.uid);
    obs.user(e.session?.user?.name);
    for (const s of e.sessions) obs.user(s.user?.uid);
    for (const s of e.sessions) obs.user(s.user?.name);
    // user.name, then the user's id and name in related.user.
    obs.user(e.user?.name);
    obs.user(e.user?.uid);
  }
  const win = winlogData(e);
  if (win) {
    obs.ip(bareIndicatorIp(win.IpAddress));
    obs.host(win.WorkstationName);
    obs.host(win.ClientMachine);
    obs.user(win.User);
    obs.user(win.SubjectUserName);
  }
  obs.srcIp(src);
  obs.dstIp(dst);

  const category = CATEGORY_NAMES[e.category_id] ?? `category ${e.category_id}`;
  const what = e.message ?? e.type ?? e.feature_name ?? `type ${e.type_id}`;
  return parserAlert(NAME, `${NAME}.event`, obs, {
    title: `Symantec Endpoint Security ${category}: ${what}`.slice(0, 300),
    severity: (e.severity_id ? ICDM_SEVERITY[e.severity_id] : undefined) ?? 'info',
    observedAt: toIsoTime(e.time) ?? toIsoTime(e.log_time) ?? toIsoTime(e.device_time),
    ruleId: e.rule_name ?? `${e.category_id}:${e.type_id}`,
  });
}

const netList = (v: unknown[]): z.infer<typeof Network>[] =>
  v.flatMap((n) => {
    const r = Network.safeParse(n);
    return r.success ? [r.data] : [];
  });

/** URL hosts are reported as domains but kept out of hosts, as the pipeline maps them to url.domain only. */
export const symantecEndpointSecurityParser: Parser = {
  name: NAME,
  claims: { keys: ['category_id'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
