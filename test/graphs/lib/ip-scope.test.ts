// Which addresses are worth acting on: every IPv4 address is judged as a subnet list would judge it, and the
// IPv6 ones that are not a remote party are refused.
import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlockable } from '../../../graphs/lib/ip-scope.js';

/**
 * The IPv4 rule as subnets: this network, loopback, link-local, multicast and the broadcast address are not
 * remote parties.
 */
const notRemote = new BlockList();
notRemote.addSubnet('0.0.0.0', 8, 'ipv4');
notRemote.addSubnet('127.0.0.0', 8, 'ipv4');
notRemote.addSubnet('169.254.0.0', 16, 'ipv4');
notRemote.addSubnet('224.0.0.0', 4, 'ipv4');
notRemote.addAddress('255.255.255.255', 'ipv4');

describe('isBlockable', () => {
  it('judges any IPv4 address as the subnet list does', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(isBlockable(ip)).toBe(!notRemote.check(ip, 'ipv4'));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses the edges of each IPv4 range and takes their neighbours', () => {
    for (const ip of [
      '0.0.0.0',
      '0.255.255.255',
      '127.0.0.1',
      '127.255.255.255',
      '169.254.0.0',
      '169.254.255.255',
      '224.0.0.1',
      '239.255.255.255',
      '255.255.255.255',
    ])
      expect(isBlockable(ip), ip).toBe(false);
    for (const ip of [
      '1.0.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '169.255.0.0',
      '223.255.255.255',
      '240.0.0.0',
      '255.255.255.254',
      '203.0.113.9',
    ])
      expect(isBlockable(ip), ip).toBe(true);
  });

  it('refuses IPv6 loopback, unspecified, link-local and multicast, takes a global address, and refuses what is not an address', () => {
    for (const ip of ['::', '::1', 'fe80::1', 'febf::ffff', 'ff02::1', 'ff0e::abcd'])
      expect(isBlockable(ip), ip).toBe(false);
    for (const ip of ['2001:db8::7', 'fec0::1', 'fe7f::1']) expect(isBlockable(ip), ip).toBe(true);
    for (const text of ['', 'host-1', '1.2.3', '999.1.1.1', '01.2.3.4'])
      expect(isBlockable(text), text).toBe(false);
  });
});
