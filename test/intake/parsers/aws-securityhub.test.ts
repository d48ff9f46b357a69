// The AWS Security Hub parser on synthetic ASFF findings, bare, as a `findings` list and EventBridge-wrapped:
// Network addresses, action addresses, resource users and hosts as Elastic's securityhub_findings pipeline maps them.
import { describe, expect, it } from 'vitest';
import { awsSecurityhubParser } from '../../../src/intake/parsers/aws-securityhub.js';
import { registryClaims } from './registry-claims.js';

function asff(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: 'arn:aws:securityhub:eu-west-1:111122223333:finding/0001',
    ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
    GeneratorId: 'demo-generator-7',
    AwsAccountId: '111122223333',
    Types: ['TTPs/Initial Access'],
    CreatedAt: '2024-04-02T10:00:00.000Z',
    UpdatedAt: '2024-04-02T11:00:00.000Z',
    Severity: { Label: 'HIGH', Original: '7.5' },
    Title: 'Suspicious inbound traffic to demo instance',
    Resources: [
      { Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc', Details: {} },
    ],
    ...extra,
  };
}

const network = asff({
  Network: {
    Direction: 'IN',
    SourceIpV4: '198.51.100.12',
    SourceIpV6: '2001:db8::12',
    SourceDomain: 'scanner.example.net',
    DestinationIpV4: '192.0.2.20',
    DestinationIpV6: '2001:db8::20',
    DestinationDomain: 'app.example.org',
  },
  Action: {
    ActionType: 'PORT_PROBE',
    PortProbeAction: {
      PortProbeDetails: [
        { LocalIpDetails: { IpAddressV4: '192.0.2.21' }, RemoteIpDetails: { IpAddressV4: '198.51.100.77' } },
      ],
    },
  },
});

const iamUser = asff({
  Severity: { Label: 'MEDIUM' },
  Action: {
    ActionType: 'AWS_API_CALL',
    AwsApiCallAction: { RemoteIpDetails: { IpAddressV4: '203.0.113.9' } },
  },
  Resources: [
    {
      Type: 'AwsIamUser',
      Id: 'arn:aws:iam::111122223333:user/jo-admin',
      Details: { AwsIamUser: { UserName: 'jo-admin' } },
    },
    { Type: 'AwsEcsContainer', Id: 'container-1', Details: { AwsEcsContainer: { Name: 'web-frontend' } } },
  ],
});

const parse = (raw: unknown) => awsSecurityhubParser.parse(raw).observables;

describe('AWS Security Hub parser', () => {
  it('reads Network addresses as source and destination and relates the action addresses first', () => {
    expect(awsSecurityhubParser.detect(network)).toBe(true);
    const alert = awsSecurityhubParser.parse(network);
    expect(alert.observables.srcIps).toEqual(['198.51.100.12', '2001:db8::12']);
    expect(alert.observables.dstIps).toEqual(['192.0.2.20', '2001:db8::20']);
    expect(alert.observables.ips).toEqual([
      '192.0.2.21',
      '198.51.100.77',
      '192.0.2.20',
      '2001:db8::20',
      '198.51.100.12',
      '2001:db8::12',
    ]);
    expect(alert.observables.domains).toEqual(['scanner.example.net', 'app.example.org']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.title).toBe('Suspicious inbound traffic to demo instance');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('demo-generator-7');
    expect(alert.observedAt).toBe('2024-04-02T11:00:00.000Z');
  });

  it('keeps the Network domains out of related hosts', () => {
    expect(awsSecurityhubParser.domainsInRelatedHosts).toBe(false);
  });

  it('takes users from IAM resources and hosts from ECS containers', () => {
    const o = parse(iamUser);
    expect(o.users).toEqual(['jo-admin']);
    expect(o.hosts).toEqual(['web-frontend']);
    expect(o.ips).toEqual(['203.0.113.9']);
    expect(o.srcIps).toEqual([]);
  });

  it('reads every finding of an EventBridge "Security Hub Findings - Imported" event', () => {
    const event = {
      version: '0',
      source: 'aws.securityhub',
      'detail-type': 'Security Hub Findings - Imported',
      detail: { findings: [network, iamUser] },
    };
    expect(awsSecurityhubParser.detect(event)).toBe(true);
    const alert = awsSecurityhubParser.parse(event);
    expect(alert.observables.users).toEqual(['jo-admin']);
    expect(alert.observables.srcIps).toEqual(['198.51.100.12', '2001:db8::12']);
    expect(alert.title).toBe('Suspicious inbound traffic to demo instance');
  });

  it('reads a bare findings list and ignores an empty one', () => {
    expect(awsSecurityhubParser.detect({ findings: [iamUser] })).toBe(true);
    expect(awsSecurityhubParser.detect({ findings: [] })).toBe(false);
  });

  it('does not claim GuardDuty findings, CloudTrail records or other EventBridge events', () => {
    const guardduty = {
      schemaVersion: '2.0',
      accountId: '111122223333',
      type: 'Recon:EC2/Portscan',
      resource: {},
      service: {},
    };
    expect(awsSecurityhubParser.detect(guardduty)).toBe(false);
    expect(
      awsSecurityhubParser.detect({ eventVersion: '1.08', eventSource: 'iam.amazonaws.com', eventName: 'x' }),
    ).toBe(false);
    expect(
      awsSecurityhubParser.detect({ 'detail-type': 'GuardDuty Finding', detail: { findings: [network] } }),
    ).toBe(false);
    expect(awsSecurityhubParser.detect('SchemaVersion 2018-10-08')).toBe(false);
  });

  it('is the only specific parser in the registry that claims these findings', () => {
    for (const sample of [network, iamUser, { findings: [network] }]) {
      expect(registryClaims(sample, awsSecurityhubParser.name).others).toEqual([]);
    }
  });
});
