// The Lumos activity log parser on synthetic records: detection, that Elastic's lumos pipeline yields no
// address, user or host indicators, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { lumosParser } from '../../../src/intake/parsers/lumos.js';
import { registryClaims } from './registry-claims.js';

const policyDeleted = {
  actor: { actor_type: 'Lumos user', email: 'dana.lee@example.org', family_name: 'Lee', given_name: 'Dana' },
  event_began_at: '2025-03-01T10:00:00',
  event_hash: '0f'.repeat(32),
  event_metadata: {},
  event_type: 'SOD_POLICY_DELETED',
  event_type_user_friendly: 'A user deleted a SOD Policy',
  outcome: 'Succeeded',
  targets: [{ name: 'Demo rule', target_type: 'SOD Policy' }],
};

const requestCreated = {
  actor: null,
  event_began_at: '2025-03-01T11:00:00Z',
  event_hash: 'ab'.repeat(32),
  event_type: 'REQUEST_CREATED',
  outcome: 'Failed',
  targets: [],
};

const samples = { policyDeleted, requestCreated };

describe('lumosParser', () => {
  it('detects every activity log shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(lumosParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the event without address, user or host indicators', () => {
    const a = lumosParser.parse(policyDeleted);
    expect(a.format).toBe('lumos.activity_logs');
    expect(a.recognizedBy).toBe('parser:lumos');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
    expect(a.title).toBe('Lumos: A user deleted a SOD Policy (Succeeded)');
    expect(a.ruleId).toBe('SOD_POLICY_DELETED');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('reads a record without an actor', () => {
    const a = lumosParser.parse(requestCreated);
    expect(a.observables.emails).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-03-01T11:00:00.000Z');
  });

  it('claims no other JSON or text', () => {
    const noHash = { ...policyDeleted, event_hash: undefined };
    const lowerType = { ...policyDeleted, event_type: 'deleted' };
    for (const raw of [noHash, lowerType, 'SOD_POLICY_DELETED', null, 42, []]) {
      expect(lumosParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, lumosParser.name).others, name).toEqual([]);
    }
  });
});
