// The BBOT parser on synthetic attack-surface events (v1 with UNIX times, v2 with ISO times: scan, DNS name,
// URL, finding, vulnerability, org stub): detection, indicators as Elastic's bbot pipeline maps them, and that
// no other parser claims them.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { bbotParser } from '../../../src/intake/parsers/bbot.js';
import { registryClaims } from './registry-claims.js';

/**
 * The ECS view the scorer prints for this parser once it is registered: hosts without the domains, since the
 * pipeline keeps url.domain out of related.hosts (`domainsInRelatedHosts: false`).
 */
function ecsView(a: Alert) {
  const o = a.observables;
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts };
}

const SCAN = 'SCAN:0123456789abcdef0123456789abcdef01234567';

const v1Dns = JSON.stringify({
  type: 'DNS_NAME',
  id: 'DNS_NAME:1111111111111111111111111111111111111111',
  data: { DNS_NAME: 'portal.example.com' },
  scope_distance: 0,
  scan: SCAN,
  timestamp: 1710970699.038803,
  resolved_hosts: ['2001:db8::44', '192.0.2.44'],
  source: SCAN,
  tags: ['target', 'in-scope', 'a-record'],
  module: 'TARGET',
  module_sequence: 'TARGET',
});

const v2Base = {
  scope_description: 'in-scope',
  web_spider_distance: 0,
  scope_distance: 0,
  scan: SCAN,
  timestamp: '2024-11-14T06:44:25.531638',
  parent: 'DNS_NAME:1111111111111111111111111111111111111111',
  tags: ['in-scope'],
  discovery_context: 'synthetic',
  discovery_path: [],
  parent_chain: [],
};

const v2Scan = {
  ...v2Base,
  type: 'SCAN',
  id: SCAN,
  data: { SCAN: { id: SCAN, name: 'quiet_otter', target: { seeds: ['example.com'] }, status: 'RUNNING' } },
  module: 'TARGET',
};

const v2Url = {
  ...v2Base,
  type: 'URL_UNVERIFIED',
  id: 'URL_UNVERIFIED:2222222222222222222222222222222222222222',
  netloc: 'login.example.net:443',
  data: { URL_UNVERIFIED: 'https://login.example.net/oauth2/token' },
  host: 'login.example.net',
  resolved_hosts: ['198.51.100.7', 'edge.cdn.example.net', '2001:db8:1::7'],
  port: 443,
  module: 'oauth',
};

const v2Finding = {
  ...v2Base,
  type: 'FINDING',
  id: 'FINDING:3333333333333333333333333333333333333333',
  data: {
    FINDING: {
      host: 'www.example.com',
      url: 'https://www.example.com/.git/config',
      description: 'Exposed .git',
    },
  },
  host: 'www.example.com',
  resolved_hosts: ['192.0.2.45'],
  module: 'git',
};

const v2Vuln = {
  ...v2Finding,
  type: 'VULNERABILITY',
  id: 'VULNERABILITY:4444444444444444444444444444444444444444',
  data: {
    VULNERABILITY: {
      host: 'www.example.com',
      severity: 'CRITICAL',
      description: 'Template injection',
      url: 'https://www.example.com/',
    },
  },
  module: 'nuclei',
};

const v2Org = {
  ...v2Base,
  type: 'ORG_STUB',
  id: 'ORG_STUB:5555',
  data: { ORG_STUB: 'example' },
  module: 'speculate',
};

describe('bbotParser', () => {
  it('tells the ECS view to keep its domains out of related hosts', () => {
    expect(bbotParser.domainsInRelatedHosts).toBe(false);
  });

  it('detects BBOT v1 and v2 events as text and as objects', () => {
    for (const s of [v1Dns, v2Scan, v2Url, v2Finding, v2Vuln, v2Org, JSON.stringify(v2Url)]) {
      expect(bbotParser.detect(s)).toBe(true);
    }
  });

  it('reports a DNS name found as the host, then its resolved hosts, addresses included', () => {
    const a = bbotParser.parse(v1Dns);
    expect(a.format).toBe('bbot.asm_intel');
    expect(a.recognizedBy).toBe('parser:bbot.asm_intel');
    expect(ecsView(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: [],
      hosts: ['portal.example.com', '2001:db8::44', '192.0.2.44'],
    });
    expect(a.observables.domains).toEqual(['portal.example.com']);
    expect(a.title).toBe('BBOT DNS_NAME: portal.example.com');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-20T21:38:19.038Z');
    expect(a.ruleId).toBe('DNS_NAME');
  });

  it('keeps names resolved_hosts holds, and reads a v2 time without a zone as UTC', () => {
    const a = bbotParser.parse(v2Url);
    expect(ecsView(a).hosts).toEqual(['198.51.100.7', 'edge.cdn.example.net', '2001:db8:1::7']);
    expect(ecsView(a).ips).toEqual([]);
    expect(a.observedAt).toBe('2024-11-14T06:44:25.531Z');
  });

  it('rates a vulnerability at its own severity and a finding low', () => {
    expect(bbotParser.parse(v2Vuln).severity).toBe('critical');
    const f = bbotParser.parse(v2Finding);
    expect(f.severity).toBe('low');
    expect(f.title).toBe('BBOT FINDING: Exposed .git');
    expect(ecsView(f).hosts).toEqual(['192.0.2.45']);
  });

  it('reports nothing for events with no resolved hosts', () => {
    for (const s of [v2Scan, v2Org]) expect(ecsView(bbotParser.parse(s)).hosts).toEqual([]);
  });

  it('does not claim other JSON or text payloads', () => {
    const noScan = Object.fromEntries(Object.entries(v2Url).filter(([k]) => k !== 'scan'));
    const otherScan = { ...v2Url, scan: 'nightly' };
    const nessusLike = { scan: { id: 1 }, type: 'vuln', module: 'x', data: {} };
    for (const s of [noScan, otherScan, nessusLike, 'type=DNS_NAME scan=SCAN:1 module=x', null, 3]) {
      expect(bbotParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser that claims these samples', () => {
    for (const s of [v1Dns, v2Scan, v2Url, v2Finding, v2Vuln, v2Org]) {
      expect(registryClaims(s, bbotParser.name).others).toEqual([]);
    }
  });
});
