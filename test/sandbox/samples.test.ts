// The sandbox page's sample alerts: each one reads, through Vigil's own normaliser, as the workflow it is
// meant to show (a source address to block, a user, a host and hash, a critical alert, a messy payload),
// each send is a new alert, and the duplicate storm is one alert many times.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../src/intake/normalize.js';
import { findSample, SAMPLES, STORM_SIZE } from '../../src/sandbox/web/samples.js';

const now = new Date('2026-03-02T09:30:00Z');

function firstAlert(id: string, n = 0) {
  const sample = findSample(id);
  if (!sample) throw new Error(`no sample ${id}`);
  const payload = sample.build(n, now)[0];
  if (!payload) throw new Error(`sample ${id} built nothing`);
  expect(payload.contentType).toBe('application/json');
  return normalizeAlert(JSON.parse(payload.body));
}

describe('sample alerts', () => {
  it('a network indicator is a Suricata alert from a public source address', () => {
    const alert = firstAlert('network-indicator');
    expect(alert.format).toBe('suricata.eve');
    expect(alert.observables.srcIps).toEqual(['203.0.113.7']);
    expect(alert.severity).toBe('high');
  });

  it('a suspicious login is an Okta sign-in naming the user and the source address', () => {
    const alert = firstAlert('suspicious-login');
    expect(alert.format).toBe('okta.system');
    expect(alert.observables.srcIps).toEqual(['198.51.100.77']);
    expect(alert.observables.users).toContain('dana.whitfield');
  });

  it('endpoint malware is a Falcon detection with a host, a user and hashes, and no address to block', () => {
    const alert = firstAlert('endpoint-malware');
    expect(alert.format).toBe('crowdstrike.falcon');
    expect(alert.observables.hosts).toEqual(['FIN-LT-0142']);
    expect(alert.observables.users).toEqual(['m.okafor']);
    expect(alert.observables.hashes).toHaveLength(2);
    expect(alert.observables.srcIps).toEqual([]);
  });

  it('the critical SIEM alert reads as critical, with its source address and target host', () => {
    const alert = firstAlert('critical-ticket');
    expect(alert.severity).toBe('critical');
    expect(alert.title).toBe('Exploitation of public VPN appliance followed by admin logon');
    expect(alert.observables.srcIps).toEqual(['192.0.2.66']);
    expect(alert.observables.hosts).toContain('vpn-gw-01.corp.example');
  });

  it('the messy payload still yields a title, a severity and the source address', () => {
    const alert = firstAlert('messy');
    expect(alert.title).toBe('possible PASSWORD spray vs OWA');
    expect(alert.severity).toBe('high');
    expect(alert.observables.srcIps).toEqual(['203.0.113.99']);
  });

  it('each send of a sample is a new alert, and the storm is one alert sent many times', () => {
    for (const sample of SAMPLES) {
      const [first] = sample.build(0, now);
      const [second] = sample.build(1, now);
      expect(first?.body, sample.id).not.toBe(second?.body);
    }
    const storm = findSample('duplicate-storm')?.build(0, now) ?? [];
    expect(storm).toHaveLength(STORM_SIZE);
    expect(new Set(storm.map((p) => p.body)).size).toBe(1);
  });
});
