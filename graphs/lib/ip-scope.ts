// Which addresses name a remote party worth acting on: not loopback, unspecified, link-local, multicast or
// broadcast.
import { BlockList, isIP } from 'node:net';

/** IPv6 addresses that are never worth blocking: they are not a remote party (IPv4 below). */
const unblockable = new BlockList();
unblockable.addAddress('::', 'ipv6');
unblockable.addAddress('::1', 'ipv6');
unblockable.addSubnet('fe80::', 10, 'ipv6');
unblockable.addSubnet('ff00::', 8, 'ipv6');

export function isBlockable(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 6) return !unblockable.check(ip, 'ipv6');
  // IPv4 by its first octet (and the broadcast address): BlockList.check builds a SocketAddress per call,
  // which cost intake more than the rest of reading an alert's entities.
  const first = Number(ip.slice(0, ip.indexOf('.')));
  if (first === 169 && ip.startsWith('169.254.')) return false;
  return first !== 0 && first !== 127 && (first < 224 || first > 239) && ip !== '255.255.255.255';
}
