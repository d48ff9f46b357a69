// Which addresses name a remote party worth acting on: not loopback, unspecified, multicast or broadcast.
import { BlockList, isIP } from 'node:net';

/** Addresses that are never worth blocking: they are not a remote party. */
const unblockable = new BlockList();
unblockable.addSubnet('0.0.0.0', 8, 'ipv4');
unblockable.addSubnet('127.0.0.0', 8, 'ipv4');
unblockable.addSubnet('224.0.0.0', 4, 'ipv4');
unblockable.addAddress('255.255.255.255', 'ipv4');
unblockable.addAddress('::', 'ipv6');
unblockable.addAddress('::1', 'ipv6');
unblockable.addSubnet('ff00::', 8, 'ipv6');

export function isBlockable(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  return !unblockable.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
