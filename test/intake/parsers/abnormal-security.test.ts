// The Abnormal Security parser on synthetic API records (audit, threat, case, vendor case, AI Security Mailbox): detection, the
// indicators Elastic's `abnormal_security` pipelines map, and that no other specific parser claims them.
import { describe, expect, it } from 'vitest';
import { abnormalSecurityParser } from '../../../src/intake/parsers/abnormal-security.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  action: 'search_messages',
  actionDetails: { providedReason: 'null', requestUrl: '/v1.0/search_v2/' },
  category: 'search-and-respond-notifications',
  sourceIp: '198.51.100.14',
  status: 'FAIL',
  tenantName: 'Tenant_Demo',
  timestamp: '2024-05-02 09:10:11.250000+00:00',
  user: { email: 'kim.analyst@corp.example' },
};

const threat = {
  abxMessageId: 4551618356913732000,
  abxPortalUrl:
    'https://portal.abnormalsecurity.example/home/threat-center/remediation-history/4551618356913732000',
  attackStrategy: 'Name Impersonation',
  attackType: 'Extortion',
  attackVector: 'Text',
  ccEmails: ['cc.one@corp.example'],
  fromAddress: 'lure@phish.example',
  fromName: 'Payroll Desk',
  internetMessageId: '<demo-0001@phish.example>',
  receivedTime: '2024-05-02T10:00:00Z',
  recipientAddress: 'dana.reyes@corp.example',
  remediationStatus: 'Auto remediated',
  replyToEmails: ['reply@phish.example'],
  returnPath: 'bounce@phish.example',
  senderDomain: 'phish.example',
  senderIpAddress: '203.0.113.50',
  subject: 'Payroll update',
  threatId: '184712ab-6d8b-47b3-89d3-a314efef79e2',
  toAddresses: 'dana.reyes@corp.example, sam.ortiz@corp.example',
};

const caseRecord = {
  caseId: 4201,
  affectedEmployee: 'sam.ortiz@corp.example',
  analysis: 'MAIL_FILTER',
  case_status: 'Action Required',
  customerVisibleTime: '2024-05-03T12:00:00+00:00',
  firstObserved: '2024-05-03T11:59:00+00:00',
  remediation_status: 'Not remediated',
  severity: 'Account Takeover',
  severity_level: 'HIGH',
  threatIds: [],
};

const mailbox = {
  campaignId: 'c0ffee00-0000-4000-8000-000000000001',
  firstReported: '2024-05-04T08:00:00Z',
  lastReported: '2024-05-04T08:30:00Z',
  messageId: '-1234567890',
  subject: 'Shared document',
  fromName: 'Docs Bot',
  fromAddress: 'docs@phish.example',
  recipientName: 'dana',
  recipientAddress: 'dana.reyes@corp.example',
  judgementStatus: 'Malicious',
  overallStatus: 'Auto-Remediated',
  attackType: 'Attack Type: Phishing: Credential',
};

describe('abnormalSecurityParser', () => {
  it('maps an audit log: the client address is the source, the user e-mail the user', () => {
    expect(abnormalSecurityParser.detect(audit)).toBe(true);
    const a = abnormalSecurityParser.parse(audit);
    expect(a.format).toBe('abnormal_security.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.14']);
    expect(a.observables.ips).toEqual(['198.51.100.14']);
    expect(a.observables.users).toEqual(['kim.analyst@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-05-02T09:10:11.250Z');
    expect(a.ruleId).toBe('search_messages');
    expect(a.severity).toBe('low');
  });

  it('maps a threat: sender IP as source, display name then every address as users, sender domain as domain', () => {
    expect(abnormalSecurityParser.detect(threat)).toBe(true);
    const a = abnormalSecurityParser.parse(threat);
    expect(a.format).toBe('abnormal_security.threat');
    expect(a.observables.srcIps).toEqual(['203.0.113.50']);
    expect(a.observables.users).toEqual([
      'Payroll Desk',
      'cc.one@corp.example',
      'lure@phish.example',
      'dana.reyes@corp.example',
      'reply@phish.example',
      'bounce@phish.example',
      'sam.ortiz@corp.example',
    ]);
    expect(a.observables.domains).toEqual(['phish.example']);
    expect(a.observedAt).toBe('2024-05-02T10:00:00.000Z');
    expect(a.ruleId).toBe('Name Impersonation');
    expect(a.title).toContain('Payroll update');
  });

  it('maps a case: the affected employee is the user and the severity level is kept', () => {
    expect(abnormalSecurityParser.detect(caseRecord)).toBe(true);
    const a = abnormalSecurityParser.parse(caseRecord);
    expect(a.format).toBe('abnormal_security.case');
    expect(a.observables.users).toEqual(['sam.ortiz@corp.example']);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('MAIL_FILTER');
  });

  it('maps an AI Security Mailbox report: sender name, sender, recipient and recipient name as users', () => {
    expect(abnormalSecurityParser.detect(mailbox)).toBe(true);
    const a = abnormalSecurityParser.parse(mailbox);
    expect(a.format).toBe('abnormal_security.ai_security_mailbox');
    expect(a.observables.users).toEqual([
      'Docs Bot',
      'docs@phish.example',
      'dana.reyes@corp.example',
      'dana',
    ]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-04T08:30:00.000Z');
  });

  it('does not claim other JSON, text or incomplete records', () => {
    expect(abnormalSecurityParser.detect({ action: 'login', user: { email: 'x@corp.example' } })).toBe(false);
    expect(abnormalSecurityParser.detect({ caseId: 1 })).toBe(false);
    expect(abnormalSecurityParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(abnormalSecurityParser.detect(JSON.stringify(audit))).toBe(false);
    expect(abnormalSecurityParser.detect('<13>May  2 09:10:11 host sshd[1]: Accepted password')).toBe(false);
    expect(abnormalSecurityParser.detect(null)).toBe(false);
  });

  it('is the only specific parser that claims these records', () => {
    for (const r of [audit, threat, caseRecord, mailbox]) {
      expect(registryClaims(r, 'abnormal_security').others).toEqual([]);
    }
  });
});

const notAnalyzed = {
  abx_message_id: -4242424242,
  recipient: { email: 'phish-report@example.org', name: 'Phish Report' },
  reported_datetime: '2025-03-06T17:27:15Z',
  reporter: { email: 'dana@example.org', name: 'Dana Reyes' },
  subject: 'Fw: invoice',
  not_analyzed_reason: 'PHISHING_SIMULATION',
};

const vendorCase = {
  vendorCaseId: 77,
  vendorDomain: 'supplier.example',
  firstObservedTime: '2025-03-01T10:00:00Z',
  lastModifiedTime: '2025-03-01T12:00:00Z',
  insights: [{ highlight: 'Compromised Vendor', description: 'Look-alike domain seen.' }],
  timeline: [
    {
      eventTimestamp: '2025-03-01T10:00:00Z',
      senderAddress: 'billing@supplier.example',
      recipientAddress: 'ap@example.org',
      subject: 'New bank details',
      markedAs: 'Malicious',
      threatId: 't-77',
    },
  ],
};

describe('abnormalSecurityParser: not-analysed reports and vendor cases', () => {
  it("reads a not-analysed report: the recipient's then the reporter's address and name as users", () => {
    const a = abnormalSecurityParser.parse(notAnalyzed);
    expect(a.format).toBe('abnormal_security.ai_security_mailbox_not_analyzed');
    expect(a.observables.users).toEqual([
      'phish-report@example.org',
      'Phish Report',
      'dana@example.org',
      'Dana Reyes',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('PHISHING_SIMULATION');
    expect(a.observedAt).toBe('2025-03-06T17:27:15.000Z');
  });

  it('reads a vendor case with no indicators, as Elastic maps none, and names it by domain and insight', () => {
    const a = abnormalSecurityParser.parse(vendorCase);
    expect(a.format).toBe('abnormal_security.vendor_case');
    expect(a.title).toBe('Abnormal Security vendor case 77: supplier.example — Compromised Vendor');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('is the only specific parser that claims them', () => {
    for (const r of [notAnalyzed, vendorCase]) {
      expect(abnormalSecurityParser.detect(r)).toBe(true);
      expect(registryClaims(r, 'abnormal_security').others).toEqual([]);
    }
  });
});
