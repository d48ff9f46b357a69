// The ECS view `vigil extract` prints: where an alert's domain names go depends on who read the alert.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../src/intake/normalize.js';

describe('ecsIndicators', () => {
  it('lists an extracted alert’s domain names among its hosts, as ECS related.hosts often does', () => {
    const alert = normalizeAlert({ src_ip: '198.51.100.7', hostname: 'ws-12', domain: 'bad.example.net' });
    expect(alert.recognizedBy).toBe('extractor');
    expect(ecsIndicators(alert).hosts).toEqual(['ws-12', 'bad.example.net']);
  });

  it('does the same for a CEF line', () => {
    const alert = normalizeAlert(
      'CEF:0|Acme|Gateway|1.0|100|Blocked|5|src=198.51.100.8 dhost=bad.example.org',
    );
    expect(alert.recognizedBy).toBe('parser:cef');
    expect(alert.observables.domains).toEqual(['bad.example.org']);
    expect(ecsIndicators(alert).hosts).toEqual([...alert.observables.hosts, 'bad.example.org']);
  });

  it('keeps a parser’s domain names out of hosts when its vendor’s pipeline keeps them out of related.hosts', () => {
    const alert = normalizeAlert({
      ts: 1700000000.5,
      uid: 'C1',
      'id.orig_h': '192.0.2.10',
      'id.orig_p': 51000,
      'id.resp_h': '203.0.113.5',
      'id.resp_p': 80,
      method: 'GET',
      host: 'files.example.com',
      uri: '/a.exe',
      status_code: 200,
      trans_depth: 1,
    });
    expect(alert.recognizedBy).toBe('parser:zeek.http');
    expect(alert.observables.domains).toContain('files.example.com');
    expect(ecsIndicators(alert).hosts).toEqual(alert.observables.hosts);
    expect(ecsIndicators(alert).hosts).not.toContain('files.example.com');
  });
});
