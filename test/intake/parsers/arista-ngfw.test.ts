// The Arista NG Firewall parser on synthetic `uvm[0]:` syslog lines of each event class: detection, the role
// of every indicator (client/server, NAT addresses related only) as Elastic's arista_ngfw pipelines map
// them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { aristaNgfwParser } from '../../../src/intake/parsers/arista-ngfw.js';
import { registryClaims } from './registry-claims.js';

const line = (body: Record<string, unknown>, head = '<174>Mar  5 10:00:00 INFO  uvm[0]:  '): string =>
  `${head}${JSON.stringify(body)}`;

const session = {
  protocol: 6,
  hostname: 'lab-laptop-7',
  CServerPort: 443,
  protocolName: 'TCP',
  localAddr: '192.0.2.21',
  SServerAddr: '203.0.113.50',
  remoteAddr: '203.0.113.50',
  CClientAddr: '192.0.2.21',
  sessionId: 4242,
  SClientAddr: '198.51.100.7',
  CClientPort: 50000,
  timeStamp: '2024-03-05 10:00:00.123',
  policyId: 1,
  SClientPort: 40000,
  SServerPort: 443,
  CServerAddr: '203.0.113.50',
  username: 'alice',
  tagsString: '',
};

const samples: Record<string, string> = {
  session: line({ ...session, class: 'class com.untangle.uvm.app.SessionEvent' }),
  httpRequest: line({
    timeStamp: '2024-03-05 10:00:01.000',
    method: 'GET',
    domain: 'files.example.com',
    host: 'files.example.com',
    requestUri: '/',
    class: 'class com.untangle.app.http.HttpRequestEvent',
    sessionEvent: session,
  }),
  httpResponse: line({
    timeStamp: '2024-03-05 10:00:02.000',
    requestLine: 'GET http://cdn.example.net/app.bin',
    class: 'class com.untangle.app.http.HttpResponseEvent',
    httpRequestEvent: {
      method: 'GET',
      domain: 'cdn.example.net',
      requestUri: '/app.bin',
      sessionEvent: session,
    },
  }),
  webFilter: line({
    reason: 'BLOCK_CATEGORY',
    requestLine: 'GET http://proxy.example.org/',
    sessionEvent: { ...session, username: undefined },
    timeStamp: '2024-03-05 10:00:03.000',
    flagged: true,
    blocked: true,
    category: 'Proxy Avoidance',
    ruleId: 58,
    class: 'class com.untangle.app.web_filter.WebFilterEvent',
  }),
  intrusion: line({
    timeStamp: '2024-03-05 10:00:04.000',
    ipSource: '203.0.113.66',
    ipDestination: '192.0.2.30',
    msg: 'SYNTHETIC exploit attempt',
    signatureId: 2100498,
    blocked: true,
    class: 'class com.untangle.app.intrusion_prevention.IntrusionPreventionLogEvent',
  }),
  adminLogin: line({
    timeStamp: '2024-03-05 10:00:05.000',
    login: 'admin',
    clientAddress: '198.51.100.25',
    class: 'class com.untangle.uvm.event.AdminLoginEvent',
    local: false,
    succeeded: false,
    reason: 'U',
  }),
  firewall: line({
    timeStamp: '2024-03-05 10:00:06.000',
    blocked: false,
    sessionId: 4242,
    ruleId: 0,
    class: 'class com.untangle.app.firewall.FirewallEvent',
  }),
  interfaceStats: line({
    timeStamp: '2024-03-05 10:00:07.000',
    interfaceId: 1,
    rxRate: 10.5,
    txRate: 3.2,
    class: 'class com.untangle.uvm.logging.InterfaceStatEvent',
  }),
};

const obsOf = (s: string) => aristaNgfwParser.parse(s).observables;

describe('aristaNgfwParser', () => {
  it('detects uvm lines carrying a com.untangle event class', () => {
    for (const s of Object.values(samples)) expect(aristaNgfwParser.detect(s)).toBe(true);
  });

  it('maps a session event: client as source, server as destination, NAT addresses related only', () => {
    const o = obsOf(samples.session ?? '');
    expect(o.srcIps).toEqual(['192.0.2.21']);
    expect(o.dstIps).toEqual(['203.0.113.50']);
    expect(o.ips).toEqual(['203.0.113.50', '192.0.2.21', '198.51.100.7']);
    expect(o.users).toEqual(['alice']);
    expect(o.hosts).toEqual(['lab-laptop-7']);
  });

  it('reads the session nested in an HTTP request and reports its domain', () => {
    const o = obsOf(samples.httpRequest ?? '');
    expect(o.srcIps).toEqual(['192.0.2.21']);
    expect(o.dstIps).toEqual(['203.0.113.50']);
    expect(o.hosts).toEqual(['lab-laptop-7']);
    expect(o.domains).toEqual(['files.example.com']);
  });

  it('reads the session nested in an HTTP response through its request', () => {
    const o = obsOf(samples.httpResponse ?? '');
    expect(o.srcIps).toEqual(['192.0.2.21']);
    expect(o.ips).toEqual(['203.0.113.50', '192.0.2.21', '198.51.100.7']);
    expect(o.domains).toEqual(['cdn.example.net']);
    expect(o.urls).toEqual(['http://cdn.example.net/app.bin']);
  });

  it('keeps a web filter URL as a URL only, since Elastic keeps its site out of related.hosts', () => {
    const alert = aristaNgfwParser.parse(samples.webFilter);
    expect(alert.observables.hosts).toEqual(['lab-laptop-7']);
    expect(alert.observables.domains).toEqual([]);
    expect(alert.observables.urls).toEqual(['http://proxy.example.org/']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('medium');
  });

  it('maps intrusion prevention source and destination and its signature', () => {
    const alert = aristaNgfwParser.parse(samples.intrusion);
    expect(alert.observables.srcIps).toEqual(['203.0.113.66']);
    expect(alert.observables.dstIps).toEqual(['192.0.2.30']);
    expect(alert.severity).toBe('high');
    expect(alert.title).toContain('SYNTHETIC exploit attempt');
    expect(alert.ruleId).toBe('IntrusionPreventionLogEvent:2100498');
  });

  it('maps an admin login: the login as user, the client address as source', () => {
    const alert = aristaNgfwParser.parse(samples.adminLogin);
    expect(alert.observables.srcIps).toEqual(['198.51.100.25']);
    expect(alert.observables.ips).toEqual(['198.51.100.25']);
    expect(alert.observables.users).toEqual(['admin']);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-03-05T10:00:05.000Z');
  });

  it('reports no indicators for firewall and interface statistics events without addresses', () => {
    for (const s of [samples.firewall, samples.interfaceStats]) {
      const o = obsOf(s ?? '');
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
    }
  });

  it('never reports the unspecified address', () => {
    const o = obsOf(
      line({ ...session, CClientAddr: '0.0.0.0', class: 'class com.untangle.uvm.app.SessionEvent' }),
    );
    expect(o.srcIps).toEqual([]);
    expect(o.ips).not.toContain('0.0.0.0');
  });

  it('does not claim other syslog lines, JSON without an untangle class or broken JSON', () => {
    for (const s of [
      '<134>Mar  5 10:00:00 fw01 filterlog: 5,,,1000,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,198.51.100.2,1,2,0',
      line({ class: 'class org.example.Other' }),
      '<174>Mar  5 10:00:00 INFO  uvm[0]:  {"class":"class com.untangle.uvm.app.SessionEvent",',
      '<174>Mar  5 10:00:00 INFO  sshd[12]:  {"class":"class com.untangle.uvm.app.SessionEvent"}',
      { class: 'class com.untangle.uvm.app.SessionEvent' },
    ]) {
      expect(aristaNgfwParser.detect(s)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of Object.values(samples))
      expect(registryClaims(s, aristaNgfwParser.name).others).toEqual([]);
  });
});
