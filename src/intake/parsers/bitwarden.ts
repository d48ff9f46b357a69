// Bitwarden public API records: events (`{"object": "event", "type": 1000, "actingUserId", "memberId", "ipAddress"}`:
// the client address as the source, the member and acting-user ids as users), and the organisation's members
// (id, user id, name, e-mail as users), groups, collections and policies (no indicators), as Elastic's
// `bitwarden` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Id = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const BitwardenEvent = z.object({
  object: z.literal('event'),
  type: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  date: z.string().nullish(),
  itemId: Id,
  collectionId: Id,
  groupId: Id,
  policyId: Id,
  memberId: Id,
  actingUserId: Id,
  installationId: Id,
  device: z.union([z.number(), z.string()]).nullish(),
  ipAddress: Id,
});
type BitwardenEvent = z.infer<typeof BitwardenEvent>;

/** An organisation member (`/public/members`): Elastic puts the id, user id, name and e-mail in related.user. */
const Member = z.object({
  object: z.literal('member'),
  id: z.string(),
  userId: Id,
  name: Id,
  email: Id,
  type: z.number().int().nullish(),
  status: z.number().int().nullish(),
});
/** A group, collection or policy (`/public/groups`, `/public/collections`, `/public/policies`): state, no indicators. */
const OrgObject = z.object({
  object: z.enum(['group', 'collection', 'policy']),
  id: z.string(),
  name: Id,
  type: z.number().int().nullish(),
  enabled: z.boolean().nullish(),
});

/** Keys Bitwarden's member, group, collection and policy models always carry (maybe null), beside `object`, `id`. */
const ORG_KEYS: Readonly<Record<string, readonly string[]>> = lookupTable({
  member: ['accessAll', 'twoFactorEnabled', 'status'],
  group: ['accessAll', 'collections'],
  collection: ['externalId', 'groups'],
  policy: ['enabled', 'type', 'data'],
});

const OrgHead = z.object({ object: z.string(), id: z.string() });

function isOrgRecord(raw: object): boolean {
  const head = OrgHead.safeParse(raw);
  if (!head.success) return false;
  const keys = ORG_KEYS[head.data.object];
  if (!keys || !keys.every((k) => k in raw)) return false;
  return (head.data.object === 'member' ? Member : OrgObject).safeParse(raw).success;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('object' in raw)) return false;
  if (raw.object !== 'event') return isOrgRecord(raw);
  if (!('type' in raw) || !('actingUserId' in raw || 'memberId' in raw || 'ipAddress' in raw)) return false;
  return BitwardenEvent.safeParse(raw).success;
}

/** Bitwarden's member types and policy types, for titles. */
const MEMBER_TYPES = ['Owner', 'Admin', 'User', 'Manager', 'Custom'];
const POLICY_TYPES = [
  'TwoFactorAuthentication',
  'MasterPassword',
  'PasswordGenerator',
  'SingleOrg',
  'RequireSso',
  'PersonalOwnership',
  'DisableSend',
  'SendOptions',
  'ResetPassword',
  'MaximumVaultTimeout',
  'DisablePersonalVaultExport',
];

function parseOrgRecord(raw: unknown): Alert {
  const obs = new ObservablesBuilder();
  const member = Member.safeParse(raw);
  if (member.success) {
    const m = member.data;
    // user.name, user.id, the account's user id and user.email, all in related.user.
    obs.user(m.name);
    obs.user(m.id);
    obs.user(m.userId);
    obs.user(m.email);
    obs.email(m.email);
    const role =
      m.type === null || m.type === undefined ? '' : ` (${MEMBER_TYPES[m.type] ?? `type ${m.type}`})`;
    return parserAlert('bitwarden', 'bitwarden.member', obs, {
      title: `Bitwarden member ${m.email ?? m.name ?? m.id}${role}`,
      severity: 'info',
      observedAt: null,
      ruleId: null,
    });
  }
  const o = OrgObject.parse(raw);
  const policy = o.type === null || o.type === undefined ? '' : (POLICY_TYPES[o.type] ?? `type ${o.type}`);
  const what =
    o.object === 'policy'
      ? `policy ${policy}${o.enabled === false ? ' (disabled)' : ''}`
      : `${o.object} ${o.name ?? o.id}`;
  return parserAlert('bitwarden', `bitwarden.${o.object}`, obs, {
    title: `Bitwarden ${what}`,
    severity: 'info',
    observedAt: null,
    ruleId: o.object === 'policy' ? policy || null : null,
  });
}

/** Bitwarden's EventType names (server `EventType.cs`) for the types a SOC rates above info. */
const NOTABLE: Readonly<Record<string, readonly [string, Severity]>> = lookupTable({
  '1001': ['User_ChangedPassword', 'low'],
  '1002': ['User_Updated2fa', 'low'],
  '1003': ['User_Disabled2fa', 'medium'],
  '1004': ['User_Recovered2fa', 'medium'],
  '1005': ['User_FailedLogIn', 'medium'],
  '1006': ['User_FailedLogIn2fa', 'medium'],
  '1007': ['User_ClientExportedVault', 'medium'],
  '1102': ['Cipher_Deleted', 'low'],
  '1503': ['OrganizationUser_Removed', 'low'],
  '1508': ['OrganizationUser_AdminResetPassword', 'medium'],
  '1601': ['Organization_PurgedVault', 'high'],
  '1602': ['Organization_ClientExportedVault', 'medium'],
  '1605': ['Organization_DisabledSso', 'medium'],
  '1700': ['Policy_Updated', 'low'],
});

/** Names of the common info-level types, for readable titles. */
const NAMES: Readonly<Record<string, string>> = lookupTable({
  '1000': 'User_LoggedIn',
  '1100': 'Cipher_Created',
  '1101': 'Cipher_Updated',
  '1107': 'Cipher_ClientViewed',
  '1111': 'Cipher_ClientCopiedPassword',
  '1114': 'Cipher_ClientAutofilled',
  '1300': 'Collection_Created',
  '1400': 'Group_Created',
  '1500': 'OrganizationUser_Invited',
  '1501': 'OrganizationUser_Confirmed',
  '1502': 'OrganizationUser_Updated',
});

function parse(raw: unknown): Alert {
  if (isObject(raw) && 'object' in raw && raw.object !== 'event') return parseOrgRecord(raw);
  const e: BitwardenEvent = BitwardenEvent.parse(raw);
  const type = String(e.type);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.ipAddress) ?? undefined);
  // user.id is the member the event concerns, source.user.id the acting user; related.user holds both.
  obs.user(e.memberId);
  obs.user(e.actingUserId);
  const notable = NOTABLE[type];
  const name = notable?.[0] ?? NAMES[type] ?? `event type ${type}`;
  return parserAlert('bitwarden', 'bitwarden.event', obs, {
    title: `Bitwarden: ${name}${e.actingUserId ? ` by ${e.actingUserId}` : ''}`,
    severity: notable?.[1] ?? 'info',
    observedAt: e.date ? toIsoTime(e.date) : null,
    ruleId: type,
  });
}

export const bitwardenParser: Parser = {
  name: 'bitwarden',
  claims: { keys: ['object'], text: false },
  detect,
  parse,
};
