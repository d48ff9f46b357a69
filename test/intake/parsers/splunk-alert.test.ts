// The Splunk notable-event parser on synthetic search results: `_raw` key-value pairs mapped to source,
// destination, users and hosts as Elastic's splunk alert pipeline maps them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { splunkAlertParser } from '../../../src/intake/parsers/splunk-alert.js';
import { registryClaims } from './registry-claims.js';

const envelope = {
  _bkt: 'notable~12~0A1B2C3D-0000-4000-8000-00000000000A',
  _cd: '12:3456',
  _indextime: '1717171717',
  _serial: '7',
  _si: ['sh-01', 'notable'],
  _sourcetype: 'stash',
  _time: '2024-05-31T16:08:37.000+02:00',
  index: 'notable',
  linecount: '1',
  sourcetype: 'stash',
  splunk_server: 'sh-01',
};

const failedLogins = {
  ...envelope,
  _raw:
    '1717164510, search_name="Access - Brute Force - Rule", app="vpn", count="12", ip="198.51.100.20", ' +
    'dest="203.0.113.5", src="192.0.2.77", user="jdoe", orig_tag="authentication", orig_tag="failure", ' +
    'severity="high"',
  host: '192.0.2.1',
  source: 'Access - Brute Force - Rule',
};

const detection = {
  ...envelope,
  _raw:
    '1717164600.000, search_name="Threat - EDR Detection - Rule", action="blocked", ' +
    'event.SeverityName="Low", event.UserName="asmith", src="ws-042.corp.example", src_user="asmith@corp.example", ' +
    'file_hash="0000000000000000000000000000000000000000000000000000000000000001"',
  host: 'sh-01',
  source: 'Threat - EDR Detection - Rule',
};

describe('Splunk notable-event parser', () => {
  it('maps src and dest to source and destination, ip to the destination only, host to a related address', () => {
    expect(splunkAlertParser.detect(failedLogins)).toBe(true);
    const alert = splunkAlertParser.parse(failedLogins);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: ['192.0.2.77'],
      dst_ips: ['203.0.113.5', '198.51.100.20'],
      ips: ['203.0.113.5', '192.0.2.1', '192.0.2.77'],
      users: ['jdoe'],
      hosts: [],
    });
    expect(alert.format).toBe('splunk.alert');
    expect(alert.title).toBe('Splunk notable: Access - Brute Force - Rule (192.0.2.1)');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-05-31T14:08:37.000Z');
    expect(alert.ruleId).toBe('Access - Brute Force - Rule');
  });

  it('reads a named host and source as hosts, and the user keys the pipeline relates', () => {
    const alert = splunkAlertParser.parse(detection);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['asmith', 'asmith@corp.example'],
      hosts: ['sh-01', 'ws-042.corp.example'],
    });
    expect(alert.severity).toBe('low');
  });

  it('keeps the pairs before one without "=" and ignores repeated keys for single-value fields', () => {
    const broken = {
      ...envelope,
      _raw: '1717164700, search_name="Broken", src="192.0.2.8", user="x", user="y", note="a, b", dest="203.0.113.9"',
      host: 'sh-01',
    };
    expect(ecsIndicators(splunkAlertParser.parse(broken))).toEqual({
      src_ips: ['192.0.2.8'],
      dst_ips: [],
      ips: ['192.0.2.8'],
      users: [],
      hosts: ['sh-01'],
    });
  });

  it("leaves a result row whose _raw is a vendor event to that vendor's parser, inside an export too", () => {
    const row = {
      ...envelope,
      _raw: 'CEF:0|Trend Micro|Deep Security Agent|20.0|4000000|Eicar_test_file|6|src=192.0.2.15 suser=jdoe dvchost=ws-17',
      host: 'ws-17',
      source: 'ds_agent',
    };
    expect(splunkAlertParser.detect(row)).toBe(false);
    for (const payload of [row, { preview: false, result: row }]) {
      const alert = normalizeAlert(payload);
      expect(alert.recognizedBy).not.toBe('parser:splunk.alert');
      expect(alert.observables.srcIps).toEqual(['192.0.2.15']);
    }
  });

  it('does not claim other search exports, other vendors, text or non-objects', () => {
    const others: unknown[] = [
      { _raw: 'Jan 1 00:00:00 host sshd: Accepted', _time: '2024-01-01T00:00:00Z', host: 'h' },
      { result: { _raw: 'x', _cd: '1:1', _bkt: 'main~1' } },
      { _raw: 42, _cd: '1:1', _bkt: 'main~1' },
      JSON.stringify(failedLogins),
      '1717164510, search_name="Access - Brute Force - Rule", src="192.0.2.77"',
      null,
      [failedLogins],
    ];
    for (const x of others) expect(splunkAlertParser.detect(x)).toBe(false);
    expect(() => splunkAlertParser.parse({ _raw: 'x' })).toThrow();
  });

  it('is the only specific parser in the registry that claims these events', () => {
    for (const sample of [failedLogins, detection]) {
      expect(registryClaims(sample, splunkAlertParser.name).others).toEqual([]);
    }
  });
});
