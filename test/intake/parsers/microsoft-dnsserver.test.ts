// The Microsoft DNS Server parser on synthetic Analytical (ETW) and Audit events, as Elastic Agent JSON and
// as rendered XML: detection, the client/server addresses, the question name kept apart from hosts, the
// audit account, the reported facts, and which other parsers would claim the samples.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { microsoftDnsServerParser } from '../../../src/intake/parsers/microsoft-dnsserver.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const PROVIDER = 'Microsoft-Windows-DNSServer';

/** An Analytical event as the ETW input ships it (the channel is a number, the provider in `event`). */
const analytical = (
  code: string,
  data: Record<string, string>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  '@timestamp': '2025-02-10T08:15:30.250Z',
  winlog: {
    process_id: '1204',
    task: '1',
    provider_guid: '{EB79061A-A566-4698-9119-3ED2807060E7}',
    session: 'Elastic-DNSServer-Analytical',
    channel: '16',
    event_data: data,
  },
  log: { level: 'information' },
  input: { type: 'etw' },
  event: { code, provider: PROVIDER, kind: 'event', dataset: 'microsoft_dnsserver.analytical' },
  ...extra,
});

const queryReceived = analytical(
  '256',
  {
    QNAME: 'portal.example.org.',
    QTYPE: '1',
    Source: '192.0.2.44',
    Port: '53011',
    InterfaceIP: '198.51.100.53',
    TCP: '0',
  },
  { host: { name: 'dns-srv-01', ip: ['198.51.100.53', '2001:db8::53'] } },
);
const responseSuccess = analytical('257', {
  QNAME: 'portal.example.org.',
  QTYPE: '28',
  Destination: '192.0.2.44',
  Port: '53011',
  InterfaceIP: '198.51.100.53',
  RCODE: '0',
});
const ignoredQuery = {
  ...analytical('259', {
    QNAME: 'blocked.example.net.',
    QTYPE: '1',
    Source: '203.0.113.9',
    InterfaceIP: '0.0.0.0',
    Reason: 'System',
  }),
  log: { level: 'error' },
};
const recursionOut = analytical('260', {
  QNAME: 'cdn.example.com.',
  Destination: '2001:db8:53::1',
  InterfaceIP: '198.51.100.53',
  ForwardInterfaceIP: '198.51.100.54',
});

/** An Audit event as the winlog input ships it. */
const audit = (
  code: string,
  data: Record<string, string> | undefined,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  '@timestamp': '2025-02-10T09:00:00.000Z',
  winlog: {
    computer_name: 'DNS-SRV-01',
    channel: 'Microsoft-Windows-DNSServer/Audit',
    provider_name: PROVIDER,
    event_id: code,
    task: 'CACHE_OP',
    ...(data ? { event_data: data } : {}),
    user: { identifier: 'S-1-5-21-1000', domain: 'CORP', name: 'dnsadmin', type: 'User' },
  },
  log: { level: 'information' },
  message,
  input: { type: 'winlog' },
  event: { code, provider: PROVIDER, dataset: 'microsoft_dnsserver.audit' },
  ...extra,
});

const cachePurge = audit(
  '536',
  { Scope: 'Default', QNAME: 'stale.example.com.', QTYPE: '28' },
  'A record of type 28, QNAME stale.example.com. was purged from scope Default in cache.',
  { host: { name: 'dns-srv-01' } },
);
const rootHints = audit('540', undefined, 'The root hints have been modified.');
/** An audit event with no dataset label, read by its channel and provider alone. */
const unlabelledUpdate: Record<string, unknown> = {
  ...audit(
    '519',
    { Zone: 'corp.example', NAME: 'ws-17.corp.example', Source: '192.0.2.77' },
    'A record was added.',
  ),
  event: { code: '519' },
};

const xmlEvent = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DNSServer' Guid='{EB79061A-A566-4698-9119-3ED2807060E7}'/><EventID>256</EventID><Level>4</Level><TimeCreated SystemTime='2025-02-10T08:15:30.2500000Z'/><Channel>Microsoft-Windows-DNSServer/Analytical</Channel><Computer>dns-srv-02.corp.example</Computer></System><EventData><Data Name='QNAME'>intranet.example.org.</Data><Data Name='Source'>192.0.2.81</Data><Data Name='InterfaceIP'>198.51.100.53</Data></EventData></Event>`;

const labelled = [queryReceived, responseSuccess, ignoredQuery, recursionOut, cachePurge, rootHints];

const parse = (raw: unknown) => microsoftDnsServerParser.parse(raw);

describe('microsoftDnsServerParser', () => {
  it('detects Analytical and Audit events by dataset, provider, channel, or the XML provider name', () => {
    for (const s of [...labelled, unlabelledUpdate, xmlEvent]) {
      expect(microsoftDnsServerParser.detect(s), JSON.stringify(s)).toBe(true);
    }
  });

  it('does not claim other Windows events, other datasets, text lines or malformed payloads', () => {
    const others: unknown[] = [
      {
        winlog: {
          channel: 'Security',
          provider_name: 'Microsoft-Windows-Security-Auditing',
          event_id: '4624',
        },
        event: { code: '4624' },
      },
      { ...queryReceived, event: { code: '256', provider: PROVIDER, dataset: 'windows.forwarded' } },
      { winlog: 'Microsoft-Windows-DNSServer' },
      { event: { provider: PROVIDER }, message: 'no winlog here' },
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4625</EventID></System></Event>",
      '2025-02-10 08:15:30 1A2C PACKET 0000 UDP Rcv 192.0.2.44 0a1b Q [0001 D NOERROR] A (6)portal(7)example(3)org(0)',
      null,
      42,
    ];
    for (const o of others) expect(microsoftDnsServerParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the client of a received query as the source and relates the server interface', () => {
    const a = parse(queryReceived);
    expect(a.format).toBe('microsoft_dnsserver.analytical');
    expect(a.recognizedBy).toBe('parser:microsoft_dnsserver');
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.44', '198.51.100.53']);
    expect(a.observables.hosts).toEqual(['dns-srv-01']);
    expect(a.observables.domains).toEqual(['portal.example.org']);
  });

  it('reads the client of a response as the destination, listed first in the related addresses', () => {
    const a = parse(responseSuccess);
    expect(a.observables.dstIps).toEqual(['192.0.2.44']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.44', '198.51.100.53']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('relates the forwarding interface of a recursive query and reads IPv6 destinations', () => {
    const a = parse(recursionOut);
    expect(a.observables.dstIps).toEqual(['2001:db8:53::1']);
    expect(a.observables.ips).toEqual(['2001:db8:53::1', '198.51.100.53', '198.51.100.54']);
  });

  it('never reports the unspecified interface address 0.0.0.0', () => {
    const a = parse(ignoredQuery);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(['203.0.113.9']);
  });

  it('keeps the question name out of the scored hosts, as the pipelines keep it out of related.hosts', () => {
    expect(microsoftDnsServerParser.domainsInRelatedHosts).toBe(false);
    expect(parse(queryReceived).observables.hosts).not.toContain('portal.example.org');
    // Once the parser is in the registry, the ECS view leaves its domains out of hosts.
    if (parsers.includes(microsoftDnsServerParser)) {
      expect(ecsIndicators(parse(queryReceived)).hosts).toEqual(['dns-srv-01']);
    }
  });

  it('relates the acting account of an audit event without reading the computer name as a host', () => {
    const a = parse(rootHints);
    expect(a.format).toBe('microsoft_dnsserver.audit');
    expect(a.observables.users).toEqual(['dnsadmin']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    const purge = parse(cachePurge);
    expect(purge.observables.hosts).toEqual(['dns-srv-01']);
    expect(purge.observables.domains).toEqual(['stale.example.com']);
  });

  it('reads the source address of an audit event, even with no dataset label', () => {
    const a = parse(unlabelledUpdate);
    expect(a.format).toBe('microsoft_dnsserver.audit');
    expect(a.observables.srcIps).toEqual(['192.0.2.77']);
    expect(a.observables.ips).toEqual(['192.0.2.77']);
    expect(a.observables.users).toEqual(['dnsadmin']);
  });

  it('reads the rendered XML event, its computer as the host', () => {
    const a = parse(xmlEvent);
    expect(a.format).toBe('microsoft_dnsserver.analytical');
    expect(a.observables.srcIps).toEqual(['192.0.2.81']);
    expect(a.observables.ips).toEqual(['192.0.2.81', '198.51.100.53']);
    expect(a.observables.hosts).toEqual(['dns-srv-02.corp.example']);
    expect(a.observedAt).toBe('2025-02-10T08:15:30.250Z');
    expect(a.ruleId).toBe('256');
  });

  it('reports the event description and question as the title, the event id, time and severity', () => {
    const a = parse(responseSuccess);
    expect(a.title).toBe('DNS Response success: portal.example.org (AAAA)');
    expect(a.ruleId).toBe('257');
    expect(a.observedAt).toBe('2025-02-10T08:15:30.250Z');
    expect(a.severity).toBe('info');
    expect(parse(ignoredQuery).severity).toBe('low');
    expect(parse(rootHints).title).toBe('The root hints have been modified.');
  });

  it('is claimed by no other specific parser, except the Windows event parser for unlabelled events', () => {
    for (const s of labelled)
      expect(registryClaims(s, microsoftDnsServerParser.name).others, JSON.stringify(s)).toEqual([]);
    // These carry no dataset label: the registry must try this parser before windows.event.
    for (const s of [unlabelledUpdate, xmlEvent]) {
      expect(registryClaims(s, microsoftDnsServerParser.name).others).toEqual(['windows.event']);
    }
  });
});
