// GeoIP from the GeoLite data embedded in geoip-lite: real lookups, offline, no account.
import { describe, expect, it } from 'vitest';
import { GeoIpLite } from '../../connectors/geoip-lite.js';
import { connectorError } from './support.js';

const geo = new GeoIpLite();

describe('geoip-lite', () => {
  it('places a public IPv4 address with country, region, city, coordinates and time zone, and no ASN', async () => {
    expect(await geo.lookup('81.2.69.160')).toEqual({
      ip: '81.2.69.160',
      country: 'GB',
      region: 'ENG',
      city: 'St Albans',
      latitude: expect.any(Number),
      longitude: expect.any(Number),
      timezone: 'Europe/London',
      asn: null,
      asOrganization: null,
      source: 'geoip-lite',
    });
  });

  it('places a public IPv6 address at least by country', async () => {
    expect((await geo.lookup('2001:4860:4860::8888'))?.country).toBe('US');
  });

  it('answers null for private and documentation addresses, which no database places', async () => {
    expect(await geo.lookup('10.0.0.1')).toBeNull();
    expect(await geo.lookup('192.168.1.1')).toBeNull();
  });

  it('turns the fields the data leaves empty into nulls rather than empty strings', async () => {
    expect(await geo.lookup('8.8.8.8')).toMatchObject({ country: 'US', region: null, city: null });
  });

  it('refuses something that is not an IP address with bad_request', async () => {
    expect(await connectorError(geo.lookup('not-an-ip'))).toMatchObject({
      code: 'bad_request',
      vendor: 'geoip-lite',
    });
  });

  it('answers null when the data has nothing malformed to offer (a replaced lookup returning junk)', async () => {
    expect(await new GeoIpLite(() => ({ country: 42 })).lookup('1.2.3.4')).toBeNull();
  });
});
