// OCSF events (Open Cybersecurity Schema Framework) as Amazon Security Lake and other vendors emit them:
// endpoints, actor, user, device, proxy, HTTP and DNS objects mapped to source/destination/related as
// Elastic's `amazon_security_lake` pipelines map them, for every category (system … application).
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'ocsf';
/** The format Elastic files these events under (one data stream for every OCSF class). */
const FORMAT = 'amazon_security_lake.event';

/** Vendors fill OCSF loosely: a value of another type than expected reads as absent, never as a failure. */
const Str = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v : null))
  .optional();
const Id = z
  .unknown()
  .transform((v) => (typeof v === 'string' || typeof v === 'number' ? v : null))
  .optional();
const Strs = z
  .unknown()
  .transform((v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []))
  .optional();
const obj = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((v) => (isObject(v) ? v : null), z.object(shape).nullable()).optional();

const Endpoint = obj({ ip: Str, hostname: Str, domain: Str, intermediate_ips: Strs });
const User = obj({ name: Str, uid: Id, uid_alt: Str, full_name: Str, email_addr: Str });
const Process = obj({
  user: User,
  file: obj({ owner: User, creator: User, modifier: User }),
  parent_process: obj({ user: User }),
});
const Device = obj({ ip: Str, hostname: Str, domain: Str, name: Str });
const Title = obj({ title: Str, uid: Id });

/** The fields this parser reads from an OCSF event; everything else is left alone. */
const OcsfEvent = z.object({
  class_uid: z.union([z.number().int(), z.string().regex(/^\d{4}$/)]),
  class_name: Str,
  category_uid: Id,
  category_name: Str,
  activity_name: Str,
  type_name: Str,
  severity: Str,
  severity_id: Id,
  message: Str,
  time: Id,
  time_dt: Str,
  src_endpoint: Endpoint,
  dst_endpoint: Endpoint,
  proxy: Endpoint,
  device: Device,
  actor: obj({ user: User, process: Process }),
  user: User,
  user_result: User,
  process: Process,
  file: obj({ owner: User }),
  job: obj({ user: User }),
  http_request: obj({ url: obj({ hostname: Str }) }),
  query: obj({ hostname: Str }),
  api: obj({ operation: Str }),
  finding: Title,
  finding_info: Title,
  resources: z
    .unknown()
    .transform((v) => (Array.isArray(v) ? v : []))
    .pipe(z.array(obj({ owner: User })))
    .optional(),
});
type OcsfEvent = z.infer<typeof OcsfEvent>;

/** OCSF class ids are four digits: category (1-6) then class. */
const isClassUid = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v < 7000) ||
  (typeof v === 'string' && /^[1-6]\d{3}$/.test(v));

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('class_uid' in raw)) return false;
  if (!isClassUid(raw.class_uid)) return false;
  const meta = 'metadata' in raw && isObject(raw.metadata) ? raw.metadata : null;
  const described = meta !== null && ('version' in meta || 'product' in meta);
  if (!described && !('category_uid' in raw)) return false;
  return OcsfEvent.safeParse(raw).success;
}

/** OCSF `severity_id`: 0 unknown, 1 informational … 5 critical, 6 fatal, 99 other (use the caption). */
function severityOf(e: OcsfEvent): Severity {
  const id = Number(e.severity_id);
  const byId: Record<number, Severity> = {
    1: 'info',
    2: 'low',
    3: 'medium',
    4: 'high',
    5: 'critical',
    6: 'critical',
  };
  return byId[id] ?? mapSeverity(e.severity) ?? 'info';
}

const idText = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined || v === '' ? null : String(v);

/** An endpoint's domain and host name: source/destination.domain, hence related.hosts; domains for the SOC. */
function endpointHosts(obs: ObservablesBuilder, ep: z.infer<typeof Endpoint> | undefined): void {
  for (const h of [ep?.domain, ep?.hostname]) {
    obs.host(h);
    obs.domain(h);
  }
}

/** An endpoint's relay addresses (`intermediate_ips`) are related addresses. */
function intermediateIps(obs: ObservablesBuilder, ep: z.infer<typeof Endpoint> | undefined): void {
  for (const ip of ep?.intermediate_ips ?? []) obs.ip(bareIndicatorIp(ip));
}

/** A user object as the pipelines map it: name, ids, full name and e-mail address all go to related.user. */
function addUser(obs: ObservablesBuilder, u: z.infer<typeof User> | undefined): void {
  obs.user(u?.name);
  obs.user(idText(u?.uid));
  obs.user(u?.uid_alt);
  obs.user(u?.full_name);
  obs.user(u?.email_addr);
  obs.email(u?.email_addr);
}

function parse(raw: unknown): Alert {
  const e = OcsfEvent.parse(raw);
  const obs = new ObservablesBuilder(false);
  // related.ip: the device address first, then the endpoints and the proxy, each with its relays.
  obs.ip(bareIndicatorIp(e.device?.ip));
  obs.ip(obs.srcIp(bareIndicatorIp(e.src_endpoint?.ip)));
  intermediateIps(obs, e.src_endpoint);
  obs.ip(obs.dstIp(bareIndicatorIp(e.dst_endpoint?.ip)));
  intermediateIps(obs, e.dst_endpoint);
  obs.ip(bareIndicatorIp(e.proxy?.ip));
  intermediateIps(obs, e.proxy);

  // The acting user is user.name; ids and the target user go to related.user.
  addUser(obs, e.actor?.user);
  addUser(obs, e.user);
  addUser(obs, e.user_result);
  for (const p of [e.actor?.process, e.process]) {
    addUser(obs, p?.user);
    addUser(obs, p?.file?.owner);
    addUser(obs, p?.file?.creator);
    addUser(obs, p?.file?.modifier);
    addUser(obs, p?.parent_process?.user);
  }
  // System activity: a scheduled job's user and a file's owner.
  addUser(obs, e.job?.user);
  addUser(obs, e.file?.owner);
  // Findings list the owners of the affected resources in related.user too.
  if (String(e.class_uid).startsWith('2')) for (const r of e.resources ?? []) addUser(obs, r?.owner);

  // host.name is the device name; related.hosts holds device domain and hostname, the URL host and the
  // endpoint and proxy host names. DNS query names are not in related.hosts: domains only.
  obs.host(e.device?.name);
  obs.host(e.device?.domain);
  obs.host(e.device?.hostname);
  obs.host(e.http_request?.url?.hostname);
  obs.domain(e.http_request?.url?.hostname);
  endpointHosts(obs, e.src_endpoint);
  endpointHosts(obs, e.dst_endpoint);
  endpointHosts(obs, e.proxy);
  obs.domain(e.query?.hostname);

  const finding = e.finding_info ?? e.finding;
  const className = e.class_name ?? `class ${String(e.class_uid)}`;
  const title =
    finding?.title ??
    e.message ??
    [e.type_name ?? `${className}${e.activity_name ? `: ${e.activity_name}` : ''}`, e.api?.operation]
      .filter(Boolean)
      .join(' ');
  return parserAlert(NAME, FORMAT, obs, {
    title: `OCSF ${title}`.slice(0, 300),
    severity: severityOf(e),
    observedAt: toIsoTime(e.time_dt) ?? toIsoTime(e.time),
    ruleId: idText(finding?.uid) ?? `ocsf:${String(e.class_uid)}`,
  });
}

/** DNS query names are reported as domains but kept out of hosts, as Elastic keeps them out of related.hosts. */
export const ocsfParser: Parser = {
  name: NAME,
  claims: { keys: ['class_uid'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
