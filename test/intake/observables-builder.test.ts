// The shared observables builder: which name-like values it keeps and which it drops as a vendor's placeholder.
import { describe, expect, it } from 'vitest';
import { cleanName, ObservablesBuilder } from '../../src/intake/observables-builder.js';

describe('cleanName', () => {
  it.each(['-', 'N/A', 'N\\A', '<NA>', '(null)', 'unknown', '---'])(
    'drops the empty-value placeholder %j',
    (v) => {
      expect(cleanName(v)).toBeNull();
    },
  );

  it.each(['false', 'TRUE'])('drops the JSON literal %j written as text', (v) => {
    expect(cleanName(v)).toBeNull();
  });

  it.each(['No Authentication Required', 'Not Found', 'not applicable', 'No  User'])(
    'drops the phrase %j that vendors write where a user or host would be',
    (v) => {
      expect(cleanName(v)).toBeNull();
    },
  );

  it.each(['nobody', 'Nora', 'notes-svc', 'No.1-admin', 'NOC01', 'not_a_placeholder', 'truename'])(
    'keeps the real name %j',
    (v) => {
      expect(cleanName(v)).toBe(v);
    },
  );

  it('drops an id past 2^53 parsed from a bare JSON number, whose last digits were lost, and keeps safe ones', () => {
    const parsed: unknown = JSON.parse('{"ModifiedBy": 12345678901234567}');
    const id = (parsed as { ModifiedBy: number }).ModifiedBy;
    expect(String(id)).toBe('12345678901234568');
    expect(cleanName(id)).toBeNull();
    expect(cleanName(9007199254740991)).toBe('9007199254740991');
    expect(cleanName('12345678901234567')).toBe('12345678901234567');
  });

  it('drops placeholder users from what the builder reports', () => {
    const obs = new ObservablesBuilder();
    obs.user('Not Found');
    obs.user('alice');
    expect(obs.build().users).toEqual(['alice']);
  });
});
