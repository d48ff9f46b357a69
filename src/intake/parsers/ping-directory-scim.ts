// PingDirectory SCIM 2 user and group resources (`{"schemas": ["urn:…:User"], "userName", "emails", …}` and
// `{"schemas": ["urn:…:Group"], "displayName", "members": [DN, …]}`), read as Elastic's `ping_directory` user and
// group pipelines map them: a user's login, names, id and e-mails as users; a group's member uids as users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z.string().nullish();
const Email = z.union([z.string(), z.object({ value: Text }).passthrough()]);
const Meta = z.object({ resourceType: Text, lastModified: Text, created: Text }).passthrough().nullish();
const ScimUser = z.object({
  schemas: z.array(z.string()),
  id: Text,
  userName: z.string(),
  displayName: Text,
  name: z.object({ formatted: Text, familyName: Text, givenName: Text }).passthrough().nullish(),
  emails: z.array(Email).nullish(),
  title: Text,
  meta: Meta,
});
type ScimUser = z.infer<typeof ScimUser>;
const Member = z.union([z.string(), z.object({ value: Text }).passthrough()]);
const ScimGroup = z.object({
  schemas: z.array(z.string()),
  id: Text,
  displayName: Text,
  members: z.union([z.array(Member), z.object({ value: z.array(z.string()) }).passthrough()]).nullish(),
  meta: Meta,
});
type ScimGroup = z.infer<typeof ScimGroup>;

/** SCIM core (`urn:ietf:params:scim:schemas:core:2.0:User`) or PingDirectory (`urn:pingidentity:schemas:User:1.0`). */
const USER_SCHEMA = /^urn:(?:ietf:params:scim:schemas:core:2\.0|pingidentity:schemas):User(?::|$)/;
const GROUP_SCHEMA = /^urn:(?:ietf:params:scim:schemas:core:2\.0|pingidentity:schemas):Group(?::|$)/;

function kindOf(raw: unknown): 'user' | 'group' | null {
  if (!isObject(raw) || !('schemas' in raw) || !Array.isArray(raw.schemas)) return null;
  const schemas: unknown[] = raw.schemas;
  const has = (rx: RegExp): boolean => schemas.some((s) => typeof s === 'string' && rx.test(s));
  // Both shapes come from PingDirectory's SCIM endpoint (`…/scim/v2/Users|Groups/<id>`, `meta.location`).
  if (!('meta' in raw) || !isObject(raw.meta) || !('location' in raw.meta)) return null;
  if (has(USER_SCHEMA) && ScimUser.safeParse(raw).success) return 'user';
  if (has(GROUP_SCHEMA) && 'members' in raw && ScimGroup.safeParse(raw).success) return 'group';
  return null;
}

function detect(raw: unknown): boolean {
  try {
    return kindOf(raw) !== null;
  } catch {
    return false;
  }
}

const emailOf = (e: z.infer<typeof Email>): string | null | undefined =>
  typeof e === 'string' ? e : e.value;

function parseUser(u: ScimUser): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // user.name, then related.user: display name, id, family and given names, full name, e-mails, login.
  obs.user(u.userName);
  obs.user(u.displayName);
  obs.user(u.id);
  obs.user(u.name?.familyName);
  obs.user(u.name?.formatted);
  obs.user(u.name?.givenName);
  for (const e of u.emails ?? []) {
    obs.user(emailOf(e));
    obs.email(emailOf(e));
  }
  return parserAlert('ping_directory.scim', 'ping_directory.user', obs, {
    title: `PingDirectory user ${u.userName}${u.displayName ? ` (${u.displayName})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(u.meta?.lastModified ?? u.meta?.created ?? null),
    ruleId: null,
  });
}

/** The uid (or cn) of a member DN (`uid=alice,ou=People,dc=example,dc=com`), or the value as given. */
function memberName(dn: string): string {
  const m = /^\s*(?:uid|cn)=((?:\\,|[^,])+)/i.exec(dn);
  return m?.[1] ? m[1].replace(/\\,/g, ',').trim() : dn.trim();
}

function parseGroup(g: ScimGroup): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const members = Array.isArray(g.members) ? g.members : (g.members?.value ?? []);
  for (const m of members) {
    const dn = typeof m === 'string' ? m : m.value;
    if (dn) obs.user(memberName(dn));
  }
  return parserAlert('ping_directory.scim', 'ping_directory.group', obs, {
    title: `PingDirectory group ${g.displayName ?? g.id ?? ''} (${members.length} members)`,
    severity: 'info',
    observedAt: toIsoTime(g.meta?.lastModified ?? g.meta?.created ?? null),
    ruleId: null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const kind = kindOf(raw);
  if (kind === 'user') return parseUser(ScimUser.parse(raw));
  if (kind === 'group') return parseGroup(ScimGroup.parse(raw));
  throw new Error('not a PingDirectory SCIM user or group');
}

export const pingDirectoryScimParser: Parser = {
  name: 'ping_directory.scim',
  claims: { keys: ['schemas'], text: false },
  detect,
  parse,
};
