// The Prisma Cloud (CSPM) alert parser on synthetic alert API records: attribution users as indicators, the
// console URL as a URL only, policy facts as title/severity/rule, and what it must not claim.
import { describe, expect, it } from 'vitest';
import { prismaCloudAlertParser } from '../../../src/intake/parsers/prisma-cloud-alert.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  id: 'P-1024',
  status: 'open',
  reason: 'NEW_ALERT',
  alertTime: 1709632800000,
  lastUpdated: 1709632800000,
  alertAttribution: {
    attributionEventList: [{ event: 'CreateBucket', event_ts: 1709632700000, username: 'grace' }],
    resourceCreatedBy: 'grace',
  },
  history: [{ modifiedBy: 'heidi@example.org', status: 'OPEN' }],
  policy: {
    policyId: '00000000-1111-2222-3333-444444444444',
    name: 'Storage bucket is publicly readable',
    policyType: 'config',
    severity: 'high',
    lastModifiedBy: 'template@example.org',
  },
  resource: {
    rrn: 'rrn:aws:s3:us-east-1:000000000000:0000:lab-bucket',
    id: 'lab-bucket',
    name: 'lab-bucket',
    resourceType: 'STORAGE_BUCKET',
    cloudType: 'aws',
    url: 'https://console.example.com/s3/buckets/lab-bucket',
  },
};

describe('Prisma Cloud alert parser', () => {
  it('detects an alert, as an object or a JSON line', () => {
    expect(prismaCloudAlertParser.detect(alert)).toBe(true);
    expect(prismaCloudAlertParser.detect(JSON.stringify(alert))).toBe(true);
  });

  it('reports only the attribution event users as users, not editors of the policy or the alert', () => {
    expect(prismaCloudAlertParser.parse(alert).observables.users).toEqual(['grace']);
  });

  it('keeps the resource console URL as a URL, with no host, domain or address', () => {
    const o = prismaCloudAlertParser.parse(alert).observables;
    expect(o.urls).toEqual(['https://console.example.com/s3/buckets/lab-bucket']);
    expect(o.hosts).toEqual([]);
    expect(o.domains).toEqual([]);
    expect(o.ips).toEqual([]);
  });

  it('titles the alert by its policy and resource, with the policy severity, id and alert time', () => {
    const a = prismaCloudAlertParser.parse(alert);
    expect(a.title).toBe('Prisma Cloud: Storage bucket is publicly readable (lab-bucket)');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('00000000-1111-2222-3333-444444444444');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads a resource-only record', () => {
    const a = prismaCloudAlertParser.parse({ resource: alert.resource });
    expect(a.title).toBe('Prisma Cloud: alert (lab-bucket)');
    expect(a.observables.users).toEqual([]);
  });

  it('reads the risk-detail record, which carries no indicator', () => {
    const detail = {
      riskDetail: {
        rating: 'B',
        score: '40',
        riskScore: { maxScore: 100, score: 40 },
        policyScores: [
          { policyId: 'policy-0002', name: 'Bucket is public', severity: 'medium', points: '40' },
        ],
      },
    };
    for (const raw of [detail, JSON.stringify(detail)]) expect(prismaCloudAlertParser.detect(raw)).toBe(true);
    const a = prismaCloudAlertParser.parse(detail);
    expect(a.title).toBe('Prisma Cloud: risk B');
    expect(a.severity).toBe('medium');
    expect([...a.observables.users, ...a.observables.hosts, ...a.observables.ips]).toEqual([]);
  });

  it('does not claim other JSON carrying a resource', () => {
    expect(prismaCloudAlertParser.detect({ resource: { rrn: 'arn:aws:s3:::x' } })).toBe(false);
    expect(prismaCloudAlertParser.detect({ resource: alert.resource, eventName: 'GetObject' })).toBe(false);
    expect(prismaCloudAlertParser.detect({ id: 'P-1', policy: alert.policy })).toBe(false);
    expect(prismaCloudAlertParser.detect('rrn:aws:s3 alert')).toBe(false);
    expect(prismaCloudAlertParser.detect({ riskDetail: { policyScores: [] }, user: 'x' })).toBe(false);
    expect(prismaCloudAlertParser.detect({ riskDetail: { score: 3 } })).toBe(false);
  });

  it('is not claimed by any specific parser already in the registry', () => {
    for (const raw of [alert, { resource: alert.resource }])
      expect(registryClaims(raw, 'prisma_cloud.alert')).toEqual({ first: 'prisma_cloud.alert', others: [] });
  });
});
