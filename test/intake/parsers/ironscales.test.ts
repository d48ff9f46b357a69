// The IRONSCALES parser on synthetic incident API records: detection, indicators as Elastic's
// ironscales.incident pipeline maps them (after its camelCase → snake_case conversion), and no double claims.
import { describe, expect, it } from 'vitest';
import { ironscalesParser } from '../../../src/intake/parsers/ironscales.js';
import { registryClaims } from './registry-claims.js';

/** The incident details shape: camelCase summary keys and snake_case detail keys side by side. */
const incident = {
  incidentID: 81000001,
  emailSubject: 'Urgent: confirm your payroll details',
  linksCount: 1,
  attachmentsCount: 1,
  recipientEmail: 'kim.lee@example.org',
  recipientName: 'Kim Lee',
  classification: 'Phishing',
  assignee: 'soc.analyst',
  senderName: 'Payroll Desk',
  senderEmail: 'payroll@example.org',
  affectedMailboxesCount: 2,
  created: '2026-03-02T08:15:30.123456Z',
  reportedBy: 'Automated Threat Detection',
  resolvedBy: 'Sam Roe',
  incidentType: 'Email Report',
  latestEmailDate: '2026-03-02T09:00:00Z',
  company_id: 4242,
  company_name: 'Example Org',
  incident_id: 81000001,
  detailed_classification: 'Attack',
  sender_email: 'payroll@lookalike.example.net',
  reply_to: 'collect@lookalike.example.net',
  themis_verdict: 'Phishing',
  mail_server: { host: 'mx1.lookalike.example.net', ip: '203.0.113.25' },
  reports: [
    {
      name: 'Pat Doe',
      email: 'pat.doe@example.org',
      subject: 'Urgent: confirm your payroll details',
      sender_email: 'payroll@lookalike.example.net',
      mail_server: { host: 'relay7.lookalike.example.net', ip: '198.51.100.7' },
      headers: [{ name: 'To', value: 'pat.doe@example.org' }],
    },
    {
      name: 'Kim Lee',
      email: 'kim.lee@example.org',
      sender_email: 'bounce@lookalike.example.net',
      mail_server: { host: 'mx1.lookalike.example.net', ip: 'not-an-ip' },
    },
  ],
  links: [{ url: 'https://login.lookalike.example.net/payroll', name: 'Confirm', scan_result: 'Malicious' }],
  attachments: [{ file_name: 'invoice.html', md5: 'd41d8cd98f00b204e9800998ecf8427e', file_size: '1024' }],
  reporter_name: null,
  related_incidents: [],
};

describe('ironscalesParser', () => {
  it('detects an incident record', () => {
    expect(ironscalesParser.detect(incident)).toBe(true);
  });

  it('reads users in the pipeline order, the snake_case sender address winning over the camelCase one', () => {
    const a = ironscalesParser.parse(incident);
    expect(a.format).toBe('ironscales.incident');
    expect(a.observables.users).toEqual([
      'soc.analyst',
      'kim.lee@example.org',
      'Kim Lee',
      'Payroll Desk',
      'payroll@lookalike.example.net',
      'Sam Roe',
      'collect@lookalike.example.net',
      'Pat Doe',
      'pat.doe@example.org',
      'bounce@lookalike.example.net',
    ]);
  });

  it('reports the mail servers as related hosts and addresses, no source or destination', () => {
    const a = ironscalesParser.parse(incident);
    expect(a.observables.hosts).toEqual(['mx1.lookalike.example.net', 'relay7.lookalike.example.net']);
    expect(a.observables.ips).toEqual(['203.0.113.25', '198.51.100.7']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('keeps link sites as domains apart from related hosts, with the URL, attachment hash and addresses', () => {
    const a = ironscalesParser.parse(incident);
    expect(ironscalesParser.domainsInRelatedHosts).toBe(false);
    expect(a.observables.domains).toEqual(['login.lookalike.example.net']);
    expect(a.observables.urls).toEqual(['https://login.lookalike.example.net/payroll']);
    expect(a.observables.hashes).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    expect(a.observables.emails).toContain('collect@lookalike.example.net');
  });

  it('reports the classification, subject, severity, creation time and incident type', () => {
    const a = ironscalesParser.parse(incident);
    expect(a.title).toBe('IRONSCALES Phishing: Urgent: confirm your payroll details');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2026-03-02T08:15:30.123Z');
    expect(a.ruleId).toBe('Email Report');
  });

  it('reads a camelCase-only summary record, a spam verdict as low severity and no assignee', () => {
    const summary = {
      incidentID: 81000002,
      emailSubject: 'Weekly newsletter',
      classification: 'Spam',
      assignee: null,
      recipientEmail: 'pat.doe@example.org',
      senderName: 'News Team',
      senderEmail: 'news@example.com',
      mailServer: { host: 'out.example.com', ip: '192.0.2.80' },
      created: '2026-03-03T10:00:00Z',
    };
    expect(ironscalesParser.detect(summary)).toBe(true);
    const a = ironscalesParser.parse(summary);
    expect(a.observables.users).toEqual(['pat.doe@example.org', 'News Team', 'news@example.com']);
    expect(a.observables.hosts).toEqual(['out.example.com']);
    expect(a.observables.ips).toEqual(['192.0.2.80']);
    expect(a.severity).toBe('low');
  });

  it('never reports the unspecified address', () => {
    const a = ironscalesParser.parse({
      ...incident,
      mail_server: { host: 'mx0.example.com', ip: '0.0.0.0' },
      reports: [],
    });
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim other JSON objects or text lines', () => {
    expect(ironscalesParser.detect({ incident_id: 1, title: 'x' })).toBe(false);
    expect(ironscalesParser.detect({ emailSubject: 'x', classification: 'Spam' })).toBe(false);
    expect(ironscalesParser.detect({ id: 1, name: 'x', investigation_types: [], created_by: 'a@b' })).toBe(
      false,
    );
    expect(ironscalesParser.detect('<134>Jan  1 00:00:00 host app: hello 192.0.2.1')).toBe(false);
    expect(ironscalesParser.detect(null)).toBe(false);
  });

  it('is the only specific parser that claims these samples', () => {
    expect(registryClaims(incident, ironscalesParser.name).others).toEqual([]);
    expect(registryClaims({ ...incident, sender_email: undefined }, ironscalesParser.name).others).toEqual(
      [],
    );
  });
});
