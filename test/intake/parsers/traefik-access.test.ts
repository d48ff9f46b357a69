// The Traefik access-log parser on synthetic lines and JSON records: detection only with Traefik's tail (plain
// access lines stay with nginx.access), the client as source, the backend or service address as destination,
// and the facts.
import { describe, expect, it } from 'vitest';
import { nginxAccessParser } from '../../../src/intake/parsers/nginx-access.js';
import { traefikAccessParser } from '../../../src/intake/parsers/traefik-access.js';
import { registryClaims } from './registry-claims.js';

const full =
  '192.0.2.10 - - [05/Mar/2024:10:15:42 +0000] "GET /api/items?page=2 HTTP/1.1" 200 1534 "https://shop.example.com/" "Mozilla/5.0 (X11; Linux x86_64)" 42 "shop-router@docker" "http://198.51.100.20:8080" 12ms';
const withUser =
  '203.0.113.9 - carol [05/Mar/2024:10:15:43 +0100] "POST /login HTTP/2.0" 502 0 - "curl/8.5.0" 43 "auth-router" "https://[2001:db8::20]:8443" 1500ms';
const notFound =
  '::1 - - [05/Mar/2024:10:15:44 +0000] "GET / HTTP/1.1" 404 19 "-" "curl/8.5.0" 44 "backend not found" "/" 0ms';
const namedBackend =
  'client-7.example.net - - [05/Mar/2024:10:15:45 +0000] "GET /health HTTP/1.1" 200 2 "-" "probe" 45 - "http://app-backend.internal.example:3000" 1ms';
const plainCombined =
  '192.0.2.10 - alice [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512 "https://shop.example.com/" "Mozilla/5.0"';

const noStatus = '::1 - - [05/Mar/2024:10:15:46 +0000] "GET / HTTP/1.1" - - "-" "-" 27 "-" "-" 0ms';
/** Traefik v2+ JSON: the client behind a proxy (ClientHost), the service address the request went to. */
const json = {
  ClientAddr: '10.10.8.105:48376',
  ClientHost: '203.0.113.30',
  ClientPort: '48376',
  ClientUsername: 'dana',
  DownstreamStatus: 503,
  RequestAddr: 'api.shop.example',
  RequestHost: 'api.shop.example',
  RequestMethod: 'POST',
  RequestPath: '/v1/orders',
  RequestCount: 75,
  RouterName: 'orders@kubernetes',
  ServiceAddr: '10.1.25.243:80',
  ServiceURL: { Scheme: 'http', Host: '10.1.25.250:80' },
  StartUTC: '2024-03-05T10:15:47.609696286Z',
};
/** Traefik v1 JSON with only the connecting address (host and port) and a v1 backend address. */
const jsonV1 = {
  ClientAddr: '[2001:db8::31]:23456',
  ClientUsername: '-',
  OriginStatus: 404,
  RequestAddr: '198.51.100.11:12345',
  RequestHost: '198.51.100.11',
  RequestMethod: 'GET',
  RequestPath: '/',
  RequestCount: 7,
  BackendAddr: '198.51.100.40:1234',
  FrontendName: 'backend not found',
  time: '2024-03-05T10:15:48Z',
};

const samples = [full, withUser, notFound, namedBackend, noStatus, json, jsonV1, JSON.stringify(json)];

describe('traefikAccessParser', () => {
  it('detects Common Log Format lines with the Traefik tail', () => {
    for (const s of samples) expect(traefikAccessParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim plain combined or common access lines, which stay with nginx.access', () => {
    const others = [
      plainCombined,
      '192.0.2.10 - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512',
      `${plainCombined} 12ms`,
      `${full} trailing`,
      '2024/03/05 10:15:42 [error] 1#0: *1 upstream timed out 12ms',
      { message: full },
    ];
    for (const o of others) expect(traefikAccessParser.detect(o), JSON.stringify(o)).toBe(false);
    expect(nginxAccessParser.detect(plainCombined)).toBe(true);
  });

  it('reads the client as source and the backend address (without scheme or port) as destination', () => {
    const a = traefikAccessParser.parse(full);
    expect(a.format).toBe('traefik.access');
    expect(a.recognizedBy).toBe('parser:traefik.access');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a bracketed IPv6 backend and the authenticated user', () => {
    const a = traefikAccessParser.parse(withUser);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['203.0.113.9', '2001:db8::20']);
    expect(a.observables.users).toEqual(['carol']);
  });

  it('reports no destination when no backend was found', () => {
    const a = traefikAccessParser.parse(notFound);
    expect(a.observables.srcIps).toEqual(['::1']);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('reads host-name client and backend as domains kept out of related.hosts', () => {
    const a = traefikAccessParser.parse(namedBackend);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['client-7.example.net', 'app-backend.internal.example']);
    expect(traefikAccessParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports no destination for a backend URL with a path, as the pipeline reads none', () => {
    const line = full.replace('"http://198.51.100.20:8080"', '"http://198.51.100.20:8080/app"');
    expect(traefikAccessParser.detect(line)).toBe(true);
    expect(traefikAccessParser.parse(line).observables.dstIps).toEqual([]);
  });

  it('reads a line whose status is `-` (a request cut off before an answer)', () => {
    const a = traefikAccessParser.parse(noStatus);
    expect(a.observables.srcIps).toEqual(['::1']);
    expect(a.title).toBe('GET / -> -');
    expect(a.ruleId).toBe('http:-');
  });

  it('reads a JSON record: the client behind the proxy as source, the service address as destination', () => {
    const a = traefikAccessParser.parse(json);
    expect(a.observables.srcIps).toEqual(['203.0.113.30']);
    expect(a.observables.dstIps).toEqual(['10.1.25.243']);
    // The configured upstream URL is not where this request went.
    expect(a.observables.ips).toEqual(['203.0.113.30', '10.1.25.243']);
    expect(a.observables.users).toEqual(['dana']);
    expect(a.observables.domains).toEqual(['api.shop.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('POST /v1/orders -> 503 via orders@kubernetes');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:15:47.609Z');
    expect(traefikAccessParser.parse(JSON.stringify(json)).observables).toEqual(a.observables);
  });

  it('reads a v1 JSON record: the connecting address without its port, the backend address, no `-` user', () => {
    const a = traefikAccessParser.parse(jsonV1);
    expect(a.observables.srcIps).toEqual(['2001:db8::31']);
    expect(a.observables.dstIps).toEqual(['198.51.100.40']);
    // The site asked for is an address here; it is the proxy itself, not an indicator.
    expect(a.observables.ips).toEqual(['2001:db8::31', '198.51.100.40']);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('GET / -> 404 via backend not found');
    expect(a.severity).toBe('info');
  });

  it('does not claim JSON without a request method or a status', () => {
    const { RequestMethod: _m, ...noMethod } = json;
    const { DownstreamStatus: _d, RequestCount: _c, ...noStatusJson } = json;
    for (const o of [noMethod, noStatusJson, { ClientHost: '192.0.2.1', RequestMethod: 'GET' }])
      expect(traefikAccessParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reports the request, status, router, severity and time', () => {
    const a = traefikAccessParser.parse(withUser);
    expect(a.title).toBe('POST /login -> 502 via auth-router');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('http:502');
    expect(a.observedAt).toBe('2024-03-05T09:15:43.000Z');
    expect(traefikAccessParser.parse(full).severity).toBe('info');
  });

  it('is claimed by no other specific parser except nginx.access, which it must precede', () => {
    for (const s of samples) {
      const others = registryClaims(s, traefikAccessParser.name).others.filter((n) => n !== 'nginx.access');
      expect(others, JSON.stringify(s)).toEqual([]);
    }
  });
});
