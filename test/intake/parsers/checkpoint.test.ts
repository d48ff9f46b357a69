// The Check Point parser on synthetic Log Exporter syslog lines: detection, the role of every indicator (as
// Elastic's checkpoint.firewall pipeline maps it) and that no other specific parser claims these lines.
import { describe, expect, it } from 'vitest';
import { checkpointParser } from '../../../src/intake/parsers/checkpoint.js';
import { registryClaims } from './registry-claims.js';

const head = (ts = '2024-03-05T10:00:00Z', app = 'CheckPoint'): string =>
  `<134>1 ${ts} gw-lab-01 ${app} 4242 - `;
const sd = (pairs: Record<string, string>): string =>
  `[${Object.entries(pairs)
    .map(([k, v]) => `${k}:"${v}"`)
    .join('; ')}]`;

const connection =
  head() +
  sd({
    action: 'Accept',
    flags: '411908',
    ifdir: 'outbound',
    ifname: 'eth1',
    loguid: '{0x65e6ee80,0x1,0x2a00a8c0,0xc0000001}',
    origin: '192.0.2.1',
    originsicname: 'CN=gw-lab-01,O=mgmt.example.test',
    product: 'VPN-1 & FireWall-1',
    time: '1709632800',
    src: '192.0.2.10',
    dst: '198.51.100.20',
    xlatesrc: '203.0.113.5',
    xlatedst: '0.0.0.0',
    proto: '6',
    s_port: '51514',
    service: '443',
    rule_uid: '{11111111-2222-3333-4444-555555555555}',
    src_user_name: 'Alice.Example@corp.example.test',
    dst_user_name: 'BOB',
    src_machine_name: 'alice-pc.corp.example.test',
    dst_machine_name: 'web-01.example.test',
  });

const adminLogin =
  head('2024-03-05T11:00:00Z') +
  sd({
    action: 'Accept',
    loguid: '{0x65e6ee81,0x0,0x2a00a8c0,0xc0000001}',
    origin: '192.0.2.2',
    time: '1709636400',
    administrator: 'Carol.Admin@example.test',
    audit_status: 'Failure',
    client_ip: '2001:db8::25',
    machine: 'carol-ws.example.test',
    operation: 'Log In',
    operation_number: '11',
    product: 'SmartConsole',
    subject: 'Administrator Login',
  });

const expertShell =
  head() +
  sd({
    loguid: '{0x65e6ee82,0x0,0x2a00a8c0,0xc0000001}',
    origin: '192.0.2.3',
    user: 'Dave',
    device_name: 'gw-lab-02',
    client_ip: '198.51.100.40',
    machine: 'localhost',
    operation: 'Log In',
    product: 'Expert Shell',
    subject: 'Administrator Expert Shell login',
  });

const threat =
  head() +
  sd({
    action: 'Prevent',
    loguid: '{0x65e6ee83,0x0,0x2a00a8c0,0xc0000001}',
    origin: '192.0.2.1',
    product: 'Anti-Virus',
    severity: 'High',
    malware_rule_id: '{AAAAAAAA-0000-0000-0000-000000000001}',
    malware_action: 'Malicious file download',
    src: '192.0.2.50',
    dst: '203.0.113.80',
    http_host: 'Bad.Example.Test',
    resource: 'http://bad.example.test/payload.exe',
    file_md5: 'd41d8cd98f00b204e9800998ecf8427e',
  });

const equalsVariant =
  '<134>1 2024-03-05T12:00:00Z gw-lab-01 CheckPoint 4242 - [sd@2620 action="Drop" loguid="{0x1,0x0,0x0,0x0}" ' +
  'origin="192.0.2.1" product="VPN-1 & FireWall-1" src="192.0.2.60" dst="198.51.100.60" service="22"]';

const parse = (raw: string) => checkpointParser.parse(raw);

describe('checkpointParser', () => {
  it('detects Log Exporter syslog lines by their app name or Check Point keys', () => {
    for (const raw of [connection, adminLogin, expertShell, threat, equalsVariant]) {
      expect(checkpointParser.detect(raw)).toBe(true);
    }
    const renamed = connection.replace(' CheckPoint ', ' cp-exporter ');
    expect(checkpointParser.detect(renamed)).toBe(true);
  });

  it('reads a connection: source and destination, the source NAT address related, never 0.0.0.0', () => {
    const a = parse(connection);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.5', '198.51.100.20']);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.ruleId).toBe('{11111111-2222-3333-4444-555555555555}');
    expect(a.severity).toBe('info');
    expect(a.recognizedBy).toBe('parser:checkpoint.firewall');
  });

  it('lower-cases users and splits an e-mail user name into name and address, destination user last', () => {
    expect(parse(connection).observables.users).toEqual([
      'alice.example',
      'alice.example@corp.example.test',
      'bob',
    ]);
  });

  it('reports machine names as domains, kept out of related.hosts, and not the gateway (observer)', () => {
    const a = parse(connection);
    expect(a.observables.domains).toEqual(['alice-pc.corp.example.test', 'web-01.example.test']);
    expect(a.observables.hosts).toEqual([]);
    expect(checkpointParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an administrator login: client address as source, administrator as user, failure rated low', () => {
    const a = parse(adminLogin);
    expect(a.observables.srcIps).toEqual(['2001:db8::25']);
    expect(a.observables.ips).toEqual(['2001:db8::25']);
    expect(a.observables.users).toEqual(['carol.admin', 'carol.admin@example.test']);
    expect(a.observables.domains).toEqual(['carol-ws.example.test']);
    expect(a.title).toBe('Check Point SmartConsole: Administrator Login (Failure)');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('11');
  });

  it('keeps the object uid of a management audit record out of the users when an administrator is named', () => {
    const audit =
      head() +
      sd({
        action: 'Accept',
        loguid: '{0x65e6ee90,0x0,0x2a00a8c0,0xc0000001}',
        origin: '192.0.2.5',
        administrator: 'AdminLab',
        client_ip: '192.0.2.50',
        objectname: 'lab rule',
        operation: 'Modify Rule',
        product: 'SmartConsole',
        subject: 'Object Manipulation',
        uid: '00000000-1111-2222-3333-444444444444',
      });
    const o = checkpointParser.parse(audit).observables;
    expect(o.users).toEqual(['adminlab']);
    expect(o.srcIps).toEqual(['192.0.2.50']);
  });

  it('reads an Expert Shell login: the device name is the host, localhost is no machine', () => {
    const a = parse(expertShell);
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['gw-lab-02']);
    expect(a.observables.domains).toEqual([]);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads a threat prevention log: stated severity, malware rule, site as a domain, URL and hash', () => {
    const a = parse(threat);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('{AAAAAAAA-0000-0000-0000-000000000001}');
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.domains).toEqual(['bad.example.test']);
    expect(a.observables.urls).toEqual(['http://bad.example.test/payload.exe']);
    expect(a.observables.hashes).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
  });

  it('reads the key="value" variant after an SD-ID and rates a drop low', () => {
    const a = parse(equalsVariant);
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.observables.dstIps).toEqual(['198.51.100.60']);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Check Point VPN-1 & FireWall-1: Drop 22 192.0.2.60 -> 198.51.100.60');
  });

  it('reads a gateway’s key="value" record known only by Check Point’s SD-ID, and no host from its machine names', () => {
    const line =
      '<85>1 2024-03-05T12:00:00Z 192.0.2.9 CP-GW - Log [Fields@1.3.6.1.4.1.2620 inzone="DMZ" outzone="External" ' +
      'src="198.51.100.61" dst="192.0.2.61" proto="6" action="Accept" src_machine_name="zen" ' +
      'dst_machine_name="orac" ProductName="VPN-1 & FireWall-1"]';
    expect(checkpointParser.detect(line)).toBe(true);
    expect(registryClaims(line, 'checkpoint.firewall')).toEqual({ first: 'checkpoint.firewall', others: [] });
    const a = parse(line);
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.dstIps).toEqual(['192.0.2.61']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('does not claim other formats: plain RFC 5424, CEF and LEEF from Check Point, JSON, non-text', () => {
    const others: unknown[] = [
      '<165>1 2024-03-05T10:00:00Z host-a app-b 77 ID47 [exampleSDID@32473 iut="3" eventSource="Application"] hello',
      '<134>1 2024-03-05T10:00:00Z gw-lab-01 CheckPoint 4242 - CEF:0|Check Point|VPN-1 & FireWall-1|R81|Accept|Log|Unknown|act=Accept src=192.0.2.10',
      'LEEF:2.0|Check Point|VPN-1 & FireWall-1|1.0|Accept|cat=Accept src=192.0.2.10',
      '<134>1 2024-03-05T10:00:00Z gw-lab-01 CheckPoint 4242 - plain text without structured data',
      '{"origin":"192.0.2.1","product":"x"}',
      { src: '192.0.2.10' },
      42,
    ];
    for (const raw of others) expect(checkpointParser.detect(raw)).toBe(false);
    expect(() => checkpointParser.parse('not a record')).toThrow();
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [connection, adminLogin, expertShell, threat, equalsVariant]) {
      expect(registryClaims(raw, 'checkpoint.firewall').others).toEqual([]);
    }
  });
});
