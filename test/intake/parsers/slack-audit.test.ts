// The Slack audit parser on synthetic Audit Logs API records (login, file, anomaly, malware, channel and
// workspace entities): detection, the indicators Elastic's slack audit pipeline keeps, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { slackAuditParser } from '../../../src/intake/parsers/slack-audit.js';
import { registryClaims } from './registry-claims.js';

const actor = {
  type: 'user',
  user: { id: 'W0DEMO001', name: 'Dana Lee', email: 'dana.lee@example.org', team: 'T0DEMO' },
};
const location = { type: 'enterprise', id: 'E0DEMO', name: 'Demo Corp', domain: 'democorp' };

const login = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  date_create: 1714557600,
  action: 'user_login',
  actor,
  entity: { type: 'user', user: { id: 'W0DEMO001', name: 'Dana Lee', email: 'dana.lee@example.org' } },
  context: {
    location,
    ua: 'Mozilla/5.0 (X11; Linux x86_64)',
    ip_address: '203.0.113.44',
    session_id: 1234567,
  },
};

const loginFailed = {
  ...login,
  id: 'a1b2c3d4-0000-4000-8000-000000000002',
  action: 'user_login_failed',
  context: { location, ua: 'curl/8.0', ip_address: '2001:db8:0:0:0:0:0:7' },
};

const userCreated = {
  id: 'a1b2c3d4-0000-4000-8000-000000000003',
  date_create: 1714557700,
  action: 'user_created',
  actor: { type: 'user', user: { id: 'W0ADMIN01', name: 'Admin Ray', email: 'ray@example.org' } },
  entity: {
    type: 'user',
    user: { id: 'W0NEW0001', name: 'Sam New', email: 'sam.new@example.net', team: 'T0DEMO' },
  },
  context: { location: { ...location, type: 'workspace' }, ua: 'Mozilla/5.0', ip_address: '198.51.100.20' },
};

const fileDownloaded = {
  action: 'file_downloaded',
  actor,
  context: {
    ip_address: '192.0.2.15',
    location: { domain: 'files.example.com', id: 'T0DEMO', name: 'Demo', type: 'workspace' },
    session_id: 98765,
    ua: 'Slack/4.0',
  },
  date_create: 1714557800,
  details: { url_private: 'https://files.example.com/private/report.pdf' },
  entity: { file: { filetype: 'pdf', id: 'F0DEMO01', name: 'report.pdf', title: 'Report' }, type: 'file' },
  id: 'a1b2c3d4-0000-4000-8000-000000000004',
};

const anomaly = {
  id: 'a1b2c3d4-0000-4000-8000-000000000005',
  date_create: 1714557900,
  action: 'anomaly',
  actor,
  entity: { type: 'user', user: { id: 'W0DEMO001', name: 'Dana Lee', email: 'dana.lee@example.org' } },
  context: { location, ua: 'Mozilla/5.0', ip_address: '203.0.113.45' },
  details: {
    action_timestamp: 1714557890123456,
    location: 'Lisbon, PT',
    previous_ip_address: '198.51.100.99',
    previous_ua: 'Mozilla/4.0',
    reason: ['asn', 'ip_address'],
  },
};

const malware = {
  action: 'file_malicious_content_detected',
  actor,
  context: { ip_address: '192.0.2.16', location, session_id: 555, ua: 'Slack/4.0' },
  date_create: 1714558000,
  details: { md5_hash: '0123456789ABCDEF0123456789ABCDEF' },
  entity: { file: { filetype: '', id: 'F0DEMO02', name: 'invoice.zip', title: '' }, type: 'file' },
  id: 'a1b2c3d4-0000-4000-8000-000000000006',
};

const channelCreated = {
  id: 'a1b2c3d4-0000-4000-8000-000000000007',
  date_create: '1714558100',
  action: 'public_channel_created',
  actor: { type: 'user', user: { id: 'W0DEMO002', name: 'Kim Ops' } },
  entity: { type: 'channel', channel: { id: 'C0DEMO01', name: 'incident-42', privacy: 'public' } },
  context: { location, ua: '', ip_address: '' },
};

const workspaceSetting = {
  id: 'a1b2c3d4-0000-4000-8000-000000000008',
  date_create: 1714558200,
  action: 'pref.sso_setting_changed',
  actor,
  entity: { type: 'workspace', workspace: { id: 'T0DEMO', name: 'Demo', domain: 'demo' } },
  context: { location, ua: 'Mozilla/5.0', ip_address: '203.0.113.46' },
  details: { new_value: 'required', previous_value: 'optional' },
};

const samples = {
  login,
  loginFailed,
  userCreated,
  fileDownloaded,
  anomaly,
  malware,
  channelCreated,
  workspaceSetting,
};

describe('slackAuditParser', () => {
  it('detects every Audit Logs API record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(slackAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the client address as the source and the actor id and e-mail as users, not the display name', () => {
    const a = slackAuditParser.parse(login);
    expect(a.format).toBe('slack.audit');
    expect(a.recognizedBy).toBe('parser:slack.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.44']);
    expect(a.observables.users).toEqual(['W0DEMO001', 'dana.lee@example.org']);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBe('user_login');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Slack audit: user_login by Dana Lee on user Dana Lee');
  });

  it('raises a failed login to low severity and writes an IPv6 client canonically', () => {
    const a = slackAuditParser.parse(loginFailed);
    expect(a.severity).toBe('low');
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('leaves the target user of an admin action out of the users, as Elastic does', () => {
    const a = slackAuditParser.parse(userCreated);
    expect(a.observables.users).toEqual(['W0ADMIN01', 'ray@example.org']);
    expect(a.title).toBe('Slack audit: user_created by Admin Ray on user Sam New');
  });

  it('does not report the workspace domain of the context as a host or a domain', () => {
    const a = slackAuditParser.parse(fileDownloaded);
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.title).toContain('file report.pdf');
  });

  it('keeps an anomaly’s previous address out of the indicators and dates it by its action timestamp', () => {
    const a = slackAuditParser.parse(anomaly);
    expect(a.observables.ips).toEqual(['203.0.113.45']);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-05-01T10:04:50.123Z');
  });

  it('reports a malicious file as high severity with its MD5 hash', () => {
    const a = slackAuditParser.parse(malware);
    expect(a.severity).toBe('high');
    expect(a.observables.hashes).toEqual(['0123456789abcdef0123456789abcdef']);
    expect(a.observables.srcIps).toEqual(['192.0.2.16']);
  });

  it('reads a record with an empty address, no actor e-mail and a string epoch', () => {
    const a = slackAuditParser.parse(channelCreated);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['W0DEMO002']);
    expect(a.observedAt).toBe('2024-05-01T10:08:20.000Z');
    expect(a.title).toBe('Slack audit: public_channel_created by Kim Ops on channel incident-42');
  });

  it('names a workspace entity in the title', () => {
    expect(slackAuditParser.parse(workspaceSetting).title).toBe(
      'Slack audit: pref.sso_setting_changed by Dana Lee on workspace Demo',
    );
  });

  it('does not claim Slack Events API payloads, other audit logs, alerts or text', () => {
    const eventCallback = {
      token: 'x',
      team_id: 'T0DEMO',
      api_app_id: 'A0DEMO',
      type: 'event_callback',
      event_id: 'Ev0DEMO',
      event: { type: 'message', user: 'U0DEMO', text: 'hello', channel: 'C0DEMO', ts: '1714557600.000100' },
    };
    const vigilAlert = {
      format: 'slack.audit',
      recognizedBy: 'parser:slack.audit',
      title: 'Slack audit: user_login',
      severity: 'info',
      observedAt: null,
      ruleId: 'user_login',
      observables: { srcIps: ['203.0.113.44'] },
    };
    const github = { action: 'repo.create', actor: 'dana', '@timestamp': 1714557600000, org: 'demo' };
    const noContext = { action: 'user_login', actor, entity: login.entity };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"action":"user_login"}';
    for (const raw of [eventCallback, vigilAlert, github, noContext, line, null, 42, []]) {
      expect(slackAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, slackAuditParser.name).others, name).toEqual([]);
    }
  });
});
