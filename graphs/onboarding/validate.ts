// Validation of an onboarding request against the contract and the role mapping (its roles and e-mail
// domains): one function, so the intake (webhook, slash command) refuses with the same reason the graph
// records.
import { OnboardRequest, type OnboardPerson, type RoleGrant } from './contracts.js';
import type { RolePort } from './ports.js';

export type Validation =
  | { ok: true; request: OnboardRequest; person: OnboardPerson; grant: RoleGrant }
  | { ok: false; reason: string };

/** Splits a full name at its last space: the family name is the last word. */
export function splitName(name: string): { givenName: string; familyName: string } {
  const words = name.trim().split(/\s+/);
  const familyName = words.pop() ?? name.trim();
  return { givenName: words.join(' '), familyName };
}

export function validateOnboarding(input: unknown, roles: RolePort): Validation {
  const parsed = OnboardRequest.safeParse(input);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unexpected field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}: send only email, name and role`
        : issue.path.length
          ? issue.message
          : 'the request must be a JSON object with email, name and role',
    );
    const reason = [...new Set(reasons)].join('; ');
    return { ok: false, reason };
  }
  const request = parsed.data;
  const grant = roles.find(request.role);
  if (!grant) {
    return {
      ok: false,
      reason: `role "${request.role}" is not in the role mapping; known roles: ${roles.names().join(', ') || 'none'}`,
    };
  }
  const domain = request.email.slice(request.email.lastIndexOf('@') + 1).toLowerCase();
  if (!roles.emailDomains.includes(domain)) {
    return {
      ok: false,
      reason: `${request.email} is not in an e-mail domain roles.yml onboards (${roles.emailDomains.join(', ')}): only your organisation's people get accounts; add the domain to email_domains if it is yours`,
    };
  }
  const { givenName, familyName } = splitName(request.name);
  return {
    ok: true,
    request,
    grant,
    person: { email: request.email, displayName: request.name, givenName, familyName },
  };
}
