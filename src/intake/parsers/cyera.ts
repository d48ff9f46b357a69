// Cyera data security platform API records (audit log, issues, events, datastores, classifications),
// mapped as Elastic's `cyera` package pipelines map them: the audit IP as the source, actors, owners and
// datastore owners as users, an event's domain name in related.hosts.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'cyera';

const Str = OptionalText;

const Audit = z.object({
  frontegg_id: z.string(),
  action: z.string(),
  description: Str,
  email: Str,
  ip: Str,
  severity: Str,
  createdAt: Str,
});

const Owner = z.object({ datastoreOwnerUid: Str, email: Str, ownerType: Str });
const Owners = z.array(Owner).nullish();

const Issue = z.object({
  uid: z.string(),
  name: Str,
  severity: Str,
  status: Str,
  riskStatus: Str,
  datastoreName: Str,
  createdDate: Str,
  updatedDate: Str,
  owner: Str,
  datastoreOwners: Owners,
  policyUid: Str,
});

const Event = z.object({
  uid: z.string(),
  type: z.string(),
  date: Str,
  user: Str,
  domainName: Str,
  issueName: Str,
  recipients: z.array(z.string()).nullish(),
  datastore: z.object({ name: Str }).nullish(),
  policy: z.object({ name: Str, uid: Str }).nullish(),
  issue: z.object({ uid: Str }).nullish(),
});

const Datastore = z.object({
  uid: z.string(),
  name: Str,
  provider: Str,
  type: Str,
  owner: Str,
  userId: Str,
  datastoreOwners: Owners,
  lastModifiedTime: Str,
  createdDate: Str,
  discoveredDate: Str,
  sensitivityDisplayName: Str,
  publicAccessibilityState: Str,
});

const Classification = z.object({
  uid: z.string(),
  name: Str,
  classificationName: Str,
  sensitivityDisplayName: Str,
});

/** Every key an `event` record (Cyera's /v1/events) may carry, as Elastic's pipeline reads them. */
const EVENT_KEYS = new Set([
  'account',
  'affectedDataClassAppearances',
  'affectedObjectsCount',
  'affectedObjectsDiff',
  'affectedRecordsDiff',
  'automaticScanning',
  'changedClassificationUid',
  'classificationName',
  'classifications',
  'cloudProvider',
  'datastore',
  'datastoreUserTags',
  'date',
  'deploymentName',
  'domainName',
  'expectedM365SensitivityLabelAssignmentsCount',
  'failedM365SensitivityLabelAssignmentsCount',
  'frequency',
  'inPlatformIdentifier',
  'isDomainTrusted',
  'isReportDeleted',
  'isReportExpired',
  'issueName',
  'issue',
  'issueUid',
  'issues',
  'm365AssignedSensitivityLabelName',
  'originalSensitivity',
  'originalSensitivityDisplayName',
  'policy',
  'projectName',
  'projectUid',
  'recipients',
  'reportFileName',
  'reportInstanceUid',
  'reportJobUid',
  'reportName',
  'reportType',
  'sku',
  'sourceClassifications',
  'subscriptionUid',
  'successfulM365SensitivityLabelAssignmentsCount',
  'targetClassifications',
  'targetSensitivity',
  'targetSensitivityDisplayName',
  'type',
  'uid',
  'user',
  'vendorLink',
  'vendorStatus',
  'vendorTicketId',
  // Agentless metadata, removed by the pipeline.
  'organization',
  'division',
  'team',
]);

type Stream = 'audit' | 'issue' | 'event' | 'datastore' | 'classification';

const SCHEMAS: Record<Stream, z.ZodTypeAny> = {
  audit: Audit,
  issue: Issue,
  event: Event,
  datastore: Datastore,
  classification: Classification,
};

/** The data stream a record belongs to, from its distinctive keys; null for anything else. */
function streamOf(raw: object): Stream | null {
  const has = (k: string): boolean => k in raw;
  if (has('frontegg_id') && has('action') && (has('tenantId') || has('vendorId'))) return 'audit';
  if (!has('uid')) return null;
  if (has('datastoreUid') && has('riskStatus') && (has('createdDate') || has('updatedDate'))) return 'issue';
  if (
    has('infrastructure') &&
    has('provider') &&
    (has('scanningState') || has('discoveredDate') || has('recordCountBySensitivity'))
  ) {
    return 'datastore';
  }
  if (has('dataClassName') && has('classificationName') && (has('context') || has('classificationGroup'))) {
    return 'classification';
  }
  if (has('type') && has('date') && Object.keys(raw).every((k) => EVENT_KEYS.has(k))) {
    return 'event';
  }
  return null;
}

function readStream(raw: unknown): Stream | null {
  if (!isObject(raw)) return null;
  const s = streamOf(raw);
  if (
    s === 'event' &&
    !('type' in raw && typeof raw.type === 'string' && /^[A-Za-z0-9]+Event$/.test(raw.type))
  ) {
    return null;
  }
  return s !== null && SCHEMAS[s].safeParse(raw).success ? s : null;
}

const detect = (raw: unknown): boolean => readStream(raw) !== null;

/** `user.name` from an owner as Elastic's dissect leaves it: the part before `@`, else the whole value. */
const ownerName = (owner: string): string =>
  owner.includes('@') ? owner.slice(0, owner.indexOf('@')) : owner;

const title = (...parts: Array<string | null | undefined | false>): string =>
  parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();

function parseAudit(raw: unknown): Alert {
  const e = Audit.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ip);
  obs.user(e.email);
  obs.email(e.email);
  const failed = /fail|denied|invalid/i.test(e.action);
  const severity: Severity = failed ? 'medium' : (mapSeverity(e.severity) ?? 'info');
  return parserAlert(NAME, 'cyera.audit', obs, {
    title: title('Cyera audit:', e.action, e.email && `by ${e.email}`),
    severity,
    observedAt: toIsoTime(e.createdAt),
    ruleId: e.action,
  });
}

function parseIssue(raw: unknown): Alert {
  const e = Issue.parse(raw);
  // user.name is the owner (local part); related.user the owners' ids, then their e-mails, then the owner.
  const obs = new ObservablesBuilder();
  if (e.owner) obs.user(ownerName(e.owner));
  const owners = e.datastoreOwners ?? [];
  for (const o of owners) obs.user(o.datastoreOwnerUid);
  for (const o of owners) {
    obs.user(o.email);
    obs.email(o.email);
  }
  obs.user(e.owner);
  obs.email(e.owner);
  return parserAlert(NAME, 'cyera.issue', obs, {
    title: title(
      'Cyera issue:',
      e.name,
      e.datastoreName && `in ${e.datastoreName}`,
      e.status && `(${e.status})`,
    ),
    severity: mapSeverity(e.severity) ?? 'medium',
    observedAt: toIsoTime(e.updatedDate ?? e.createdDate),
    ruleId: e.policyUid ?? e.name ?? null,
  });
}

function parseEvent(raw: unknown): Alert {
  const e = Event.parse(raw);
  const obs = new ObservablesBuilder();
  obs.user(e.user);
  obs.email(e.user);
  for (const r of e.recipients ?? []) obs.email(r);
  obs.domain(e.domainName);
  return parserAlert(NAME, 'cyera.event', obs, {
    title: title(
      'Cyera event:',
      e.type,
      e.issueName ?? e.policy?.name,
      e.datastore?.name && `on ${e.datastore.name}`,
      e.user && `by ${e.user}`,
    ),
    severity: /^Issue(?:Created|Reopened)/.test(e.type) ? 'medium' : 'info',
    observedAt: toIsoTime(e.date),
    ruleId: e.type,
  });
}

function parseDatastore(raw: unknown): Alert {
  const e = Datastore.parse(raw);
  // user.name is the owner (local part); related.user the datastore owners' e-mails, the owner, the user id.
  const obs = new ObservablesBuilder();
  if (e.owner) obs.user(ownerName(e.owner));
  for (const o of e.datastoreOwners ?? []) {
    obs.user(o.email);
    obs.email(o.email);
  }
  obs.user(e.owner);
  obs.email(e.owner);
  obs.user(e.userId);
  const exposed =
    /public/i.test(e.publicAccessibilityState ?? '') && !/private/i.test(e.publicAccessibilityState ?? '');
  return parserAlert(NAME, 'cyera.datastore', obs, {
    title: title(
      'Cyera datastore:',
      e.name,
      e.type && `(${e.type})`,
      e.sensitivityDisplayName && `sensitivity ${e.sensitivityDisplayName}`,
      exposed && 'publicly accessible',
    ),
    severity: exposed ? 'medium' : 'info',
    observedAt: toIsoTime(e.lastModifiedTime ?? e.createdDate ?? e.discoveredDate),
    ruleId: e.type ?? null,
  });
}

function parseClassification(raw: unknown): Alert {
  const e = Classification.parse(raw);
  // Elastic maps no indicator from a classification (a data class definition).
  return parserAlert(NAME, 'cyera.classification', new ObservablesBuilder(), {
    title: title(
      'Cyera classification:',
      e.classificationName ?? e.name,
      e.sensitivityDisplayName && `(${e.sensitivityDisplayName})`,
    ),
    severity: 'info',
    ruleId: e.uid,
  });
}

function parse(raw: unknown): Alert {
  switch (readStream(raw)) {
    case 'audit':
      return parseAudit(raw);
    case 'issue':
      return parseIssue(raw);
    case 'event':
      return parseEvent(raw);
    case 'datastore':
      return parseDatastore(raw);
    case 'classification':
      return parseClassification(raw);
    default:
      throw new Error('not a Cyera record');
  }
}

export const cyeraParser: Parser = {
  name: NAME,
  claims: { keys: ['frontegg_id', 'uid'], text: false },
  detect,
  parse,
};
