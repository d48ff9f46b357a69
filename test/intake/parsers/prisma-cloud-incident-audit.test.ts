// The Prisma Cloud Compute incident parser on synthetic incidents: audit FQDNs, then audit host names, then the
// incident's own are hosts; audit addresses and users are related; the category gives title and severity.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { prismaCloudIncidentAuditParser } from '../../../src/intake/parsers/prisma-cloud-incident-audit.js';
import { registryClaims } from './registry-claims.js';

const audit = (n: number, ip: string, user: string) => ({
  _id: `audit-${n}`,
  accountID: 'lab-account',
  attackType: 'cloudMetadataProbing',
  attackTechniques: [['exploitationForPrivilegeEscalation']],
  fqdn: `node-${n}.lab.example`,
  hostname: `node-${n}`,
  ip,
  user,
  msg: 'Suspicious process',
  ruleName: 'Default - alert on suspicious runtime behavior',
  time: '2025-02-04T10:00:00.000Z',
  type: ['processes'],
});

const incident = {
  _id: 'incident-0042',
  accountID: 'lab-account',
  acknowledged: false,
  audits: [audit(1, '192.0.2.31', 'svc-runner'), audit(2, 'not-an-address', 'root')],
  category: 'malware',
  containerName: '',
  customRuleName: '',
  fqdn: 'node-1.lab.example',
  hostname: 'node-1',
  provider: 'aws',
  serialNum: 7,
  shouldCollect: true,
  time: '2025-02-04T10:00:00.000Z',
  type: 'host',
  windows: false,
};

describe('Prisma Cloud Compute incident parser', () => {
  it('detects an incident, as an object or a JSON line', () => {
    expect(prismaCloudIncidentAuditParser.detect(incident)).toBe(true);
    expect(prismaCloudIncidentAuditParser.detect(JSON.stringify(incident))).toBe(true);
  });

  it('reports audit FQDNs, audit host names and the incident host, audit addresses and users', () => {
    expect(ecsIndicators(prismaCloudIncidentAuditParser.parse(incident))).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.31'],
      users: ['svc-runner', 'root'],
      hosts: ['node-1.lab.example', 'node-2.lab.example', 'node-1', 'node-2'],
    });
  });

  it('titles the incident by category and host, rates malware high, and takes the audit rule', () => {
    const a = prismaCloudIncidentAuditParser.parse(incident);
    expect(a.format).toBe('prisma_cloud.incident_audit');
    expect(a.title).toBe('Prisma Cloud Compute incident: malware on node-1');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('Default - alert on suspicious runtime behavior');
    expect(a.observedAt).toBe('2025-02-04T10:00:00.000Z');
    expect(prismaCloudIncidentAuditParser.parse({ ...incident, category: 'portScanning' }).severity).toBe(
      'medium',
    );
  });

  it('does not claim other JSON, text or non-strings', () => {
    expect(prismaCloudIncidentAuditParser.detect({ _id: 'x', audits: [] })).toBe(false);
    expect(prismaCloudIncidentAuditParser.detect({ audits: [], serialNum: 1 })).toBe(false);
    expect(prismaCloudIncidentAuditParser.detect({ _id: 'x', audits: 'none', serialNum: 1 })).toBe(false);
    expect(prismaCloudIncidentAuditParser.detect('{"audits":[],"serialNum":1}')).toBe(false);
    expect(prismaCloudIncidentAuditParser.detect('audits serialNum')).toBe(false);
    expect(prismaCloudIncidentAuditParser.detect(false)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [incident, JSON.stringify(incident)])
      expect(registryClaims(raw, 'prisma_cloud.incident_audit').others).toEqual([]);
  });
});
