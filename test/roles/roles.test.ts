// roles.yml: the shipped mapping loads; roles are found by name or job title; mistakes name their line.
import { describe, expect, it } from 'vitest';
import { loadRoles, parseRoles } from '../../src/roles/roles.js';
import { ConfigError } from '../../src/errors.js';

const error = (text: string): string => {
  try {
    parseRoles(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the role mapping to be refused');
};

describe('role mapping', () => {
  it('loads the shipped roles.yml, whose profiles and groups the lab has', () => {
    const roles = loadRoles('roles.yml');
    expect(roles.names()).toEqual(['sales', 'support', 'engineer', 'analyst']);
    expect(roles.find('sales')).toEqual({
      role: 'sales',
      salesforce: { profileId: '00eLAB000000001AAA' },
      slack: { userGroups: ['all-staff', 'sales'] },
    });
    expect(roles.find('engineer')?.salesforce).toBeNull();
    expect(roles.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a role by its name or one of its job titles, case-insensitively', () => {
    const roles = parseRoles(
      'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  sales:\n    titles: [Account Executive]\n',
    );
    expect(roles.find('SALES')?.role).toBe('sales');
    expect(roles.find(' account executive ')?.role).toBe('sales');
    expect(roles.find('astronaut')).toBeUndefined();
    expect(roles.find('sales')?.slack.userGroups).toEqual([]);
  });

  it('names the line and the reason of a mistake', () => {
    expect(
      error(
        'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  sales:\n    salesforce:\n      profile_id: 005notaprofile\n',
      ),
    ).toBe(
      'roles.yml:7: invalid role mapping at roles.sales.salesforce.profile_id: profile_id is a Salesforce profile id: 00e followed by 12 or 15 letters and digits',
    );
    expect(
      error(
        'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  Sales: {}\n',
      ),
    ).toContain('roles.yml:5: invalid role mapping at roles.Sales: a role name is lower case');
    expect(
      error(
        'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  sales:\n    slak: {}\n',
      ),
    ).toContain('roles.yml:5:');
    expect(
      error(
        'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles: {}\n',
      ),
    ).toContain('name at least one role');
    expect(
      error(
        'version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles:\n  a:\n    titles: [Analyst]\n  b:\n    titles: [analyst]\n',
      ),
    ).toBe(
      'roles.yml:8: invalid role mapping at roles.b.titles: "analyst" is also a title of a; a title may mean one role only',
    );
    expect(
      error('version: 1\nreviewers: { usergroup: soc-responders }\nemail_domains: [example.com]\nroles: [\n'),
    ).toMatch(/^roles\.yml:\d+: not valid YAML/);
  });

  it('names the e-mail domains onboarding creates accounts for, lower case, and says how to fix a mistake', () => {
    expect(loadRoles('roles.yml').emailDomains).toEqual(['example.com']);
    const head = 'version: 1\nreviewers: { usergroup: soc-responders }\n';
    const roles = 'roles:\n  sales: {}\n';
    expect(parseRoles(`${head}email_domains: [Example.COM, eu.example.com]\n${roles}`).emailDomains).toEqual([
      'example.com',
      'eu.example.com',
    ]);
    expect(error(`${head}${roles}`)).toBe(
      'roles.yml:1: invalid role mapping at email_domains: email_domains lists the e-mail domains onboarding creates accounts for, e.g. [example.com]',
    );
    expect(error(`${head}email_domains: []\n${roles}`)).toBe(
      'roles.yml:3: invalid role mapping at email_domains: email_domains lists the e-mail domains onboarding creates accounts for, e.g. [example.com]',
    );
    for (const bad of ['"@example.com"', '"*.example.com"', 'localhost']) {
      expect(error(`${head}email_domains: [${bad}]\n${roles}`)).toBe(
        'roles.yml:3: invalid role mapping at email_domains.0: an e-mail domain is a name such as example.com (no @, no wildcards)',
      );
    }
  });

  it('says how to fix an unreadable file', () => {
    expect(() => loadRoles('/nonexistent/roles.yml')).toThrow(/VIGIL_ROLES_FILE points at .* cannot be read/);
  });
});
