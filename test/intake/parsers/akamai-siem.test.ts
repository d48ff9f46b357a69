// The Akamai SIEM parser on synthetic security events: detection, the client as source, the HTTP host as a
// domain kept out of related hosts, the decoded rule lists, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { akamaiSiemParser } from '../../../src/intake/parsers/akamai-siem.js';
import { registryClaims } from './registry-claims.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
/** A rule list as Akamai writes it: each entry base64, joined with `;`, the whole URL-encoded. */
const encoded = (items: string[]): string => encodeURIComponent(items.map(b64).join(';'));

const denied = {
  format: 'json',
  type: 'akamai_siem',
  version: '1.0',
  attackData: {
    clientIP: '192.0.2.44',
    configId: '5001',
    policyId: 'pol_1234',
    ruleActions: encoded(['alert', 'deny']),
    ruleData: encoded(['cmd.exe', 'Vector Score: 12']),
    ruleMessages: encoded(['Remote Command Execution', 'Anomaly Score Exceeded']),
    ruleSelectors: encoded(['ARGS:cmd', '']),
    ruleTags: encoded(['WEB_ATTACK/COMMAND_INJECTION', 'POLICY/ANOMALY']),
    ruleVersions: encoded(['3', '1']),
    rules: encoded(['960100', 'CMD-INJECTION-ANOMALY']),
  },
  geo: { asn: '64500', city: 'SPRINGFIELD', continent: 'NA', country: 'US', regionCode: 'IL' },
  httpMessage: {
    bytes: '512',
    host: 'shop.example.com',
    method: 'GET',
    path: '/search',
    port: '443',
    protocol: 'HTTP/1.1',
    query: 'q%3Dcmd.exe',
    requestHeaders: 'User-Agent%3a%20scanner%2f1.0%0d%0aX-Forwarded-For%3a%20198.51.100.99',
    requestId: 'abc123def456',
    responseHeaders: 'Server%3a%20AkamaiGHost',
    start: '1735689600',
    status: '403',
    tls: 'TLSv1.3',
  },
  userRiskData: { uuid: '00000000-0000-4000-8000-000000000001', status: '0', score: '10', allow: '0' },
  clientData: { appBundleId: 'com.example.app', appVersion: '2.0', sdkVersion: '4.0', telemetryType: '2' },
};

/** Plain `;` lists with spaces inside the base64, as some feeds write them; an IPv6 client. */
const alerted = {
  type: 'akamai_siem',
  format: 'json',
  version: '1.0',
  attackData: {
    clientIP: '2001:db8::7',
    configId: '77',
    policyId: 'web_77',
    ruleActions: `${b64('ALERT')}`,
    ruleMessages: `${b64('Cross-site Scripting').slice(0, 6)} ${b64('Cross-site Scripting').slice(6)}`,
    rules: b64('941100'),
  },
  httpMessage: {
    host: 'portal.example.org',
    method: 'POST',
    path: '/login',
    start: '1735689700.250',
    status: '200',
  },
};

const noRules = {
  type: 'akamai_siem',
  attackData: { clientIP: 'not-an-ip', configId: '1', policyId: 'p' },
  httpMessage: { host: 'api.example.net', method: 'PUT', start: 1735689800 },
};

const unspecified = {
  type: 'akamai_siem',
  attackData: { clientIP: '0.0.0.0', rules: b64('1') },
  httpMessage: { host: 'www.example.com', start: '1735689800' },
};

describe('akamaiSiemParser', () => {
  it('detects Akamai SIEM events and nothing else', () => {
    for (const e of [denied, alerted, noRules, unspecified]) expect(akamaiSiemParser.detect(e)).toBe(true);
    expect(akamaiSiemParser.detect({ total: 10, offset: 'abc;def', limit: 10 })).toBe(false);
    expect(akamaiSiemParser.detect({ attackData: {} })).toBe(false);
    expect(akamaiSiemParser.detect({ attackData: 'x', httpMessage: {} })).toBe(false);
    expect(akamaiSiemParser.detect(JSON.stringify(denied))).toBe(false);
    expect(akamaiSiemParser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol')).toBe(
      false,
    );
    expect(akamaiSiemParser.detect(null)).toBe(false);
  });

  it('reads the client IP as the source and the only related address', () => {
    const a = akamaiSiemParser.parse(denied);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
  });

  it('does not take addresses from request headers', () => {
    expect(akamaiSiemParser.parse(denied).observables.ips).not.toContain('198.51.100.99');
  });

  it('reports the HTTP host as a domain kept out of related hosts', () => {
    const a = akamaiSiemParser.parse(denied);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(a.observables.users).toEqual([]);
    expect(akamaiSiemParser.domainsInRelatedHosts).toBe(false);
  });

  it('decodes the rule lists for the title, the rule id and a denial as high severity', () => {
    const a = akamaiSiemParser.parse(denied);
    expect(a.title).toBe('Remote Command Execution (+1 more rules)');
    expect(a.ruleId).toBe('960100');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(a.recognizedBy).toBe('parser:akamai.siem');
  });

  it('reads plain lists with spaces inside the base64, an alert action and an IPv6 client', () => {
    const a = akamaiSiemParser.parse(alerted);
    expect(a.title).toBe('Cross-site Scripting');
    expect(a.ruleId).toBe('941100');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-01-01T00:01:40.250Z');
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
    expect(a.observables.domains).toEqual(['portal.example.org']);
  });

  it('falls back to the request for the title and drops a client IP that is not an address', () => {
    const a = akamaiSiemParser.parse(noRules);
    expect(a.title).toBe('Akamai security event: PUT api.example.net');
    expect(a.ruleId).toBeNull();
    expect(a.severity).toBe('low');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2025-01-01T00:03:20.000Z');
  });

  it('never reports the unspecified address as an indicator', () => {
    const a = akamaiSiemParser.parse(unspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const e of [denied, alerted, noRules, unspecified]) {
      expect(registryClaims(e, 'akamai.siem').others).toEqual([]);
    }
  });
});
