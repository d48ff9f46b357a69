// The ModSecurity audit-log parser on synthetic JSON records (libmodsecurity v3 as nginx writes it, and
// ModSecurity 2 for Apache): the client as the only source, no related addresses, rule title/id/severity.
import { describe, expect, it } from 'vitest';
import { modsecurityParser } from '../../../src/intake/parsers/modsecurity.js';
import { registryClaims } from './registry-claims.js';

const v3 = {
  transaction: {
    client_ip: '192.0.2.50',
    time_stamp: 'Tue Mar  5 10:00:00 2024',
    server_id: 'abc123',
    client_port: 50000,
    host_ip: '198.51.100.5',
    host_port: 443,
    id: '170963280012.345678',
    request: {
      method: 'GET',
      http_version: 1.1,
      uri: '/login',
      headers: { Host: 'portal.example.com', 'User-Agent': 'curl/8.0' },
    },
    response: { http_code: 403, headers: { Server: 'nginx/1.24.0', Date: 'Tue, 05 Mar 2024 10:00:00 GMT' } },
    producer: { modsecurity: 'ModSecurity v3.0.9 (Linux)', connector: 'ModSecurity-nginx v1.0.3' },
    messages: [
      {
        message: 'SQL Injection Attack Detected via libinjection',
        details: { match: 'detected SQLi', ruleId: '942100', severity: '2', data: 'x' },
      },
      { message: 'Inbound Anomaly Score Exceeded', details: { ruleId: '949110', severity: '' } },
    ],
  },
};

const v2 = {
  transaction: {
    time: '05/Mar/2024:10:00:00 +0100',
    transaction_id: 'ZeZ0AAAAAAAAAAAAAAAAAAAAAAA',
    remote_address: '203.0.113.60',
    remote_port: 40000,
    local_address: '198.51.100.6',
    local_port: 80,
  },
  request: {
    request_line: 'GET /?cmd=/bin/sh HTTP/1.1',
    headers: { Host: 'intranet.example.org', REMOTE_USER: 'dave' },
  },
  response: { protocol: 'HTTP/1.1', status: 403, headers: {} },
  audit_data: {
    messages: [
      'Warning. Matched phrase "bin/sh" at ARGS:cmd. [file "/rules/REQUEST-932.conf"] [line "1"] [id "932160"] [msg "Remote Command Execution: Unix Shell Code Found"] [severity "CRITICAL"] [tag "attack-rce"]',
      'Access denied with code 403 (phase 2). [id "949110"] [msg "Inbound Anomaly Score Exceeded (Total Score: 5)"]',
    ],
    server: 'Apache/2.4.58',
  },
};

describe('modsecurityParser', () => {
  it('detects v3 and v2 JSON audit records, as objects and as text', () => {
    expect(modsecurityParser.detect(v3)).toBe(true);
    expect(modsecurityParser.detect(v2)).toBe(true);
    expect(modsecurityParser.detect(JSON.stringify(v3))).toBe(true);
  });

  it('maps a v3 record: the client as source only, no destination or related address, the Host as a domain', () => {
    const a = modsecurityParser.parse(v3);
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['portal.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(modsecurityParser.domainsInRelatedHosts).toBe(false);
  });

  it('takes the v3 title, rule id and severity from the matched rule', () => {
    const a = modsecurityParser.parse(v3);
    expect(a.title).toBe('ModSecurity: SQL Injection Attack Detected via libinjection');
    expect(a.ruleId).toBe('942100');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('maps a v2 record: remote address as source, local address as destination, REMOTE_USER as user', () => {
    const a = modsecurityParser.parse(v2);
    expect(a.observables.srcIps).toEqual(['203.0.113.60']);
    expect(a.observables.dstIps).toEqual(['198.51.100.6']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.domains).toEqual(['intranet.example.org']);
  });

  it('reads the v2 rule message, id and severity from the bracketed tags', () => {
    const a = modsecurityParser.parse(v2);
    expect(a.title).toBe('ModSecurity: Remote Command Execution: Unix Shell Code Found');
    expect(a.ruleId).toBe('932160');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2024-03-05T09:00:00.000Z');
  });

  it('does not report a numeric Host header as a domain', () => {
    const numeric = {
      transaction: {
        ...v3.transaction,
        request: { ...v3.transaction.request, headers: { Host: '198.51.100.5' } },
      },
    };
    expect(modsecurityParser.parse(numeric).observables.domains).toEqual([]);
  });

  it('titles a v3 record without rule messages by its request and rates it informational', () => {
    const quiet = { transaction: { ...v3.transaction, messages: [] } };
    const a = modsecurityParser.parse(quiet);
    expect(a.title).toBe('ModSecurity: GET /login');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBeNull();
  });

  it('does not claim other JSON payloads', () => {
    expect(modsecurityParser.detect({ transaction: { id: 'x' } })).toBe(false);
    expect(modsecurityParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(modsecurityParser.detect('not json')).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const raw of [v3, v2, JSON.stringify(v3)])
      expect(registryClaims(raw, modsecurityParser.name).others).toEqual([]);
  });
});
