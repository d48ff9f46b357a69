// The connectors in use, one implementation per capability: what services and graphs are given. Built by
// the composition root from the registry's enabled connectors; the embedded GeoIP and IOC file are always on.
import { mapCapabilities, type Capabilities, type Capability, type Connectors } from './registry.js';

/** The capabilities that always have a connector: the embedded GeoIP and IOC file. */
type AlwaysOn = 'geoIp' | 'threatIntel';

/** Capability → the implementation in use; a capability without a configured vendor is absent. */
export type ActiveConnectors = Pick<Capabilities, AlwaysOn> & Partial<Omit<Capabilities, AlwaysOn>>;

/**
 * Picks one implementation per capability: a configured vendor over the embedded default (registry order
 * otherwise). Each connector is first passed through `label`, which may rename it (see renamed). Throws when an
 * embedded default is missing, which would be a registry bug.
 */
export function activeConnectors(
  enabled: Connectors,
  embedded: ReadonlySet<string>,
  label: <T extends { readonly name: string }>(connector: T) => T = (connector) => connector,
): ActiveConnectors {
  const pick = <K extends Capability>(key: K): Capabilities[K] | undefined => {
    const listed: Array<Capabilities[K]> = enabled[key];
    const all = listed.map(label);
    return all.find((c) => !embedded.has(c.name)) ?? all[0];
  };
  const picked = mapCapabilities<{ [K in Capability]: Capabilities[K] | undefined }>(pick);
  const { geoIp, threatIntel } = picked;
  if (!geoIp || !threatIntel) throw new Error('the embedded GeoIP and IOC file connectors are missing');
  return { ...picked, geoIp, threatIntel };
}

/** The same connector under another name (e.g. `okta (lab)`), so everything it reports says where it ran. */
export function renamed<T extends { readonly name: string }>(connector: T, name: string): T {
  return new Proxy(connector, {
    get: (target, property, receiver): unknown =>
      property === 'name' ? name : Reflect.get(target, property, receiver),
  });
}
