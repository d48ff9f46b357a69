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

/** smtp.log records carry `trans_depth` as http.log's do; theirs have the envelope. */
export const isZeekSmtp = (raw: object): boolean => 'mailfrom' in raw || 'rcptto' in raw || 'helo' in raw;

/** sip.log records carry `trans_depth` and `method` as http.log's do; theirs have a call id and SIP parties. */
export const isZeekSip = (raw: object): boolean =>
  'call_id' in raw || 'request_from' in raw || 'request_to' in raw;

/** signatures.log records carry a `note` as notice.log's do; theirs name the signature that matched. */
export const isZeekSignature = (raw: object): boolean => 'sig_id' in raw;
