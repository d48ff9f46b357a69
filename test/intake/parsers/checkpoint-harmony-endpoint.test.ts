// The Check Point Harmony Endpoint parser on synthetic Infinity Events records of every blade: detection,
// the indicators Elastic's checkpoint_harmony_endpoint pipelines map, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { checkpointHarmonyEndpointParser as parser } from '../../../src/intake/parsers/checkpoint-harmony-endpoint.js';
import { registryClaims } from './registry-claims.js';

function event(product: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    confidence_level: 'High',
    severity: 'High',
    time: '2024-05-01T10:00:00Z',
    id: '00000000-0000-4000-8000-000000000001',
    orig: '192.0.2.1',
    action: 'Detect',
    product,
    domain: 'SMC User',
    product_family: 'Endpoint',
    type: 'Log',
    client_name: 'Check Point Endpoint Security Client',
    event_type: `${product} Event`,
    os_name: ['Microsoft Windows 11 Pro'],
    src: '192.0.2.20',
    src_machine_name: 'LAB-WS-20',
    src_user_name: ['dave'],
    user_sid: 'S-1-5-21-1-2-3-1001',
    protection_name: 'Example.Protection.A',
    file_md5: '0123456789abcdef0123456789abcdef',
    resource: ['bad.example.net'],
    ...extra,
  };
}

const BLADES: [string, string][] = [
  ['Anti-Bot', 'antibot'],
  ['Anti-Malware', 'antimalware'],
  ['Forensics', 'forensics'],
  ['Threat Emulation', 'threatemulation'],
  ['Threat Extraction', 'threatextraction'],
  ['URL Filtering', 'urlfiltering'],
  ['Zero Phishing', 'zerophishing'],
];

describe('checkpointHarmonyEndpointParser', () => {
  it('detects every blade and names the stream after it', () => {
    for (const [product, stream] of BLADES) {
      const raw = event(product);
      expect(parser.detect(raw)).toBe(true);
      expect(parser.parse(raw).format).toBe(`checkpoint_harmony_endpoint.${stream}`);
    }
  });

  it('reports the destination, the endpoint’s own address as related, the machine as host and the user', () => {
    const a = parser.parse(event('Anti-Bot', { dst: '203.0.113.9', severity: 'Critical' }));
    expect(a.title).toBe('Example.Protection.A');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(['192.0.2.20', '203.0.113.9']);
    expect(a.observables.hosts).toEqual(['LAB-WS-20']);
    expect(a.observables.users).toEqual(['dave']);
    // The management server that relayed the log (`orig`) is no indicator.
    expect(a.observables.ips).not.toContain('192.0.2.1');
  });

  it('reports the endpoint as the source of an Anti-Malware detection, as Elastic’s pipeline maps it', () => {
    const a = parser.parse(event('Anti-Malware'));
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.ips).toEqual(['192.0.2.20']);
  });

  it('reports the resource site as a domain and URL, and the file hash, keeping domains out of related hosts', () => {
    const a = parser.parse(event('URL Filtering', { resource: ['https://www.bad.example.net/path?q=1'] }));
    expect(a.observables.domains).toEqual(['www.bad.example.net']);
    expect(a.observables.urls).toEqual(['https://www.bad.example.net/path?q=1']);
    expect(a.observables.hashes).toEqual(['0123456789abcdef0123456789abcdef']);
    expect(parser.parse(event('Anti-Bot')).observables.domains).toEqual(['bad.example.net']);
    expect(parser.domainsInRelatedHosts).toBe(false);
  });

  it('never reports the unspecified destination 0.0.0.0', () => {
    const a = parser.parse(event('Anti-Bot', { dst: '0.0.0.0' }));
    expect(a.observables.dstIps).toEqual([]);
  });

  it('reads a user name written as a plain string', () => {
    expect(parser.parse(event('Forensics', { src_user_name: 'erin' })).observables.users).toEqual(['erin']);
  });

  it('does not claim other products or other Check Point payloads', () => {
    expect(parser.detect(event('Firewall'))).toBe(false);
    expect(parser.detect({ ...event('Anti-Bot'), product_family: 'Network' })).toBe(false);
    expect(
      parser.detect('CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept'),
    ).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const [product] of BLADES) expect(registryClaims(event(product), parser.name).others).toEqual([]);
  });
});
