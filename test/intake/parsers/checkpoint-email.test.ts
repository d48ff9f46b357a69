// The Check Point Harmony Email & Collaboration parser on synthetic API events: detection, the users Elastic's
// checkpoint_email.event pipeline reports (sender, mailbox owner, geo-activity user), and no double claims.
import { describe, expect, it } from 'vitest';
import { checkpointEmailParser } from '../../../src/intake/parsers/checkpoint-email.js';
import { registryClaims } from './registry-claims.js';

const ref = (type: string, label: string): string =>
  `#${JSON.stringify({ entity_id: 'e1', entity_type: type, label })}`;

const phishing = {
  eventId: 'aaaa1111',
  customerId: 'examplecorp',
  saas: 'office365_emails',
  entityId: 'bbbb2222',
  state: 'new',
  type: 'phishing',
  severity: '4',
  confidenceIndicator: 'malicious',
  eventCreated: '2025-01-02T03:04:05.000000+00:00',
  description: 'Phishing attempt detected in an email from mallory@example.net (from 198.51.100.7)',
  data: `${ref('phishing_scan', 'Phishing')} attempt detected in an email from ${ref('email_address', 'mallory@example.net')} - '${ref('office365_emails_email', 'Invoice overdue')}' (${ref('office365_user', 'alice@example.com')}'s mailbox)`,
  additionalData: null,
  availableEventActions: [{ actionName: 'dismiss', actionParameter: { eventId: 'aaaa1111' } }],
  senderAddress: 'mallory@example.net',
  entityLink: 'https://portal.example.com/event/aaaa1111',
};

const geo = {
  eventId: 'cccc3333',
  customerId: 'examplecorp',
  saas: 'google_mail',
  entityId: 'dddd4444',
  state: 'detected',
  type: 'anomaly',
  severity: '3',
  eventCreated: '2025-01-03T00:00:00+00:00',
  description: 'Unusual geo activity for bob@example.com from 203.0.113.50',
  data: `Unusual geo activity for ${ref('google_user', 'bob@example.com')}: ${ref('google_event_login', 'login')} for the first time from Atlantis`,
};

const dlp = {
  eventId: 'eeee5555',
  customerId: 'examplecorp',
  saas: 'office365_emails',
  entityId: 'ffff6666',
  state: 'dismissed',
  type: 'dlp',
  severity: '2',
  data: '',
  description: 'DLP Engine has detected a leak from carol@example.com',
};

describe('checkpointEmailParser', () => {
  it('detects Harmony Email events and nothing else', () => {
    for (const e of [phishing, geo, dlp]) expect(checkpointEmailParser.detect(e)).toBe(true);
    expect(checkpointEmailParser.detect({ eventId: 'x', action: 'Accept' })).toBe(false);
    expect(
      checkpointEmailParser.detect('CEF:0|Check Point|VPN-1 & FireWall-1|R81|Log|Accept|2|src=192.0.2.1'),
    ).toBe(false);
    expect(checkpointEmailParser.detect(null)).toBe(false);
  });

  it('reports the mailbox owner and the sender as related users, and no address from the description', () => {
    const a = checkpointEmailParser.parse(phishing);
    expect(a.observables.users).toEqual(['alice@example.com', 'mallory@example.net']);
    expect(a.observables.emails).toEqual(['alice@example.com', 'mallory@example.net']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('reports the geo-activity user by local part as the user and in full as a related user', () => {
    const a = checkpointEmailParser.parse(geo);
    expect(a.observables.users).toEqual(['bob', 'bob@example.com']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reports no user when the event names none', () => {
    expect(checkpointEmailParser.parse(dlp).observables.users).toEqual([]);
  });

  it('reports the description, the Harmony severity, the creation time and the event type', () => {
    const a = checkpointEmailParser.parse(phishing);
    expect(a.title).toBe(phishing.description);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(a.ruleId).toBe('phishing');
    expect(a.recognizedBy).toBe('parser:checkpoint_email');
    expect(checkpointEmailParser.parse(dlp).severity).toBe('low');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const e of [phishing, geo, dlp]) expect(registryClaims(e, 'checkpoint_email').others).toEqual([]);
  });
});
