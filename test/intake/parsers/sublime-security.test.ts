// The Sublime Security parser on synthetic records (audit event, message record, message.flagged webhook, Message
// Data Model email): detection, the indicators Elastic's `sublime_security` pipelines map, and registry exclusivity.
import { describe, expect, it } from 'vitest';
import { sublimeSecurityParser } from '../../../src/intake/parsers/sublime-security.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  id: '0b7c1d7e-1111-4aaa-8bbb-000000000001',
  type: 'message_group.search',
  created_at: '2025-03-04T10:11:12.345678Z',
  data: {
    request: {
      id: 'req-1',
      path: '/v1/messages/groups/search',
      method: 'GET',
      query: {},
      body: '',
      authentication_method: 'api_key',
      ip: '198.51.100.23',
      user_agent: 'Mozilla/5.0',
    },
  },
  created_by: {
    id: 'user-4411',
    active: true,
    first_name: 'Dana',
    last_name: 'Reyes',
    email_address: 'dana.reyes@corp.example',
    role: 'admin',
    google_oauth_user_id: '',
    microsoft_oauth_user_id: 'ms-77',
  },
};

const messageRecord = {
  id: 'msg-0001',
  canonical_id: 'c0ffee',
  created_at: '2025-03-04T11:00:00.5Z',
  attack_score_verdict: 'suspicious',
  external_id: 'ext-1',
  message_source_id: 'src-1',
  mailbox: { id: 'mb-1', external_id: null, email: 'sam.ortiz@corp.example' },
  subject: 'Quick question',
  sender: { email: 'lure@phish.example', display_name: 'Payroll Desk' },
  recipients: [{ email: 'sam.ortiz@corp.example' }, { email: 'kim.lee@corp.example' }],
};

const flagged = {
  created_at: '2025-03-04T12:00:00Z',
  type: 'message.flagged',
  data: {
    flagged_rules: [
      { id: 'rule-a', name: 'Credential phishing', severity: 'high', tags: [] },
      { id: 'rule-b', name: 'Newly registered domain', severity: 'low', tags: [] },
    ],
    message: { id: 'msg-0002', attack_score_verdict: 'malicious', mailbox: { id: 'mb-2' } },
    triggered_actions: [{ id: 'act-1', name: 'quarantine', type: 'rule' }],
  },
};

const dom = (domain: string, root: string) => ({ domain, root_domain: root, tld: 'example', valid: true });
const addr = (email: string, domain: string, root: string) => ({
  email,
  local_part: email.split('@')[0],
  domain: dom(domain, root),
});

const emailMessage = {
  _meta: { id: 'mdm-1', created_at: '2025-03-04T13:00:00Z' },
  subject: { subject: 'Invoice overdue' },
  type: { inbound: true },
  body: {
    ips: [{ ip: '203.0.113.9' }],
    links: [
      {
        display_url: {
          url: 'https://pay.vendor.example/x',
          domain: dom('pay.vendor.example', 'vendor.example'),
        },
        href_url: {
          url: 'https://login.phish.example/a',
          username: 'victim',
          domain: dom('login.phish.example', 'phish.example'),
        },
      },
    ],
  },
  headers: {
    hops: [
      {
        index: 0,
        received_spf: { client_ip: { ip: '192.0.2.44' }, server: dom('mx.corp.example', 'corp.example') },
        authentication_results: { spf_details: { helo: dom('mail.phish.example', 'phish.example') } },
      },
    ],
    ips: [{ ip: '192.0.2.44' }, { ip: '0.0.0.0' }],
    reply_to: [{ email: addr('reply@phish.example', 'phish.example', 'phish.example') }],
    return_path: addr('bounce@bulk.phish.example', 'bulk.phish.example', 'phish.example'),
    x_client_ip: { ip: '198.51.100.200' },
    x_originating_ip: { ip: '2001:db8::5' },
  },
  mailbox: { email: addr('sam.ortiz@corp.example', 'corp.example', 'corp.example') },
  recipients: { to: [{ email: addr('sam.ortiz@corp.example', 'corp.example', 'corp.example') }] },
  sender: { display_name: 'Billing', email: addr('billing@phish.example', 'phish.example', 'phish.example') },
};

describe('sublimeSecurityParser', () => {
  it('maps an audit event: the request address is the source, the creator the user', () => {
    expect(sublimeSecurityParser.detect(audit)).toBe(true);
    const a = sublimeSecurityParser.parse(audit);
    expect(a.format).toBe('sublime_security.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual([
      'dana.reyes',
      'dana.reyes@corp.example',
      'Dana',
      'user-4411',
      'ms-77',
    ]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-03-04T10:11:12.345Z');
    expect(a.ruleId).toBe('message_group.search');
  });

  it('maps a message record: recipients, then the sender name and address, are users', () => {
    expect(sublimeSecurityParser.detect(messageRecord)).toBe(true);
    const a = sublimeSecurityParser.parse(messageRecord);
    expect(a.format).toBe('sublime_security.message_event');
    expect(a.observables.users).toEqual([
      'sam.ortiz@corp.example',
      'kim.lee@corp.example',
      'Payroll Desk',
      'lure@phish.example',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('medium');
  });

  it('reads a message.flagged webhook: no indicators, the worst rule severity and the first rule id', () => {
    expect(sublimeSecurityParser.detect(flagged)).toBe(true);
    const a = sublimeSecurityParser.parse(flagged);
    expect(a.format).toBe('sublime_security.message_event');
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('rule-a');
    expect(a.title).toContain('Credential phishing');
  });

  it('maps an email message: header and body addresses, MDM domains in pipeline order, addresses as users', () => {
    expect(sublimeSecurityParser.detect(emailMessage)).toBe(true);
    const a = sublimeSecurityParser.parse(emailMessage);
    expect(a.format).toBe('sublime_security.email_message');
    expect(a.observables.srcIps).toEqual(['198.51.100.200']);
    expect(a.observables.ips).toEqual(['203.0.113.9', '192.0.2.44', '198.51.100.200', '2001:db8::5']);
    expect(a.observables.domains).toEqual([
      'pay.vendor.example',
      'vendor.example',
      'login.phish.example',
      'phish.example',
      'mx.corp.example',
      'corp.example',
      'mail.phish.example',
      'bulk.phish.example',
    ]);
    expect(a.observables.users).toEqual([
      'victim',
      'reply@phish.example',
      'sam.ortiz@corp.example',
      'billing@phish.example',
    ]);
    expect(a.observedAt).toBe('2025-03-04T13:00:00.000Z');
  });

  it('does not claim other JSON or text payloads', () => {
    expect(sublimeSecurityParser.detect({ type: 'message.flagged', created_at: 'x' })).toBe(false);
    expect(sublimeSecurityParser.detect({ id: 1, type: 'login', created_at: 'x', data: {} })).toBe(false);
    expect(sublimeSecurityParser.detect('<134>Mar  4 10:11:12 fw01 sshd[1]: Accepted password for bob')).toBe(
      false,
    );
    expect(sublimeSecurityParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of [audit, messageRecord, flagged, emailMessage]) {
      expect(registryClaims(raw, 'sublime_security').others).toEqual([]);
    }
  });
});
