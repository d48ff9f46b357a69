// GeoIP from geoip-lite: the GeoLite country and city data embedded in the package, so it works offline
// and with no account. geoip-lite has no ASN data, so `asn` and `asOrganization` are always null.
import net from 'node:net';
import { z } from 'zod';
import { ConnectorError } from './connector-error.js';
import type { GeoIp, GeoIpResult } from './types.js';

export const GEOIP_LITE_NAME = 'geoip-lite';

/** geoip-lite's answer; parsed so that a data or library change cannot slip malformed values through. */
const LiteLookup = z.object({
  country: z.string(),
  region: z.string(),
  city: z.string(),
  timezone: z.string(),
  ll: z.tuple([z.number(), z.number()]),
});

type Lookup = (ip: string) => unknown;

export class GeoIpLite implements GeoIp {
  readonly name = GEOIP_LITE_NAME;
  private lookupFn: Promise<Lookup> | undefined;

  /** `lookup` replaces the package's lookup (tests); by default the package is loaded on first use. */
  constructor(private readonly lookupOverride?: Lookup) {}

  async lookup(ip: string): Promise<GeoIpResult | null> {
    if (net.isIP(ip) === 0) {
      throw new ConnectorError({
        vendor: this.name,
        operation: 'look up IP',
        code: 'bad_request',
        detail: 'not an IP address',
      });
    }
    const found = LiteLookup.safeParse((await this.load())(ip));
    if (!found.success) return null;
    const { country, region, city, timezone, ll } = found.data;
    // geoip-lite answers [0, 0] and empty strings for what it does not know.
    const placed = !(ll[0] === 0 && ll[1] === 0);
    return {
      ip,
      country: country || null,
      region: region || null,
      city: city || null,
      latitude: placed ? ll[0] : null,
      longitude: placed ? ll[1] : null,
      timezone: timezone || null,
      asn: null,
      asOrganization: null,
      source: this.name,
    };
  }

  private load(): Promise<Lookup> {
    // The data files are read when the package is first imported (tens of MB), so only when needed.
    this.lookupFn ??= this.lookupOverride
      ? Promise.resolve(this.lookupOverride)
      : import('geoip-lite').then((geoip) => (address: string) => geoip.default.lookup(address));
    return this.lookupFn;
  }
}
