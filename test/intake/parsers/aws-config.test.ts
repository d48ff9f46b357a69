// The AWS Config parser on synthetic rule evaluation results: the rule's creator as the user, severity by
// compliance, title, rule and time; and no other parser claims them.
import { describe, expect, it } from 'vitest';
import { awsConfigParser } from '../../../src/intake/parsers/aws-config.js';
import { registryClaims } from './registry-claims.js';

const nonCompliant = {
  ComplianceType: 'NON_COMPLIANT',
  ConfigRuleInvokedTime: 1714557590.5,
  EvaluationResultIdentifier: {
    EvaluationResultQualifier: {
      ConfigRuleName: 'demo-s3-public-read',
      EvaluationMode: 'DETECTIVE',
      ResourceId: 'demo-bucket',
      ResourceType: 'AWS::S3::Bucket',
    },
    OrderingTimestamp: 1714557500,
  },
  ResultRecordedTime: 1714557600.25,
  Annotation: 'The bucket allows public read access.',
  ConfigRuleInfo: {
    ConfigRuleArn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-demo01',
    ConfigRuleId: 'config-rule-demo01',
    ConfigRuleName: 'demo-s3-public-read',
    ConfigRuleState: 'ACTIVE',
    CreatedBy: 'securityhub.amazonaws.com',
    Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED' },
    InputParameters: '{}',
  },
};

const compliant = {
  ComplianceType: 'COMPLIANT',
  EvaluationResultIdentifier: {
    EvaluationResultQualifier: {
      ConfigRuleName: 'demo-tags',
      ResourceId: 'i-0demo',
      ResourceType: 'AWS::EC2::Instance',
    },
  },
  ResultRecordedTime: '1714557600',
};

describe('awsConfigParser', () => {
  it('detects rule evaluation results', () => {
    for (const sample of [nonCompliant, compliant]) expect(awsConfigParser.detect(sample)).toBe(true);
  });

  it("reports the rule's creator as the only user, and no address or host", () => {
    const a = awsConfigParser.parse(nonCompliant);
    expect(a.format).toBe('aws.config');
    expect(a.observables.users).toEqual(['securityhub.amazonaws.com']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(awsConfigParser.parse(compliant).observables.users).toEqual([]);
  });

  it('rates a non-compliant resource low and a compliant one informational, with rule, resource and time', () => {
    const a = awsConfigParser.parse(nonCompliant);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('AWS Config demo-s3-public-read: NON_COMPLIANT (AWS::S3::Bucket demo-bucket)');
    expect(a.ruleId).toBe('config-rule-demo01');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.250Z');
    const c = awsConfigParser.parse(compliant);
    expect(c.severity).toBe('info');
    expect(c.ruleId).toBe('demo-tags');
    expect(c.observedAt).toBe('2024-05-01T10:00:00.000Z');
  });

  it('does not claim other records', () => {
    for (const x of [
      { ComplianceType: 'COMPLIANT' },
      { ComplianceType: 'X', EvaluationResultIdentifier: {} },
      'text',
      null,
    ])
      expect(awsConfigParser.detect(x)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const sample of [nonCompliant, compliant])
      expect(registryClaims(sample, awsConfigParser.name).others).toEqual([]);
  });
});
