// Canonical JSON and SHA-256 digests: the same facts always hash the same, whatever the key order.

import { hash } from 'node:crypto';

/** JSON with object keys sorted at every depth and no whitespace; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // A plain object filled in sorted order (fast properties, fast to stringify). A `__proto__` key is
    // defined as a plain member, never assigned (which would set the copy's prototype instead).
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member: unknown = Reflect.get(value, key);
      if (member === undefined) continue;
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: sortKeys(member),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}

/** Hex SHA-256 (a string is hashed as UTF-8). One-shot `crypto.hash`: half the cost of a Hash object. */
export function sha256(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

/** Digest of a value's canonical JSON. */
export function digest(value: unknown): string {
  return sha256(canonicalJson(value));
}
