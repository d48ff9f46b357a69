// Shared reading of Zeek JSON logs: the connection 4-tuple (`id.orig_h` …) and the `ts` timestamp.
import { z } from 'zod';

/** The fields every Zeek connection-oriented log carries. */
export const ZeekBase = z.object({
  ts: z.union([z.number(), z.string()]),
  uid: z.string().optional(),
  'id.orig_h': z.string().optional(),
  'id.resp_h': z.string().optional(),
  'id.orig_p': z.number().optional(),
  'id.resp_p': z.number().optional(),
  proto: z.string().optional(),
});

/** True when `raw` is an object with a Zeek `ts` and every key in `keys`. */
export function hasZeekKeys(raw: unknown, keys: readonly string[]): raw is object {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('ts' in raw)) return false;
  return keys.every((k) => k in raw);
}
