// Microsoft Intune diagnostic records (Azure Monitor export): `AuditLogs` with the Intune `Actor` layout, and
// `Devices` inventory snapshots and `DeviceComplianceOrg` compliance rows, mapped as Elastic's `microsoft_intune`
// audit and managed_device pipelines map them (the acting identity and UPN as users; the device name and Wi-Fi
// MAC as hosts, its users as users).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime, usTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_intune';

/** The categories Intune writes: audit activities, device inventory, device compliance. */
const Category = z.enum(['AuditLogs', 'Devices', 'DeviceComplianceOrg']);
const CATEGORIES: ReadonlySet<unknown> = new Set(Category.options);

/** The Azure Monitor envelope the categories share. */
const Envelope = z.object({
  category: Category,
  time: TextField,
  operationName: TextField,
  resultType: TextField,
  resultDescription: TextField,
  identity: TextField,
  properties: z.record(z.string(), z.unknown()),
});
type Envelope = z.infer<typeof Envelope>;

const Actor = z.object({
  Name: TextField,
  UPN: TextField,
  ApplicationName: TextField,
  ObjectId: TextField,
});

const AuditProps = z.object({
  Actor: Actor.nullish().catch(null),
  ActivityDate: TextField,
  ActivityResultStatus: TextField,
  AuditEventId: TextField,
  TargetDisplayNames: z.array(z.unknown()).nullish().catch(null),
});

const DeviceProps = z.object({
  DeviceId: TextField,
  DeviceName: TextField,
  UPN: TextField,
  UserEmail: TextField,
  UserName: TextField,
  PrimaryUser: TextField,
  WifiMacAddress: TextField,
  OS: TextField,
  CompliantState: TextField,
  /** The compliance row's state, as shown (`Compliant`, `Noncompliant`, …). */
  ComplianceState_loc: TextField,
  JailBroken: TextField,
});

/** Keys only Intune's `AuditLogs` properties carry (Entra ID's are camelCase: `initiatedBy`, `targetResources`). */
const AUDIT_KEYS = ['AuditEventId', 'ActivityResultStatus', 'ActivityDate'];
/** Keys of Intune's `Devices` inventory and `DeviceComplianceOrg` rows. */
const DEVICE_KEYS = ['DeviceId', 'DeviceName', 'IntuneAccountId', 'ManagedBy', 'CompliantState'];

function read(raw: unknown): Envelope | null {
  if (!isObject(raw) || !('properties' in raw) || !('category' in raw)) return null;
  // Most Azure records are other categories: a string compare before any schema work.
  if (!CATEGORIES.has(raw.category)) return null;
  const r = Envelope.safeParse(raw);
  if (!r.success) return null;
  const props = r.data.properties;
  if (r.data.category === 'AuditLogs') {
    return isObject(props.Actor) && AUDIT_KEYS.some((k) => k in props) ? r.data : null;
  }
  return DEVICE_KEYS.some((k) => k in props) ? r.data : null;
}

const detect = detectorOf(read);

function parseAudit(e: Envelope): ReturnType<Parser['parse']> {
  const props = AuditProps.parse(e.properties);
  const actor = props.Actor;
  const obs = new ObservablesBuilder();
  // user.name is the actor's name; related.user the diagnostic identity, then the actor's UPN.
  obs.user(actor?.Name);
  obs.user(e.identity);
  obs.user(actor?.UPN);
  for (const v of [e.identity, actor?.UPN]) obs.email(v);
  const operation = e.operationName ?? 'activity';
  const who = actor?.UPN ?? e.identity ?? actor?.Name ?? actor?.ApplicationName;
  const targets = (props.TargetDisplayNames ?? []).filter(
    (t): t is string => typeof t === 'string' && t !== '' && t !== '<null>',
  );
  const result = e.resultType ?? null;
  const failed = result !== null && !/^success/i.test(result);
  return parserAlert(NAME, 'microsoft_intune.audit', obs, {
    title: `Intune audit: ${operation}${targets.length ? ` (${targets.join(', ')})` : ''}${who ? ` by ${who}` : ''}${failed ? ` [${result}]` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.time) ?? usTime(props.ActivityDate),
    ruleId: e.operationName ?? null,
  });
}

function parseDevice(e: Envelope): ReturnType<Parser['parse']> {
  const p = DeviceProps.parse(e.properties);
  const obs = new ObservablesBuilder();
  // host.name and related.hosts: the device name, then the Wi-Fi MAC as written (related.hosts keeps it raw).
  obs.host(p.DeviceName);
  obs.host(p.WifiMacAddress);
  // user.name is UserName; related.user lists PrimaryUser (an object id), UPN, UserEmail, UserName.
  obs.user(p.UserName);
  obs.user(p.PrimaryUser);
  obs.user(p.UPN);
  obs.user(p.UserEmail);
  for (const v of [p.UPN, p.UserEmail]) obs.email(v);
  const compliance = p.CompliantState ?? p.ComplianceState_loc;
  const risky =
    /^(?:noncompliant|error|conflict)$/i.test(compliance ?? '') || /^true$/i.test(p.JailBroken ?? '');
  const state = [compliance, /^true$/i.test(p.JailBroken ?? '') ? 'jailbroken' : null].filter(Boolean);
  const severity: Severity = risky ? 'low' : 'info';
  return parserAlert(NAME, 'microsoft_intune.managed_device', obs, {
    title: `Intune managed device: ${p.DeviceName ?? p.DeviceId ?? 'device'}${p.OS ? ` (${p.OS})` : ''}${state.length ? ` ${state.join(', ')}` : ''}`,
    severity,
    observedAt: toIsoTime(e.time),
    ruleId: e.operationName ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a Microsoft Intune audit or managed-device record');
  return e.category === 'AuditLogs' ? parseAudit(e) : parseDevice(e);
}

export const microsoftIntuneParser: Parser = {
  name: NAME,
  claims: { keys: ['category'], text: false },
  detect,
  parse,
};
