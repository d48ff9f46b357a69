// The Proofpoint Essentials threat parser on synthetic API events (clicks and messages): detection, the addresses
// Elastic's threat pipeline maps, and that no other parser claims them nor it Proofpoint TAP records.
import { describe, expect, it } from 'vitest';
import { proofpointEssentialsParser } from '../../../src/intake/parsers/proofpoint-essentials.js';
import { registryClaims } from './registry-claims.js';

const clickBlocked = {
  event_type: 'clicks_blocked',
  url: 'https://login.phish.example/reset?u=demo',
  classification: 'phish',
  clickTime: '2024-06-03T09:15:00.000Z',
  threatTime: '2024-06-01T08:00:00.000Z',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  id: 'c0000000-0000-4000-8000-000000000001',
  clickIP: '198.51.100.23',
  sender: 'lure@phish.example',
  recipient: 'dana.reyes@corp.example',
  senderIP: '203.0.113.7',
  GUID: 'guid-click-0001',
  threatID: 'threat-0001',
  threatStatus: 'active',
  messageID: 'msg-0001@phish.example',
};

const clickPermitted = {
  ...clickBlocked,
  event_type: 'clicks_permitted',
  id: 'c0000000-0000-4000-8000-000000000002',
  clickIP: '2001:db8::23',
};

const messageDelivered = {
  event_type: 'messages_delivered',
  GUID: 'guid-message-0001',
  customerEid: '9000001',
  fromAddress: 'ceo@lookalike.example',
  headerFrom: 'ceo@lookalike.example',
  messageID: '<20240603.1@mx.lookalike.example>',
  messageParts: [
    {
      disposition: 'attached',
      filename: 'invoice.docx',
      md5: '0123456789abcdef0123456789abcdef',
      sha256: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    },
  ],
  messageTime: '2024-06-03T10:00:00.000000Z',
  quarantineRule: 'N/A',
  recipient: ['finance@corp.example'],
  replyToAddress: '',
  sender: 'bounce@lookalike.example',
  senderIP: '192.0.2.45',
  subject: 'Urgent wire transfer',
  threatsInfoMap: [
    { classification: 'impostor', threat: 'ceo@lookalike.example', threatType: 'attachment' },
    { classification: 'malware', threat: 'https://files.lookalike.example/invoice.docx', threatType: 'URL' },
  ],
  toAddresses: ['finance@corp.example', 'ap@corp.example'],
  xmailer: '',
};

const messageBlocked = {
  ...messageDelivered,
  event_type: 'messages_blocked',
  GUID: 'guid-message-0002',
  quarantineRule: 'malware',
  threatsInfoMap: [],
  replyToAddress: 'reply@lookalike.example',
};

const tapClick = {
  url: 'https://login.phish.example/reset',
  classification: 'phish',
  clickTime: '2024-06-03T09:15:00.000Z',
  campaignId: 'campaign-0001',
  clickIP: '198.51.100.23',
  sender: 'lure@phish.example',
  recipient: 'dana.reyes@corp.example',
  senderIP: '203.0.113.7',
  threatURL: 'https://threatinsight.proofpoint.example/threat/0001',
};

describe('proofpointEssentialsParser', () => {
  it('maps a blocked click: sender IP is the source, click IP the destination, the sender the user', () => {
    expect(proofpointEssentialsParser.detect(clickBlocked)).toBe(true);
    const a = proofpointEssentialsParser.parse(clickBlocked);
    expect(a.observables.srcIps).toEqual(['203.0.113.7']);
    expect(a.observables.dstIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['203.0.113.7', '198.51.100.23']);
    // A single recipient string is only email.to.address in Elastic's output, not related.user.
    expect(a.observables.users).toEqual(['lure@phish.example']);
    expect(a.observables.emails).toEqual(['lure@phish.example', 'dana.reyes@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['login.phish.example']);
    expect(a.observedAt).toBe('2024-06-03T09:15:00.000Z');
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('click blocked');
    expect(a.ruleId).toBe('clicks_blocked');
  });

  it('rates a permitted click higher than a blocked one and reads an IPv6 click address', () => {
    const a = proofpointEssentialsParser.parse(clickPermitted);
    expect(a.severity).toBe('high');
    expect(a.observables.dstIps).toEqual(['2001:db8::23']);
  });

  it('lists message users in the pipeline order: impostor, From, sender, recipients, To', () => {
    expect(proofpointEssentialsParser.detect(messageDelivered)).toBe(true);
    const a = proofpointEssentialsParser.parse(messageDelivered);
    expect(a.observables.srcIps).toEqual(['192.0.2.45']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([
      'ceo@lookalike.example',
      'bounce@lookalike.example',
      'finance@corp.example',
      'ap@corp.example',
    ]);
    expect(a.observables.urls).toContain('https://files.lookalike.example/invoice.docx');
    expect(a.observables.hashes).toContain('0123456789abcdef0123456789abcdef');
    expect(a.observedAt).toBe('2024-06-03T10:00:00.000Z');
    expect(a.title).toContain('Urgent wire transfer');
  });

  it('adds a Reply-To address to the users of a blocked message', () => {
    const a = proofpointEssentialsParser.parse(messageBlocked);
    expect(a.observables.users).toEqual([
      'ceo@lookalike.example',
      'bounce@lookalike.example',
      'finance@corp.example',
      'reply@lookalike.example',
      'ap@corp.example',
    ]);
    expect(a.severity).toBe('medium');
  });

  it('keeps the clicked site out of related hosts', () => {
    expect(proofpointEssentialsParser.domainsInRelatedHosts).toBe(false);
  });

  it('does not claim Proofpoint TAP records, other JSON or text', () => {
    expect(proofpointEssentialsParser.detect(tapClick)).toBe(false);
    expect(proofpointEssentialsParser.detect({ ...clickBlocked, event_type: 'file_uploaded' })).toBe(false);
    expect(proofpointEssentialsParser.detect({ event_type: 'clicks_blocked' })).toBe(false);
    expect(proofpointEssentialsParser.detect(JSON.stringify(clickBlocked))).toBe(false);
    expect(proofpointEssentialsParser.detect(null)).toBe(false);
  });

  it('is the only specific parser that claims these events', () => {
    for (const e of [clickBlocked, clickPermitted, messageDelivered, messageBlocked]) {
      expect(registryClaims(e, 'proofpoint_essentials.threat').others).toEqual([]);
    }
  });
});
