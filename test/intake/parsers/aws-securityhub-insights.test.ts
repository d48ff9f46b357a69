// The Security Hub insights parser on synthetic GetInsights records: an insight is a saved query, so its
// filter values yield no indicators; and no other parser claims it.
import { describe, expect, it } from 'vitest';
import { awsSecurityhubInsightsParser } from '../../../src/intake/parsers/aws-securityhub-insights.js';
import { registryClaims } from './registry-claims.js';

const insight = {
  Filters: {
    NetworkSourceIpV4: [{ Cidr: '203.0.113.0/24' }],
    ResourceAwsIamUserUserName: [{ Comparison: 'EQUALS', Value: 'demo.admin' }],
    NetworkDestinationDomain: [{ Comparison: 'EQUALS', Value: 'bad.example.net' }],
    SeverityLabel: [{ Comparison: 'EQUALS', Value: 'CRITICAL' }],
    CreatedAt: [{ DateRange: { Unit: 'DAYS', Value: 7 } }],
  },
  GroupByAttribute: 'ResourceId',
  InsightArn: 'arn:aws:securityhub:eu-west-1:111122223333:insight/111122223333/custom/demo-0001',
  Name: 'Critical findings from the demo range',
};

describe('awsSecurityhubInsightsParser', () => {
  it('detects an insight record', () => {
    expect(awsSecurityhubInsightsParser.detect(insight)).toBe(true);
  });

  it('reports no indicator from the filter values', () => {
    const a = awsSecurityhubInsightsParser.parse(insight);
    expect(a.format).toBe('aws.securityhub_insights');
    const o = a.observables;
    expect([o.srcIps, o.dstIps, o.ips, o.users, o.hosts, o.domains]).toEqual([[], [], [], [], [], []]);
  });

  it('titles the insight by its name and grouping, informational, with its ARN as the rule', () => {
    const a = awsSecurityhubInsightsParser.parse(insight);
    expect(a.title).toBe(
      'AWS Security Hub insight: Critical findings from the demo range grouped by ResourceId',
    );
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe(insight.InsightArn);
  });

  it('does not claim findings or other records', () => {
    const finding = {
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:::product/aws/guardduty',
      Filters: {},
    };
    for (const x of [finding, { InsightArn: 'x' }, { InsightArn: 'x', Filters: 'y' }, 'text', null])
      expect(awsSecurityhubInsightsParser.detect(x)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    expect(registryClaims(insight, awsSecurityhubInsightsParser.name).others).toEqual([]);
  });
});
