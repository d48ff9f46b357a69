// Atlassian audit records (Jira, Confluence, Bitbucket): the Data Center "advanced auditing" JSON and the
// Jira / Confluence Cloud audit API records, mapped as Elastic's atlassian_{jira,confluence,bitbucket}
// `audit` pipelines map them (client address, author and user-management targets, the `system` host).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

type Product = 'jira' | 'confluence' | 'bitbucket';

const Str = OptionalText;
const Scalar = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const AuditType = z.object({
  action: Str,
  actionI18nKey: Str,
  category: Str,
  categoryI18nKey: Str,
  area: Str,
});
const Affected = z.object({ id: Scalar, name: Scalar, type: Str, uri: Str });
const Changed = z.object({ i18nKey: Str, key: Str, from: Scalar, to: Scalar });
const Epoch = z.object({ epochSecond: z.number(), nano: z.number().nullish() });

/** The Data Center / Server advanced-auditing record (file log or REST `entities`). */
const DataCenter = z.object({
  timestamp: z.union([z.string(), z.number(), Epoch]).nullish(),
  author: z.object({ name: Str, id: Scalar, type: Str, uri: Str }),
  type: AuditType.nullish(),
  auditType: AuditType.nullish(),
  affectedObjects: z.array(Affected).nullish(),
  changedValues: z.array(Changed).nullish(),
  source: Str,
  system: Str,
  method: Str,
});
type DataCenter = z.infer<typeof DataCenter>;

/** A Jira Cloud audit record (`/rest/api/3/auditing/record` entries). */
const JiraCloud = z.object({
  id: Scalar,
  summary: z.string(),
  remoteAddress: Str,
  authorKey: Str,
  authorAccountId: Str,
  created: z.string(),
  category: Str,
  eventSource: Str,
  objectItem: z.object({ id: Scalar, name: Scalar, typeName: Str }).nullish(),
  changedValues: z.array(z.object({ fieldName: Str, changedFrom: Scalar, changedTo: Scalar })).nullish(),
  associatedItems: z.array(z.object({ id: Scalar, name: Scalar, typeName: Str })).nullish(),
});
type JiraCloud = z.infer<typeof JiraCloud>;

const CloudObject = z.object({ id: Scalar, name: Scalar, objectType: Str });
/** A Confluence Cloud audit record (`/wiki/rest/api/audit` results). */
const ConfluenceCloud = z.object({
  author: z.object({ displayName: Str, accountId: Str, type: Str }).passthrough(),
  remoteAddress: Str,
  creationDate: z.union([z.number(), z.string()]),
  summary: z.string(),
  category: Str,
  affectedObject: CloudObject.nullish(),
  changedValues: z.array(z.object({ name: Str, oldValue: Scalar, newValue: Scalar })).nullish(),
  associatedObjects: z.array(CloudObject).nullish(),
});
type ConfluenceCloud = z.infer<typeof ConfluenceCloud>;

const has = (o: object, ...keys: string[]): boolean => keys.every((k) => k in o);

function isDataCenter(raw: object): boolean {
  if (!('author' in raw) || !('type' in raw || 'auditType' in raw)) return false;
  const r = DataCenter.safeParse(raw);
  if (!r.success) return false;
  const t = r.data.auditType ?? r.data.type;
  return Boolean(t && (t.actionI18nKey || t.categoryI18nKey));
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  if (isDataCenter(raw)) return true;
  if (has(raw, 'summary', 'created', 'category') && ('authorKey' in raw || 'authorAccountId' in raw)) {
    return JiraCloud.safeParse(raw).success;
  }
  if (has(raw, 'author', 'creationDate', 'summary', 'remoteAddress', 'affectedObject')) {
    return ConfluenceCloud.safeParse(raw).success;
  }
  return false;
}

/** A normalised record: what every product's pipeline reads after its cloud / self-hosted stage. */
interface Record {
  product: Product;
  /** Elastic's `event.action`: the action's i18n key (Data Center) or the summary (Cloud). */
  action: string | undefined;
  actionText: string | undefined;
  category: string | undefined;
  categoryKey: string | undefined;
  source: string | undefined;
  userName: string | undefined;
  actor: string | undefined;
  system: string | undefined;
  time: unknown;
  affected: { id?: string; name?: string; type?: string; uri?: string }[];
  changed: { key?: string; from?: string; to?: string }[];
  cloud: boolean;
}

const PRODUCT_PREFIX: readonly [RegExp, Product][] = [
  [/^bitbucket\./, 'bitbucket'],
  [/^jira\./, 'jira'],
  [/^(?:confluence\.|audit\.logging\.)/, 'confluence'],
];

/** The product of a Data Center record: i18n key prefixes, then the `system` / author URL, then its shape. */
function productOf(e: DataCenter): Product {
  const t = e.auditType ?? e.type;
  const keys = [t?.actionI18nKey, t?.categoryI18nKey, ...(e.changedValues ?? []).map((c) => c.i18nKey)];
  for (const key of keys) {
    for (const [re, product] of PRODUCT_PREFIX) if (key && re.test(key)) return product;
  }
  const urls = `${e.system ?? ''} ${e.author.uri ?? ''}`.toLowerCase();
  if (/bitbucket|stash/.test(urls)) return 'bitbucket';
  if (/confluence|\/wiki\b|viewuser\.action/.test(urls)) return 'confluence';
  if (/jira|viewprofile\.jspa/.test(urls)) return 'jira';
  return e.auditType ? 'bitbucket' : 'jira';
}

function fromDataCenter(e: DataCenter): Record {
  const t = e.auditType ?? e.type;
  const product = productOf(e);
  const ts = e.timestamp;
  const time = isObject(ts) ? ts.epochSecond + (ts.nano ?? 0) / 1e9 : ts;
  // Jira and Bitbucket take the author's name as user.name; Confluence keeps it as user.full_name and
  // reads user.name from the author's profile link (`?username=`).
  const userName = product === 'confluence' ? usernameOf(e.author.uri) : (e.author.name ?? undefined);
  return {
    product,
    action: t?.actionI18nKey ?? undefined,
    actionText: t?.action ?? undefined,
    category: t?.category ?? undefined,
    categoryKey: t?.categoryI18nKey ?? undefined,
    source: e.source ?? undefined,
    userName,
    actor: e.author.name ?? userName,
    system: e.system ?? undefined,
    time,
    affected: (e.affectedObjects ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type ?? undefined,
      uri: a.uri ?? undefined,
    })),
    changed: (e.changedValues ?? []).map((c) => ({ key: c.i18nKey ?? undefined, from: c.from, to: c.to })),
    cloud: false,
  };
}

function fromJiraCloud(e: JiraCloud): Record {
  const items = [...(e.associatedItems ?? []), ...(e.objectItem ? [e.objectItem] : [])];
  return {
    product: 'jira',
    action: e.summary,
    actionText: e.summary,
    category: e.category ?? undefined,
    categoryKey: undefined,
    source: e.remoteAddress ?? undefined,
    userName: undefined,
    actor: e.authorKey ?? e.authorAccountId ?? undefined,
    system: undefined,
    time: e.created,
    affected: items.map((a) => ({ id: a.id, name: a.name, type: a.typeName ?? undefined })),
    changed: (e.changedValues ?? []).map((c) => ({
      key: c.fieldName ?? undefined,
      from: c.changedFrom,
      to: c.changedTo,
    })),
    cloud: true,
  };
}

function fromConfluenceCloud(e: ConfluenceCloud): Record {
  const items = [...(e.associatedObjects ?? []), ...(e.affectedObject ? [e.affectedObject] : [])];
  return {
    product: 'confluence',
    action: e.summary,
    actionText: e.summary,
    category: e.category ?? undefined,
    categoryKey: undefined,
    source: e.remoteAddress ?? undefined,
    userName: undefined,
    actor: e.author.displayName ?? e.author.accountId ?? undefined,
    system: undefined,
    time: typeof e.creationDate === 'string' ? Number(e.creationDate) / 1000 : e.creationDate / 1000,
    affected: items.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.objectType ?? undefined,
    })),
    changed: (e.changedValues ?? []).map((c) => ({
      key: c.name ?? undefined,
      from: c.oldValue,
      to: c.newValue,
    })),
    cloud: true,
  };
}

/** The `?username=` of a Confluence profile link, as the pipeline's grok (`%{USER}`) reads it. */
function usernameOf(uri: string | null | undefined): string | undefined {
  return uri ? /\?username=([a-zA-Z0-9._-]+)$/.exec(uri)?.[1] : undefined;
}

/** The users each product's "Add ECS User fields" script finds: the acting user and target / new names. */
interface Users {
  name?: string;
  target?: string;
  changes?: string;
}

const JIRA_TARGET_ACTIONS = new Set([
  'jira.auditing.user.created',
  'jira.auditing.user.deleted',
  'jira.auditing.user.password.changed',
  'jira.auditing.user.updated',
  'jira.auditing.user.added.to.group',
  'jira.auditing.user.removed.from.group',
  'User created',
  'User deleted',
  'User added to group',
  'User removed from group',
]);
const JIRA_RENAME = new Set(['jira.auditing.user.renamed', 'User renamed']);
const JIRA_CHANGE = new Set([
  'jira.auditing.user.created',
  'jira.auditing.user.updated',
  'User created',
  'User updated',
]);

function jiraUsers(r: Record, u: Users): void {
  const managed =
    ['jira.auditing.category.usermanagement', 'jira.auditing.category.groupmanagement'].includes(
      r.categoryKey ?? '',
    ) || ['user management', 'group management'].includes(r.category ?? '');
  if (!managed || !r.action) return;
  for (const a of r.affected) {
    if (a.type === 'USER' && JIRA_TARGET_ACTIONS.has(r.action)) u.target = a.name;
  }
  for (const c of r.changed) {
    if (c.key !== 'common.words.username') continue;
    if (JIRA_RENAME.has(r.action)) {
      u.changes = c.to;
      u.target = c.from;
    }
    if (JIRA_CHANGE.has(r.action)) {
      u.changes = c.to;
      if (c.from !== undefined) u.target = c.from;
    }
  }
}

const CONFLUENCE_TARGET_URI = new Set([
  'audit.logging.summary.user.created',
  'audit.logging.summary.user.deleted',
  'audit.logging.summary.user.password.changed',
  'audit.logging.summary.user.updated',
  'User created',
  'User deleted',
  'User details updated',
]);
const CONFLUENCE_MEMBERSHIP = new Set([
  'audit.logging.summary.group.membership.added',
  'audit.logging.summary.group.membership.removed',
  'User added to group',
  'User removed from group',
]);
const CONFLUENCE_LOGIN = new Set([
  'audit.logging.summary.login.success',
  'audit.logging.summary.login.failed',
]);
const CONFLUENCE_RENAME = new Set(['audit.logging.summary.user.renamed', 'User renamed']);
const CONFLUENCE_CHANGE = new Set([
  'audit.logging.summary.user.created',
  'audit.logging.summary.user.updated',
  'User created',
  'User details updated',
]);

function confluenceUsers(r: Record, u: Users): void {
  const managed =
    ['audit.logging.category.user.management', 'audit.logging.category.auth'].includes(r.categoryKey ?? '') ||
    r.category === 'Users and groups';
  if (!managed || !r.action) return;
  for (const a of r.affected) {
    if (a.type !== 'User') continue;
    const fromUri = usernameOf(a.uri);
    if (CONFLUENCE_TARGET_URI.has(r.action) && fromUri) u.target = fromUri;
    if (CONFLUENCE_MEMBERSHIP.has(r.action)) u.target = a.name;
    if (CONFLUENCE_LOGIN.has(r.action) && fromUri) u.name = fromUri;
  }
  for (const c of r.changed) {
    if (CONFLUENCE_RENAME.has(r.action) && c.key === 'audit.logging.changed.value.username') {
      u.changes = c.to;
      u.target = c.from;
    }
    if (CONFLUENCE_CHANGE.has(r.action) && c.key === 'Username') {
      u.changes = c.to;
      u.target = c.from ?? c.to;
    }
  }
}

const BITBUCKET_TARGET_ACTIONS = new Set([
  'bitbucket.service.user.audit.action.usercreated',
  'bitbucket.service.user.audit.action.userdeleted',
  'bitbucket.service.user.audit.action.userrenamed',
  'bitbucket.service.user.audit.action.usercredentialupdated',
  'bitbucket.service.user.audit.action.groupmembershipscreated.user',
  'bitbucket.service.user.audit.action.groupmembershipdeleted',
]);

function bitbucketUsers(r: Record, u: Users): void {
  if (r.categoryKey !== 'bitbucket.service.audit.category.usersandgroups' || !r.action) return;
  for (const a of r.affected) {
    if (a.type === 'USER' && BITBUCKET_TARGET_ACTIONS.has(r.action)) u.target = a.name;
  }
  for (const c of r.changed) {
    if (
      r.action === 'bitbucket.service.user.audit.action.userrenamed' &&
      c.key === 'bitbucket.service.user.audit.attribute.user.name'
    ) {
      u.changes = c.to;
      u.target = c.from;
    }
  }
}

const USERS: Readonly<{ [P in Product]: (r: Record, u: Users) => void }> = {
  jira: jiraUsers,
  confluence: confluenceUsers,
  bitbucket: bitbucketUsers,
};

/** Actions a SOC looks at before routine configuration changes. */
function severityOf(r: Record): Severity {
  const action = `${r.action ?? ''} ${r.actionText ?? ''}`.toLowerCase();
  if (/login[. ]failed|authenticationfailure|authentication fail/.test(action)) return 'low';
  if (
    /global ?permission|sysadmin|websudo|access\.tokens|access token|sshkey|user\.(?:created|deleted)/.test(
      action,
    )
  ) {
    return 'low';
  }
  return 'info';
}

/** The host of the `system` base URL, as the pipeline's `uri_parts` reads `domain`. */
function systemHost(system: string | undefined): string | undefined {
  if (!system) return undefined;
  try {
    const host = new URL(system).hostname;
    return host.replace(/^\[(.*)\]$/, '$1') || undefined;
  } catch {
    return undefined;
  }
}

function recordOf(raw: unknown): Record {
  if (isObject(raw) && isDataCenter(raw)) return fromDataCenter(DataCenter.parse(raw));
  const jira = JiraCloud.safeParse(raw);
  if (jira.success) return fromJiraCloud(jira.data);
  return fromConfluenceCloud(ConfluenceCloud.parse(raw));
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = recordOf(raw);
  const obs = new ObservablesBuilder();
  // `convert` to ip: a bare address only; anything else (a proxy chain) fails the pipeline's conversion.
  obs.srcIp(bareIndicatorIp(r.source));
  const users: Users = { name: r.userName };
  USERS[r.product](r, users);
  obs.user(users.name);
  obs.user(users.target);
  obs.user(users.changes);
  const host = systemHost(r.system);
  if (host && bareIndicatorIp(host)) obs.host(host);
  else obs.domain(host);
  const format = `atlassian_${r.product}.audit`;
  const label = r.product.charAt(0).toUpperCase() + r.product.slice(1);
  const what = r.actionText ?? r.action ?? 'audit event';
  return parserAlert('atlassian.audit', format, obs, {
    title: `${label} audit: ${what}${r.actor ? ` by ${r.actor}` : ''}`,
    severity: severityOf(r),
    observedAt: toIsoTime(r.time),
    ruleId: r.action ?? null,
  });
}

export const atlassianAuditParser: Parser = {
  name: 'atlassian.audit',
  claims: { keys: ['author', 'summary'], text: false },
  detect,
  parse,
};
