import { describe, expect, it } from 'vitest';
import { parseRoles } from '../../src/roles/roles.js';
import { InvalidInputError } from '../../src/errors.js';
import { parseOnboardArgs } from '../../src/services/onboarding-service.js';
import { splitName, validateOnboarding } from '../../graphs/onboarding/validate.js';

const roles = parseRoles(
  'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  sales:\n    titles: [Account Executive]\n',
);

describe('/vigil onboard arguments', () => {
  it('reads e-mail (plain or as Slack encodes it), role, then the full name', () => {
    expect(parseOnboardArgs('dana@example.com sales Dana  María Ruiz')).toEqual({
      email: 'dana@example.com',
      role: 'sales',
      name: 'Dana María Ruiz',
    });
    expect(parseOnboardArgs('<mailto:dana@example.com|dana@example.com> sales Dana Ruiz').email).toBe(
      'dana@example.com',
    );
  });

  it('refuses missing parts with the usage', () => {
    for (const text of ['', 'dana@example.com', 'dana@example.com sales']) {
      expect(() => parseOnboardArgs(text)).toThrow(InvalidInputError);
    }
  });
});

describe('onboarding validation', () => {
  it('splits the family name off the end and maps a job title to its role', () => {
    expect(splitName('Dana María Ruiz')).toEqual({ givenName: 'Dana María', familyName: 'Ruiz' });
    expect(splitName('Cher')).toEqual({ givenName: '', familyName: 'Cher' });
    const result = validateOnboarding(
      { email: 'd@example.com', name: 'Dana Ruiz', role: 'Account Executive' },
      roles,
    );
    expect(result).toMatchObject({ ok: true, grant: { role: 'sales' } });
  });

  it('says every field that is wrong, and refuses unknown fields', () => {
    expect(validateOnboarding({}, roles)).toEqual({
      ok: false,
      reason: 'email is missing; name is missing; role is missing',
    });
    expect(
      validateOnboarding({ email: 'd@example.com', name: 'D', role: 'sales', admin: true }, roles),
    ).toEqual({
      ok: false,
      reason: 'unexpected field admin: send only email, name and role',
    });
    expect(validateOnboarding('dana', roles)).toEqual({
      ok: false,
      reason: 'the request must be a JSON object with email, name and role',
    });
  });
});
