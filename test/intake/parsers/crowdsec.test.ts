// The CrowdSec parser on synthetic Local API alerts (an HTTP probe banned by IP, a range and a country decision,
// a simulated alert, the JSON text form): detection, indicators as Elastic's crowdsec pipeline maps them, and
// that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { crowdsecParser } from '../../../src/intake/parsers/crowdsec.js';
import { registryClaims } from './registry-claims.js';

const meta = (pairs: Record<string, string>) => Object.entries(pairs).map(([key, value]) => ({ key, value }));

const probe = {
  capacity: 10,
  decisions: [
    {
      duration: '4h',
      origin: 'crowdsec',
      scenario: 'crowdsecurity/http-probing',
      scope: 'Ip',
      type: 'ban',
      uuid: '0b1c2d3e-0000-4000-8000-000000000001',
      value: '203.0.113.77',
    },
  ],
  events: [
    {
      meta: meta({
        http_path: '/admin/.env',
        http_status: '404',
        http_verb: 'GET',
        service: 'http',
        source_ip: '203.0.113.77',
        target_fqdn: 'shop.example.net',
      }),
      timestamp: '2026-03-02T10:15:00Z',
    },
  ],
  events_count: 1,
  kind: 'crowdsec',
  labels: null,
  leakspeed: '10s',
  machine_id: 'edge-proxy-1',
  message:
    "Ip 203.0.113.77 performed 'crowdsecurity/http-probing' (12 events over 3s) at 2026-03-02 10:15:03 +0000 UTC",
  meta: [{ key: 'target_uri', value: '["/admin/.env"]' }],
  remediation: true,
  scenario: 'crowdsecurity/http-probing',
  scenario_hash: 'a'.repeat(64),
  scenario_version: '0.4',
  simulated: false,
  source: {
    as_number: '64500',
    as_name: 'EXAMPLE-NET',
    cn: 'NL',
    ip: '203.0.113.77',
    scope: 'Ip',
    value: '203.0.113.77',
  },
  start_at: '2026-03-02T10:15:00.123456789Z',
  stop_at: '2026-03-02T10:15:03.000000000Z',
  uuid: '7f3e9a10-0000-4000-8000-000000000002',
};

const range = {
  ...probe,
  decisions: [{ ...probe.decisions[0], scope: 'Range', value: '198.51.100.0/24' }],
  message: 'Ip range 198.51.100.0/24 performed crowdsecurity/http-crawl-non_statics',
  scenario: 'crowdsecurity/http-crawl-non_statics',
  source: { as_number: '0', range: '198.51.100.0/24', scope: 'Range', value: '198.51.100.0/24' },
};

const country = {
  ...probe,
  decisions: [{ ...probe.decisions[0], scope: 'Country', type: 'captcha', value: 'ZZ' }],
  scenario: 'crowdsecurity/ssh-slow-bf',
  source: { cn: 'ZZ', scope: 'Country', value: 'ZZ' },
};

const simulatedV6 = {
  ...probe,
  simulated: true,
  source: { ip: '2001:db8:0:0::9', scope: 'Ip', value: '2001:db8::9' },
};

const asText = JSON.stringify(probe);

describe('crowdsecParser', () => {
  it('reads an alert that leaves out the simulated flag', () => {
    const { simulated: _simulated, ...bare } = probe;
    expect(crowdsecParser.detect(bare)).toBe(true);
    expect(crowdsecParser.parse(bare).observables.srcIps).toEqual(
      crowdsecParser.parse(probe).observables.srcIps,
    );
  });

  it('detects CrowdSec alerts as objects and as JSON text', () => {
    for (const s of [probe, range, country, simulatedV6, asText]) expect(crowdsecParser.detect(s)).toBe(true);
  });

  it('reports the banned address as the source and the only related address', () => {
    const a = crowdsecParser.parse(probe);
    expect(a.format).toBe('crowdsec.alert');
    expect(a.recognizedBy).toBe('parser:crowdsec.alert');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['203.0.113.77'],
      dst_ips: [],
      ips: ['203.0.113.77'],
      users: [],
      hosts: [],
    });
    expect(a.title).toBe('CrowdSec: crowdsecurity/http-probing from 203.0.113.77 (ban)');
    expect(a.ruleId).toBe('crowdsecurity/http-probing');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2026-03-02T10:15:00.123Z');
  });

  it('reports no address for a range or a country, whatever the events say', () => {
    for (const s of [range, country]) {
      const e = ecsIndicators(crowdsecParser.parse(s));
      expect(e.src_ips).toEqual([]);
      expect(e.ips).toEqual([]);
    }
    expect(crowdsecParser.parse(country).severity).toBe('medium');
  });

  it('writes an IPv6 source canonically and lowers a simulated alert to low severity', () => {
    const a = crowdsecParser.parse(simulatedV6);
    expect(a.observables.srcIps).toEqual(['2001:db8::9']);
    expect(a.severity).toBe('low');
  });

  it('reads the JSON text as the object', () => {
    expect(crowdsecParser.parse(asText).observables).toEqual(crowdsecParser.parse(probe).observables);
  });

  it('does not claim other JSON or text payloads', () => {
    const noHash = Object.fromEntries(Object.entries(probe).filter(([k]) => k !== 'scenario_hash'));
    const sourceText = { ...probe, source: '203.0.113.77' };
    const suricataLike = {
      event_type: 'alert',
      src_ip: '198.51.100.23',
      dest_ip: '192.0.2.10',
      alert: { signature: 'x' },
    };
    for (const s of [
      noHash,
      sourceText,
      suricataLike,
      'CEF:0|CrowdSec|x|1|1|y|5|',
      '{"scenario_hash":1',
      null,
      42,
    ]) {
      expect(crowdsecParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser that claims these samples', () => {
    for (const s of [probe, range, country, simulatedV6, asText]) {
      expect(registryClaims(s, crowdsecParser.name).others).toEqual([]);
    }
  });
});
