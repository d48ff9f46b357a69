// The Proofpoint TAP parser on synthetic SIEM API records: the four streams, the role of every indicator as
// Elastic's proofpoint_tap pipelines map them, Essentials records left alone, and no double claims.
import { describe, expect, it } from 'vitest';
import { proofpointTapParser } from '../../../src/intake/parsers/proofpoint-tap.js';
import { registryClaims } from './registry-claims.js';

const threat = {
  threatID: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  threatStatus: 'active',
  classification: 'phish',
  threatUrl: 'https://threatinsight.proofpoint.com/00000000-aaaa/threat/email/c0ffee',
  threatTime: '2024-05-02T10:00:00.000Z',
  threat: 'https://login.bad.example.net/verify',
  campaignID: null,
  threatType: 'url',
};

const part = {
  disposition: 'inline',
  sha256: '0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100f',
  md5: '00112233445566778899aabbccddeeff',
  filename: 'text.html',
  sandboxStatus: null,
  oContentType: 'text/html',
  contentType: 'text/html',
};

const messageBlocked = {
  spamScore: 100,
  phishScore: 100,
  threatsInfoMap: [threat],
  messageTime: '2024-05-02T09:58:00.000Z',
  impostorScore: 0.0,
  malwareScore: 0,
  cluster: 'acme_hosted',
  subject: 'Your mailbox is full',
  quarantineFolder: 'Phish',
  quarantineRule: 'inbound_phish',
  policyRoutes: ['default_inbound'],
  modulesRun: ['av', 'spam', 'urldefense'],
  messageSize: 4096,
  headerFrom: 'IT Desk <helpdesk@bad.example.net>',
  headerReplyTo: null,
  fromAddress: ['helpdesk@bad.example.net'],
  ccAddresses: ['carol@corp.example.com'],
  replyToAddress: [],
  toAddresses: ['alice@corp.example.com'],
  xmailer: null,
  messageParts: [part],
  completelyRewritten: false,
  id: '11111111-2222-3333-4444-555555555555',
  QID: 'r1A2b3C4d5',
  GUID: 'gUiD-blocked-0001',
  sender: 'bounce@bad.example.net',
  recipient: ['alice@corp.example.com'],
  senderIP: '203.0.113.45',
  messageID: '<msg-0001@bad.example.net>',
};

const messageDelivered = {
  ...messageBlocked,
  spamScore: 0,
  phishScore: 0,
  quarantineFolder: null,
  quarantineRule: null,
  completelyRewritten: true,
  threatsInfoMap: [
    {
      ...threat,
      threatType: 'attachment',
      threat: 'abababababababababababababababababababababababababababababababab',
    },
  ],
  GUID: 'gUiD-delivered-0002',
  senderIP: '2001:db8::45',
};

const clickBlocked = {
  url: 'https://login.bad.example.net/verify?u=alice',
  classification: 'phish',
  clickTime: '2024-05-03T08:00:00.000Z',
  threatTime: '2024-05-02T10:00:00.000Z',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
  campaignId: 'camp-0001',
  id: 'click-0001',
  clickIP: '198.51.100.77',
  sender: 'helpdesk@bad.example.net',
  recipient: 'alice@corp.example.com',
  senderIP: '203.0.113.45',
  GUID: 'gUiD-click-0001',
  threatID: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  threatURL: 'https://threatinsight.proofpoint.com/00000000-aaaa/threat/email/c0ffee',
  threatStatus: 'active',
  messageID: 'msg-0001@bad.example.net',
};

/** Permitted: the click came before the threat was known. */
const clickPermitted = {
  ...clickBlocked,
  clickTime: '2024-05-02T09:59:00.000Z',
  id: 'click-0002',
  clickIP: '192.0.2.10',
};

describe('proofpointTapParser', () => {
  it('reads a blocked message: the sender IP is the source, addresses are e-mails, parts are hashes', () => {
    expect(proofpointTapParser.detect(messageBlocked)).toBe(true);
    const a = proofpointTapParser.parse(messageBlocked);
    expect(a.format).toBe('proofpoint_tap.message_blocked');
    expect(a.recognizedBy).toBe('parser:proofpoint_tap');
    expect(a.observables.srcIps).toEqual(['203.0.113.45']);
    expect(a.observables.ips).toEqual(['203.0.113.45']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual([
      'bounce@bad.example.net',
      'helpdesk@bad.example.net',
      'alice@corp.example.com',
      'carol@corp.example.com',
    ]);
    expect(a.observables.hashes).toEqual([part.md5, part.sha256]);
    expect(a.observables.urls).toEqual(['https://login.bad.example.net/verify']);
    expect(a.observables.domains).toEqual(['login.bad.example.net']);
    expect(a.title).toContain('message blocked');
    expect(a.ruleId).toBe(threat.threatID);
    expect(a.observedAt).toBe('2024-05-02T09:58:00.000Z');
  });

  it('reads an unscored, unquarantined message as delivered and its attachment threat as a hash', () => {
    const a = proofpointTapParser.parse(messageDelivered);
    expect(a.format).toBe('proofpoint_tap.message_delivered');
    expect(a.observables.srcIps).toEqual(['2001:db8::45']);
    expect(a.observables.hashes).toContain(
      'abababababababababababababababababababababababababababababababab',
    );
    expect(a.severity).toBe('high');
  });

  it('reads a blocked click: the sender IP is the source and the clicking IP the destination', () => {
    expect(proofpointTapParser.detect(clickBlocked)).toBe(true);
    const a = proofpointTapParser.parse(clickBlocked);
    expect(a.format).toBe('proofpoint_tap.clicks_blocked');
    expect(a.observables.srcIps).toEqual(['203.0.113.45']);
    expect(a.observables.dstIps).toEqual(['198.51.100.77']);
    expect(a.observables.ips).toEqual(['203.0.113.45', '198.51.100.77']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.urls).toEqual(['https://login.bad.example.net/verify?u=alice']);
    expect(a.observables.domains).toEqual(['login.bad.example.net']);
    expect(a.observables.emails).toEqual(['helpdesk@bad.example.net', 'alice@corp.example.com']);
    expect(a.observedAt).toBe('2024-05-03T08:00:00.000Z');
  });

  it('names a click made before its threat was known, or on a cleared threat, a permitted click', () => {
    expect(proofpointTapParser.parse(clickPermitted).format).toBe('proofpoint_tap.clicks_permitted');
    expect(proofpointTapParser.parse({ ...clickBlocked, threatStatus: 'cleared' }).format).toBe(
      'proofpoint_tap.clicks_permitted',
    );
    expect(proofpointTapParser.parse(clickPermitted).observables.dstIps).toEqual(['192.0.2.10']);
  });

  it('keeps URL sites out of the ECS hosts, as Elastic keeps them out of related.hosts', () => {
    expect(proofpointTapParser.domainsInRelatedHosts).toBe(false);
  });

  it('leaves Proofpoint Essentials records, empty API pages and other JSON alone', () => {
    expect(proofpointTapParser.detect({ ...clickBlocked, event_type: 'clicks_blocked' })).toBe(false);
    expect(proofpointTapParser.detect({ ...messageBlocked, customerEid: '1234567' })).toBe(false);
    expect(proofpointTapParser.detect({ queryEndTime: '2024-05-03T08:00:00Z', messagesBlocked: [] })).toBe(
      false,
    );
    expect(proofpointTapParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(proofpointTapParser.detect('<134>May  3 08:00:00 fw01 filterlog: 5,,,1000000103,igb0,match')).toBe(
      false,
    );
    expect(proofpointTapParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const sample of [messageBlocked, messageDelivered, clickBlocked, clickPermitted]) {
      expect(registryClaims(sample, proofpointTapParser.name).others).toEqual([]);
    }
  });
});
