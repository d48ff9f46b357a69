// IP validation, canonical spelling, vendor port/bracket/zone spellings and look-alike rejection.
import { describe, expect, it } from 'vitest';
import { canonicalIp, findIps, isNetwork, parseAddress } from '../../src/intake/ip.js';
import { normalizeAlert } from '../../src/intake/normalize.js';

describe('canonicalIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['010.001.002.003', '10.1.2.3'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['fe80:0000:0000:0000:0abc:00ff:fe00:0001', 'fe80::abc:ff:fe00:1'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::1', '::1'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::FFFF:c633:6407', '198.51.100.7'],
    ['fe80::1%eth0', 'fe80::1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('writes %s as %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([
    '999.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '1::2::3',
    '12345::1',
    'gggg::1',
    '',
    'localhost',
    '00:1a:2b:3c:4d:5e:6f:70',
  ])('rejects %s', (input) => {
    expect(canonicalIp(input)).toBeNull();
  });
});

describe('parseAddress', () => {
  it.each([
    ['198.51.100.7:8443', '198.51.100.7'],
    ['198.51.100.7/8443', '198.51.100.7'],
    ['198.51.100.7(8443)', '198.51.100.7'],
    ['[2001:db8::5]:443', '2001:db8::5'],
    ['2001:db8:1:2:3:4:5:6#443', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:1:2:3:4:5:6p443', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:1:2:3:4:5:6 port 443', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:1:2:3:4:5:6.443', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:1:2:3:4:5:6:443', '2001:db8:1:2:3:4:5:6'],
    ['"203.0.113.9"', '203.0.113.9'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseAddress(input)).toBe(expected);
  });

  it('rejects certificate serials and MAC addresses written like IPv6', () => {
    expect(parseAddress('5C:9C:E1:09:78:87:F8:07')).toBeNull();
    expect(parseAddress('00:50:56:c0:00:08')).toBeNull();
  });
});

describe('findIps', () => {
  const ips = (text: string): string[] => findIps(text).map((h) => h.ip);

  it('finds IPv4 and IPv6 addresses in free text, with ports, brackets and interface labels', () => {
    expect(
      ips('conn from 203.0.113.5:4431 to [2001:db8::7]:443 via outside:2001:db8:0:0:0:0:0:9/80'),
    ).toEqual(['203.0.113.5', '2001:db8::7', '2001:db8::9']);
  });

  it('skips version strings, OIDs, longer dotted numbers and v-prefixed numbers', () => {
    expect(ips('agent version 10.0.19041.1 and v1.2.3.4 and ver 2.3.4.5 build 4.5.6.7')).toEqual([]);
    expect(ips('trap oid 1.3.6.1.4.1.9.9.41 seen')).toEqual([]);
    expect(ips('interface eni-89.160.20.1561aaaa is idle')).toEqual([]);
  });

  it('skips versions named by their component or by an upgrade, with no version word', () => {
    expect(ips('kernel 5.15.0.91 panic on db01, kernel=5.4.0.150')).toEqual([]);
    expect(ips('agent upgraded to 4.2.1.9 by admin; downgrading from 4.2.1.9 to 4.2.1.8')).toEqual([]);
    expect(
      ips('Falcon sensor 7.11.0.1 updated on ws1; agent 4.2.1.9 installed; sensor updated to 7.12.0.3'),
    ).toEqual([]);
    expect(ips('patch 10.2.0.1 and hotfix 10.2.0.2 applied')).toEqual([]);
  });

  it('keeps an address after a component word or before an install, and one a record is updated to', () => {
    expect(ips('sensor 10.0.0.12 is offline; agent 10.0.0.13 reported malware')).toEqual([
      '10.0.0.12',
      '10.0.0.13',
    ]);
    expect(ips('10.0.0.5 installed KB5034441 from 10.0.0.6')).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(ips('A record for www updated to 203.0.113.7')).toEqual(['203.0.113.7']);
    expect(ips('kernel: [812.4] IN=eth0 SRC=198.51.100.2')).toEqual(['198.51.100.2']);
  });

  it("skips the versions in a browser's user agent, and keeps an address after other words and a slash", () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';
    expect(ips(`login from 203.0.113.9 with ${chrome}`)).toEqual(['203.0.113.9']);
    expect(ips('Opera: OPR/106.0.0.0, Yandex: YaBrowser/24.1.0.0, Electron/28.2.1.0')).toEqual([]);
    expect(ips('routed via gw/10.1.1.1 to https://198.51.100.7/index.html')).toEqual([
      '10.1.1.1',
      '198.51.100.7',
    ]);
  });

  it('skips a version that is a directory of a path, and keeps a URL host and an address after a slash', () => {
    expect(ips('C:\\Program Files\\Viero\\Application\\7.22.1.105\\VIERO.exe from 203.0.113.10')).toEqual([
      '203.0.113.10',
    ]);
    expect(ips('loaded /opt/agent/4.1.0.2/lib/core.so')).toEqual([]);
    expect(ips('GET http://198.51.100.8/1.2.3.4/x and 192.0.2.3/443 via \\\\192.0.2.4\\share')).toEqual([
      '198.51.100.8',
      '192.0.2.3',
      '192.0.2.4',
    ]);
  });

  it('skips netmasks written in text, and keeps the broadcast address and addresses that only start with 255', () => {
    expect(ips('lease 10.0.128.2 with subnet 255.255.252.0, router 10.0.128.1')).toEqual([
      '10.0.128.2',
      '10.0.128.1',
    ]);
    expect(ips('mask 255.0.0.0 peer 255.1.2.3')).toEqual(['255.1.2.3']);
    expect(ips('UDP 0.0.0.0:68 -> 255.255.255.255:67')).toEqual(['0.0.0.0', '255.255.255.255']);
    // After an address and a slash, even the all-ones address is the host's mask.
    expect(ips('allowed 172.16.12.81/255.255.255.255 via vpn')).toEqual(['172.16.12.81']);
  });

  it('skips both ends of an address range written low-high, and keeps a pair that is not one', () => {
    expect(ips('zone /All Zones/RFC1918: 192.168.0.0-192.168.255.255 from 203.0.113.9')).toEqual([
      '203.0.113.9',
    ]);
    expect(ips('pool 10.0.0.10-10.0.0.99 exhausted')).toEqual([]);
    // High before low is no range (two hosts joined by a hyphen).
    expect(ips('pair 10.0.0.9-10.0.0.2')).toEqual(['10.0.0.9', '10.0.0.2']);
  });

  it('skips MAC addresses, clock times and invalid octets', () => {
    expect(ips('MAC=00:1a:2b:3c:4d:5e:6f:70:81:92:a3:b4:08:00 at 12:30:45 from 999.10.10.10')).toEqual([]);
  });
});

describe('networks in CIDR notation', () => {
  it('tells a network (host bits zero, prefix shorter than the address) from an address with a port', () => {
    expect(isNetwork('203.0.113.0', 24)).toBe(true);
    expect(isNetwork('1.128.0.0', 11)).toBe(true);
    expect(isNetwork('10.0.0.0', 8)).toBe(true);
    expect(isNetwork('2001:db8::', 32)).toBe(true);
    expect(isNetwork('192.0.2.7', 21)).toBe(false);
    expect(isNetwork('192.0.2.5', 32)).toBe(false);
    expect(isNetwork('2001:db8::1', 64)).toBe(false);
    expect(isNetwork('2001:db8::', 128)).toBe(false);
  });

  it('finds no address in a network, in text or as a whole value, and still reads address/port spellings', () => {
    const hits = (text: string) => findIps(text).map((h) => h.ip);
    expect(hits('blocked 192.0.2.9, matched 203.0.113.0/24 and 10.0.0.0/8 and 2001:db8::/32')).toEqual([
      '192.0.2.9',
    ]);
    expect(hits('outside:198.51.100.7/443 to inside:192.0.2.7/21')).toEqual(['198.51.100.7', '192.0.2.7']);
    expect(hits('route 192.0.2.5/32 via 198.51.100.0/24x')).toEqual(['192.0.2.5', '198.51.100.0']);
    expect(parseAddress('1.128.0.0/11')).toBeNull();
    expect(parseAddress('192.0.2.7/21')).toBe('192.0.2.7');
    expect(parseAddress('198.51.100.7/443')).toBe('198.51.100.7');
  });
});

describe('versions in an alert', () => {
  it('reads a product or kernel version as no address, so an alert neither links nor enriches on it', () => {
    const ipsOf = (raw: unknown) => {
      const o = normalizeAlert(raw).observables;
      return [...o.srcIps, ...o.dstIps, ...o.ips];
    };
    expect(ipsOf('kernel 5.15.0.91 panic on db01')).toEqual([]);
    expect(ipsOf('Falcon sensor 7.11.0.1 updated on ws1')).toEqual([]);
    // After `to`, an address is read as the alert’s destination.
    expect(ipsOf({ title: 'Agent upgrade', details: 'agent upgraded to 4.2.1.9 by admin' })).toEqual([]);
  });
});
