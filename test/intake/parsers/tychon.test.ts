// The TYCHON parser on synthetic flat dotted-key scanner records: the host's addresses (comma lists), domain,
// name and id, and each stream's own peer, as Elastic's tychon pipelines relate them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { tychonParser } from '../../../src/intake/parsers/tychon.js';
import { registryClaims } from './registry-claims.js';

const HOST_ID = '0f0e0d0c0b0a49e8a1b2c3d4e5f60718_11111111-2222-3333-4444-555555555555_LAB-WS01_WORKGROUP';

/** The host fields every TYCHON scanner writes. */
const host = {
  'host.biossn': '11111111-2222-3333-4444-555555555555',
  'host.cloud.hosted': 'false',
  'host.domain': '',
  'host.hardware.owner': 'labadmin',
  'host.hostname': 'LAB-WS01',
  'host.id': HOST_ID,
  'host.ip': '192.0.2.40,2001:db8::40',
  'host.ipv4': '192.0.2.40',
  'host.ipv6': '2001:db8::40',
  'host.mac': '00:00:5E:00:53:40',
  'host.os.name': 'Microsoft Windows 11 Pro',
  'host.type': 'Workstation',
  'host.uptime': '1234.5',
  'script.type': 'powershell',
  'script.version': '2.4.0.0',
  'tychon.id': HOST_ID,
};

const cve = {
  ...host,
  id: `${HOST_ID}_CVE-2024-0001`,
  'script.name': 'Invoke-CveScan.ps1',
  'script.start': '2024-02-03T04:05:00Z',
  'script.current_time': '2024-02-03T04:05:06Z',
  'vulnerability.id': 'CVE-2024-0001',
  'vulnerability.iava_severity': 'CAT II',
  'vulnerability.result': 'fail',
  'vulnerability.severity': 'unknown',
  'vulnerability.title': 'Example archiver remote code execution - CVE-2024-0001',
};

const ciphers = {
  ...host,
  'host.domain': 'lab.example',
  'host.ip': '198.51.100.7,192.0.2.40',
  'host.ipv4': '198.51.100.7,192.0.2.40',
  'host.ipv6': '',
  'process.name': 'svc.exe',
  'process.owner': 'LAB-WS01\\svcuser',
  'script.name': 'Get-CipherFromListeningProcess.ps1',
  'script.current_time': '2024-02-03T05:00:00Z',
  'server.ip': '203.0.113.9',
  'server.port': '8443',
  'service.name': 'examplesvc',
  'tls.server.supported_cipher.name': 'TLS_AES_256_GCM_SHA384',
};

const exposedService = {
  ...host,
  'script.name': 'Get-ExposedServices.ps1',
  'script.current_time': '2024-02-03T06:00:00Z',
  'source.ip': '',
  'source.port': '3389',
  'service.name': 'TermService',
  'process.user.name': 'NETWORK SERVICE',
};

const arp = {
  ...host,
  'script.name': 'Get-ArpTable.ps1',
  'destination.ip': '192.0.2.1',
  'destination.hostname': 'gw.lab.example',
  'destination.mac': '00-00-5e-00-53-01',
};

describe('TYCHON parser', () => {
  it('reads a CVE result: the host addresses, then its name and id', () => {
    expect(tychonParser.detect(cve)).toBe(true);
    const alert = tychonParser.parse(cve);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.40', '2001:db8::40'],
      users: [],
      hosts: ['LAB-WS01', HOST_ID],
    });
    expect(alert.format).toBe('tychon.cve');
    expect(alert.title).toBe(
      'TYCHON cve: Example archiver remote code execution - CVE-2024-0001 (fail) on LAB-WS01',
    );
    expect(alert.severity).toBe('medium');
    expect(alert.observedAt).toBe('2024-02-03T04:05:06.000Z');
    expect(alert.ruleId).toBe('CVE-2024-0001');
  });

  it('reads a cipher record: the domain, and the TLS server as a related address but not the process owner', () => {
    const alert = tychonParser.parse(ciphers);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['198.51.100.7', '192.0.2.40', '203.0.113.9'],
      users: [],
      hosts: ['lab.example', 'LAB-WS01', HOST_ID],
    });
    expect(alert.format).toBe('tychon.ciphers');
    expect(alert.severity).toBe('info');
  });

  it("relates an exposed service's process user and an ARP neighbour as the destination", () => {
    expect(ecsIndicators(tychonParser.parse(exposedService)).users).toEqual(['NETWORK SERVICE']);
    expect(tychonParser.parse(exposedService).format).toBe('tychon.exposedservice');
    const o = ecsIndicators(tychonParser.parse(arp));
    expect(o.dst_ips).toEqual(['192.0.2.1']);
    expect(o.ips).toEqual(['192.0.2.40', '2001:db8::40', '192.0.2.1']);
    expect(o.hosts).toEqual(['LAB-WS01', HOST_ID, 'gw.lab.example']);
  });

  it('does not claim other vendors, nested ECS documents, text or non-objects', () => {
    const others: unknown[] = [
      { host: { hostname: 'LAB-WS01', ip: ['192.0.2.40'] }, vulnerability: { id: 'CVE-2024-0001' } },
      { 'host.hostname': 'LAB-WS01', 'host.ip': '192.0.2.40' },
      { 'host.biossn': 'x', 'host.hostname': 'LAB-WS01' },
      { managed_asset: '', op_attr: '', output_type: 'asset' },
      JSON.stringify(cve),
      '<13>Feb  3 04:05:06 LAB-WS01 tychon: scan complete',
      null,
      7,
      [cve],
    ];
    for (const x of others) expect(tychonParser.detect(x)).toBe(false);
    expect(() => tychonParser.parse({ 'host.hostname': 'x' })).toThrow();
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const sample of [cve, ciphers, exposedService, arp]) {
      expect(registryClaims(sample, tychonParser.name).others).toEqual([]);
    }
  });
});
