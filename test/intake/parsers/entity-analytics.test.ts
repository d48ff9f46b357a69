// The entity analytics parser on synthetic Okta and Entra ID inventory records: detection, the account's login,
// e-mails, id and display name as users (no first names or phone numbers), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { entityAnalyticsParser } from '../../../src/intake/parsers/entity-analytics.js';
import { registryClaims } from './registry-claims.js';

const oktaUser = {
  okta: {
    id: '00uSynth0001',
    status: 'ACTIVE',
    profile: {
      login: 'dana.lee@example.org',
      firstName: 'Dana',
      lastName: 'Lee',
      nickName: 'dee',
      displayName: 'Dana Lee',
      email: 'dana.lee@example.org',
      secondEmail: 'dana@example.net',
      mobilePhone: '+1-555-0100',
    },
  },
  user: { id: '00uSynthInput' },
  event: { action: 'user-modified' },
};

const entraUser = {
  azure_ad: {
    userPrincipalName: 'sam.ortiz@example.org',
    mail: 'sam_ortiz@example.org',
    displayName: 'Sam Ortiz',
    givenName: 'Sam',
    surname: 'Ortiz',
    accountEnabled: false,
  },
  event: { action: 'user-deleted' },
  labels: { identity_source: 'entra_id-1' },
  user: { id: 'aa534e49-0000-4000-8000-000000000001', group: [{ id: 'g-1', name: 'Group 1' }] },
};

describe('entityAnalyticsParser', () => {
  it('reads an Okta user: the login, the id, the e-mails and the display name; not the first name', () => {
    expect(entityAnalyticsParser.detect(oktaUser)).toBe(true);
    const a = entityAnalyticsParser.parse(oktaUser);
    expect(a.format).toBe('entityanalytics_okta.user');
    expect(a.recognizedBy).toBe('parser:entity_analytics');
    expect(a.title).toBe('Okta user modified: dana.lee@example.org');
    expect(a.severity).toBe('info');
    expect(a.observables.users).toEqual([
      'dana.lee@example.org',
      '00uSynth0001',
      'dana@example.net',
      'Dana Lee',
    ]);
    expect(a.observables.emails).toEqual(['dana.lee@example.org', 'dana@example.net']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an Entra ID user: principal name, mail, display name and object id; a deletion rates low', () => {
    const a = entityAnalyticsParser.parse(entraUser);
    expect(a.format).toBe('entityanalytics_entra_id.entity');
    expect(a.title).toBe('Entra ID user deleted: sam.ortiz@example.org');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('user-deleted');
    expect(a.observables.users).toEqual([
      'sam.ortiz@example.org',
      'sam_ortiz@example.org',
      'Sam Ortiz',
      'aa534e49-0000-4000-8000-000000000001',
    ]);
  });

  it('does not claim records without an inventory action, Okta System Log events or other JSON', () => {
    expect(entityAnalyticsParser.detect({ ...oktaUser, event: { action: 'login' } })).toBe(false);
    expect(entityAnalyticsParser.detect({ okta: oktaUser.okta })).toBe(false);
    expect(entityAnalyticsParser.detect({ azure_ad: { userPrincipalName: 'x@example.org' } })).toBe(false);
    const systemLog = {
      uuid: 'synth-1',
      eventType: 'user.session.start',
      actor: { alternateId: 'dana.lee@example.org', type: 'User' },
      client: { ipAddress: '198.51.100.7' },
      published: '2024-05-01T10:00:00Z',
    };
    expect(entityAnalyticsParser.detect(systemLog)).toBe(false);
    expect(entityAnalyticsParser.detect('event.action=user-modified okta')).toBe(false);
    expect(normalizeAlert(oktaUser).recognizedBy).toBe('parser:entity_analytics');
  });

  it('is the registry’s first choice for these records, and no other specific parser claims them', () => {
    for (const sample of [oktaUser, entraUser]) {
      expect(registryClaims(sample, 'entity_analytics')).toEqual({ first: 'entity_analytics', others: [] });
    }
  });
});
