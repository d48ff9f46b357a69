// The IBM QRadar offense parser on synthetic REST API offenses: detection, the analysts as users (as
// Elastic's ibm_qradar offense pipeline maps them), severity bands, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ibmQradarParser } from '../../../src/intake/parsers/ibm-qradar.js';
import { registryClaims } from './registry-claims.js';

const openOffense = {
  id: 41,
  description: 'Brute force login attempts\n',
  assigned_to: 'analyst.kim',
  closing_user: null,
  offense_source: '203.0.113.25',
  offense_type: 0,
  source_address_ids: [7],
  local_destination_address_ids: [3],
  destination_networks: ['corp.servers'],
  source_network: 'other',
  magnitude: 6,
  severity: 7,
  credibility: 3,
  relevance: 4,
  status: 'OPEN',
  start_time: 1714557600000,
  last_updated_time: 1714557900000,
  last_persisted_time: 1714558000000,
  categories: ['User Login Failure'],
  rules: [
    {
      id: 100270,
      name: 'Multiple Login Failures for the Same User',
      type: 'CRE_RULE',
      identifier: 'SYSTEM-1101',
    },
  ],
  log_sources: [{ id: 65, name: 'Linux OS @ web-07', type_id: 11, type_name: 'LinuxServer' }],
};

const closedOffense = {
  id: 42,
  description: 'Excessive Firewall Denies\n',
  assigned_to: null,
  closing_user: 'soc.lead',
  close_time: 1714600000000,
  offense_source: 'b1946ac9-2f3c-4d0e-9a55-0a1b2c3d4e5f',
  offense_type: 52,
  source_address_ids: [],
  magnitude: 2,
  severity: 1,
  status: 'CLOSED',
  last_persisted_time: 1714600100000,
  rules: [],
};

describe('ibmQradarParser', () => {
  it('reads the assignee as the user and never reports the offense source address as an indicator', () => {
    expect(ibmQradarParser.detect(openOffense)).toBe(true);
    const a = ibmQradarParser.parse(openOffense);
    expect(a.format).toBe('ibm_qradar.offense');
    expect(a.observables.users).toEqual(['analyst.kim']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports the offense description as the title, the first rule as the rule id and the persist time', () => {
    const a = ibmQradarParser.parse(openOffense);
    expect(a.title).toBe('QRadar offense 41: Brute force login attempts');
    expect(a.ruleId).toBe('100270');
    expect(a.observedAt).toBe('2024-05-01T10:06:40.000Z');
  });

  it('maps the 0-10 offense severity onto the bands of Elastic pipeline', () => {
    expect(ibmQradarParser.parse(openOffense).severity).toBe('high');
    expect(ibmQradarParser.parse(closedOffense).severity).toBe('low');
    expect(ibmQradarParser.parse({ ...closedOffense, severity: 4 }).severity).toBe('medium');
    expect(ibmQradarParser.parse({ ...closedOffense, severity: 10 }).severity).toBe('critical');
  });

  it('reads the analyst who closed an offense as a related user', () => {
    expect(ibmQradarParser.parse(closedOffense).observables.users).toEqual(['soc.lead']);
    const both = ibmQradarParser.parse({ ...closedOffense, assigned_to: 'analyst.kim' });
    expect(both.observables.users).toEqual(['analyst.kim', 'soc.lead']);
    // Both work the offense: never a response target nor a correlation key.
    expect(both.observables.analysts).toEqual(['analyst.kim', 'soc.lead']);
  });

  it('does not claim other JSON payloads', () => {
    for (const raw of [
      { offense_source: '192.0.2.1' },
      { id: 5, magnitude: 3, severity: 2, description: 'not an offense' },
      { offense_source: 12, offense_type: 0 },
      '{"offense_source":"192.0.2.1","offense_type":0}',
      null,
    ]) {
      expect(ibmQradarParser.detect(raw)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims QRadar offenses', () => {
    for (const sample of [openOffense, closedOffense]) {
      expect(registryClaims(sample, ibmQradarParser.name).others).toEqual([]);
    }
  });
});
