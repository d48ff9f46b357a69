// roles.yml: the role mapping onboarding provisions by (role → Salesforce profile, Slack user groups), the
// e-mail domains it onboards, and who reviews (and may retry) a flagged step.
// Validated with zod at start-up; a mistake stops Vigil with `roles.yml:<line>: <reason>`.
import { z } from 'zod';
import { sha256 } from '../../graphs/lib/digest.js';
import type { RoleGrant } from '../../graphs/onboarding/contracts.js';
import { Approvers } from '../../graphs/triage/contracts.js';
import type { RolePort } from '../../graphs/onboarding/ports.js';
import { ConfigError } from '../errors.js';
import { parseYamlConfig, readConfigFile } from '../yaml-config.js';

const RoleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a role name is lower case letters, digits, - and _ (at most 40)');

/** A domain new people's addresses may have, lower case: `example.com` (each domain exactly, no wildcards). */
const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/,
    'an e-mail domain is a name such as example.com (no @, no wildcards)',
  );

export const RoleEntry = z
  .object({
    description: z.string().optional(),
    /** Job titles (as the identity provider's profile has them) that mean this role. */
    titles: z.array(z.string().trim().min(1)).default([]),
    /** Omit for a role that gets no Salesforce account. */
    salesforce: z
      .object({
        profile_id: z
          .string()
          .regex(
            /^00e[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/,
            'profile_id is a Salesforce profile id: 00e followed by 12 or 15 letters and digits',
          ),
      })
      .strict()
      .optional(),
    slack: z
      .object({
        /** Slack user groups (their names, e.g. sales) the new account joins. */
        user_groups: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .default({ user_groups: [] }),
  })
  .strict();

export const RolesFile = z
  .object({
    version: z.literal(1),
    /** Who reviews a flagged onboarding step and may retry it: a user group, or `users: [U…]`. */
    reviewers: Approvers,
    /** The e-mail domains onboarding creates accounts for; any other address is refused. */
    email_domains: z.array(EmailDomain).min(1, 'name at least one e-mail domain'),
    roles: z.record(RoleName, RoleEntry).refine((roles) => Object.keys(roles).length > 0, {
      message: 'name at least one role',
    }),
  })
  .strict();
export type RolesFile = z.infer<typeof RolesFile>;

export interface RoleMapping extends RolePort {
  readonly file: RolesFile;
}

/** Parses role-mapping text; errors name the line and the reason. */
export function parseRoles(text: string, origin = 'roles.yml'): RoleMapping {
  // A bad role name is reported by the record with the key's own issue inside.
  const { data: file, lineOf } = parseYamlConfig(text, origin, RolesFile, 'role mapping', (issue, path) =>
    path[0] === 'reviewers'
      ? 'reviewers names who may retry a flagged step: { usergroup: <handle or S… id> } or { users: [U…] }'
      : path[0] === 'email_domains' && path.length === 1
        ? 'email_domains lists the e-mail domains onboarding creates accounts for, e.g. [example.com]'
        : issue?.code === 'invalid_key'
          ? (issue.issues[0]?.message ?? issue.message)
          : issue?.message,
  );
  const grants = new Map<string, RoleGrant>();
  const byTitle = new Map<string, RoleGrant>();
  for (const [role, entry] of Object.entries(file.roles)) {
    const grant: RoleGrant = {
      role,
      salesforce: entry.salesforce ? { profileId: entry.salesforce.profile_id } : null,
      slack: { userGroups: entry.slack.user_groups },
    };
    grants.set(role, grant);
    for (const title of entry.titles) {
      const key = title.toLowerCase();
      const taken = byTitle.get(key);
      if (taken && taken.role !== role) {
        const line = lineOf(['roles', role, 'titles']);
        throw new ConfigError(
          `${origin}:${line}: invalid role mapping at roles.${role}.titles: "${title}" is also a title of ${taken.role}; a title may mean one role only`,
        );
      }
      byTitle.set(key, grant);
    }
  }
  return {
    hash: sha256(text),
    file,
    find: (roleOrTitle) => {
      const key = roleOrTitle.trim().toLowerCase();
      return grants.get(key) ?? byTitle.get(key);
    },
    names: () => [...grants.keys()],
    reviewers: file.reviewers,
    emailDomains: file.email_domains,
  };
}

export function loadRoles(file: string): RoleMapping {
  return parseRoles(readConfigFile(file, 'VIGIL_ROLES_FILE', 'roles.yml'), file);
}
