// The Zero Networks parser on synthetic audit records: detection, the acting identity as related users
// (as Elastic's zeronetworks.audit pipeline maps it), the title and severity, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { zeroNetworksParser } from '../../../src/intake/parsers/zero-networks.js';
import { registryClaims } from './registry-claims.js';

const ruleCreated = {
  timestamp: 1_700_000_000_000,
  isoTimestamp: '2023-11-14T22:13:20.000Z',
  auditType: 9,
  enforcementSource: 1,
  userRole: 2,
  destinationEntitiesList: [{ id: 'a:a:Lab0001', name: 'lab-web-01' }],
  details: '{"ruleId":"r-1"}',
  reportedObjectId: 'a:a:Lab0001',
  performedBy: { id: 'u:a:alice0001', name: 'Alice Example' },
};

const jitRejected = {
  timestamp: 1_700_000_100_000,
  isoTimestamp: '2023-11-14T22:15:00.000Z',
  auditType: 48,
  enforcementSource: 6,
  reportedObjectId: 'a:a:Lab0002',
  performedBy: { id: 'u:a:bob0002', name: 'bob-admin' },
};

const samples = [ruleCreated, jitRejected];

describe('zeroNetworksParser', () => {
  it('detects Zero Networks audit records', () => {
    for (const s of samples) expect(zeroNetworksParser.detect(s)).toBe(true);
  });

  it('reports the performing identity id and name as users, and no addresses or hosts', () => {
    const alert = zeroNetworksParser.parse(ruleCreated);
    expect(alert.observables.users).toEqual(['u:a:alice0001', 'Alice Example']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('names the audit action and its target in the title and reads the ISO timestamp', () => {
    const alert = zeroNetworksParser.parse(ruleCreated);
    expect(alert.title).toBe('Zero Networks: Inbound allow rule created (lab-web-01)');
    expect(alert.observedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(alert.severity).toBe('info');
  });

  it('rates a rejected JIT access above an informational change', () => {
    const alert = zeroNetworksParser.parse(jitRejected);
    expect(alert.severity).toBe('medium');
    expect(alert.observables.users).toEqual(['u:a:bob0002', 'bob-admin']);
  });

  it('does not claim a record of another format', () => {
    expect(zeroNetworksParser.detect({ eventType: 'user.session.start', actor: { id: 'x' } })).toBe(false);
    expect(zeroNetworksParser.detect('<134>Mar  5 10:00:00 host app: auditType=9')).toBe(false);
    expect(zeroNetworksParser.detect(null)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, zeroNetworksParser.name).others).toEqual([]);
  });
});
