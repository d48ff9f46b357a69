// Wiz GraphQL API records: audit log entries, issues, vulnerability findings and Defend detections (webhook),
// mapped as Elastic's `wiz` pipelines map them: audit user, note authors, actors and process-tree users; the audit
// source, the vulnerable asset (host) and its addresses, the Defend actor (related) and subject resource addresses.
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

const Vulnerability = z.object({
  id: z.string(),
  name: Str,
  CVSSSeverity: Str,
  vendorSeverity: Str,
  firstDetectedAt: Str,
  lastDetectedAt: Str,
  detailedName: Str,
  vulnerableAsset: z.object({ name: Str, ipAddresses: z.array(z.string()).nullish() }).passthrough(),
});
type Vulnerability = z.infer<typeof Vulnerability>;

type Read =
  | { kind: 'audit'; e: Audit }
  | { kind: 'issue'; e: Issue }
  | { kind: 'defend'; e: Defend }
  | { kind: 'vulnerability'; e: Vulnerability };

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if ('action' in raw && 'requestId' in raw && 'actionParameters' in raw) {
    const r = Audit.safeParse(raw);
    return r.success ? { kind: 'audit', e: r.data } : null;
  }
  if ('sourceRule' in raw && 'entitySnapshot' in raw && 'severity' in raw) {
    const r = Issue.safeParse(raw);
    return r.success ? { kind: 'issue', e: r.data } : null;
  }
  if ('triggeringEvent' in raw && ('primaryResource' in raw || 'primaryActor' in raw)) {
    const r = Defend.safeParse(raw);
    return r.success ? { kind: 'defend', e: r.data } : null;
  }
  if (
    'vulnerableAsset' in raw &&
    ('CVSSSeverity' in raw || 'vendorSeverity' in raw || 'detectionMethod' in raw)
  ) {
    const r = Vulnerability.safeParse(raw);
    return r.success ? { kind: 'vulnerability', e: r.data } : null;
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
  const rule = e.sourceRule?.name ?? e.type ?? 'issue';
  const entity = e.entitySnapshot.name;
  return parserAlert('wiz', 'wiz.issue', obs, {
    title: `Wiz issue: ${rule}${entity ? ` on ${entity}` : ''}`,
    severity: mapSeverity(e.severity) ?? 'medium',
    observedAt: toIsoTime(e.statusChangedAt ?? e.updatedAt ?? e.createdAt),
    ruleId: e.sourceRule?.id ?? null,
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

function parseVulnerability(e: Vulnerability): ReturnType<Parser['parse']> {
  const asset = e.vulnerableAsset;
  const obs = new ObservablesBuilder();
  obs.host(asset.name);
  for (const ip of asset.ipAddresses ?? []) obs.ip(indicatorIp(ip));
  return parserAlert('wiz', 'wiz.vulnerability', obs, {
    title: `Wiz vulnerability: ${e.name ?? e.id}${e.detailedName ? ` in ${e.detailedName}` : ''}${asset.name ? ` on ${asset.name}` : ''}`,
    severity: mapSeverity(e.vendorSeverity ?? e.CVSSSeverity) ?? 'medium',
    observedAt: toIsoTime(e.lastDetectedAt ?? e.firstDetectedAt),
    ruleId: e.name ?? null,
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
    case 'vulnerability':
      return parseVulnerability(r.e);
  }
}

export const wizParser: Parser = {
  name: 'wiz',
  detect: detectorOf(read),
  parse,
};
