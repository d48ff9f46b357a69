// The Entro audit parser on synthetic secret-scan records: detection, facts without indicators, that the
// exposed value never reaches the alert, and that no other parser claims these records.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { entroParser } from '../../../src/intake/parsers/entro.js';
import { registryClaims } from './registry-claims.js';

const secret = {
  request_id: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
  secret_type: 'AWS_ACCESS_KEY_ID',
  exposed_value: 'EXAMPLEKEY0000000000 from 192.0.2.10',
  line_number: 42,
  date: '2025-06-01T10:20:30.000Z',
};
const noSecret = { request_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', date: '2025-06-01T11:00:00.000Z' };
const withTimestamp = { ...secret, secret_type: 'GENERIC_CREDS', line_number: null, timestamp: 1748772030 };

const samples = { secret, noSecret, withTimestamp };

describe('entroParser', () => {
  it('detects every record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(entroParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an exposed secret as a high finding with no indicators', () => {
    const a = entroParser.parse(secret);
    expect(a.format).toBe('entro.audit');
    expect(a.recognizedBy).toBe('parser:entro.audit');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('AWS_ACCESS_KEY_ID');
    expect(a.title).toContain('AWS_ACCESS_KEY_ID');
    expect(a.title).toContain('line 42');
    expect(a.observedAt).toBe('2025-06-01T10:20:30.000Z');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('never copies the exposed value into the alert', () => {
    expect(JSON.stringify(entroParser.parse(secret))).not.toContain('EXAMPLEKEY');
  });

  it('reads a scan without a secret as info', () => {
    const a = entroParser.parse(noSecret);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBeNull();
    expect(entroParser.parse(withTimestamp).title).not.toContain('line');
  });

  it('reads a record wrapped in the integration’s `data` object through the registry’s unwrapping', () => {
    const a = normalizeAlert({ data: secret }, { parsers: [entroParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:entro.audit');
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim records with other keys, a non-uuid request id, or text', () => {
    const extraKey = { ...secret, user: 'someone' };
    const badId = { ...noSecret, request_id: 'req-1' };
    const badDate = { ...noSecret, date: 'yesterday' };
    const line = `<134>1 2025-06-01T10:20:30Z host entro - - - ${JSON.stringify(secret)}`;
    for (const other of [extraKey, badId, badDate, line, null, [secret]]) {
      expect(entroParser.detect(other)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, entroParser.name).others, name).toEqual([]);
    }
  });
});
