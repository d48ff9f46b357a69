// The Cyera parser on synthetic API records (audit, issue, event, datastore, classification): the stream
// each is read as, the users, addresses and domains Elastic's cyera pipelines map, and no double claims.
import { describe, expect, it } from 'vitest';
import { cyeraParser } from '../../../src/intake/parsers/cyera.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  frontegg_id: '0a1b2c3d-0000-4000-8000-000000000001',
  vendorId: '0a1b2c3d-0000-4000-8000-000000000002',
  tenantId: '0a1b2c3d-0000-4000-8000-000000000003',
  severity: 'Info',
  ip: '198.51.100.14',
  email: 'dana.admin@corp.example.com',
  action: 'User logged in',
  description: 'User logged in to the application',
  userAgent: 'Mozilla/5.0',
  createdAt: '2025-02-03T10:00:00.000Z',
  updatedAt: '2025-02-03T10:00:00.000Z',
  environmentName: 'Global',
};

const issue = {
  uid: 'issue-0001',
  name: 'Card numbers in plain text',
  severity: 'High',
  createdDate: '2025-02-01T09:00:00.000Z',
  updatedDate: '2025-02-04T09:00:00.000Z',
  status: 'Open',
  riskStatus: 'Unmitigated',
  datastoreName: 'billing-db',
  datastoreUid: 'ds-0001',
  provider: 'AWS',
  infrastructure: 'rds-mysql',
  owner: 'erin.owner@corp.example.com',
  datastoreOwners: [
    {
      datastoreOwnerUid: 'owner-uid-1',
      email: 'frank@corp.example.com',
      ownerType: 'Primary',
      sources: ['IAM'],
    },
    { datastoreOwnerUid: 'owner-uid-2', email: 'grace@corp.example.com', ownerType: null, sources: ['IAM'] },
  ],
  policyUid: 'policy-0001',
  itsmTickets: [],
};

const event = {
  uid: 'evt-0001',
  type: 'DisablePolicyEvent',
  date: '2025-02-05T12:00:00.000Z',
  user: 'henry@corp.example.com',
  domainName: 'files.corp.example.com',
  policy: { uid: 'policy-0002', name: 'Files missing label', useCases: ['MislabeledData'] },
};

const datastore = {
  uid: 'ds-0002',
  name: 'analytics-bucket',
  provider: 'AWS',
  type: 'AWS_S3_BUCKET',
  infrastructure: 's3',
  scanningState: 'Scanned',
  discoveredDate: '2025-01-20T08:00:00.000Z',
  createdDate: '2025-01-19T08:00:00.000Z',
  owner: 'ivan@corp.example.com',
  userId: 'user-uid-0009',
  publicAccessibilityState: 'Private',
  datastoreOwners: [
    { email: 'judy@corp.example.com', ownerType: 'Primary', datastoreOwnerUid: 'owner-uid-3' },
  ],
};

const classification = {
  uid: 'class-0001',
  name: 'Address',
  sensitivity: 'Internal',
  sensitivityDisplayName: 'Internal',
  context: { role: 'Customer', tokenization: 'Plain' },
  classificationGroup: 'Personal',
  dataClassName: 'Address',
  classificationName: 'Customer Address',
};

describe('cyeraParser', () => {
  it('reads an audit record: the IP is the source and the e-mail the user', () => {
    expect(cyeraParser.detect(audit)).toBe(true);
    const a = cyeraParser.parse(audit);
    expect(a.format).toBe('cyera.audit');
    expect(a.recognizedBy).toBe('parser:cyera');
    expect(a.observables.srcIps).toEqual(['198.51.100.14']);
    expect(a.observables.ips).toEqual(['198.51.100.14']);
    expect(a.observables.users).toEqual(['dana.admin@corp.example.com']);
    expect(a.observables.emails).toEqual(['dana.admin@corp.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('User logged in');
    expect(a.observedAt).toBe('2025-02-03T10:00:00.000Z');
  });

  it('rates a failed audit login above an informational one and reads an audit record without an IP', () => {
    const failed = cyeraParser.parse({ ...audit, severity: 'Error', action: 'User failed to log in' });
    expect(failed.severity).toBe('medium');
    const noIp = cyeraParser.parse({ ...audit, ip: undefined, action: 'Added user' });
    expect(noIp.observables.ips).toEqual([]);
    expect(noIp.observables.users).toEqual(['dana.admin@corp.example.com']);
  });

  it('reads an issue: the owner local part, then owner ids, owner e-mails and the owner', () => {
    const a = cyeraParser.parse(issue);
    expect(a.format).toBe('cyera.issue');
    expect(a.observables.users).toEqual([
      'erin.owner',
      'owner-uid-1',
      'owner-uid-2',
      'frank@corp.example.com',
      'grace@corp.example.com',
      'erin.owner@corp.example.com',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-02-04T09:00:00.000Z');
  });

  it('reads an event: its user and its domain name, which Elastic lists in related.hosts', () => {
    expect(cyeraParser.detect(event)).toBe(true);
    const a = cyeraParser.parse(event);
    expect(a.format).toBe('cyera.event');
    expect(a.observables.users).toEqual(['henry@corp.example.com']);
    expect(a.observables.domains).toEqual(['files.corp.example.com']);
    expect(cyeraParser.domainsInRelatedHosts).not.toBe(false);
    expect(a.ruleId).toBe('DisablePolicyEvent');
  });

  it('reads a bare event with only its id, type and date', () => {
    const a = cyeraParser.parse({
      uid: 'evt-0002',
      type: 'CreateSensitivityLabelPolicyEvent',
      date: event.date,
    });
    expect(a.format).toBe('cyera.event');
    expect(a.observables.users).toEqual([]);
  });

  it('reads a datastore: the owner local part, owner e-mails, the owner and the user id', () => {
    const a = cyeraParser.parse(datastore);
    expect(a.format).toBe('cyera.datastore');
    expect(a.observables.users).toEqual([
      'ivan',
      'judy@corp.example.com',
      'ivan@corp.example.com',
      'user-uid-0009',
    ]);
  });

  it('reads a classification with no indicators', () => {
    const a = cyeraParser.parse(classification);
    expect(a.format).toBe('cyera.classification');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('leaves other records alone, also one with an id, a type and a date that is no Cyera event', () => {
    expect(
      cyeraParser.detect({ uid: 'x-1', type: 'login', date: '2025-02-05T12:00:00Z', ip: '192.0.2.1' }),
    ).toBe(false);
    expect(cyeraParser.detect({ uid: 'x-2', type: 'LoginEvent', date: '2025-02-05', actor: 'kim' })).toBe(
      false,
    );
    expect(cyeraParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(
      cyeraParser.detect('Feb  5 12:00:00 host01 sshd[1]: Accepted password for kim from 192.0.2.1'),
    ).toBe(false);
    expect(cyeraParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const sample of [audit, issue, event, datastore, classification]) {
      expect(registryClaims(sample, cyeraParser.name).others).toEqual([]);
    }
  });
});
