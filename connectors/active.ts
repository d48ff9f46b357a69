// The connectors in use, one implementation per capability: what services and graphs are given. Built by
// the composition root from the registry's enabled connectors; the embedded GeoIP and IOC file are always on.
import type { Capabilities, Connectors } from './registry.js';
import type {
  CloudIdentity,
  Crm,
  Edr,
  Firewall,
  GeoIp,
  IdentityProvider,
  SlackAdmin,
  ThreatIntel,
  Ticketing,
} from './types.js';

/** Capability → the implementation in use; a capability without a configured vendor is absent. */
export interface ActiveConnectors {
  geoIp: GeoIp;
  threatIntel: ThreatIntel;
  ticketing?: Ticketing;
  firewall?: Firewall;
  edr?: Edr;
  identityProvider?: IdentityProvider;
  cloudIdentity?: CloudIdentity;
  slackAdmin?: SlackAdmin;
  crm?: Crm;
}

/**
 * Picks one implementation per capability: a configured vendor over the embedded default (registry order
 * otherwise). Throws when an embedded default is missing, which would be a registry bug.
 */
export function activeConnectors(enabled: Connectors, embedded: ReadonlySet<string>): ActiveConnectors {
  const pick = <K extends keyof Capabilities>(key: K): Capabilities[K] | undefined => {
    const all: Array<Capabilities[K]> = enabled[key];
    return all.find((c) => !embedded.has(c.name)) ?? all[0];
  };
  const geoIp = pick('geoIp');
  const threatIntel = pick('threatIntel');
  if (!geoIp || !threatIntel) throw new Error('the embedded GeoIP and IOC file connectors are missing');
  return {
    geoIp,
    threatIntel,
    ticketing: pick('ticketing'),
    firewall: pick('firewall'),
    edr: pick('edr'),
    identityProvider: pick('identityProvider'),
    cloudIdentity: pick('cloudIdentity'),
    slackAdmin: pick('slackAdmin'),
    crm: pick('crm'),
  };
}

/** The same connector under another name (e.g. `okta (lab)`), so everything it reports says where it ran. */
export function renamed<T extends { readonly name: string }>(connector: T, name: string): T {
  return new Proxy(connector, {
    get: (target, property, receiver): unknown =>
      property === 'name' ? name : Reflect.get(target, property, receiver),
  });
}
