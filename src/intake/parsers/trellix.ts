// Trellix cloud records: EDR Cloud telemetry events (`_eventType`, `_time`, …) and ePO Cloud API resources
// (threat events of type `MVEvents`, devices), mapped as Elastic's `trellix_edr_cloud` and
// `trellix_epo_cloud` pipelines map them to source/destination/related IPs, users and hosts.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'trellix';

/** A text value or a list of them (EDR's `userNames`, `userGroups`, `dnsNames`). */
const TextList = z
  .union([z.string(), z.array(z.unknown())])
  .nullish()
  .catch(undefined)
  .transform((v) =>
    v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v.filter((x) => typeof x === 'string'),
  );

/** One EDR Cloud event (the fields Elastic's pipeline maps to ECS indicators and the alert's facts). */
const EdrEvent = z.object({
  _eventType: z.string().min(1),
  _time: TextField,
  _eventId: TextField,
  name: TextField,
  action: TextField,
  destAddress: TextField,
  sourceAddress: TextField,
  userDomain: TextField,
  userName: TextField,
  userCid: TextField,
  userGroups: TextList,
  userNames: TextList,
  userSid: TextField,
  fqdn: TextField,
  dnsName: TextField,
  dnsNames: TextList,
  httpUrl: TextField,
  fileMd5: TextField,
  fileSha1: TextField,
  fileSha256: TextField,
});
type EdrEvent = z.infer<typeof EdrEvent>;

/** The attributes of one ePO Cloud threat event (`/epo/v2/events`). */
const EpoEventAttributes = z.object({
  timestamp: TextField,
  detectedutc: TextField,
  analyzername: TextField,
  analyzerhostname: TextField,
  analyzeripv4: TextField,
  analyzeripv6: TextField,
  sourcehostname: TextField,
  sourceipv4: TextField,
  sourceipv6: TextField,
  sourceusername: TextField,
  sourceurl: TextField,
  sourceprocesshash: TextField,
  targethostname: TextField,
  targetipv4: TextField,
  targetipv6: TextField,
  targetusername: TextField,
  threatcategory: TextField,
  threateventid: TextField,
  threatseverity: TextField,
  threatname: TextField,
});
type EpoEventAttributes = z.infer<typeof EpoEventAttributes>;

/** The attributes of one ePO Cloud device (`/epo/v2/devices`). */
const EpoDeviceAttributes = z.object({
  computerName: TextField,
  domainName: TextField,
  ipAddress: TextField,
  ipHostName: TextField,
  userName: TextField,
  lastUpdate: TextField,
});
type EpoDeviceAttributes = z.infer<typeof EpoDeviceAttributes>;

const EpoResource = z.object({
  id: TextField,
  type: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

type Read =
  | { kind: 'edr'; event: EdrEvent }
  | { kind: 'epo_event'; id: string | undefined; attrs: EpoEventAttributes }
  | { kind: 'epo_device'; id: string | undefined; attrs: EpoDeviceAttributes }
  | { kind: 'epo_group'; id: string | undefined; name: string | undefined };

const EPO_EVENT_KEYS = ['analyzer', 'agentguid', 'autoguid', 'detectedutc'];

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if ('_eventType' in raw && '_time' in raw && ('_serverId' in raw || '_deviceId' in raw)) {
    const r = EdrEvent.safeParse(raw);
    return r.success ? { kind: 'edr', event: r.data } : null;
  }
  if (!('attributes' in raw) || !('type' in raw)) return null;
  const res = EpoResource.safeParse(raw);
  if (!res.success) return null;
  const attrs = res.data.attributes;
  if (('threateventid' in attrs || 'threatcategory' in attrs) && EPO_EVENT_KEYS.some((k) => k in attrs)) {
    const r = EpoEventAttributes.safeParse(attrs);
    return r.success ? { kind: 'epo_event', id: res.data.id, attrs: r.data } : null;
  }
  if (
    res.data.type === 'devices' &&
    'agentGuid' in attrs &&
    ('computerName' in attrs || 'ipHostName' in attrs)
  ) {
    const r = EpoDeviceAttributes.safeParse(attrs);
    return r.success ? { kind: 'epo_device', id: res.data.id, attrs: r.data } : null;
  }
  if (res.data.type === 'groups' && 'groupTypeId' in attrs && 'nodeTextPath' in attrs) {
    const name = TextField.parse(attrs['name']);
    return { kind: 'epo_group', id: res.data.id, name };
  }
  return null;
}

const detect = detectorOf(read);

/** ePO writes an absent value as `None` (any case); its pipeline skips those. */
const given = (v: string | undefined): string | undefined =>
  v && v.toLowerCase() !== 'none' ? v : undefined;

/** ePO writes IPv6 addresses with a leading slash (`/2001:db8::1`); Elastic strips every `/`. */
const epoIp = (v: string | undefined): string | null => bareIndicatorIp(v?.replace(/\//g, ''));

/** Device fields Elastic skips when they hold ePO's placeholders. */
const device = (v: string | undefined): string | undefined => (v === '(none)' || v === 'N/A' ? undefined : v);

function parseEdr(e: EdrEvent): Alert {
  const obs = new ObservablesBuilder();
  // Elastic appends the destination to related.ip before the source.
  obs.dstIp(bareIndicatorIp(e.destAddress) ?? undefined);
  obs.srcIp(bareIndicatorIp(e.sourceAddress) ?? undefined);
  // user.name is userName; related.user lists the domain first, then the name, CID, groups, names and SID.
  obs.user(e.userName);
  for (const u of [e.userDomain, e.userName, e.userCid, ...e.userGroups, ...e.userNames, e.userSid])
    obs.user(u);
  // host.name (and related.hosts) is the device's FQDN; DNS names stay out of related.hosts.
  obs.host(e.fqdn);
  for (const d of [e.dnsName, ...e.dnsNames, urlHostname(e.httpUrl)]) obs.domain(d);
  obs.url(e.httpUrl);
  for (const h of [e.fileMd5, e.fileSha1, e.fileSha256]) obs.hash(h);
  return parserAlert(NAME, 'trellix_edr_cloud.event', obs, {
    title: `Trellix EDR: ${e._eventType}${e.name ? ` (${e.name})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e._time),
    ruleId: e.name ?? null,
  });
}

function parseEpoEvent(id: string | undefined, a: EpoEventAttributes): Alert {
  const obs = new ObservablesBuilder();
  // related.ip: target, then source, then the reporting analyzer; destination.ip/source.ip: v4 then v6.
  obs.dstIp(epoIp(a.targetipv4) ?? undefined);
  obs.dstIp(epoIp(a.targetipv6) ?? undefined);
  obs.srcIp(epoIp(a.sourceipv4) ?? undefined);
  obs.srcIp(epoIp(a.sourceipv6) ?? undefined);
  obs.ip(epoIp(a.analyzeripv4) ?? undefined);
  obs.ip(epoIp(a.analyzeripv6) ?? undefined);
  // related.user: the target user (destination.user.name), then the source user.
  obs.user(given(a.targetusername));
  obs.user(given(a.sourceusername));
  // related.hosts: target host name, source.domain (the source host name, else the source URL as
  // Elastic's registered_domain step copies it verbatim), then the analyzer's host name.
  obs.host(given(a.targethostname));
  const url = given(a.sourceurl);
  const urlAsDomain = url && /\.[a-z]{2,63}$/i.test(url) ? url : undefined;
  obs.host(given(a.sourcehostname) ?? urlAsDomain);
  obs.host(given(a.analyzerhostname));
  obs.domain(urlHostname(url));
  obs.url(url);
  obs.hash(given(a.sourceprocesshash));
  const threat = given(a.threatname) ?? a.threatcategory;
  return parserAlert(NAME, 'trellix_epo_cloud.event', obs, {
    title: `Trellix ePO: ${threat ?? 'threat event'}${a.analyzername ? ` (${a.analyzername})` : ''}`,
    // ePO threat severities follow syslog: 0 emergency … 6 informational, 7 debug.
    severity: mapSeverity(a.threatseverity, 'syslog'),
    observedAt: toIsoTime(a.timestamp) ?? toIsoTime(a.detectedutc),
    ruleId: a.threateventid ?? id ?? null,
  });
}

function parseEpoDevice(id: string | undefined, a: EpoDeviceAttributes): Alert {
  const obs = new ObservablesBuilder();
  obs.ip(bareIndicatorIp(device(a.ipAddress)) ?? undefined);
  obs.user(device(a.userName));
  // host.name is computerName; related.hosts holds the domain, the device id, the name and ipHostName.
  const name = device(a.computerName);
  obs.host(name);
  for (const h of [device(a.domainName), device(id), name, a.ipHostName]) obs.host(h);
  return parserAlert(NAME, 'trellix_epo_cloud.device', obs, {
    title: `Trellix ePO device: ${name ?? a.ipHostName ?? id ?? 'unknown'}`,
    severity: 'info',
    observedAt: toIsoTime(a.lastUpdate),
    ruleId: null,
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Trellix EDR or ePO Cloud record');
  switch (r.kind) {
    case 'edr':
      return parseEdr(r.event);
    case 'epo_event':
      return parseEpoEvent(r.id, r.attrs);
    case 'epo_device':
      return parseEpoDevice(r.id, r.attrs);
    case 'epo_group':
      // A System Tree group carries no indicator; Elastic maps none.
      return parserAlert(NAME, 'trellix_epo_cloud.group', new ObservablesBuilder(), {
        title: `Trellix ePO group: ${r.name ?? r.id ?? 'unknown'}`,
        severity: 'info',
        ruleId: null,
      });
  }
}

export const trellixParser: Parser = {
  name: NAME,
  claims: { keys: ['_eventType', 'attributes'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
