// The Google Security Command Center parser on synthetic findings: a Pub/Sub notification, a ListFindings
// result and response, mapped as Elastic's google_scc finding pipeline maps them.
import { describe, expect, it } from 'vitest';
import { googleSccParser } from '../../../src/intake/parsers/google-scc.js';
import { registryClaims } from './registry-claims.js';

const SHA = 'a'.repeat(64);

function finding(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'organizations/1234567/sources/7654321/findings/f00dcafe01',
    parent: 'organizations/1234567/sources/7654321',
    resourceName: '//compute.googleapis.com/projects/demo-proj/zones/europe-west1-b/instances/4242',
    state: 'ACTIVE',
    category: 'Malware: Cryptomining Bad IP',
    findingClass: 'THREAT',
    severity: 'HIGH',
    eventTime: '2024-05-06T07:08:09.123Z',
    createTime: '2024-05-06T07:08:10Z',
    externalUri: 'https://console.cloud.example.com/finding/f00dcafe01',
    ...extra,
  };
}

const threat = finding({
  access: {
    principalEmail: 'deploy-bot@demo-proj.iam.example.com',
    callerIp: '198.51.100.44',
    methodName: 'v1.compute.instances.insert',
  },
  connections: [
    {
      sourceIp: '192.0.2.10',
      sourcePort: 51515,
      destinationIp: '203.0.113.80',
      destinationPort: 3333,
      protocol: 'TCP',
    },
    { sourceIp: '192.0.2.10', destinationIp: '2001:db8::80', protocol: 'UDP' },
  ],
  indicator: { ipAddresses: ['203.0.113.81', 'not-an-ip'], domains: ['pool.mining.example'], uris: [] },
  database: { userName: 'report_reader', name: 'orders' },
  files: [{ path: '/tmp/xmr', sha256: SHA }],
});

const notification = {
  notificationConfigName: 'organizations/1234567/notificationConfigs/soc-feed',
  finding: threat,
  resource: { name: threat['resourceName'], displayName: 'web-vm-1', type: 'google.compute.Instance' },
};

const misconfig = {
  finding: finding({
    name: 'projects/demo-proj/sources/99/locations/global/findings/open-bucket-1',
    parent: 'projects/demo-proj/sources/99/locations/global',
    category: 'PUBLIC_BUCKET_ACL',
    findingClass: 'MISCONFIGURATION',
    severity: 'SEVERITY_UNSPECIFIED',
  }),
  resource: { name: '//storage.googleapis.com/demo-bucket' },
};

describe('Google Security Command Center parser', () => {
  it('reads connections as source and destination and relates destinations, sources, caller, indicators', () => {
    expect(googleSccParser.detect(notification)).toBe(true);
    const alert = googleSccParser.parse(notification);
    const o = alert.observables;
    expect(o.srcIps).toEqual(['192.0.2.10']);
    expect(o.dstIps).toEqual(['203.0.113.80', '2001:db8::80']);
    expect(o.ips).toEqual(['203.0.113.80', '2001:db8::80', '192.0.2.10', '198.51.100.44', '203.0.113.81']);
    expect(alert.title).toBe('Malware: Cryptomining Bad IP on web-vm-1');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-05-06T07:08:09.123Z');
    expect(alert.ruleId).toBe('Malware: Cryptomining Bad IP');
  });

  it('takes the database user as the user and keeps the access principal as an e-mail only', () => {
    const o = googleSccParser.parse(notification).observables;
    expect(o.users).toEqual(['report_reader']);
    expect(o.emails).toEqual(['deploy-bot@demo-proj.iam.example.com']);
  });

  it('reports indicator domains and file hashes but no hosts, and keeps domains out of related hosts', () => {
    const o = googleSccParser.parse(notification).observables;
    expect(o.domains).toEqual(['pool.mining.example']);
    expect(o.hosts).toEqual([]);
    expect(o.hashes).toEqual([SHA]);
    expect(o.urls).toEqual([]);
    expect(googleSccParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a v2 finding without indicators and an unspecified severity as informational', () => {
    expect(googleSccParser.detect(misconfig)).toBe(true);
    const alert = googleSccParser.parse(misconfig);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('info');
    expect(alert.title).toBe('PUBLIC_BUCKET_ACL on //storage.googleapis.com/demo-bucket');
  });

  it('reads every result of a ListFindings response and ignores an empty one', () => {
    const response = {
      listFindingsResults: [misconfig, notification],
      readTime: '2024-05-06T08:00:00Z',
      totalSize: 2,
    };
    expect(googleSccParser.detect(response)).toBe(true);
    const alert = googleSccParser.parse(response);
    expect(alert.title).toBe('PUBLIC_BUCKET_ACL on //storage.googleapis.com/demo-bucket');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(
      googleSccParser.detect({ listFindingsResults: [], readTime: '2024-05-06T08:00:00Z', totalSize: 0 }),
    ).toBe(false);
  });

  it('does not claim Cloud Logging entries, other findings or text', () => {
    const auditEntry = {
      logName: 'projects/demo-proj/logs/cloudaudit.googleapis.com%2Factivity',
      insertId: 'abc',
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', methodName: 'x' },
    };
    expect(googleSccParser.detect(auditEntry)).toBe(false);
    expect(googleSccParser.detect({ finding: { name: 'some finding', category: 'x' } })).toBe(false);
    expect(googleSccParser.detect({ findings: [threat] })).toBe(false);
    expect(googleSccParser.detect('finding organizations/1/sources/2/findings/3')).toBe(false);
    expect(googleSccParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these findings', () => {
    for (const sample of [notification, misconfig, { listFindingsResults: [notification] }]) {
      expect(registryClaims(sample, googleSccParser.name).others).toEqual([]);
    }
  });
});
