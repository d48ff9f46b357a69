// The CoreDNS parser on synthetic lines: `log` plugin queries (IPv4 and bracketed IPv6 clients, PTR names,
// timestamp prefixes), `errors` plugin lines, other plugin lines, the container JSON form, and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { corednsParser } from '../../../src/intake/parsers/coredns.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const query =
  '[INFO] 192.0.2.10:40123 - 4321 "A IN intranet.example.com. udp 52 false 1232" NOERROR qr,aa,rd 68 0.000210566s "0"';
const ipv6 =
  '2024-05-01T10:00:00.123Z [INFO] [2001:db8::5]:53001 - 777 "AAAA IN Files.Example.org. tcp 40 true 4096" NXDOMAIN qr,rd,ra 120 0.003100s';
const ptrAddress =
  '[INFO] 198.51.100.7:5353 - 11 "PTR IN 203.0.113.9. udp 44 false 512" NXDOMAIN qr,rd,ra 100 0.01s';
const ptrArpa =
  '[INFO] 198.51.100.7:5354 - 12 "PTR IN 9.113.0.203.in-addr.arpa. udp 50 false 512" NOERROR qr,aa,rd 90 0.0002s "0"';
const singleLabel =
  '[INFO] 192.0.2.20:50000 - 13 "A IN wpad. udp 33 false 512" SERVFAIL qr,rd 33 2.0001s "0"';
const unspecified =
  '[INFO] 0.0.0.0:53000 - 14 "A IN lab.example.net. udp 40 false 512" REFUSED qr,rd 40 0.0001s';
const errorLine =
  '[ERROR] plugin/errors: 2 updates.example.net. AAAA: read udp 192.0.2.53:41000->198.51.100.53:53: i/o timeout';
const consolidated = "[WARNING] plugin/errors: 3 errors like '^read udp .*$' occurred in last 5s";
const reload = '[INFO] plugin/reload: Running configuration SHA512 = 0a1b2c3d';
const viaSyslog =
  '<30>May  1 10:05:00 dns-01 coredns[812]: [INFO] 192.0.2.77:41000 - 99 "MX IN mail.example.org. udp 45 false 1232" NOERROR qr,rd,ra 120 0.0005s "0"';
const json = {
  message:
    '[INFO] 203.0.113.44:36001 - 2020 "A IN api.example.com. udp 43 false 512" NOERROR qr,rd,ra 83 0.000082s\n',
  stream: 'stdout',
  time: '2024-05-01T12:30:45.123456789Z',
  kubernetes: {
    node: { name: 'node-a' },
    pod: { name: 'coredns-5d78c9869d-abcde' },
    namespace: 'kube-system',
  },
};

const samples: unknown[] = [
  query,
  ipv6,
  ptrAddress,
  ptrArpa,
  singleLabel,
  unspecified,
  errorLine,
  consolidated,
  reload,
  viaSyslog,
  json,
];

describe('corednsParser', () => {
  it('detects log-plugin query lines, errors-plugin lines, other plugin lines and the JSON form', () => {
    for (const s of samples) expect(corednsParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim lines of other formats or non-CoreDNS JSON', () => {
    const others: unknown[] = [
      '<134>May  1 10:00:00 ns1 named[123]: client @0x7f 192.0.2.1#5353 (example.com): query: example.com IN A + (198.51.100.1)',
      'May  1 10:00:00 gw dnsmasq[99]: query[A] example.com from 192.0.2.1',
      '192.0.2.10 - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512',
      '[INFO] Server started on 192.0.2.10:8080',
      '[INFO] 192.0.2.10:40123 - 4321 "A IN intranet.example.com. udp 52 false 1232" NOERROR',
      `${query} trailing`,
      { message: 'hello world, nothing to see' },
      { message: 42 },
      null,
      42,
    ];
    for (const o of others) expect(corednsParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the client as source and the query name without its trailing dot as a domain', () => {
    const a = corednsParser.parse(query);
    expect(a.format).toBe('coredns.log');
    expect(a.recognizedBy).toBe('parser:coredns.log');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['intranet.example.com']);
    expect(ecsIndicators(a).hosts).toEqual(['intranet.example.com']);
  });

  it('reads a bracketed IPv6 client after a timestamp prefix and takes the time from it', () => {
    const a = corednsParser.parse(ipv6);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.domains).toEqual(['files.example.org']);
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
  });

  it('puts a PTR query for an address in the related addresses, not in the hosts', () => {
    const a = corednsParser.parse(ptrAddress);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.ips).toEqual(['198.51.100.7', '203.0.113.9']);
    expect(ecsIndicators(a).hosts).toEqual([]);
  });

  it('reports no host and no address for a reverse-zone PTR name', () => {
    const a = corednsParser.parse(ptrArpa);
    expect(a.observables.ips).toEqual(['198.51.100.7']);
    expect(ecsIndicators(a).hosts).toEqual([]);
  });

  it('reads a single-label query name as a host and rates a SERVFAIL low', () => {
    const a = corednsParser.parse(singleLabel);
    expect(a.observables.hosts).toEqual(['wpad']);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('dns:SERVFAIL');
  });

  it('never reports the unspecified address as a client', () => {
    const a = corednsParser.parse(unspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['lab.example.net']);
  });

  it('reports the query, response code, severity and rule of a query line', () => {
    const a = corednsParser.parse(query);
    expect(a.title).toBe('DNS A intranet.example.com from 192.0.2.10 over udp: NOERROR');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('dns:NOERROR');
    expect(a.observedAt).toBeNull();
  });

  it('reads the query name of an errors-plugin line but not the upstream addresses in its message', () => {
    const a = corednsParser.parse(errorLine);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.domains).toEqual(['updates.example.net']);
    expect(a.title).toBe(
      'CoreDNS AAAA updates.example.net failed (SERVFAIL): read udp 192.0.2.53:41000->198.51.100.53:53: i/o timeout',
    );
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('plugin/errors');
  });

  it('reports other plugin lines without indicators, rated by their level', () => {
    const warning = corednsParser.parse(consolidated);
    expect(ecsIndicators(warning)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(warning.severity).toBe('low');
    const info = corednsParser.parse(reload);
    expect(info.severity).toBe('info');
    expect(info.ruleId).toBe('plugin/reload');
    expect(info.title).toBe('CoreDNS plugin/reload: Running configuration SHA512 = 0a1b2c3d');
  });

  it('reads a query line forwarded after a syslog header, without the sending host', () => {
    const a = corednsParser.parse(viaSyslog);
    expect(a.observables.srcIps).toEqual(['192.0.2.77']);
    expect(ecsIndicators(a).hosts).toEqual(['mail.example.org']);
    expect(a.ruleId).toBe('dns:NOERROR');
  });

  it('reads the JSON form from its message and time, without the Kubernetes names as hosts', () => {
    const a = corednsParser.parse(json);
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['api.example.com']);
    expect(a.observedAt).toBe('2024-05-01T12:30:45.123Z');
    const viaIntake = normalizeAlert(JSON.stringify(json), { parsers: [corednsParser, ...parsers] });
    expect(viaIntake.recognizedBy).toBe('parser:coredns.log');
    expect(ecsIndicators(viaIntake).hosts).toEqual(['api.example.com']);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of samples)
      expect(registryClaims(s, corednsParser.name).others, JSON.stringify(s)).toEqual([]);
  });
});
