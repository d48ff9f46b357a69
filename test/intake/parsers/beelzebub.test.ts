// The Beelzebub parser on synthetic honeypot log lines (an SSH login attempt, an SSH shell command, HTTP requests
// with and without a Host header): detection, indicators as Elastic's beelzebub pipeline maps them, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { beelzebubParser } from '../../../src/intake/parsers/beelzebub.js';
import { registryClaims } from './registry-claims.js';

/**
 * The ECS view the scorer prints for this parser once it is registered: hosts without the domains, since the
 * pipeline keeps url.domain out of related.hosts (`domainsInRelatedHosts: false`).
 */
function ecsView(a: Alert) {
  const o = a.observables;
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts };
}

const empty = {
  Command: '',
  CommandOutput: '',
  Environ: '',
  User: '',
  Password: '',
  Client: '',
  Headers: '',
  Cookies: '',
  UserAgent: '',
  HostHTTPRequest: '',
  Body: '',
  HTTPMethod: '',
  RequestURI: '',
};

function line(event: Record<string, string>): string {
  return JSON.stringify({
    event: { ...empty, ...event },
    level: 'info',
    msg: 'New Event',
    status: event.Status ?? 'Stateless',
    time: event.DateTime ?? '2026-01-05T09:00:00Z',
  });
}

const sshLogin = line({
  DateTime: '2026-01-05T09:00:00Z',
  RemoteAddr: '198.51.100.40:50122',
  Protocol: 'SSH',
  Status: 'Stateless',
  Msg: 'New SSH attempt',
  ID: '11111111-2222-4333-8444-555555555555',
  User: 'oracle',
  Password: 'welcome1',
  Client: 'SSH-2.0-Go',
  Description: 'SSH interactive',
  SourceIp: '198.51.100.40',
  SourcePort: '50122',
});

const sshCommand = line({
  DateTime: '2026-01-05T09:00:07Z',
  RemoteAddr: '198.51.100.40:50122',
  Protocol: 'SSH',
  Command: 'uname -a',
  CommandOutput: 'Linux web01 5.15.0 x86_64',
  Status: 'Interaction',
  Msg: 'New SSH Terminal Session',
  ID: '11111111-2222-4333-8444-666666666666',
  Description: 'SSH interactive',
  SourceIp: '198.51.100.40',
  SourcePort: '50122',
});

const httpGet = line({
  DateTime: '2026-01-05T09:05:00Z',
  RemoteAddr: '203.0.113.9:41654',
  Protocol: 'HTTP',
  Msg: 'HTTP New request',
  ID: '11111111-2222-4333-8444-777777777777',
  Headers: '[Key: User-Agent, values: curl/8.0],[Key: Accept, values: */*],',
  UserAgent: 'curl/8.0',
  HostHTTPRequest: '192.0.2.80:8080',
  HTTPMethod: 'GET',
  RequestURI: '/wp-login.php',
  Description: 'WordPress',
  SourceIp: '203.0.113.9',
  SourcePort: '41654',
});

const httpNamed = line({
  DateTime: '2026-01-05T09:06:00Z',
  RemoteAddr: '203.0.113.9:41655',
  Protocol: 'HTTP',
  Msg: 'HTTP New request',
  ID: '11111111-2222-4333-8444-888888888888',
  Headers: '[Key: Host, values: blog.example.org],[Key: Accept, values: */*],',
  HostHTTPRequest: '192.0.2.80:80',
  HTTPMethod: 'POST',
  RequestURI: '/xmlrpc.php',
  Description: 'WordPress',
  SourceIp: '203.0.113.9',
  SourcePort: '41655',
});

describe('beelzebubParser', () => {
  it('tells the ECS view to keep its domains out of related hosts', () => {
    expect(beelzebubParser.domainsInRelatedHosts).toBe(false);
  });

  it('detects Beelzebub lines as text and as objects', () => {
    for (const s of [sshLogin, sshCommand, httpGet, httpNamed, JSON.parse(httpGet) as unknown]) {
      expect(beelzebubParser.detect(s)).toBe(true);
    }
  });

  it('reports the attacker as source and the user it tried', () => {
    const a = beelzebubParser.parse(sshLogin);
    expect(a.format).toBe('beelzebub.logs');
    expect(a.recognizedBy).toBe('parser:beelzebub.logs');
    expect(ecsView(a)).toEqual({
      src_ips: ['198.51.100.40'],
      dst_ips: [],
      ips: ['198.51.100.40'],
      users: ['oracle'],
      hosts: [],
    });
    expect(a.title).toBe('Beelzebub: New SSH attempt (SSH, SSH interactive)');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(a.ruleId).toBe('SSH');
  });

  it('raises a command typed into the honeypot shell to high severity', () => {
    const a = beelzebubParser.parse(sshCommand);
    expect(a.severity).toBe('high');
    expect(a.observables.users).toEqual([]);
  });

  it('reports the honeypot address as destination but keeps it out of related addresses', () => {
    expect(ecsView(beelzebubParser.parse(httpGet))).toEqual({
      src_ips: ['203.0.113.9'],
      dst_ips: ['192.0.2.80'],
      ips: ['203.0.113.9'],
      users: [],
      hosts: [],
    });
  });

  it('prefers the Host header, a name here, so no destination address and no related host', () => {
    const a = beelzebubParser.parse(httpNamed);
    const e = ecsView(a);
    expect(e.dst_ips).toEqual([]);
    expect(e.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['blog.example.org']);
  });

  it('does not claim other JSON or text payloads', () => {
    const noSource = JSON.stringify({
      event: { RemoteAddr: '198.51.100.40:1', Protocol: 'SSH', HostHTTPRequest: '' },
    });
    const ecsLike = { event: { kind: 'alert', category: ['network'] }, source: { ip: '198.51.100.40' } };
    const opencanaryLike = { logtype: 4002, node_id: 'n1', src_host: '198.51.100.40', utc_time: 'x' };
    for (const s of [
      noSource,
      ecsLike,
      opencanaryLike,
      'SourceIp=198.51.100.40 HostHTTPRequest=x',
      null,
      [],
    ]) {
      expect(beelzebubParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser that claims these samples', () => {
    for (const s of [sshLogin, sshCommand, httpGet, httpNamed]) {
      expect(registryClaims(s, beelzebubParser.name).others).toEqual([]);
    }
  });
});
