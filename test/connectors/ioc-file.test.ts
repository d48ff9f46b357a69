// The local IOC file as threat intel: the embedded demo list, the CSV form and STIX 2.1 bundles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorConfigError } from '../../connectors/env.js';
import {
  DEFAULT_IOC_FILE,
  IocFile,
  parseIocCsv,
  parseIocFileConfig,
  parseStixBundle,
  parseStixPattern,
} from '../../connectors/ioc-file.js';
import { NOW } from './support.js';

const demo = IocFile.fromFile(DEFAULT_IOC_FILE);

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ioc-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('the embedded demo list', () => {
  it('is used when VIGIL_IOC_FILE is unset', () => {
    expect(parseIocFileConfig({})).toEqual({ path: DEFAULT_IOC_FILE });
    expect(parseIocFileConfig({ VIGIL_IOC_FILE: '/etc/iocs.csv' })).toEqual({ path: '/etc/iocs.csv' });
  });

  it('knows the README’s brute-force source as malicious', async () => {
    expect(await demo.lookup({ type: 'ipv4', value: '203.0.113.7' })).toEqual({
      indicator: { type: 'ipv4', value: '203.0.113.7' },
      verdict: 'malicious',
      score: 80,
      threats: ['brute-force'],
      malwareFamilies: [],
      source: 'ioc-file',
      reference: 'vigil-demo',
      lastSeenAt: null,
    });
  });

  it('matches addresses inside a listed range, IPv4 and IPv6', async () => {
    expect(await demo.lookup({ type: 'ipv4', value: '198.51.100.200' })).toMatchObject({
      verdict: 'suspicious',
      threats: ['scanner'],
    });
    expect(await demo.lookup({ type: 'ipv6', value: '2001:db8:bad::1' })).toMatchObject({
      verdict: 'malicious',
      malwareFamilies: ['DemoRAT'],
    });
    expect((await demo.lookup({ type: 'ipv4', value: '198.51.101.1' })).verdict).toBe('unknown');
  });

  it('matches subdomains of a listed domain, case-insensitively', async () => {
    expect((await demo.lookup({ type: 'domain', value: 'Login.EVIL.example' })).verdict).toBe('malicious');
    expect((await demo.lookup({ type: 'domain', value: 'notevil.example' })).verdict).toBe('unknown');
  });

  it('matches file hashes in any case (the EICAR test file)', async () => {
    const result = await demo.lookup({
      type: 'sha256',
      value: '275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F',
    });
    expect(result).toMatchObject({ verdict: 'malicious', malwareFamilies: ['EICAR'] });
  });

  it('answers unknown (not harmless) for what it does not list', async () => {
    expect(await demo.lookup({ type: 'url', value: 'https://example.org/' })).toMatchObject({
      verdict: 'unknown',
      score: null,
    });
  });
});

describe('CSV', () => {
  it('reads quoted fields with commas and quotes, and skips comments and blank lines', () => {
    const csv =
      '# feed\ntype,value,threat,malware_family,confidence,source\n\ndomain,bad.example,"phishing, credential theft","Quote ""Q""",55,feed-a\n';
    expect(parseIocCsv(csv)).toEqual([
      {
        type: 'domain',
        value: 'bad.example',
        threat: 'phishing, credential theft',
        malwareFamily: 'Quote "Q"',
        confidence: 55,
        source: 'feed-a',
        validUntil: null,
      },
    ]);
  });

  it('names the file and line of an invalid row', () => {
    const csv = 'type,value,threat,malware_family,confidence,source\nipv4,203.0.113.300,x,,50,s\n';
    expect(() => parseIocCsv(csv, 'feed.csv')).toThrow(ConnectorConfigError);
    expect(() => parseIocCsv(csv, 'feed.csv')).toThrow('feed.csv:2: "203.0.113.300" is not a valid ipv4');
    expect(() => parseIocCsv('type,value\nemail,a@b.example\n', 'feed.csv')).toThrow(
      'feed.csv:2: invalid row (type)',
    );
  });

  it('reports an unreadable file as a configuration error naming VIGIL_IOC_FILE', () => {
    try {
      IocFile.fromFile('/nonexistent/iocs.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'ConnectorConfigError', variable: 'VIGIL_IOC_FILE' });
    }
  });
});

const bundle = {
  type: 'bundle',
  id: 'bundle--1',
  objects: [
    { type: 'identity', id: 'identity--feed', name: 'Example CERT', spec_version: '2.1' },
    { type: 'malware', id: 'malware--qbot', name: 'QakBot', is_family: true, spec_version: '2.1' },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--a',
      created_by_ref: 'identity--feed',
      indicator_types: ['malicious-activity'],
      pattern: "[ipv4-addr:value = '203.0.113.99'] OR [domain-name:value = 'qbot-c2.example']",
      pattern_type: 'stix',
      valid_from: '2025-01-01T00:00:00Z',
      confidence: 90,
    },
    {
      type: 'relationship',
      id: 'relationship--1',
      relationship_type: 'indicates',
      source_ref: 'indicator--a',
      target_ref: 'malware--qbot',
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--b',
      indicator_types: ['anomalous-activity'],
      pattern: "[file:hashes.'SHA-256' = '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
      valid_until: '2025-01-01T00:00:00Z',
      confidence: 60,
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--c',
      pattern: "[network-traffic:dst_port = 4444 AND network-traffic:dst_ref.value = '203.0.113.5']",
      pattern_type: 'stix',
      valid_from: '2025-01-01T00:00:00Z',
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--d',
      pattern: 'rule x {}',
      pattern_type: 'yara',
      valid_from: '2025-01-01T00:00:00Z',
    },
  ],
};

describe('STIX 2.1', () => {
  it('reads equality patterns joined by OR, and skips anything else', () => {
    expect(
      parseStixPattern("[ipv4-addr:value = '203.0.113.0/24' OR url:value = 'http://x.example/a']"),
    ).toEqual([
      { type: 'ipv4', value: '203.0.113.0/24' },
      { type: 'url', value: 'http://x.example/a' },
    ]);
    expect(parseStixPattern("[file:hashes.MD5 = '44d88612fea8a8f36de82e1278abb02f']")).toEqual([
      { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' },
    ]);
    expect(
      parseStixPattern("[ipv4-addr:value = '203.0.113.1' AND domain-name:value = 'a.example']"),
    ).toBeUndefined();
    expect(parseStixPattern("[ipv4-addr:value MATCHES '^203']")).toBeUndefined();
  });

  it('takes the malware family from an "indicates" relationship and the source from created_by_ref', async () => {
    const { entries, skipped } = parseStixBundle(bundle);
    expect(skipped).toBe(2);
    const intel = new IocFile(entries, { now: () => NOW }, skipped);
    expect(await intel.lookup({ type: 'domain', value: 'qbot-c2.example' })).toMatchObject({
      verdict: 'malicious',
      threats: ['malicious-activity'],
      malwareFamilies: ['QakBot'],
      reference: 'Example CERT',
    });
  });

  it('ignores an indicator past its valid_until', async () => {
    const intel = new IocFile(parseStixBundle(bundle).entries, { now: () => NOW });
    const hash = {
      type: 'sha256' as const,
      value: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
    };
    expect((await intel.lookup(hash)).verdict).toBe('unknown');
    const before = new IocFile(parseStixBundle(bundle).entries, {
      now: () => new Date('2024-06-01T00:00:00Z'),
    });
    expect((await before.lookup(hash)).verdict).toBe('suspicious');
  });

  it('loads a bundle from a .json file and counts what it skipped', async () => {
    const intel = IocFile.fromFile(tempFile('feed.json', JSON.stringify(bundle)), { now: () => NOW });
    expect(intel.skipped).toBe(2);
    expect((await intel.lookup({ type: 'ipv4', value: '203.0.113.99' })).verdict).toBe('malicious');
  });

  it('refuses a JSON file that is not a STIX bundle', () => {
    expect(() => IocFile.fromFile(tempFile('x.json', '{"type":"report"}'))).toThrow(/not a STIX 2\.1 bundle/);
  });
});
