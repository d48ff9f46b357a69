// The Google Workspace Alert Center parser on synthetic alerts: the addresses and users Elastic's
// google_workspace.alert pipeline relates, the alert's own account kept as an e-mail, and no claims on others.
import { describe, expect, it } from 'vitest';
import { googleWorkspaceAlertParser as parser } from '../../../src/intake/parsers/google-workspace-alert.js';
import { registryClaims } from './registry-claims.js';

const T = 'type.googleapis.com/google.apps.alertcenter.type.';
const base = {
  alertId: '00000000-0000-4000-8000-0000000000c1',
  customerId: 'C0demo01',
  createTime: '2024-05-02T10:00:00.5Z',
  startTime: '2024-05-02T09:58:00Z',
  metadata: { severity: 'HIGH', status: 'NOT_STARTED', assignee: 'soc.lead@corp.example' },
};

const phishing = {
  ...base,
  type: 'User reported phishing',
  source: 'Gmail phishing',
  data: {
    '@type': `${T}MailPhishing`,
    maliciousEntity: { entity: { emailAddress: 'billing@bad.example', displayName: 'Billing' } },
    messages: [{ messageId: 'm1@bad.example', recipient: 'jo@corp.example' }],
    sourceIp: '203.0.113.91',
  },
};

const leakedPassword = {
  ...base,
  type: 'Leaked password',
  source: 'Google identity',
  data: {
    '@type': `${T}AccountWarning`,
    email: 'jo@corp.example',
    loginDetails: { loginTime: '2024-05-01T23:00:00Z', ipAddress: '198.51.100.92' },
  },
};

const adminAction = {
  ...base,
  type: 'SSO profile added',
  data: {
    '@type': `${T}SensitiveAdminAction`,
    actorEmail: 'it.admin@corp.example',
    eventTime: '2024-05-02T09:58:00Z',
  },
};

describe('googleWorkspaceAlertParser', () => {
  it('reads a phishing alert: the sending address as source, the malicious sender’s local part as user', () => {
    const a = parser.parse(phishing);
    expect(a.format).toBe('google_workspace.alert');
    expect(a.observables.srcIps).toEqual(['203.0.113.91']);
    expect(a.observables.users).toEqual(['billing']);
    expect(a.observables.emails).toEqual(['billing@bad.example']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('MailPhishing');
    expect(a.observedAt).toBe('2024-05-02T09:58:00.000Z');
  });

  it('relates a leaked password’s login address and keeps the account as an e-mail, not a user', () => {
    const a = parser.parse(leakedPassword);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.92']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.emails).toEqual(['jo@corp.example']);
    expect(a.title).toBe('Google Workspace alert: Leaked password for jo@corp.example');
  });

  it('names the acting administrator of a sensitive admin action as the user, not the alert’s assignee', () => {
    const a = parser.parse(adminAction);
    expect(a.observables.users).toEqual(['it.admin@corp.example']);
    expect(a.observables.emails).not.toContain('soc.lead@corp.example');
  });

  it('does not claim Reports API activities, other alerts or text', () => {
    const activity = { kind: 'admin#reports#activity', id: { applicationName: 'login' } };
    const other = { alertId: 'x', data: { '@type': 'type.googleapis.com/other.Type' } };
    for (const raw of [activity, other, 'alertId=1', null]) expect(parser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of [phishing, leakedPassword, adminAction]) {
      expect(registryClaims(raw, 'google_workspace.alert')).toEqual({
        first: 'google_workspace.alert',
        others: [],
      });
    }
  });
});
