// The connectors in use: one per capability, a configured vendor over the embedded default, each under the name
// the composition root gives it (a lab stand-in is `<vendor> (lab)`), and none for a capability with no vendor.
import { describe, expect, it } from 'vitest';
import { activeConnectors, renamed } from '../../connectors/active.js';
import { CAPABILITIES, connectorsFromEnv, VENDORS } from '../../connectors/registry.js';
import { testRuntime } from './support.js';

const embedded = new Set(VENDORS.filter((v) => v.embedded).map((v) => v.name));

describe('activeConnectors', () => {
  it('picks a configured vendor over the embedded default, and leaves a capability without a vendor absent', () => {
    const enabled = connectorsFromEnv({ ABUSEIPDB_API_KEY: 'k'.repeat(80) }, testRuntime().deps);
    const active = activeConnectors(enabled, embedded);
    expect(Object.keys(active)).toEqual([...CAPABILITIES]);
    expect(active.geoIp.name).toBe('geoip-lite');
    expect(active.threatIntel.name).toBe('abuseipdb');
    expect(active.identityProvider).toBeUndefined();
    expect(active.firewall).toBeUndefined();
  });

  it('passes the connectors through the given label before choosing', () => {
    const enabled = connectorsFromEnv(
      {
        OKTA_ORG_URL: 'https://example.okta.com',
        OKTA_API_TOKEN: '00abcdefghijklmnopqrstuvwxyz0123456789',
      },
      testRuntime().deps,
    );
    const active = activeConnectors(enabled, embedded, (c) =>
      c.name === 'okta' ? renamed(c, 'okta (lab)') : c,
    );
    expect(active.identityProvider?.name).toBe('okta (lab)');
    expect(active.geoIp.name).toBe('geoip-lite');
  });
});
