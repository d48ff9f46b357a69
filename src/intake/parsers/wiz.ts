// Wiz GraphQL API records: audit log entries, issues, vulnerability and cloud configuration findings (posture) and
// Defend detections (webhook, threat, v2 API), mapped as Elastic's `wiz` pipelines map them: audit user, note
// authors, actors and process-tree users; the audit source, vulnerable VM and its addresses, finding VM or user
// account, Defend IPs.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Named = z.object({ id: Str, name: Str, email: Str }).passthrough().nullish();

const Audit = z.object({
  id: z.string(),
  action: z.string(),
  requestId: Str,
  status: Str,
  timestamp: Str,
  sourceIP: Str,
  user: Named,
  serviceAccount: Named,
  actionParameters: z.object({ userEmail: Str, userID: Str, userpoolID: Str }).passthrough().nullish(),
});
type Audit = z.infer<typeof Audit>;

const Issue = z.object({
  id: z.string(),
  severity: Str,
  status: Str,
  type: Str,
  createdAt: Str,
  updatedAt: Str,
  statusChangedAt: Str,
  sourceRule: z.object({ id: Str, name: Str }).passthrough().nullish(),
  /** Newer API versions list the rules that raised the issue. */
  sourceRules: z
    .array(z.object({ id: Str, name: Str }).passthrough())
    .nullish()
    .catch(undefined),
  entitySnapshot: z.object({ name: Str }).passthrough(),
  notes: z
    .array(z.object({ user: z.object({ name: Str, email: Str }).passthrough().nullish() }).passthrough())
    .nullish(),
});
type Issue = z.infer<typeof Issue>;

const ProcessNode = z
  .object({ userId: z.union([z.string(), z.number()]).nullish(), username: Str })
  .passthrough();

const Defend = z.object({
  id: Str,
  title: Str,
  severity: Str,
  createdAt: Str,
  primaryActor: Named,
  trigger: z.object({ ruleId: Str, ruleName: Str, type: Str }).passthrough().nullish(),
  triggeringEvent: z
    .object({
      actor: z.object({ id: Str, name: Str }).passthrough().nullish(),
      actorIP: Str,
      subjectResourceIp: Str,
      eventTime: Str,
      runtimeDetails: z
        .object({ processTree: z.array(ProcessNode).nullish() })
        .passthrough()
        .nullish(),
    })
    .passthrough(),
});
type Defend = z.infer<typeof Defend>;

/** A Wiz Defend detection as the v2 API returns it: every triggering event under `triggeringEvents.nodes`. */
const DefendV2 = z.object({
  id: Str,
  severity: Str,
  createdAt: Str,
  description: Str,
  primaryActor: z.object({ type: Str, name: Str, email: Str }).passthrough().nullish().catch(undefined),
  primaryResource: z.object({ type: Str, name: Str }).passthrough().nullish().catch(undefined),
  triggeringEvents: z.object({
    nodes: z.array(z.object({ actorIP: Str, timestamp: Str }).passthrough()),
  }),
  ruleMatch: z
    .object({ rule: z.object({ id: Str, name: Str }).passthrough().nullish() })
    .passthrough()
    .nullish()
    .catch(undefined),
});
type DefendV2 = z.infer<typeof DefendV2>;

const Vulnerability = z.object({
  id: z.string(),
  name: Str,
  CVSSSeverity: Str,
  vendorSeverity: Str,
  firstDetectedAt: Str,
  lastDetectedAt: Str,
  detailedName: Str,
  vulnerableAsset: z
    .object({ name: Str, type: Str, ipAddresses: z.array(z.string()).nullish() })
    .passthrough(),
});
type Vulnerability = z.infer<typeof Vulnerability>;

/** A cloud configuration finding: one rule's result on one resource. */
const ConfigurationFinding = z.object({
  id: z.string(),
  name: Str,
  analyzedAt: Str,
  severity: Str,
  result: Str,
  resource: z.object({ name: Str, type: Str }).passthrough(),
  rule: z.object({ id: Str, shortId: Str, name: Str }).passthrough(),
});
type ConfigurationFinding = z.infer<typeof ConfigurationFinding>;

type Read =
  | { kind: 'audit'; e: Audit }
  | { kind: 'issue'; e: Issue }
  | { kind: 'defend'; e: Defend }
  | { kind: 'defend_v2'; e: DefendV2 }
  | { kind: 'vulnerability'; e: Vulnerability }
  | { kind: 'configuration'; e: ConfigurationFinding };

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if ('action' in raw && 'requestId' in raw && 'actionParameters' in raw) {
    const r = Audit.safeParse(raw);
    return r.success ? { kind: 'audit', e: r.data } : null;
  }
  if (('sourceRule' in raw || 'sourceRules' in raw) && 'entitySnapshot' in raw && 'severity' in raw) {
    const r = Issue.safeParse(raw);
    return r.success ? { kind: 'issue', e: r.data } : null;
  }
  if ('triggeringEvent' in raw && ('primaryResource' in raw || 'primaryActor' in raw)) {
    const r = Defend.safeParse(raw);
    return r.success ? { kind: 'defend', e: r.data } : null;
  }
  if ('triggeringEvents' in raw && ('ruleMatch' in raw || 'origins' in raw)) {
    const r = DefendV2.safeParse(raw);
    return r.success ? { kind: 'defend_v2', e: r.data } : null;
  }
  if (
    'vulnerableAsset' in raw &&
    ('CVSSSeverity' in raw || 'vendorSeverity' in raw || 'detectionMethod' in raw)
  ) {
    const r = Vulnerability.safeParse(raw);
    return r.success ? { kind: 'vulnerability', e: r.data } : null;
  }
  if (
    'analyzedAt' in raw &&
    'result' in raw &&
    'resource' in raw &&
    'rule' in raw &&
    isObject(raw.resource) &&
    isObject(raw.rule)
  ) {
    const r = ConfigurationFinding.safeParse(raw);
    return r.success ? { kind: 'configuration', e: r.data } : null;
  }
  return null;
}

function parseAudit(e: Audit): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(indicatorIp(e.sourceIP));
  obs.user(e.user?.name);
  obs.user(e.user?.id);
  obs.user(e.actionParameters?.userEmail);
  obs.user(e.actionParameters?.userID);
  obs.user(e.actionParameters?.userpoolID);
  const action = e.action.trim().toLowerCase().split(/\s+/).join('-');
  const failed = e.status?.toLowerCase().includes('failure') ?? false;
  const who = e.user?.name ?? e.serviceAccount?.name;
  return parserAlert('wiz', 'wiz.audit', obs, {
    title: `Wiz audit: ${e.action.trim()}${who ? ` by ${who}` : ''}${failed ? ' (failed)' : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: action || null,
  });
}

function parseIssue(e: Issue): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic appends every note author's name, then every note author's e-mail.
  for (const note of e.notes ?? []) obs.user(note.user?.name);
  for (const note of e.notes ?? []) obs.user(note.user?.email);
  const source = e.sourceRule ?? e.sourceRules?.[0];
  const rule = source?.name ?? e.type ?? 'issue';
  const entity = e.entitySnapshot.name;
  return parserAlert('wiz', 'wiz.issue', obs, {
    title: `Wiz issue: ${rule}${entity ? ` on ${entity}` : ''}`,
    severity: mapSeverity(e.severity) ?? 'medium',
    observedAt: toIsoTime(e.statusChangedAt ?? e.updatedAt ?? e.createdAt),
    ruleId: source?.id ?? null,
  });
}

function parseDefend(e: Defend): ReturnType<Parser['parse']> {
  const t = e.triggeringEvent;
  const obs = new ObservablesBuilder();
  obs.ip(indicatorIp(t.actorIP));
  obs.dstIp(indicatorIp(t.subjectResourceIp));
  obs.user(t.actor?.name);
  obs.user(e.primaryActor?.email);
  obs.user(e.primaryActor?.id);
  obs.user(e.primaryActor?.name);
  obs.user(t.actor?.id);
  const tree = t.runtimeDetails?.processTree ?? [];
  for (const node of tree) obs.user(node.userId);
  for (const node of tree) obs.user(node.username);
  return parserAlert('wiz', 'wiz.defend', obs, {
    title: `Wiz Defend: ${e.title ?? e.trigger?.ruleName ?? 'detection'}`,
    severity: mapSeverity(e.severity) ?? 'medium',
    observedAt: toIsoTime(t.eventTime ?? e.createdAt),
    ruleId: e.trigger?.ruleId ?? null,
  });
}

/** Actor kinds that name no person or account: an address (the events give it) or nothing known. */
const NOT_AN_ACCOUNT = new Set(['NETWORK_ADDRESS', 'UNKNOWN']);

function parseDefendV2(e: DefendV2): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const nodes = e.triggeringEvents.nodes;
  for (const node of nodes) obs.srcIp(indicatorIp(node.actorIP));
  const actor = e.primaryActor;
  if (actor && !NOT_AN_ACCOUNT.has(actor.type?.toUpperCase() ?? 'UNKNOWN')) {
    obs.user(actor.email);
    obs.user(actor.name);
  }
  const rule = e.ruleMatch?.rule;
  const resource = e.primaryResource?.name;
  return parserAlert('wiz', 'wiz.defend_v2', obs, {
    title: `Wiz Defend: ${rule?.name ?? 'detection'}${resource ? ` on ${resource}` : ''}`,
    severity: mapSeverity(e.severity) ?? 'medium',
    observedAt: toIsoTime(nodes[0]?.timestamp ?? e.createdAt) ?? toIsoTime(e.createdAt),
    ruleId: rule?.id ?? null,
  });
}

function parseVulnerability(e: Vulnerability): ReturnType<Parser['parse']> {
  const asset = e.vulnerableAsset;
  const obs = new ObservablesBuilder();
  // Elastic names the host only for a virtual machine, lower-cased.
  if (asset.type === 'VIRTUAL_MACHINE') obs.host(asset.name?.toLowerCase());
  for (const ip of asset.ipAddresses ?? []) obs.ip(indicatorIp(ip));
  return parserAlert('wiz', 'wiz.vulnerability', obs, {
    title: `Wiz vulnerability: ${e.name ?? e.id}${e.detailedName ? ` in ${e.detailedName}` : ''}${asset.name ? ` on ${asset.name}` : ''}`,
    severity: mapSeverity(e.vendorSeverity ?? e.CVSSSeverity) ?? 'medium',
    observedAt: toIsoTime(e.lastDetectedAt ?? e.firstDetectedAt),
    ruleId: e.name ?? null,
  });
}

function parseConfigurationFinding(e: ConfigurationFinding): ReturnType<Parser['parse']> {
  const res = e.resource;
  const obs = new ObservablesBuilder();
  // Elastic sets user.name for a user account and host.name (lower-cased) for a virtual machine; nothing else.
  if (res.type === 'USER_ACCOUNT') obs.user(res.name);
  if (res.type === 'VIRTUAL_MACHINE') obs.host(res.name?.toLowerCase());
  const result = e.result?.toUpperCase();
  const what = e.rule.name ?? e.name ?? 'cloud configuration rule';
  return parserAlert('wiz', 'wiz.cloud_configuration_finding', obs, {
    title: `Wiz cloud configuration finding: ${what}${res.name ? ` on ${res.name}` : ''}${result ? ` (${result})` : ''}`,
    // Only a failed check is a finding to fix; a passed or pending one is information.
    severity: result === 'FAIL' ? (mapSeverity(e.severity) ?? 'medium') : 'info',
    observedAt: toIsoTime(e.analyzedAt),
    ruleId: e.rule.shortId ?? e.rule.id ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Wiz record');
  switch (r.kind) {
    case 'audit':
      return parseAudit(r.e);
    case 'issue':
      return parseIssue(r.e);
    case 'defend':
      return parseDefend(r.e);
    case 'defend_v2':
      return parseDefendV2(r.e);
    case 'vulnerability':
      return parseVulnerability(r.e);
    case 'configuration':
      return parseConfigurationFinding(r.e);
  }
}

export const wizParser: Parser = {
  name: 'wiz',
  claims: {
    keys: [
      'actionParameters',
      'entitySnapshot',
      'triggeringEvent',
      'triggeringEvents',
      'vulnerableAsset',
      'analyzedAt',
    ],
    text: false,
  },
  detect: detectorOf(read),
  parse,
};
