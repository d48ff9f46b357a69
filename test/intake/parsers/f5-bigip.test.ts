// The F5 BIG-IP parser on synthetic Telemetry Streaming events of every module it reads: detection, the role
// of every indicator (as Elastic's f5_bigip.log pipelines map them) and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { f5BigipParser } from '../../../src/intake/parsers/f5-bigip.js';
import { registryClaims } from './registry-claims.js';

const asm = {
  hostname: 'bigip-lab-01.corp.test',
  policy_name: '/Common/shop',
  request_status: 'blocked',
  ip_client: '198.51.100.23',
  dest_ip: '192.0.2.80',
  dest_port: '443',
  src_port: '51515',
  method: 'POST',
  protocol: 'HTTPS',
  uri: '/login',
  severity: 'Error',
  attack_type: 'SQL-Injection',
  sig_ids: '200002147',
  date_time: '2024-03-05 10:00:00',
  username: 'alice',
  query_string: 'filter=(sAMAccountName=bob)',
  management_ip_address: '192.0.2.5',
  unit_hostname: 'bigip-unit-2',
  request:
    'POST /login HTTP/1.1\\r\\nHost: Shop.Example.com\\r\\nX-Forwarded-For: 203.0.113.7, junk\\r\\nHost: other.example.org\\r\\n\\r\\n',
  x_forwarded_for_header_value: 'spoofed, 203.0.113.9',
  telemetryEventCategory: 'ASM',
};

const afm = {
  hostname: 'fw-lab-01',
  action: 'Reject',
  acl_rule_name: 'deny-telnet',
  date_time: 'Mar 05 2024 10:00:00',
  source_ip: '198.51.100.40',
  source_port: '40000',
  source_user: 'carol',
  source_fqdn: 'client-7',
  dest_ip: '192.0.2.90',
  dest_port: '23',
  dest_fqdn: 'telnet-host',
  bigip_mgmt_ip: '192.0.2.6',
  route_domain: 'rd-1',
  translated_source_ip: '203.0.113.40',
  translated_dest_ip: '0.0.0.0',
  ip_protocol: 'TCP',
  telemetryEventCategory: 'AFM',
};

const ltm = {
  event_timestamp: '2024-03-05:10:00:00.000Z',
  hostname: 'lb-lab-01',
  client_ip: '198.51.100.50',
  server_ip: '192.0.2.100',
  src_ip: '198.51.100.51',
  vip: '192.0.2.101',
  node: '192.0.2.102',
  http_method: 'GET',
  http_host: '192.0.2.101:80',
  http_uri: '/',
  user: 'dave',
  virtual_name: '/Common/app_vs',
  telemetryEventCategory: 'LTM',
};

const apm = {
  hostname: 'vpn-lab-01',
  errdefs_msgno: '01490102:5:',
  Access_Profile: '/Common/remote',
  Access_Policy_Result: 'Logon_Deny',
  Client_IP: '198.51.100.60',
  Virtual_IP: '192.0.2.110',
  f5telemetry_timestamp: '2024-03-05T10:00:00.000Z',
  telemetryEventCategory: 'APM',
};

const avr = {
  hostname: 'avr-lab-01',
  EOCTimestamp: '1709632800',
  ClientIP: '198.51.100.70',
  POOLIP: '192.0.2.120',
  SourceIP: '198.51.100.71',
  SubnetIP: '203.0.113.0',
  UserName: 'erin',
  DeviceId: 'device-42',
  Entity: 'Virtual',
  VSName: '/Common/app_vs',
  telemetryEventCategory: 'AVR',
};

const systemInfo = {
  system: {
    hostname: 'bigip-lab-02.corp.test',
    machineId: 'a1b2c3d4-0000-4000-8000-000000000001',
    description: 'LabBIG-IP',
    baseMac: '02:00:5e:00:53:01',
    failoverStatus: 'ACTIVE',
    version: '15.1.0',
    systemTimestamp: '2024-03-05T10:00:00Z',
    callBackUrl: 'https://192.0.2.44',
  },
  virtualServers: { '/Common/app_vs': { destination: '192.0.2.45:443' } },
  pools: { '/Common/app_pool': { members: { '/Common/192.0.2.46:80': { addr: '192.0.2.46' } } } },
  telemetryEventCategory: 'systemInfo',
};

const ihealth = {
  system: {
    hostname: 'bigip-lab-03.corp.test',
    qkviewNumber: '4242',
    ihealthLink: 'https://ihealth.example/q/4242',
  },
  diagnostics: [
    { importance: 'LOW', name: 'H000001', header: 'Log levels changed', cveIds: null },
    { importance: 'HIGH', name: 'H000002', header: 'Synthetic OpenSSH advisory', cveIds: ['CVE-2000-0001'] },
  ],
  telemetryServiceInfo: { cycleEnd: 'Tue, 05 Mar 2024 10:00:00 GMT' },
  telemetryEventCategory: 'ihealthInfo',
};

const bot =
  'hostname="waf-lab-01.corp.test",bigip_mgmt_ip="192.0.2.7",bigip_mgmt_ip2="::",client_ip="198.51.100.80",' +
  'client_port="50000",client_request_uri="/img/a.png",dest_ip="192.0.2.81",dest_port="80",' +
  'device_product="Application Security Module",device_vendor="F5",http_method="GET",timestamp="Mar 05 2024 10:00:00",' +
  'request_status="illegal",action="undetermined",bot_name="Headless Browser",class="Suspicious Browser",' +
  'micro_service_type="N/A",http_request="GET /img/a.png HTTP/1.1\\r\\nHost: 192.0.2.82\\r\\nConnection: keep-alive\\r\\n\\r\\n"';

const dos =
  'action=Blocking;hostname=waf-lab-02.corp.test;bigip_mgmt_ip=192.0.2.8;client_request_uri=N/A;' +
  'date_time=Mar 05 2024 10:00:00;device_product=ASM;device_vendor=F5;dos_attack_event=Attack started;' +
  'dos_attack_id=12345;dos_attack_name=DOS L7 attack;severity=3;source_ip=198.51.100.90;timestamp=Mar 05 2024 10:00:01;';

const parse = (raw: unknown) => f5BigipParser.parse(raw);

describe('f5BigipParser', () => {
  it('reads an ASM event: client as source, destination, management and valid forwarded-for addresses related', () => {
    const a = parse(asm);
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.dstIps).toEqual(['192.0.2.80']);
    expect(a.observables.ips).toEqual([
      '198.51.100.23',
      '192.0.2.80',
      '192.0.2.5',
      '203.0.113.7',
      '203.0.113.9',
    ]);
    expect(a.recognizedBy).toBe('parser:f5_bigip');
    expect(a.format).toBe('f5_bigip.log');
  });

  it('takes the ASM user name and a directory sAMAccountName as users', () => {
    expect(parse(asm).observables.users).toEqual(['alice', 'bob']);
    expect(parse({ ...asm, query_string: 'sAMAccountName=carol' }).observables.users).toEqual([
      'alice',
      'carol',
    ]);
  });

  it('takes the appliance and unit host names as hosts and the first Host header as a domain', () => {
    const a = parse(asm);
    expect(a.observables.hosts).toEqual(['bigip-lab-01.corp.test', 'bigip-unit-2']);
    expect(a.observables.domains).toEqual(['shop.example.com']);
  });

  it('keeps a Host header that is not a domain name verbatim as a host, as Elastic does, and ignores an empty one', () => {
    const odd = parse({ ...asm, request: 'GET / HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n' });
    expect(odd.observables.hosts).toContain('[2001:db8::1]:8443');
    const empty = parse({ ...asm, request: 'GET / HTTP/1.1\r\nHost:\r\n\tfolded\r\n:x\r\n\r\n' });
    expect(empty.observables.domains).toEqual([]);
    expect(empty.observables.hosts).toEqual(['bigip-lab-01.corp.test', 'bigip-unit-2']);
  });

  it('reports the ASM title, severity, time and signature id', () => {
    const a = parse(asm);
    expect(a.title).toBe('F5 ASM blocked SQL-Injection: 198.51.100.23 -> 192.0.2.80 POST /login');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.ruleId).toBe('200002147');
  });

  it('reads an AFM event: source and destination, translated and management addresses related, never 0.0.0.0', () => {
    const a = parse(afm);
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.dstIps).toEqual(['192.0.2.90']);
    expect(a.observables.ips).toEqual(['192.0.2.90', '198.51.100.40', '192.0.2.6', '203.0.113.40']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.hosts).toEqual(['fw-lab-01', 'telnet-host', 'rd-1', 'client-7']);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('deny-telnet');
  });

  it('reads an LTM event: src_ip is the source, the server the destination, client and node related, the VIP not at all', () => {
    const a = parse(ltm);
    expect(a.observables.srcIps).toEqual(['198.51.100.51']);
    expect(a.observables.dstIps).toEqual(['192.0.2.100']);
    expect(a.observables.ips).toEqual(['198.51.100.50', '192.0.2.100', '198.51.100.51', '192.0.2.102']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['lb-lab-01']);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads an APM event: client and virtual addresses related only', () => {
    const a = parse(apm);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.60', '192.0.2.110']);
    expect(a.observables.hosts).toEqual(['vpn-lab-01']);
    expect(a.title).toBe('F5 APM Logon_Deny /Common/remote');
    expect(a.severity).toBe('low');
  });

  it('reads an AVR event: source, pool as destination, client and subnet related, user and device id', () => {
    const a = parse(avr);
    expect(a.observables.srcIps).toEqual(['198.51.100.71']);
    expect(a.observables.dstIps).toEqual(['192.0.2.120']);
    expect(a.observables.ips).toEqual(['198.51.100.70', '192.0.2.120', '198.51.100.71', '203.0.113.0']);
    expect(a.observables.users).toEqual(['erin']);
    expect(a.observables.hosts).toEqual(['avr-lab-01', 'device-42']);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads systemInfo: description, host name, base MAC and machine id as hosts, no address', () => {
    const a = parse(systemInfo);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: [],
      hosts: [
        'LabBIG-IP',
        'bigip-lab-02.corp.test',
        '02-00-5E-00-53-01',
        'a1b2c3d4-0000-4000-8000-000000000001',
      ],
    });
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.title).toBe('F5 system info bigip-lab-02.corp.test ACTIVE 15.1.0');
  });

  it('reads an iHealth report with no indicator, rated and titled by its worst diagnostic', () => {
    const a = parse(ihealth);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.title).toBe(
      'F5 iHealth qkview 4242: 2 diagnostics, worst: Synthetic OpenSSH advisory on bigip-lab-03.corp.test',
    );
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('H000002');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads a Bot Defense line: client as source, destination, management and address Host header related', () => {
    const a = parse(bot);
    expect(a.recognizedBy).toBe('parser:f5_bigip');
    expect(a.format).toBe('f5_bigip.log');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['198.51.100.80'],
      dst_ips: ['192.0.2.81'],
      ips: ['192.0.2.7', '198.51.100.80', '192.0.2.81', '192.0.2.82'],
      users: [],
      hosts: ['waf-lab-01.corp.test'],
    });
    expect(a.title).toBe(
      'F5 Bot Defense Suspicious Browser: 198.51.100.80 -> 192.0.2.81 GET /img/a.png (illegal)',
    );
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads an L7 DoS line: the reported source IP as source and related, the appliance as host', () => {
    const a = parse(dos);
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['198.51.100.90'],
      dst_ips: [],
      ips: ['192.0.2.8', '198.51.100.90'],
      users: [],
      hosts: ['waf-lab-02.corp.test'],
    });
    expect(a.title).toBe('F5 DoS DOS L7 attack: Attack started 198.51.100.90 (Blocking)');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('12345');
    expect(a.observedAt).toBe('2024-03-05T10:00:01.000Z');
  });

  it('rates an AVR report that says Not attacked as info', () => {
    const a = parse({ ...avr, AttackId: '0', AttackVectorName: 'Not attacked' });
    expect(a.severity).toBe('info');
    expect(a.title).toBe('F5 AVR Virtual /Common/app_vs');
    expect(parse({ ...avr, AttackId: '77', AttackVectorName: 'DNS flood' }).severity).toBe('medium');
  });

  it('claims every module event it reads', () => {
    for (const raw of [asm, afm, ltm, apm, avr, systemInfo, ihealth, bot, dos]) {
      expect(f5BigipParser.detect(raw)).toBe(true);
    }
  });

  it('does not claim key=value lines of other products or CEF lines that mention the ASM product', () => {
    for (const raw of [
      'device_product=Firewall;src=192.0.2.1;dst=192.0.2.2;action=deny',
      'CEF:0|F5|ASM|15.1|200|Attack|5|device_product=ASM src=192.0.2.1',
      '{"device_product":"ASM","src":"192.0.2.1"}',
      'device_product=ASM',
      'date=2024-03-05 time=10:00:00 devname="fw" type="traffic" srcip=192.0.2.1',
    ]) {
      expect(f5BigipParser.detect(raw)).toBe(false);
    }
  });

  it('does not claim events of another format, an unknown module or an ASM-like event without a category', () => {
    const { telemetryEventCategory: _, ...uncategorised } = asm;
    expect(f5BigipParser.detect(uncategorised)).toBe(false);
    expect(f5BigipParser.detect({ ...asm, telemetryEventCategory: 'SYSTEM' })).toBe(false);
    expect(f5BigipParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(
      f5BigipParser.detect('<134>Mar  5 10:00:00 bigip1 tmm[1234]: Rule /Common/r <HTTP_REQUEST>: x'),
    ).toBe(false);
    expect(f5BigipParser.detect(null)).toBe(false);
    expect(f5BigipParser.detect([asm])).toBe(false);
  });

  it('is claimed by no other specific parser of the registry', () => {
    for (const raw of [asm, afm, ltm, apm, avr, systemInfo, ihealth, bot, dos]) {
      expect(registryClaims(raw, 'f5_bigip').others).toEqual([]);
    }
  });
});
