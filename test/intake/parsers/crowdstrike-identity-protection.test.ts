// The CrowdStrike Identity Protection parser on synthetic timeline events and domain assessments: the user, endpoint
// and address of a timeline event, the assessed domain, and that no other parser claims them nor it theirs.
import { describe, expect, it } from 'vitest';
import { crowdstrikeIdentityProtectionParser } from '../../../src/intake/parsers/crowdstrike-identity-protection.js';
import { registryClaims } from './registry-claims.js';

const login = {
  eventId: 'evt-demo-1',
  eventType: 'FAILED_AUTHENTICATION',
  eventLabel: 'Failed login',
  eventSeverity: 'MODERATE',
  timestamp: '2025-04-01T09:00:00Z',
  userEntity: { primaryDisplayName: 'kdemo' },
  endpointEntity: { primaryDisplayName: 'WS-DEMO-9' },
  targetEndpointEntity: { primaryDisplayName: 'dc-demo.example.test' },
  ipAddress: '198.51.100.61',
  protocolType: 'KERBEROS',
};
const escalation = {
  eventId: 'evt-demo-2',
  eventType: 'PRIVILEGE_ESCALATION',
  eventSeverity: 'IMPORTANT',
  eventLabel: 'Privileged escalation',
  timestamp: '2025-04-01T10:00:00Z',
  entity: {
    primaryDisplayName: 'Demo Admin',
    secondaryDisplayName: 'EXAMPLE.TEST\\dadmin',
    type: 'USER',
    accounts: [{ samAccountName: 'dadmin', objectSid: 'S-1-5-21-1-2-3-1001' }],
  },
};
const assessment = {
  domain: 'EXAMPLE.TEST',
  security_assessment: {
    assessmentFactors: [{ likelihood: 'LOW', riskFactorType: 'WEAK_PASSWORD_POLICY', severity: 'LOW' }],
    overallScore: 0.7,
    overallScoreLevel: 'HIGH',
  },
};
const samples = { login, escalation, assessment };

describe('crowdstrikeIdentityProtectionParser', () => {
  it('detects timeline events and domain assessments', () => {
    for (const [name, raw] of Object.entries(samples))
      expect(crowdstrikeIdentityProtectionParser.detect(raw), name).toBe(true);
  });

  it('reads a timeline event: the address as source, the user, the endpoint and the target endpoint', () => {
    const a = crowdstrikeIdentityProtectionParser.parse(login);
    expect(a.format).toBe('crowdstrike.identity_protection_timeline');
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.ips).toEqual(['198.51.100.61']);
    expect(a.observables.users).toEqual(['kdemo']);
    expect(a.observables.hosts).toEqual(['WS-DEMO-9', 'dc-demo.example.test']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('FAILED_AUTHENTICATION');
  });

  it('reads an entity event: the display name and the first account name as users, not the domain', () => {
    const a = crowdstrikeIdentityProtectionParser.parse(escalation);
    expect(a.observables.users).toEqual(['Demo Admin', 'dadmin']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('high');
  });

  it('reads an endpoint entity’s names as hosts, not its computer account as a user', () => {
    const created = {
      eventId: 'evt-demo-3',
      eventType: 'ACCOUNT_CREATED',
      eventSeverity: 'NEUTRAL',
      eventLabel: 'Account Created',
      timestamp: '2025-04-01T11:00:00Z',
      entity: {
        primaryDisplayName: 'WS-DEMO-7',
        secondaryDisplayName: 'ws-demo-7.example.test',
        type: 'ENDPOINT',
        accounts: [{ samAccountName: 'WS-DEMO-7$', objectSid: 'S-1-5-21-1-2-3-1107' }],
      },
    };
    const a = crowdstrikeIdentityProtectionParser.parse(created);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['WS-DEMO-7', 'ws-demo-7.example.test']);
    expect(a.title).toBe('CrowdStrike Identity Account Created');
  });

  it('reads a domain assessment as posture: the domain as host, the score level as severity', () => {
    const a = crowdstrikeIdentityProtectionParser.parse(assessment);
    expect(a.format).toBe('crowdstrike.identity_protection_assessment');
    expect(a.observables.hosts).toEqual(['EXAMPLE.TEST']);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('WEAK_PASSWORD_POLICY');
  });

  it('does not claim other JSON with an eventType, Falcon events or text', () => {
    const other = { eventType: 'LOGIN', user: 'x', ip: '192.0.2.1' };
    const falcon = { metadata: { eventType: 'IdentityProtectionEvent' }, event: { UserName: 'x' } };
    const noScore = { domain: 'EXAMPLE.TEST', security_assessment: {} };
    for (const raw of [other, falcon, noScore, 'eventType=LOGIN', null, []])
      expect(crowdstrikeIdentityProtectionParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, raw] of Object.entries(samples))
      expect(registryClaims(raw, crowdstrikeIdentityProtectionParser.name).others, name).toEqual([]);
  });
});
