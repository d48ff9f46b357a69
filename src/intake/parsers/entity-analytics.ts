// Elastic entity analytics records: the identity inventory Okta and Microsoft Entra ID report to Elastic's
// entityanalytics_okta and entityanalytics_entra_id inputs (`event.action` `user-discovered`, `user-modified`, …,
// with the provider's user under `okta` or `azure_ad`). The account's login, its e-mail addresses, its id and its
// display name are users, as those pipelines relate them; first names, phone numbers and the like are not.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'entity_analytics';
const Str = OptionalText;

/** What the input did with the entity: found it, saw it change, saw it go. */
const ACTION = /^(?:user|device|group)-(?:discovered|modified|deleted|restored|added|removed)$/;

const Event = z.object({ action: z.string().regex(ACTION) });

const OktaRecord = z.object({
  event: Event,
  okta: z.object({
    id: Str,
    status: Str,
    profile: z.object({ login: Str, email: Str, secondEmail: Str, displayName: Str }),
  }),
});

const EntraRecord = z.object({
  event: Event,
  azure_ad: z.object({
    userPrincipalName: Str,
    mail: Str,
    displayName: Str,
    accountEnabled: z.boolean().nullish(),
  }),
  user: z.object({ id: Str }).nullish(),
});

type EntityRecord =
  | { provider: 'okta'; record: z.infer<typeof OktaRecord> }
  | { provider: 'entra'; record: z.infer<typeof EntraRecord> };

function read(raw: unknown): EntityRecord | null {
  if (!isObject(raw) || !('event' in raw)) return null;
  if ('okta' in raw) {
    const r = OktaRecord.safeParse(raw);
    return r.success ? { provider: 'okta', record: r.data } : null;
  }
  if ('azure_ad' in raw) {
    const r = EntraRecord.safeParse(raw);
    return r.success ? { provider: 'entra', record: r.data } : null;
  }
  return null;
}

const detect = detectorOf(read);

/** The words of an `event.action`: `user-modified` → `user modified`. */
const actionWords = (action: string): string => action.replace('-', ' ');

/** What one provider's record says: the account it is about, its data stream and the provider's name. */
interface Entity {
  account: string | null | undefined;
  format: string;
  provider: string;
}

function readOkta(obs: ObservablesBuilder, { id, profile }: z.infer<typeof OktaRecord>['okta']): Entity {
  for (const user of [profile.login, id, profile.email, profile.secondEmail, profile.displayName])
    obs.user(user);
  for (const email of [profile.login, profile.email, profile.secondEmail]) obs.email(email);
  return { account: profile.login, format: 'entityanalytics_okta.user', provider: 'Okta' };
}

function readEntra(obs: ObservablesBuilder, r: z.infer<typeof EntraRecord>): Entity {
  const { userPrincipalName, mail, displayName } = r.azure_ad;
  for (const user of [userPrincipalName, mail, displayName, r.user?.id]) obs.user(user);
  for (const email of [userPrincipalName, mail]) obs.email(email);
  return {
    account: userPrincipalName ?? mail,
    format: 'entityanalytics_entra_id.entity',
    provider: 'Entra ID',
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not an entity analytics record');
  const obs = new ObservablesBuilder();
  const action = e.record.event.action;
  const { account, format, provider } =
    e.provider === 'okta' ? readOkta(obs, e.record.okta) : readEntra(obs, e.record);
  return parserAlert(NAME, format, obs, {
    title: `${provider} ${actionWords(action)}${account ? `: ${account}` : ''}`,
    severity: action.endsWith('-deleted') ? 'low' : 'info',
    observedAt: null,
    ruleId: action,
  });
}

export const entityAnalyticsParser: Parser = {
  name: NAME,
  claims: { keys: ['okta', 'azure_ad'], text: false },
  detect,
  parse,
};
