// Armis Centrix API records as Elastic's `armis` pipelines map them: alerts (the detections: affected device
// ids), devices (inventory: names, addresses, user ids) and vulnerabilities (posture: matched device, rater).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

/** A list whose members Elastic's `convert` to string renders (numbers and text); other members are skipped. */
const IdList = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((list) =>
    (list ?? []).map((v) => TextField.parse(v)).filter((s): s is string => s !== undefined),
  );

const ArmisAlert = z.object({
  alertId: TextField,
  deviceIds: IdList,
  policyId: TextField,
  policyTitle: TextField,
  title: TextField,
  description: TextField,
  severity: TextField,
  time: TextField,
});
type ArmisAlert = z.infer<typeof ArmisAlert>;

const ArmisDevice = z.object({
  id: TextField,
  name: TextField,
  displayTitle: TextField,
  names: TextField,
  ipAddress: TextField,
  ipv6: IdList,
  userIds: IdList,
  lastSeen: TextField,
});
type ArmisDevice = z.infer<typeof ArmisDevice>;

const ArmisVulnerability = z.object({
  id: TextField,
  cveUid: TextField,
  commonName: TextField,
  severity: TextField,
  avmRating: TextField,
  avmRatingManualChangedBy: TextField,
  lastDetected: TextField,
  vulnerability_match: z
    .object({ deviceId: TextField, lastDetected: TextField, avmRating: TextField })
    .nullish()
    .catch(undefined),
});
type ArmisVulnerability = z.infer<typeof ArmisVulnerability>;

type ArmisRecord =
  | { kind: 'alert'; alert: ArmisAlert }
  | { kind: 'device'; device: ArmisDevice }
  | { kind: 'vulnerability'; vuln: ArmisVulnerability };

/** Keys only Armis device records carry; a device must have its `id` and at least two of these. */
const DEVICE_KEYS = [
  'accessSwitch',
  'boundaries',
  'businessImpact',
  'purdueLevel',
  'typeEnum',
  'dataSources',
  'visibility',
];

function read(raw: unknown): ArmisRecord | null {
  if (!isObject(raw)) return null;
  if ('alertId' in raw && ('deviceIds' in raw || 'activityUUIDs' in raw)) {
    if (!('policyId' in raw || 'policyTitle' in raw || 'classification' in raw)) return null;
    const parsed = ArmisAlert.safeParse(raw);
    return parsed.success && parsed.data.alertId !== undefined ? { kind: 'alert', alert: parsed.data } : null;
  }
  if (
    ('avmRating' in raw || isObject(Reflect.get(raw, 'vulnerability_match'))) &&
    ('cveUid' in raw || 'id' in raw)
  ) {
    const parsed = ArmisVulnerability.safeParse(raw);
    if (!parsed.success) return null;
    const v = parsed.data;
    // A vulnerability names a CVE (or Armis's own id) and is matched to a device or rated by AVM.
    const matched = v.vulnerability_match?.deviceId !== undefined || v.avmRating !== undefined;
    return matched && (v.id ?? v.cveUid) !== undefined ? { kind: 'vulnerability', vuln: v } : null;
  }
  if ('id' in raw && DEVICE_KEYS.filter((k) => k in raw).length >= 2) {
    const parsed = ArmisDevice.safeParse(raw);
    return parsed.success && parsed.data.id !== undefined ? { kind: 'device', device: parsed.data } : null;
  }
  return null;
}

const severityOf = (...values: Array<string | undefined>): Severity | null => {
  for (const v of values) {
    const s = mapSeverity(v);
    if (s) return s;
  }
  return null;
};

function parseAlert(a: ArmisAlert): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // deviceIds -> host.id and related.hosts; Elastic maps no address or user from an alert.
  for (const id of a.deviceIds) obs.host(id);
  return parserAlert('armis', 'armis.alert', obs, {
    title: `Armis: ${a.title ?? a.policyTitle ?? a.description ?? `alert ${a.alertId ?? ''}`}`,
    severity: severityOf(a.severity) ?? 'medium',
    observedAt: toIsoTime(a.time),
    ruleId: a.policyId ?? null,
  });
}

function parseDevice(d: ArmisDevice): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // names (comma-separated) -> host.name, lower-cased, and related.hosts.
  for (const n of d.names?.split(',') ?? []) obs.host(n.toLowerCase());
  // ipAddress (", "-separated) then ipv6 -> related.ip; values that are not addresses are dropped.
  for (const ip of d.ipAddress?.split(', ') ?? []) obs.ip(bareIndicatorIp(ip));
  for (const ip of d.ipv6) obs.ip(bareIndicatorIp(ip));
  // userIds -> user.id and related.user.
  for (const u of d.userIds) obs.user(u);
  return parserAlert('armis', 'armis.device', obs, {
    title: `Armis device: ${d.name ?? d.displayTitle ?? d.id ?? 'unknown'}`,
    severity: 'info',
    observedAt: toIsoTime(d.lastSeen),
    ruleId: null,
  });
}

function parseVulnerability(v: ArmisVulnerability): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // avmRatingManualChangedBy -> user.name and related.user; the matched device id -> related.hosts.
  obs.user(v.avmRatingManualChangedBy);
  obs.host(v.vulnerability_match?.deviceId);
  const id = v.id ?? v.cveUid ?? 'vulnerability';
  const device = v.vulnerability_match?.deviceId;
  return parserAlert('armis', 'armis.vulnerability', obs, {
    title: `Armis vulnerability: ${id}${v.commonName ? ` (${v.commonName})` : ''}${device ? ` on device ${device}` : ''}`,
    severity: severityOf(v.severity, v.avmRating, v.vulnerability_match?.avmRating) ?? 'medium',
    observedAt: toIsoTime(v.vulnerability_match?.lastDetected ?? v.lastDetected),
    ruleId: v.id ?? v.cveUid ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Armis record');
  if (r.kind === 'alert') return parseAlert(r.alert);
  return r.kind === 'device' ? parseDevice(r.device) : parseVulnerability(r.vuln);
}

export const armisParser: Parser = {
  name: 'armis',
  claims: { keys: ['alertId', 'id', 'cveUid'], text: false },
  detect: detectorOf(read),
  parse,
};
