// Canonical JSON and SHA-256 digests: the same facts always hash the same, whatever the key order.

import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth and no whitespace; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // A prototype-less copy: a `__proto__` key stays a plain member, and assignment stays fast (no
    // defineProperty per key, which dominated audit appends).
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const member: unknown = Reflect.get(value, key);
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Digest of a value's canonical JSON. */
export function digest(value: unknown): string {
  return sha256(canonicalJson(value));
}
