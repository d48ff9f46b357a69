// The IIS W3C access-log parser on synthetic lines: the default field layouts and the FTP log, with and
// without the server address (a site-only layout), the client as the source and the server address as the
// destination.
import { describe, expect, it } from 'vitest';
import { iisW3cParser } from '../../../src/intake/parsers/iis-w3c.js';
import { registryClaims } from './registry-claims.js';

const withServer =
  '2024-03-05 10:15:42 W3SVC1 WEB-01 198.51.100.5 GET /default.aspx q=1 443 - 192.0.2.40 HTTP/1.1 Mozilla/5.0 - - www.example.com 200 0 0 512 300 15';
const bare = '2024-03-05 10:15:43 198.51.100.5 POST /login - 80 carol 192.0.2.41 Mozilla/5.0 - 401 1 0 12';
const siteOnly =
  '2024-03-05 10:15:44 W3SVC2 GET / - 80 - 192.0.2.42 Mozilla/5.0 - - www.example.com 200 0 0 10 20 30';
/** IIS's FTP log: client, user, server and port come before the command. */
const ftp =
  '2024-03-05 10:16:00 192.0.2.45 ftp-ops 198.51.100.8 21 ControlChannelClosed - - 0 0 0c1d2e3f-0000-4000-8000-000000000001 -';
const hexName =
  '2024-03-05 10:15:45 W3SVC1 CAFE 198.51.100.6 GET / - 80 - 192.0.2.43 Mozilla/5.0 - 200 0 0 5';

describe('iisW3cParser', () => {
  it('detects the default layouts, also without the server address', () => {
    for (const s of [withServer, bare, siteOnly, hexName]) expect(iisW3cParser.detect(s), s).toBe(true);
  });

  it('reads the client as the source and the server address as the destination', () => {
    const a = iisW3cParser.parse(withServer);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.5']);
    expect(iisW3cParser.parse(bare).observables.users).toEqual(['carol']);
    expect(iisW3cParser.parse(hexName).observables.dstIps).toEqual(['198.51.100.6']);
  });

  it("reads the server's computer name as a host, and a Windows account without its domain", () => {
    expect(iisW3cParser.parse(withServer).observables.hosts).toEqual(['WEB-01']);
    expect(iisW3cParser.parse(hexName).observables.hosts).toEqual(['CAFE']);
    expect(iisW3cParser.parse(bare).observables.hosts).toEqual([]);
    expect(iisW3cParser.parse(siteOnly).observables.hosts).toEqual([]);
    const domainUser =
      '2024-03-05 10:15:47 exchange01 198.51.100.7 POST /owa/auth.owa - 443 CORP\\dana 192.0.2.44 Mozilla/5.0 - 302 0 0 9';
    expect(iisW3cParser.parse(domainUser).observables.users).toEqual(['dana']);
    expect(iisW3cParser.parse(domainUser).observables.hosts).toEqual(['exchange01']);
    const mailUser = domainUser.replace('CORP\\dana', 'dana%40corp.example');
    expect(iisW3cParser.parse(mailUser).observables.users).toEqual(['dana']);
  });

  it('reads an FTP log line: the client as the source, the server as the destination, the user', () => {
    expect(iisW3cParser.detect(ftp)).toBe(true);
    const a = iisW3cParser.parse(ftp);
    expect(a.format).toBe('iis.access');
    expect(a.observables.srcIps).toEqual(['192.0.2.45']);
    expect(a.observables.dstIps).toEqual(['198.51.100.8']);
    expect(a.observables.users).toEqual(['ftp-ops']);
    expect(a.title).toBe('ControlChannelClosed');
    expect(a.observedAt).toBe('2024-03-05T10:16:00.000Z');
  });

  it('reads the client of a line without a server address, with no destination', () => {
    const a = iisW3cParser.parse(siteOnly);
    expect(a.observables.srcIps).toEqual(['192.0.2.42']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.ruleId).toBe('http:200');
  });

  it('reads link-local IPv6 addresses without their zone index', () => {
    const zoned =
      '2024-03-05 10:15:46 mail-01 fe80::1:2:3:4%3 POST /mapi/nspi/ - 444 Anonymous fe80::5:6:7:8%3 Microsoft+Office/16.0 - 200 0 0 3 192.0.2.50 51234';
    expect(iisW3cParser.detect(zoned)).toBe(true);
    const a = iisW3cParser.parse(zoned);
    expect(a.observables.srcIps).toEqual(['fe80::5:6:7:8']);
    expect(a.observables.dstIps).toEqual(['fe80::1:2:3:4']);
    expect(a.observables.users).toEqual(['Anonymous']);
  });

  it('does not claim a line whose client field is not an address', () => {
    expect(
      iisW3cParser.detect('2024-03-05 10:15:44 W3SVC2 GET / - 80 - not-an-ip Mozilla/5.0 200 0 0 1'),
    ).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of [withServer, bare, siteOnly, ftp])
      expect(registryClaims(s, iisW3cParser.name).others, s).toEqual([]);
  });
});
