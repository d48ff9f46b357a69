// The Box events parser on synthetic events API records (file events with a source item, a login, and Box
// Shield alerts of each category): detection, the addresses and users Elastic's box_events pipeline
// relates, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { boxEventsParser } from '../../../src/intake/parsers/box-events.js';
import { registryClaims } from './registry-claims.js';

const owner = { type: 'user', id: '1100001', name: 'Dana Lee', login: 'dana.lee@example.org' };
const editor = { type: 'user', id: '1100002', name: 'Sam Editor', login: 'sam@example.org' };

const download = {
  type: 'event',
  event_id: 'e0000000-0000-4000-8000-000000000001',
  event_type: 'DOWNLOAD',
  created_at: '2024-05-01T10:00:00-07:00',
  recorded_at: '2024-05-01T10:00:01-07:00',
  created_by: { type: 'user', id: '1100003', name: 'Kim Reader', login: 'kim@example.net' },
  ip_address: '203.0.113.10',
  session_id: null,
  source: {
    type: 'file',
    id: '900001',
    name: 'plan.docx',
    created_by: owner,
    modified_by: editor,
    owned_by: owner,
    file_version: { type: 'file_version', id: '1', sha1: '0123456789abcdef0123456789abcdef01234567' },
  },
  additional_details: { size: 1024, service_id: '0', service_name: 'Box Web' },
};

const login = {
  type: 'event',
  event_id: 'e0000000-0000-4000-8000-000000000002',
  event_type: 'LOGIN',
  created_at: '2024-05-01T10:05:00-07:00',
  created_by: { type: 'user', id: '1100003', name: 'Kim Reader', login: 'kim@example.net' },
  ip_address: '2001:db8::25',
  source: null,
  additional_details: null,
};

const shield = (category: string, summary: object, extra: object = {}) => ({
  type: 'event',
  event_id: `e0000000-0000-4000-8000-0000000000${category.length}`,
  event_type: 'SHIELD_ALERT',
  created_at: '2024-05-01T11:00:00-07:00',
  created_by: { type: 'user', id: '2', name: 'Unknown User', login: '' },
  ip_address: '198.51.100.7',
  source: null,
  additional_details: {
    shield_alert: {
      rule_category: category,
      rule_id: 321,
      rule_name: `Demo ${category}`,
      risk_score: 80,
      priority: 'high',
      alert_summary: summary,
      user: { id: 4400001, name: 'Pat Alerted', email: 'pat@example.org' },
      ...extra,
    },
  },
});

const activity = (ip: string) => ({ event_type: 'Download', item_name: 'a.txt', ip_info: { ip } });
const sessions = shield('Suspicious Sessions', {
  sessions: [
    { session_type: 'suspicious', activities: [activity('192.0.2.50')] },
    { session_type: 'typical', activities: [activity('192.0.2.51')] },
  ],
});
const locations = shield('Suspicious Locations', { alert_activities: [activity('192.0.2.60')] });
const anomalous = shield('Anomalous Download', {
  description: 'Unusual download volume',
  download_ips: [{ ip: '192.0.2.70' }, { ip: 'not-an-ip' }],
  anomaly_period: { date_range: { start_date: '2024-05-01T09:00:00-07:00' } },
});
const malicious = shield(
  'Malicious Content',
  { upload_activity: { ip_info: { ip: '192.0.2.80' }, occurred_at: '2024-05-01T10:59:00-07:00' } },
  { malware_info: { malware_name: 'Demo.Trojan', family: 'Demo' } },
);

const samples = [download, login, sessions, locations, anomalous, malicious];

describe('boxEventsParser', () => {
  it('detects file events, logins and Shield alerts', () => {
    for (const s of samples) expect(boxEventsParser.detect(s)).toBe(true);
  });

  it('relates the client address, the actor, and the source item creator, modifier and owner', () => {
    const a = boxEventsParser.parse(download);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.10']);
    expect(a.observables.users).toEqual([
      'kim',
      'kim@example.net',
      'Kim Reader',
      '1100001',
      'dana.lee@example.org',
      'Dana Lee',
      '1100002',
      'sam@example.org',
      'Sam Editor',
    ]);
    expect(a.ruleId).toBe('DOWNLOAD');
    expect(a.observedAt).toBe('2024-05-01T17:00:00.000Z');
  });

  it('reports a login by its IPv6 client address and the login name, e-mail and display name', () => {
    const a = boxEventsParser.parse(login);
    expect(a.observables.ips).toEqual(['2001:db8::25']);
    expect(a.observables.users).toEqual(['kim', 'kim@example.net', 'Kim Reader']);
  });

  it('relates the collaborator an access grant names after the actor', () => {
    const grant = {
      ...login,
      event_type: 'COLLABORATION_INVITE',
      accessible_by: { type: 'user', id: '1100009', name: 'Lou Guest', login: 'lou@example.com' },
    };
    expect(boxEventsParser.parse(grant).observables.users).toEqual([
      'kim',
      'kim@example.net',
      'Kim Reader',
      'lou@example.com',
      'Lou Guest',
    ]);
  });

  it('relates only the suspicious session addresses before the client address, and the alerted user but not the anonymous actor', () => {
    const a = boxEventsParser.parse(sessions);
    expect(a.observables.ips).toEqual(['192.0.2.50', '198.51.100.7']);
    expect(a.observables.users).toEqual(['pat@example.org', '4400001', 'Pat Alerted']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('321');
    expect(a.title).toContain('Suspicious Sessions');
  });

  it('relates the activity addresses of a suspicious-locations alert', () => {
    expect(boxEventsParser.parse(locations).observables.ips).toEqual(['192.0.2.60', '198.51.100.7']);
  });

  it('relates valid download addresses of an anomalous-download alert and drops invalid ones', () => {
    expect(boxEventsParser.parse(anomalous).observables.ips).toEqual(['192.0.2.70', '198.51.100.7']);
  });

  it('relates the upload address of a malicious-content alert', () => {
    expect(boxEventsParser.parse(malicious).observables.ips).toEqual(['192.0.2.80', '198.51.100.7']);
  });

  it('does not claim other SaaS JSON with an event type', () => {
    const slack = { type: 'event_callback', event_id: 'Ev0DEMO', event: { type: 'message' } };
    const other = { type: 'alert', event_id: 'x1', event_type: 'LOGIN', created_by: null };
    expect(boxEventsParser.detect(slack)).toBe(false);
    expect(boxEventsParser.detect(other)).toBe(false);
    expect(boxEventsParser.detect('type=event event_type=LOGIN 192.0.2.1')).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, boxEventsParser.name).others).toEqual([]);
  });
});
