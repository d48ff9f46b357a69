// The Seagate Lyve Cloud audit parser on synthetic S3 audit records: detection, every indicator as
// Elastic's lyve_cloud audit pipeline maps it (users, forwarded chain, forwarded host), the facts reported,
// and that no other parser claims these records nor this parser other formats.
import { describe, expect, it } from 'vitest';
import { lyveCloudParser } from '../../../src/intake/parsers/lyve-cloud.js';
import { registryClaims } from './registry-claims.js';

const getObject = {
  auditEntry: {
    api: {
      name: 'GetObject',
      bucket: 'finance-archive',
      object: 'reports/q1.csv',
      status: 'OK',
      statusCode: 200,
      timeToResponse: '1200345ns',
      timeToFirstByte: '1100345ns',
    },
    time: '2024-04-02T09:30:15.123456789Z',
    version: '1',
    requestID: '17A0B1C2D3E4F506',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64',
    deploymentid: '00000000-1111-2222-3333-444444444444',
    requestHeader: {
      'X-Real-Ip': '192.0.2.10:40123',
      'User-Agent': 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64',
      'X-Forwarded-For': '203.0.113.25, 192.0.2.10',
      'X-Forwarded-Host': 's3.example-region.storage.example',
      'X-Forwarded-Proto': 'https',
    },
    responseHeader: { 'Content-Type': 'text/csv', 'Content-Length': '2048' },
  },
  serviceAccountName: 'backup-robot',
  serviceAccountCreatorId: 'storage.admin@example.org',
};

const deniedPut = {
  auditEntry: {
    api: { name: 'PutObject', bucket: 'finance-archive', status: 'Forbidden', statusCode: 403 },
    time: '2024-04-02T09:31:00Z',
    version: '1',
    requestHeader: { 'X-Forwarded-For': 'unknown, 2001:db8::7, 0.0.0.0' },
  },
  serviceAccountName: 'ingest-svc',
  serviceAccountCreatorId: 'ops.lead@example.org',
};

const anonymous = {
  auditEntry: {
    api: { name: 'GetBucketLocation', bucket: 'public-data', status: 'OK', statusCode: 200 },
    time: '2024-04-02T09:32:00.5Z',
    requestQuery: { location: '' },
  },
  serviceAccountName: '',
  serviceAccountCreatorId: 'owner@example.org',
};

describe('lyveCloudParser', () => {
  it('detects Lyve Cloud audit records with and without a service account', () => {
    for (const sample of [getObject, deniedPut, anonymous]) expect(lyveCloudParser.detect(sample)).toBe(true);
  });

  it('reports the service account and its creator as users, and the creator as an e-mail', () => {
    const alert = lyveCloudParser.parse(getObject);
    expect(alert.format).toBe('lyve_cloud.audit');
    expect(alert.recognizedBy).toBe('parser:lyve_cloud.audit');
    expect(alert.observables.users).toEqual(['backup-robot', 'storage.admin@example.org']);
    expect(alert.observables.emails).toEqual(['storage.admin@example.org']);
  });

  it('relates the X-Forwarded-For chain and takes its last entry as the source, ignoring X-Real-Ip', () => {
    const alert = lyveCloudParser.parse(getObject);
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual([]);
    expect([...alert.observables.ips].sort()).toEqual(['192.0.2.10', '203.0.113.25']);
  });

  it('reports the forwarded host as a domain', () => {
    const alert = lyveCloudParser.parse(getObject);
    expect(alert.observables.domains).toEqual(['s3.example-region.storage.example']);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('skips chain entries that are not addresses and never reports the unspecified address', () => {
    const alert = lyveCloudParser.parse(deniedPut);
    expect(alert.observables.ips).toEqual(['2001:db8::7']);
    expect(alert.observables.srcIps).toEqual([]);
  });

  it('reports the API call as title and rule, and the entry time to the millisecond', () => {
    const alert = lyveCloudParser.parse(getObject);
    expect(alert.title).toBe('Lyve Cloud GetObject on finance-archive/reports/q1.csv (OK)');
    expect(alert.ruleId).toBe('GetObject');
    expect(alert.observedAt).toBe('2024-04-02T09:30:15.123Z');
    expect(alert.severity).toBe('info');
  });

  it('rates a forbidden request low', () => {
    const alert = lyveCloudParser.parse(deniedPut);
    expect(alert.severity).toBe('low');
    expect(alert.observables.users).toEqual(['ingest-svc', 'ops.lead@example.org']);
  });

  it('reports no user, address or host when the service account and headers are absent', () => {
    const alert = lyveCloudParser.parse(anonymous);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.emails).toEqual(['owner@example.org']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.domains).toEqual([]);
    expect(alert.title).toBe('Lyve Cloud GetBucketLocation on public-data (OK)');
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      'Apr  2 09:30:15 fw01 sshd[123]: Failed password for alice from 192.0.2.5 port 5022 ssh2',
      {
        eventVersion: '1.08',
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        sourceIPAddress: '192.0.2.5',
      },
      { auditEntry: { api: { name: 'GetObject' } } },
      { auditEntry: 'x', serviceAccountName: 'a' },
      null,
      42,
    ];
    for (const sample of others) expect(lyveCloudParser.detect(sample)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const sample of [getObject, deniedPut, anonymous]) {
      expect(registryClaims(sample, lyveCloudParser.name).others).toEqual([]);
    }
  });
});
