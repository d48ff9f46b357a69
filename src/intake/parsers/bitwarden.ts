// Bitwarden public API events (`{"object": "event", "type": 1000, "actingUserId", "memberId", "ipAddress", …}`):
// the client address as the source and the member and acting-user ids as users, as Elastic's `bitwarden`
// event pipeline maps them (`user.id`, `source.user.id`, both in `related.user`).
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

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('object' in raw) || raw.object !== 'event') return false;
  if (!('type' in raw) || !('actingUserId' in raw || 'memberId' in raw || 'ipAddress' in raw)) return false;
  return BitwardenEvent.safeParse(raw).success;
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

export const bitwardenParser: Parser = { name: 'bitwarden', detect, parse };
