// Microsoft Defender for Cloud continuous export (Event Hub) and REST API: security alerts (`Entities`) and the
// `properties.*` resources (assessments, sub-assessments, secure scores, compliance). Entity addresses, host and
// DNS names as Elastic's pipelines map them, and an assessed virtual machine's name as the assessment's host.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_defender_cloud.event';
const MAX_DEPTH = 12;

const Str = z.string().nullish().catch(null);

/** One entity of an alert, keys lower-cased (the pipeline reads them case-insensitively). */
const Entity = z
  .object({
    type: Str,
    address: Str,
    hostname: Str,
    domainname: Str,
    url: Str,
    ipaddresses: z
      .array(z.object({ address: Str }).partial().catch({}))
      .nullish()
      .catch(null),
    filehashes: z
      .array(z.object({ value: Str }).partial().catch({}))
      .nullish()
      .catch(null),
  })
  .partial();
type Entity = z.infer<typeof Entity>;

/** The assessed resource (`resourceDetails`, also inside `additionalData.subAssessment`). */
const ResourceDetails = z.object({ resourcename: Str, resourcetype: Str }).partial().nullish().catch(null);
type ResourceDetails = z.infer<typeof ResourceDetails>;

const Properties = z
  .object({
    displayname: Str,
    alertdisplayname: Str,
    description: Str,
    alerttype: Str,
    severity: Str,
    timegenerated: Str,
    timegeneratedutc: Str,
    status: z.object({ code: Str, severity: Str, statuschangedate: Str }).partial().nullish().catch(null),
    metadata: z.object({ displayname: Str, severity: Str }).partial().nullish().catch(null),
    resourcedetails: ResourceDetails,
    additionaldata: z
      .object({
        subassessment: z.object({ resourcedetails: ResourceDetails }).partial().nullish().catch(null),
      })
      .partial()
      .nullish()
      .catch(null),
  })
  .partial();

/** A Defender for Cloud export record (the fields Vigil reads), keys lower-cased. */
export const DefenderCloudEvent = z
  .object({
    id: Str,
    name: Str,
    type: Str,
    alertdisplayname: Str,
    alerttype: Str,
    systemalertid: Str,
    severity: Str,
    timegenerated: Str,
    starttimeutc: Str,
    entities: z.array(z.unknown()).nullish().catch(null),
    properties: Properties.nullish().catch(null),
  })
  .partial();
export type DefenderCloudEvent = z.infer<typeof DefenderCloudEvent>;

/** A copy of a JSON value with every object key lower-cased, as the pipeline's first script does. */
function lowerKeys(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => lowerKeys(v, depth + 1));
  if (!isObject(value)) return value;
  // No prototype: a payload key `__proto__` stays a plain key instead of becoming the copy's prototype.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = lowerKeys(v, depth + 1);
  return out;
}

/** The value of the first top-level key that equals `key` case-insensitively. */
function field(raw: object, key: string): unknown {
  for (const [k, v] of Object.entries(raw)) if (k.toLowerCase() === key) return v;
  return undefined;
}

const SECURITY_TYPE = /^microsoft\.security\//i;
const SECURITY_ID = /^(?:\/subscriptions\/[^/]+\/|\/)(?:.*\/)?providers\/microsoft\.security\//i;

/** True when the object has a key that, in any case, is one of `keys` (lower-case); one pass, no allocation. */
function hasKeyOf(raw: object, keys: readonly string[]): boolean {
  for (const k in raw) {
    if (!Object.hasOwn(raw, k)) continue;
    for (const key of keys) if (k.length === key.length && k.toLowerCase() === key) return true;
  }
  return false;
}

const GATE_KEYS = ['alertdisplayname', 'properties'] as const;

function detect(raw: unknown): boolean {
  // Most payloads have neither key: one cheap pass before the case-insensitive lookups.
  if (!isObject(raw) || !hasKeyOf(raw, GATE_KEYS)) return false;
  try {
    const display = field(raw, 'alertdisplayname');
    const alertId = field(raw, 'systemalertid');
    if (typeof display === 'string' && typeof alertId === 'string') return true;
    const type = field(raw, 'type');
    const id = field(raw, 'id');
    return (
      typeof type === 'string' &&
      SECURITY_TYPE.test(type) &&
      typeof id === 'string' &&
      SECURITY_ID.test(id) &&
      isObject(field(raw, 'properties'))
    );
  } catch {
    return false;
  }
}

const DOMAIN = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i;

function readEntities(entities: readonly unknown[], obs: ObservablesBuilder): void {
  const list: Entity[] = [];
  for (const item of entities) {
    const e = Entity.safeParse(item);
    if (e.success) list.push(e.data);
  }
  // related.hosts: DNS entity names, then host entity names; related.ip: entity addresses, then the
  // addresses a DNS entity resolved to. Accounts, URLs and the compromised entity are not indicators there.
  for (const e of list) {
    const name = e.domainname?.trim();
    if (name && DOMAIN.test(name) && !bareIndicatorIp(name)) obs.domain(name);
    else obs.host(name);
  }
  for (const e of list) obs.host(e.hostname);
  for (const e of list) obs.ip(bareIndicatorIp(e.address));
  for (const e of list) for (const a of e.ipaddresses ?? []) obs.ip(bareIndicatorIp(a.address));
  for (const e of list) {
    obs.url(e.url);
    for (const h of e.filehashes ?? []) obs.hash(h.value);
  }
}

/** The assessment pipeline's `host.name`: the assessed resource's name when it is a virtual machine. */
function assessedMachine(p: DefenderCloudEvent['properties']): string | undefined {
  const vm = (d: ResourceDetails | undefined): string | undefined =>
    d?.resourcetype?.toLowerCase() === 'virtualmachines' ? (d.resourcename ?? undefined) : undefined;
  return vm(p?.additionaldata?.subassessment?.resourcedetails) ?? vm(p?.resourcedetails);
}

function severityOf(e: DefenderCloudEvent): Severity | null {
  const p = e.properties;
  if (e.severity ?? p?.severity) return mapSeverity(e.severity ?? p?.severity);
  // Assessments: a healthy or not-applicable resource is informational, an unhealthy one as rated.
  const code = p?.status?.code?.toLowerCase();
  if (code === 'healthy' || code === 'notapplicable') return 'info';
  return mapSeverity(p?.status?.severity ?? p?.metadata?.severity) ?? 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = DefenderCloudEvent.parse(lowerKeys(raw));
  const p = e.properties;
  const obs = new ObservablesBuilder(false);
  readEntities(e.entities ?? [], obs);
  obs.host(assessedMachine(p));
  return parserAlert(NAME, NAME, obs, {
    title:
      e.alertdisplayname ??
      p?.alertdisplayname ??
      p?.displayname ??
      p?.metadata?.displayname ??
      p?.description ??
      e.type ??
      'Defender for Cloud event',
    severity: severityOf(e),
    observedAt: toIsoTime(
      e.timegenerated ??
        e.starttimeutc ??
        p?.timegeneratedutc ??
        p?.timegenerated ??
        p?.status?.statuschangedate,
    ),
    ruleId: e.alerttype ?? p?.alerttype ?? e.name,
  });
}

export const defenderCloudParser: Parser = { name: NAME, claims: { text: false }, detect, parse };
