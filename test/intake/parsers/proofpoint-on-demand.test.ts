// The Proofpoint on Demand parser on synthetic log API records (audit, message, sendmail): detection, the indicators
// Elastic's `proofpoint_on_demand` pipelines map, and that it and Proofpoint TAP / Essentials never claim each other's.
import { describe, expect, it } from 'vitest';
import { proofpointEssentialsParser } from '../../../src/intake/parsers/proofpoint-essentials.js';
import { proofpointOnDemandParser } from '../../../src/intake/parsers/proofpoint-on-demand.js';
import { proofpointTapParser } from '../../../src/intake/parsers/proofpoint-tap.js';
import { registryClaims } from './registry-claims.js';

const audit = {
  audit: {
    action: 'login',
    level: 'INFO',
    resourceType: 'authorization',
    tags: [{ name: 'login.authorization', value: 'true' }],
    user: { email: 'kim.admin@corp.example', id: 'uid-0000-0001', ipAddress: '198.51.100.20' },
  },
  guid: 'guid-audit-0001',
  metadata: {
    customerId: 'cust-0001',
    origin: { data: { agent: '192.0.2.5', cid: 'corp_hosted', version: '1.0' }, type: 'cadmin-api-gateway' },
  },
  ts: '2024-05-02T09:10:11.123456+0000',
};

const message = {
  connection: {
    helo: 'mx.sender.example',
    host: 'mail.sender.example',
    ip: '203.0.113.60',
    protocol: 'smtp:smtp',
  },
  envelope: { from: 'news@sender.example', rcpts: ['dana.reyes@corp.example'] },
  filter: { disposition: 'reject', qid: 'qid0001', routeDirection: 'inbound', routes: ['default_inbound'] },
  guid: 'guid-message-0001',
  metadata: { origin: { data: { agent: 'pps01.corp.example', cid: 'corp_hosted', version: '8.21.0' } } },
  msg: { header: { from: ['"News" <news@sender.example>'], subject: ['Weekly digest'] } },
  msgParts: [],
  ts: '2024-05-02T12:10:03.058340-0700',
};

const mail = {
  data: '2024-05-02T05:25:41.855197-07:00 pps01 sendmail[123]: qid0002: to=<dana.reyes@corp.example>, stat=Sent',
  id: 'mail-0001',
  pps: { agent: 'pps01.corp.example', cid: 'corp_hosted' },
  sm: {
    qid: 'qid0002',
    stat: 'Sent (Ok: queued)',
    to: ['<dana.reyes@corp.example>'],
    relay: 'mx.corp.example.',
  },
  ts: '2024-05-02T05:25:41.855197-0700',
};

const tapMessage = {
  GUID: 'guid-tap-0001',
  messageTime: '2024-05-02T10:00:00.000Z',
  senderIP: '203.0.113.7',
  sender: 'lure@phish.example',
  recipient: ['dana.reyes@corp.example'],
  fromAddress: ['lure@phish.example'],
  threatsInfoMap: [{ threat: 'phish.example', threatType: 'url', classification: 'phish' }],
  policyRoutes: ['default_inbound'],
};

const essentialsClick = {
  event_type: 'clicks_blocked',
  url: 'https://login.phish.example/',
  clickIP: '198.51.100.23',
  sender: 'lure@phish.example',
  recipient: 'dana.reyes@corp.example',
  senderIP: '203.0.113.7',
};

describe('proofpointOnDemandParser', () => {
  it('maps an audit record: the agent address then the admin address as related, the admin as source', () => {
    expect(proofpointOnDemandParser.detect(audit)).toBe(true);
    const a = proofpointOnDemandParser.parse(audit);
    expect(a.format).toBe('proofpoint_on_demand.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.5', '198.51.100.20']);
    expect(a.observables.users).toEqual(['kim.admin@corp.example', 'uid-0000-0001']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-05-02T09:10:11.123Z');
    expect(a.ruleId).toBe('login');
  });

  it('puts an audit agent that is a name in hosts, not in addresses', () => {
    const named = { ...audit, metadata: { origin: { data: { agent: 'gateway01' } } } };
    const a = proofpointOnDemandParser.parse(named);
    expect(a.observables.ips).toEqual(['198.51.100.20']);
    expect(a.observables.hosts).toEqual(['gateway01']);
  });

  it('maps a message: the connecting address as source, HELO, connection host and agent as hosts, envelope users', () => {
    expect(proofpointOnDemandParser.detect(message)).toBe(true);
    const a = proofpointOnDemandParser.parse(message);
    expect(a.format).toBe('proofpoint_on_demand.message');
    expect(a.observables.srcIps).toEqual(['203.0.113.60']);
    expect(a.observables.hosts).toEqual(['mx.sender.example', 'mail.sender.example', 'pps01.corp.example']);
    expect(a.observables.users).toEqual([
      'news@sender.example',
      'dana.reyes@corp.example',
      '"News" <news@sender.example>',
    ]);
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('Weekly digest');
  });

  it('reads an address HELO, the throttle address, authentication domains, parts and every address list', () => {
    const rich = {
      ...message,
      connection: { ...message.connection, helo: '203.0.113.61', host: '**' },
      filter: {
        ...message.filter,
        throttleIp: '198.51.100.99',
        verified: { rcpts: ['ops@corp.example'] },
        modules: {
          dkimv: [{ domain: 'sender.example' }],
          dmarc: { alignment: [{ fromDomain: 'news.sender.example' }] },
          spf: { domain: 'bounce.sender.example' },
        },
      },
      msg: {
        header: {
          from: ['news@sender.example'],
          to: ['team@corp.example'],
          'reply-to': ['help@sender.example'],
        },
        parsedAddresses: { cc: ['cc@corp.example'] },
      },
      msgParts: [
        { md5: '0123456789abcdef0123456789abcdef', urls: [{ url: 'https://sender.example/unsub' }] },
      ],
    };
    const a = proofpointOnDemandParser.parse(rich);
    expect(a.observables.srcIps).toEqual(['203.0.113.60']);
    expect(a.observables.ips).toEqual(['203.0.113.61', '203.0.113.60', '198.51.100.99']);
    expect(a.observables.hosts).toEqual(['pps01.corp.example']);
    expect(a.observables.domains).toEqual(['sender.example', 'news.sender.example', 'bounce.sender.example']);
    expect(a.observables.users).toEqual([
      'news@sender.example',
      'dana.reyes@corp.example',
      'ops@corp.example',
      'help@sender.example',
      'team@corp.example',
      'cc@corp.example',
    ]);
    expect(a.observables.hashes).toEqual(['0123456789abcdef0123456789abcdef']);
    expect(a.observables.urls).toEqual(['https://sender.example/unsub']);
  });

  it('maps a sendmail record: the agent as host and the recipients as users', () => {
    expect(proofpointOnDemandParser.detect(mail)).toBe(true);
    const a = proofpointOnDemandParser.parse(mail);
    expect(a.format).toBe('proofpoint_on_demand.mail');
    expect(a.observables.hosts).toEqual(['pps01.corp.example']);
    expect(a.observables.users).toEqual(['<dana.reyes@corp.example>']);
    expect(a.observables.emails).toEqual(['dana.reyes@corp.example']);
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim Proofpoint TAP or Essentials records, other JSON or text', () => {
    for (const other of [
      tapMessage,
      essentialsClick,
      { audit: 'x' },
      { sm: {} },
      null,
      JSON.stringify(audit),
    ]) {
      expect(proofpointOnDemandParser.detect(other)).toBe(false);
    }
    expect(
      proofpointOnDemandParser.detect('<13>May  2 09:10:11 host sendmail[1]: qid: to=<a@b.example>'),
    ).toBe(false);
  });

  it('is not claimed by the Proofpoint TAP or Essentials parsers nor any other specific parser', () => {
    for (const r of [audit, message, mail]) {
      expect(proofpointTapParser.detect(r)).toBe(false);
      expect(proofpointEssentialsParser.detect(r)).toBe(false);
      expect(registryClaims(r, 'proofpoint_on_demand').others).toEqual([]);
    }
  });
});
