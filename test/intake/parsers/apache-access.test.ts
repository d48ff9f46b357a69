// The Apache mod_ssl request-log parser on synthetic lines: detection of the `[time] client protocol cipher
// "request" bytes` shape only, the client as the source (a host name as a host), and the facts.
import { describe, expect, it } from 'vitest';
import { apacheAccessParser } from '../../../src/intake/parsers/apache-access.js';
import { registryClaims } from './registry-claims.js';

const tls12 =
  '[05/Mar/2024:10:15:42 +0100] 192.0.2.31 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 "GET /app/index.php?page=2 HTTP/1.1" 1375';
const noBytes =
  '[05/Mar/2024:10:15:43 +0000] 2001:db8::31 TLSv1.3 TLS_AES_256_GCM_SHA384 "POST /login HTTP/2.0" -';
const named = '[05/Mar/2024:10:15:44 +0000] client-9.example.net TLSv1.2 AES256-SHA "GET / HTTP/1.1" 512';
const samples = [tls12, noBytes, named];

describe('apacheAccessParser', () => {
  it('detects mod_ssl request-log lines', () => {
    for (const s of samples) expect(apacheAccessParser.detect(s), s).toBe(true);
  });

  it('does not claim common or combined access lines, error lines or other payloads', () => {
    const others = [
      '192.0.2.31 - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512',
      '[Tue Mar 05 10:15:42.123456 2024] [ssl:error] [pid 12:tid 34] [client 192.0.2.31:5050] AH02032: Hostname mismatch',
      `${tls12} trailing`,
      { message: tls12 },
      42,
    ];
    for (const o of others) expect(apacheAccessParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the client address as the source and the request as the title', () => {
    const a = apacheAccessParser.parse(tls12);
    expect(a.format).toBe('apache.access');
    expect(a.recognizedBy).toBe('parser:apache.access');
    expect(a.observables.srcIps).toEqual(['192.0.2.31']);
    expect(a.observables.ips).toEqual(['192.0.2.31']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.title).toBe('GET /app/index.php?page=2 over TLSv1.2');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T09:15:42.000Z');
  });

  it('reads an IPv6 client and a line without a byte count', () => {
    const a = apacheAccessParser.parse(noBytes);
    expect(a.observables.srcIps).toEqual(['2001:db8::31']);
    expect(a.title).toBe('POST /login over TLSv1.3');
  });

  it('reports a client host name as a host, not as an address', () => {
    const a = apacheAccessParser.parse(named);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['client-9.example.net']);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const s of samples) expect(registryClaims(s, apacheAccessParser.name).others, s).toEqual([]);
  });
});
