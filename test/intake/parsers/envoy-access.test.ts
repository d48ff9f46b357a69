// The Envoy / Istio access-log parser on synthetic records: Istio's text line (current and older layouts),
// Envoy's plain default line and the JSON encoding; downstream remote as source, upstream host as destination.
import { describe, expect, it } from 'vitest';
import { envoyAccessParser } from '../../../src/intake/parsers/envoy-access.js';
import { nginxAccessParser } from '../../../src/intake/parsers/nginx-access.js';
import { traefikAccessParser } from '../../../src/intake/parsers/traefik-access.js';
import { registryClaims } from './registry-claims.js';

const inbound =
  '[2024-03-05T10:15:42.123Z] "GET /api/items/7 HTTP/1.1" 200 - via_upstream - "-" 0 512 4 3 "-" "curl/8.5.0" "0f1e2d3c-aaaa-bbbb-cccc-000000000001" "catalog:8080" "192.0.2.20:8080" inbound|8080|| 127.0.0.6:41000 192.0.2.20:8080 198.51.100.7:52000 outbound_.8080_._.catalog.shop.svc.cluster.local default';
const outboundV6 =
  '[2024-03-05T10:15:43.000Z] "POST /checkout HTTP/2" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 120 91 2 - "203.0.113.9" "Mozilla/5.0 (X11; Linux x86_64)" "0f1e2d3c-aaaa-bbbb-cccc-000000000002" "pay.example.com" "[2001:db8::20]:9443" outbound|9443||pay.shop.svc.cluster.local - 198.51.100.30:9443 [2001:db8::7]:40100 - -';
const noUpstream =
  '[2024-03-05T10:15:44.500Z] "- - HTTP/1.1" 400 DPE http1.codec_error - "-" 0 11 46 - "-" "-" "-" "-" "-" - - 192.0.2.40:8080 0.0.0.0:51643 - -';
const olderIstio =
  '[2024-03-05T10:15:45.000Z] "GET /health HTTP/1.1" 200 - 0 2 1 1 "-" "probe/1.0" "0f1e2d3c-aaaa-bbbb-cccc-000000000003" "status.example.org" "192.0.2.21:8080" outbound|8080||status.svc 192.0.2.5:33000 192.0.2.21:8080 192.0.2.5:33001 - default';
const plainEnvoy =
  '[2024-03-05T10:15:46.000Z] "GET /static/app.js HTTP/1.1" 200 - 0 2048 5 4 "198.51.100.50" "Mozilla/5.0" "0f1e2d3c-aaaa-bbbb-cccc-000000000004" "web.example.net" "192.0.2.22:80"';
const json = {
  start_time: '2024-03-05T10:15:47.321Z',
  method: 'GET',
  path: '/reviews/3',
  protocol: 'HTTP/1.1',
  response_code: 404,
  response_flags: 'NR',
  bytes_received: 0,
  bytes_sent: 0,
  authority: 'reviews.example.com:9080',
  upstream_host: '192.0.2.60:9080',
  upstream_cluster: 'inbound|9080||',
  downstream_local_address: '192.0.2.60:9080',
  downstream_remote_address: '[2001:db8::61]:5000',
  requested_server_name: null,
  route_name: 'default',
  user_agent: 'curl/8.5.0',
  x_forwarded_for: null,
};

const texts = [inbound, outboundV6, noUpstream, olderIstio, plainEnvoy];

describe('envoyAccessParser', () => {
  it('detects Istio, older Istio and plain Envoy text lines and the JSON encoding', () => {
    for (const s of [...texts, json]) expect(envoyAccessParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim nginx, Apache, Traefik or other bracketed lines', () => {
    const nginx =
      '192.0.2.10 - alice [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512 "https://shop.example.com/" "Mozilla/5.0"';
    const traefik =
      '192.0.2.10 - - [05/Mar/2024:10:15:42 +0000] "GET /api HTTP/1.1" 200 1534 "-" "curl/8.5.0" 42 "r@docker" "http://198.51.100.20:8080" 12ms';
    const others = [
      nginx,
      traefik,
      '[2024-03-05T10:15:42.123Z] "GET / HTTP/1.1" 200 something else entirely',
      '[2024-03-05T10:15:42Z] [error] upstream timed out',
      { message: inbound },
      { upstream_host: '192.0.2.1:80' },
      42,
    ];
    for (const o of others) expect(envoyAccessParser.detect(o), JSON.stringify(o)).toBe(false);
    expect(nginxAccessParser.detect(nginx)).toBe(true);
    expect(traefikAccessParser.detect(traefik)).toBe(true);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const s of [...texts, json]) expect(registryClaims(s, envoyAccessParser.name).others).toEqual([]);
  });

  it('reads the downstream remote address as source and the upstream host as destination', () => {
    const a = envoyAccessParser.parse(inbound);
    expect(a.format).toBe('istio.access_logs');
    expect(a.recognizedBy).toBe('parser:istio.access_logs');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.dstIps).toEqual(['192.0.2.20']);
    expect(a.observables.ips).toEqual(['198.51.100.7', '192.0.2.20']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('leaves the proxy-side, local and forwarded-for addresses out', () => {
    const ips = envoyAccessParser.parse(outboundV6).observables.ips;
    expect(ips).toEqual(['2001:db8::7', '2001:db8::20']);
    expect(ips).not.toContain('203.0.113.9');
    expect(ips).not.toContain('198.51.100.30');
  });

  it('reports the authority and SNI as domains kept out of related.hosts', () => {
    expect(envoyAccessParser.parse(outboundV6).observables.domains).toEqual(['pay.example.com']);
    expect(envoyAccessParser.parse(inbound).observables.domains).toEqual([
      'outbound_.8080_._.catalog.shop.svc.cluster.local',
    ]);
    expect(envoyAccessParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports no destination without an upstream host and never the unspecified address', () => {
    const o = envoyAccessParser.parse(noUpstream).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual([]);
    expect(o.ips).toEqual([]);
  });

  it('reads the older Istio layout without response details', () => {
    const o = envoyAccessParser.parse(olderIstio).observables;
    expect(o.srcIps).toEqual(['192.0.2.5']);
    expect(o.dstIps).toEqual(['192.0.2.21']);
    expect(o.domains).toEqual(['status.example.org']);
  });

  it('reads x-forwarded-for as source on the plain Envoy default line, which has no downstream address', () => {
    expect(envoyAccessParser.parse(plainEnvoy).format).toBe('envoyproxy.log');
    const o = envoyAccessParser.parse(plainEnvoy).observables;
    expect(o.srcIps).toEqual(['198.51.100.50']);
    expect(o.dstIps).toEqual(['192.0.2.22']);
    expect(o.ips).toEqual(['198.51.100.50', '192.0.2.22']);
  });

  it('reads plain Envoy lines with the ACCESS prefix, and no source when x-forwarded-for is empty', () => {
    const line =
      'ACCESS [2024-03-05T10:15:48.000Z] "- - -" 0 UF,URX 0 0 0 - "-" "-" "-" "-" "192.0.2.23:9200"';
    expect(envoyAccessParser.detect(line)).toBe(true);
    const o = envoyAccessParser.parse(line).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual(['192.0.2.23']);
    expect(envoyAccessParser.detect(`ACCESS ${plainEnvoy}`)).toBe(true);
    expect(envoyAccessParser.parse(`ACCESS ${plainEnvoy}`).observables.srcIps).toEqual(['198.51.100.50']);
  });

  it('reads the JSON encoding the same way', () => {
    const a = envoyAccessParser.parse(json);
    expect(a.observables.srcIps).toEqual(['2001:db8::61']);
    expect(a.observables.dstIps).toEqual(['192.0.2.60']);
    expect(a.observables.ips).toEqual(['2001:db8::61', '192.0.2.60']);
    expect(a.observables.domains).toEqual(['reviews.example.com']);
    expect(a.title).toBe('GET /reviews/3 -> 404 (NR) via default');
    expect(a.observedAt).toBe('2024-03-05T10:15:47.321Z');
  });

  it('reports the request, status, flags, severity and time', () => {
    const a = envoyAccessParser.parse(outboundV6);
    expect(a.title).toBe('POST /checkout -> 503 (UF)');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('http:503');
    expect(a.observedAt).toBe('2024-03-05T10:15:43.000Z');
    expect(envoyAccessParser.parse(inbound).severity).toBe('info');
  });
});
