// `/vigil block <ip> [ttl]`: the command's arguments read strictly, the body it files (Vigil's own JSON) and the
// one reader of such a body. Intake reads a body of this source only here (never with the parsers, the extractor
// or a model), so an alert's content can never make itself a person's request.
import { z } from 'zod';
import { emptyObservables, type ActionRequest, type Alert } from '../../graphs/agents/extraction/contract.js';
import { isBlockable } from '../../graphs/lib/ip-scope.js';
import { Duration } from '../duration.js';
import { canonicalIp } from './ip.js';

/** The intake source of a body `/vigil block` files; only that command files one. */
export const BLOCK_REQUEST_SOURCE = 'slack:/vigil block';

/** The shortest and longest TTL a person may give a block, in seconds. */
const MIN_TTL = 60;
const MAX_TTL = 366 * 86_400;

export const BLOCK_USAGE =
  'Usage: /vigil block <ip> [ttl], e.g. /vigil block 203.0.113.7 2h (ttl from 1m to 366d, such as 30m, 2h or 1d; without it, the policy’s block TTL).';

/** The body the command files: what was asked, written by Vigil. */
export const BlockRequestBody = z
  .object({
    action: z.literal('block_ip'),
    ip: z.string().refine((ip) => canonicalIp(ip) === ip, 'a canonical IP address'),
    ttl: z.number().int().min(MIN_TTL).max(MAX_TTL).nullable(),
  })
  .strict();
export type BlockRequestBody = z.infer<typeof BlockRequestBody>;

/** The body filed for a request (JSON). */
export const blockRequestBody = (ip: string, ttlSeconds: number | null): string =>
  JSON.stringify({ action: 'block_ip', ip, ttl: ttlSeconds } satisfies BlockRequestBody);

/**
 * Reads a body `/vigil block` filed, asked for by `by`, as the alert its case works: the address as the source,
 * and the request. Throws (zod) on any other body.
 */
export function readBlockRequest(raw: unknown, by: string): Alert {
  const body = BlockRequestBody.parse(raw);
  const request: ActionRequest = { action: 'block_ip', ip: body.ip, ttlSeconds: body.ttl, by };
  return {
    format: 'vigil.request',
    recognizedBy: 'parser:vigil.request',
    title: `Block ${body.ip}, asked for with /vigil block`,
    severity: 'medium',
    observedAt: null,
    ruleId: 'block_ip',
    observables: { ...emptyObservables(), srcIps: [body.ip], ips: [body.ip] },
    request,
  };
}

/** Why a request was refused at the command, as audited (`block.refused`). */
export type BlockRefusal = 'usage' | 'range' | 'not-blockable' | 'internal' | 'allow-listed' | 'ttl';

export type BlockArgs =
  { ok: true; ip: string; ttlSeconds: number | null } | { ok: false; reason: BlockRefusal; message: string };

/** A TTL as people write it (`30m`, `2h`, `1d`), in seconds, or null when it is not one within bounds. */
export function parseTtl(text: string): number | null {
  const parsed = Duration.safeParse(text.toLowerCase());
  if (!parsed.success) return null;
  return parsed.data >= MIN_TTL && parsed.data <= MAX_TTL ? parsed.data : null;
}

/**
 * Reads `/vigil block`'s arguments: one address (canonical form) and an optional TTL. Refuses, each with a
 * sentence saying what to do instead, a range, an address that names no remote party (loopback, link-local,
 * multicast…), one inside the organisation's networks and an allow-listed one (the policy in force).
 */
export function parseBlockArgs(
  args: readonly string[],
  rules: { ipAllowed: (ip: string) => boolean; ipInternal: (ip: string) => boolean },
): BlockArgs {
  const [address, ttlText, ...more] = args;
  if (address === undefined || more.length) return { ok: false, reason: 'usage', message: BLOCK_USAGE };
  if (address.includes('/')) {
    const base = canonicalIp(address.slice(0, address.indexOf('/')));
    if (base)
      return {
        ok: false,
        reason: 'range',
        message: `${address} is a range: Vigil blocks one address at a time. Name the address to block, or add the range on the firewall itself.`,
      };
  }
  const ip = canonicalIp(address);
  if (!ip)
    return {
      ok: false,
      reason: 'usage',
      message: `"${address.slice(0, 60)}" is not an IP address. ${BLOCK_USAGE}`,
    };
  let ttlSeconds: number | null = null;
  if (ttlText !== undefined) {
    ttlSeconds = parseTtl(ttlText);
    if (ttlSeconds === null)
      return {
        ok: false,
        reason: 'ttl',
        message: `"${ttlText.slice(0, 20)}" is not a TTL Vigil takes: write it as 30m, 2h or 1d, from 1m to 366d. ${BLOCK_USAGE}`,
      };
  }
  if (!isBlockable(ip))
    return {
      ok: false,
      reason: 'not-blockable',
      message: `${ip} is not a remote party (loopback, unspecified, link-local, multicast or broadcast): a firewall block of it would do nothing useful. Check the address.`,
    };
  if (rules.ipInternal(ip))
    return {
      ok: false,
      reason: 'internal',
      message: `${ip} is inside your own networks (policy validation.internal_networks): isolate the machine in the EDR instead of blocking it at the firewall.`,
    };
  if (rules.ipAllowed(ip))
    return {
      ok: false,
      reason: 'allow-listed',
      message: `${ip} is on the policy’s allow-list (validation.allow_list.ips), so Vigil never blocks it. Take it off the allow-list in policy.yml first if it really must be blocked.`,
    };
  return { ok: true, ip, ttlSeconds };
}
