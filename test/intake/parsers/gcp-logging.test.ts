// The Google Cloud Logging parser on synthetic LogEntry records (audit, DNS, firewall, VPC flow): detection,
// the role of every indicator as Elastic's gcp pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { gcpLoggingParser } from '../../../src/intake/parsers/gcp-logging.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  insertId: 'a1b2c3',
  logName: 'projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity',
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    authenticationInfo: { principalEmail: 'dana.lee@example.org' },
    authorizationInfo: [{ granted: true, permission: 'compute.instances.delete' }],
    methodName: 'v1.compute.instances.delete',
    requestMetadata: { callerIp: '203.0.113.44', callerSuppliedUserAgent: 'gcloud' },
    resourceName: 'projects/demo-project/zones/europe-west1-b/instances/app-vm-3',
    serviceName: 'compute.googleapis.com',
  },
  resource: { labels: { project_id: 'demo-project' }, type: 'gce_instance' },
  severity: 'NOTICE',
  timestamp: '2024-05-01T10:00:00.123Z',
};

const gkeAudit = {
  insertId: 'k8s-1',
  logName: 'projects/demo-project/logs/cloudaudit.googleapis.com%2Fdata_access',
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    authenticationInfo: { principalEmail: 'system:serviceaccount:kube-system:demo-controller' },
    methodName: 'io.k8s.core.v1.pods.list',
    requestMetadata: { callerIp: '2001:db8::10' },
    resourceName: 'core/v1/pods',
    serviceName: 'k8s.io',
    status: { code: 7, message: 'PERMISSION_DENIED' },
  },
  resource: { labels: { cluster_name: 'demo-cluster' }, type: 'k8s_cluster' },
  timestamp: '2024-05-01T10:01:00Z',
};

const dns = {
  insertId: 'dns-1',
  jsonPayload: {
    queryName: 'www.example.com.',
    queryType: 'A',
    rdata: 'www.example.com.\t300\tIN\tcname\tedge.example.net.\nedge.example.net.\t60\tIN\ta\t198.51.100.80',
    responseCode: 'NOERROR',
    sourceIP: '192.0.2.15',
    vmInstanceName: '1234.build-vm',
  },
  logName: 'projects/demo-project/logs/dns.googleapis.com%2Fdns_queries',
  resource: { type: 'dns_query' },
  severity: 'INFO',
  timestamp: '2024-05-01T10:02:00Z',
};

const dnsMx = {
  insertId: 'dns-2',
  jsonPayload: {
    queryName: 'example.org.',
    queryType: 'MX',
    rdata: 'example.org.\t300\tIN\tmx\t10 mx1.example.org.\nexample.org.\t300\tIN\tmx\t20 mx2.example.org.',
    responseCode: 'NOERROR',
    sourceIP: '192.0.2.16',
    destinationIP: '192.0.2.53',
  },
  logName: 'projects/demo-project/logs/dns.googleapis.com%2Fdns_queries',
  resource: { type: 'dns_query' },
  timestamp: '2024-05-01T10:03:00Z',
};

const dnsAaaa = {
  insertId: 'dns-3',
  jsonPayload: {
    queryName: 'v6.example.com.',
    queryType: 'AAAA',
    rdata: 'v6.example.com.\t300\tIN\taaaa\t2001:db8:0:0:0:0:0:80',
    responseCode: 'NOERROR',
    sourceIP: '192.0.2.17',
  },
  logName: 'projects/demo-project/logs/dns.googleapis.com%2Fdns_queries',
  timestamp: '2024-05-01T10:04:00Z',
};

const firewall = {
  insertId: 'fw-1',
  jsonPayload: {
    connection: { dest_ip: '10.20.0.5', dest_port: 22, protocol: 6, src_ip: '198.51.100.9', src_port: 51515 },
    disposition: 'DENIED',
    instance: { project_id: 'demo-project', vm_name: 'bastion-1', zone: 'europe-west1-b' },
    rule_details: { action: 'DENY', direction: 'INGRESS', reference: 'network:default/firewall:deny-ssh' },
  },
  logName: 'projects/demo-project/logs/compute.googleapis.com%2Ffirewall',
  resource: { type: 'gce_subnetwork' },
  timestamp: '2024-05-01T10:05:00Z',
};

const vpcflow = {
  insertId: 'flow-1',
  jsonPayload: {
    bytes_sent: '1200',
    connection: {
      dest_ip: '203.0.113.70',
      dest_port: 443,
      protocol: 6,
      src_ip: '10.20.0.7',
      src_port: 40000,
    },
    reporter: 'SRC',
    src_instance: { project_id: 'demo-project', vm_name: 'web-2', zone: 'europe-west1-b' },
  },
  logName: 'projects/demo-project/logs/compute.googleapis.com%2Fvpc_flows',
  resource: { type: 'gce_subnetwork' },
  timestamp: '2024-05-01T10:06:00Z',
};

const samples = { audit, gkeAudit, dns, dnsMx, dnsAaaa, firewall, vpcflow };

describe('gcpLoggingParser', () => {
  it('detects every supported Google Cloud log entry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(gcpLoggingParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the audit caller as the source and the principal as the user, kept whole, and its e-mail', () => {
    const a = gcpLoggingParser.parse(audit);
    expect(a.format).toBe('gcp.audit');
    expect(a.recognizedBy).toBe('parser:gcp.logging');
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.ips).toEqual(['203.0.113.44']);
    expect(a.observables.users).toEqual(['dana.lee@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
    expect(a.ruleId).toBe('v1.compute.instances.delete');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(a.title).toContain('app-vm-3');
  });

  it('reads a GKE audit record as gcp.audit and raises a refused call to medium severity', () => {
    const a = gcpLoggingParser.parse(gkeAudit);
    expect(a.format).toBe('gcp.audit');
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.severity).toBe('medium');
  });

  it('relates the address of the HTTP request an audit entry records, with or without its port', () => {
    for (const remoteIp of ['198.51.100.45', '198.51.100.45:8443']) {
      const a = gcpLoggingParser.parse({
        ...audit,
        httpRequest: { remoteIp, requestMethod: 'GET', status: 403 },
      });
      expect(a.observables.srcIps).toEqual(['203.0.113.44']);
      expect(a.observables.ips).toEqual(['203.0.113.44', '198.51.100.45']);
    }
  });

  it('skips a caller address GCP redacts as private or internal', () => {
    const redacted = {
      ...audit,
      protoPayload: { ...audit.protoPayload, requestMetadata: { callerIp: 'gce-internal-ip' } },
    };
    expect(gcpLoggingParser.parse(redacted).observables.srcIps).toEqual([]);
  });

  it('lists resolved addresses before the client and reports the query and CNAME targets as domains', () => {
    const a = gcpLoggingParser.parse(dns);
    expect(a.format).toBe('gcp.dns');
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.ips).toEqual(['198.51.100.80', '192.0.2.15']);
    expect(a.observables.domains).toEqual(['edge.example.net', 'www.example.com']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports MX exchanges as domains and the DNS server as the destination', () => {
    const a = gcpLoggingParser.parse(dnsMx);
    expect(a.observables.domains).toEqual(['mx1.example.org', 'mx2.example.org', 'example.org']);
    expect(a.observables.dstIps).toEqual(['192.0.2.53']);
    expect(a.observables.ips).toEqual(['192.0.2.16', '192.0.2.53']);
  });

  it('writes a resolved IPv6 address canonically', () => {
    expect(gcpLoggingParser.parse(dnsAaaa).observables.ips).toEqual(['2001:db8::80', '192.0.2.17']);
  });

  it('reads firewall connection endpoints and the rule, without the instance name as a host', () => {
    const a = gcpLoggingParser.parse(firewall);
    expect(a.format).toBe('gcp.firewall');
    expect(a.observables.srcIps).toEqual(['198.51.100.9']);
    expect(a.observables.dstIps).toEqual(['10.20.0.5']);
    expect(a.observables.ips).toEqual(['198.51.100.9', '10.20.0.5']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('network:default/firewall:deny-ssh');
    expect(a.severity).toBe('low');
  });

  it('reads VPC flow connection endpoints', () => {
    const a = gcpLoggingParser.parse(vpcflow);
    expect(a.format).toBe('gcp.vpcflow');
    expect(a.observables.srcIps).toEqual(['10.20.0.7']);
    expect(a.observables.dstIps).toEqual(['203.0.113.70']);
    expect(a.observables.ips).toEqual(['10.20.0.7', '203.0.113.70']);
    expect(a.severity).toBe('info');
  });

  it('does not claim other log entries or other formats', () => {
    const otherLog = { ...vpcflow, logName: 'projects/demo-project/logs/syslog' };
    const otherProto = {
      ...audit,
      protoPayload: { '@type': 'type.googleapis.com/google.appengine.logging.v1.RequestLog' },
    };
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'dana@example.org' },
      displayMessage: 'x',
    };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"protoPayload":{}}';
    for (const raw of [otherLog, otherProto, okta, line, null, 42, []]) {
      expect(gcpLoggingParser.detect(raw)).toBe(false);
    }
  });

  it('is the registry’s choice for these samples, GKE audit aside, which the Kubernetes parser reads first', () => {
    for (const [name, sample] of Object.entries(samples)) {
      // Elastic's Kubernetes package reads GKE Cloud Audit entries too; the registry tries it first.
      const expected =
        name === 'gkeAudit'
          ? { first: 'kubernetes.audit_logs', others: ['kubernetes.audit_logs'] }
          : { first: gcpLoggingParser.name, others: [] };
      expect(registryClaims(sample, gcpLoggingParser.name), name).toEqual(expected);
    }
  });
});
