// The Traefik access-log parser on synthetic lines: detection only with Traefik's tail (plain access lines
// stay with nginx.access), the client as source, the backend URL's address as destination, and the facts.
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

const samples = [full, withUser, notFound, namedBackend];

describe('traefikAccessParser', () => {
  it('detects Common Log Format lines with the Traefik tail', () => {
    for (const s of samples) expect(traefikAccessParser.detect(s), s).toBe(true);
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
      expect(others, s).toEqual([]);
    }
  });
});
