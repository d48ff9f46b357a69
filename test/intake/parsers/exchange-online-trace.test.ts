// The Exchange Online message trace parser on synthetic Reporting Web Service and Microsoft Graph records:
// detection, the indicators Elastic's microsoft_exchange_online_message_trace pipeline maps, and no double claims.
import { describe, expect, it } from 'vitest';
import { exchangeOnlineTraceParser } from '../../../src/intake/parsers/exchange-online-trace.js';
import { registryClaims } from './registry-claims.js';

const inbound = {
  Organization: 'example.com',
  MessageId: '<msg-0001@mail.example.net>',
  Received: '2024-06-01T08:09:10.1234567',
  SenderAddress: 'billing@example.net',
  RecipientAddress: 'alex.doe@example.com',
  Subject: 'Invoice 42',
  Status: 'Delivered',
  ToIP: '203.0.113.25',
  FromIP: '198.51.100.7',
  Size: 20480,
  MessageTraceId: '00000000-0000-4000-8000-000000000001',
  StartDate: '2024-05-31T08:00:00Z',
  EndDate: '2024-06-01T08:00:00Z',
  Index: 0,
};

const internal = {
  ...inbound,
  MessageId: '<msg-0002@example.com>',
  Received: '2024-06-01T09:00:00Z',
  SenderAddress: 'robin.roe@example.com',
  RecipientAddress: 'alex.doe@example.com',
  Status: 'FilteredAsSpam',
  ToIP: null,
  FromIP: '2001:db8::25',
  MessageTraceId: '00000000-0000-4000-8000-000000000002',
};

const outbound = {
  ...inbound,
  SenderAddress: 'alex.doe@example.com',
  RecipientAddress: 'partner@example.org',
  ToIP: '0.0.0.0',
  FromIP: null,
  MessageTraceId: '00000000-0000-4000-8000-000000000003',
};

/** Microsoft Graph's exchangeMessageTrace: camelCase, no Organization. */
const graph = {
  id: '00000000-0000-4000-8000-000000000004',
  messageId: '<msg-0004@mail.example.net>',
  status: 'delivered',
  receivedDateTime: '2024-06-01T10:11:12.842Z',
  recipientAddress: 'alex.doe@example.com',
  senderAddress: 'alerts@example.net',
  subject: 'New sign-in',
  size: 121532,
  fromIP: '2001:db8::42',
  toIP: '',
};

const samples = { inbound, internal, outbound, graph };

describe('exchangeOnlineTraceParser', () => {
  it('detects every message trace record', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(exchangeOnlineTraceParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an inbound message: FromIP as source, ToIP as destination, no related addresses', () => {
    const a = exchangeOnlineTraceParser.parse(inbound);
    expect(a.format).toBe('microsoft_exchange_online_message_trace.log');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.dstIps).toEqual(['203.0.113.25']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-06-01T08:09:10.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Delivered');
  });

  it('names the local recipient as the user, then both addresses and both local parts', () => {
    expect(exchangeOnlineTraceParser.parse(inbound).observables.users).toEqual([
      'alex.doe',
      'alex.doe@example.com',
      'billing@example.net',
      'billing',
    ]);
  });

  it('reports sender and recipient addresses as e-mails', () => {
    expect(exchangeOnlineTraceParser.parse(inbound).observables.emails).toEqual([
      'billing@example.net',
      'alex.doe@example.com',
    ]);
  });

  it('names both parties of an internal message as users and rates a spam verdict low', () => {
    const a = exchangeOnlineTraceParser.parse(internal);
    expect(a.observables.users.slice(0, 2)).toEqual(['alex.doe', 'robin.roe']);
    expect(a.observables.srcIps).toEqual(['2001:db8::25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('names the local sender of an outbound message and never reports 0.0.0.0', () => {
    const a = exchangeOnlineTraceParser.parse(outbound);
    expect(a.observables.users[0]).toBe('alex.doe');
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it("reads Microsoft Graph's camelCase message trace alike", () => {
    const a = exchangeOnlineTraceParser.parse(graph);
    expect(a.format).toBe('microsoft_exchange_online_message_trace.log');
    expect(a.observables.srcIps).toEqual(['2001:db8::42']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['alex.doe@example.com', 'alerts@example.net', 'alex.doe', 'alerts']);
    expect(a.observables.emails).toEqual(['alerts@example.net', 'alex.doe@example.com']);
    expect(a.title).toBe('Exchange Online message delivered: New sign-in');
    expect(a.observedAt).toBe('2024-06-01T10:11:12.842Z');
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      {
        CreationTime: '2024-06-01T08:00:00',
        Id: '00000000-0000-4000-8000-000000000009',
        Operation: 'Send',
        RecordType: 2,
        Workload: 'Exchange',
        UserId: 'alex.doe@example.com',
        ClientIP: '198.51.100.7',
      },
      { MessageTraceId: 'x', SenderAddress: 'a@example.com' },
      { id: 'x', receivedDateTime: '2024-06-01T10:11:12Z', senderAddress: 'a@example.com' },
      '2024-06-01 08:00:00 message trace',
      null,
    ];
    for (const raw of others) expect(exchangeOnlineTraceParser.detect(raw)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, exchangeOnlineTraceParser.name).others, name).toEqual([]);
    }
  });
});
