// The AWS GuardDuty parser on synthetic findings (API call, outbound and inbound connections, port probe,
// DNS request, Kubernetes and RDS), bare and EventBridge-wrapped: roles as Elastic's guardduty pipeline maps them.
import { describe, expect, it } from 'vitest';
import { awsGuarddutyParser } from '../../../src/intake/parsers/aws-guardduty.js';
import { registryClaims } from './registry-claims.js';

const instance = {
  instanceId: 'i-0abc1234def567890',
  networkInterfaces: [
    {
      networkInterfaceId: 'eni-0123abcd',
      privateDnsName: 'ip-192-0-2-10.ec2.internal',
      privateIpAddress: '192.0.2.10',
      publicDnsName: 'ec2-203-0-113-7.compute-1.amazonaws.com',
      publicIp: '203.0.113.7',
    },
  ],
};

function finding(type: string, resource: object, action: object, severity = 5): Record<string, unknown> {
  return {
    schemaVersion: '2.0',
    accountId: '111122223333',
    region: 'eu-west-1',
    id: 'f0e1d2c3b4a5',
    arn: 'arn:aws:guardduty:eu-west-1:111122223333:detector/abc/finding/f0e1d2c3b4a5',
    type,
    resource,
    service: { serviceName: 'guardduty', action },
    severity,
    createdAt: '2024-03-01T08:00:00.000Z',
    updatedAt: '2024-03-01T09:30:00.000Z',
    title: `Sample ${type}`,
  };
}

const apiCall = finding(
  'UnauthorizedAccess:IAMUser/TorIPCaller',
  {
    resourceType: 'AccessKey',
    accessKeyDetails: { accessKeyId: 'AKIAEXAMPLE', principalId: 'AIDAEXAMPLE', userName: 'build-bot' },
  },
  {
    actionType: 'AWS_API_CALL',
    awsApiCallAction: { api: 'ListBuckets', remoteIpDetails: { ipAddressV4: '198.51.100.23' } },
  },
);
const outbound = finding(
  'Backdoor:EC2/C&CActivity.B',
  { resourceType: 'Instance', instanceDetails: instance },
  {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: {
      connectionDirection: 'OUTBOUND',
      localIpDetails: { ipAddressV4: '192.0.2.10' },
      remoteIpDetails: { ipAddressV4: '198.51.100.99' },
    },
  },
  8,
);
const inbound = finding(
  'Recon:EC2/Portscan',
  { resourceType: 'Instance', instanceDetails: instance },
  {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: {
      connectionDirection: 'INBOUND',
      localIpDetails: { ipAddressV4: '192.0.2.10' },
      remoteIpDetails: { ipAddressV4: '198.51.100.40' },
    },
  },
  2,
);
const probe = finding(
  'Recon:EC2/PortProbeUnprotectedPort',
  { resourceType: 'Instance', instanceDetails: instance },
  {
    actionType: 'PORT_PROBE',
    portProbeAction: {
      portProbeDetails: [
        { localIpDetails: { ipAddressV4: '192.0.2.11' }, remoteIpDetails: { ipAddressV4: '198.51.100.5' } },
      ],
    },
  },
);
const dns = finding(
  'Trojan:EC2/DNSDataExfiltration',
  { resourceType: 'Instance', instanceDetails: instance },
  { actionType: 'DNS_REQUEST', dnsRequestAction: { domain: 'exfil.example.net', protocol: 'UDP' } },
);
const kube = finding(
  'Discovery:Kubernetes/TorIPCaller',
  { resourceType: 'EKSCluster', kubernetesDetails: { kubernetesUserDetails: { username: 'dev-operator' } } },
  {
    actionType: 'KUBERNETES_API_CALL',
    kubernetesApiCallAction: { remoteIpDetails: { ipAddressV4: '2001:db8::5' } },
  },
);
const rds = finding(
  'CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin',
  { resourceType: 'RDSDBInstance', rdsDbUserDetails: { user: 'report_reader' } },
  {
    actionType: 'RDS_LOGIN_ATTEMPT',
    rdsLoginAttemptAction: { remoteIpDetails: { ipAddressV4: '203.0.113.80' } },
  },
);

const parse = (raw: unknown) => awsGuarddutyParser.parse(raw).observables;

describe('AWS GuardDuty parser', () => {
  it('reads an API call finding: the caller is the source and the access key user the user', () => {
    expect(awsGuarddutyParser.detect(apiCall)).toBe(true);
    const alert = awsGuarddutyParser.parse(apiCall);
    expect(alert.observables.srcIps).toEqual(['198.51.100.23']);
    expect(alert.observables.ips).toEqual(['198.51.100.23']);
    expect(alert.observables.users).toEqual(['build-bot']);
    expect(alert.title).toBe('Sample UnauthorizedAccess:IAMUser/TorIPCaller');
    expect(alert.severity).toBe('medium');
    expect(alert.ruleId).toBe('UnauthorizedAccess:IAMUser/TorIPCaller');
    expect(alert.observedAt).toBe('2024-03-01T09:30:00.000Z');
  });

  it('puts the instance interfaces first in related addresses and its DNS names in hosts', () => {
    const o = parse(outbound);
    expect(o.srcIps).toEqual(['192.0.2.10']);
    expect(o.dstIps).toEqual(['198.51.100.99']);
    expect(o.ips).toEqual(['192.0.2.10', '203.0.113.7', '198.51.100.99']);
    expect(o.hosts).toEqual(['ip-192-0-2-10.ec2.internal', 'ec2-203-0-113-7.compute-1.amazonaws.com']);
    expect(awsGuarddutyParser.parse(outbound).severity).toBe('high');
  });

  it('makes the remote address the source of an inbound connection', () => {
    const o = parse(inbound);
    expect(o.srcIps).toEqual(['198.51.100.40']);
    expect(o.dstIps).toEqual(['192.0.2.10']);
    expect(awsGuarddutyParser.parse(inbound).severity).toBe('low');
  });

  it('reports port probe addresses as related only', () => {
    const o = parse(probe);
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual([]);
    expect(o.ips).toEqual(['192.0.2.10', '203.0.113.7', '192.0.2.11', '198.51.100.5']);
  });

  it('reports the queried name of a DNS request as a domain', () => {
    expect(parse(dns).domains).toEqual(['exfil.example.net']);
  });

  it('reads Kubernetes and RDS findings: remote address as source, their user as user', () => {
    expect(parse(kube)).toMatchObject({ srcIps: ['2001:db8::5'], users: ['dev-operator'] });
    expect(parse(rds)).toMatchObject({ srcIps: ['203.0.113.80'], users: ['report_reader'] });
  });

  it('unwraps an EventBridge "GuardDuty Finding" event', () => {
    const event = {
      version: '0',
      source: 'aws.guardduty',
      'detail-type': 'GuardDuty Finding',
      detail: apiCall,
    };
    expect(awsGuarddutyParser.detect(event)).toBe(true);
    expect(parse(event).srcIps).toEqual(['198.51.100.23']);
  });

  it('does not claim other AWS payloads or other EventBridge events', () => {
    const trail = { eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject' };
    expect(awsGuarddutyParser.detect(trail)).toBe(false);
    expect(awsGuarddutyParser.detect({ 'detail-type': 'AWS API Call via CloudTrail', detail: apiCall })).toBe(
      false,
    );
    expect(awsGuarddutyParser.detect('{"schemaVersion":"2.0"}')).toBe(false);
    expect(awsGuarddutyParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these findings', () => {
    for (const sample of [apiCall, outbound, inbound, probe, dns, kube, rds]) {
      expect(registryClaims(sample, awsGuarddutyParser.name).others).toEqual([]);
    }
  });
});
