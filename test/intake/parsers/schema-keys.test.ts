// A guard on how parser schemas are written. In zod 4 an object key typed `z.unknown()` (or `z.any()`) is
// required: a record without that key fails the whole schema, and the parser silently gives up on it. A key a
// vendor may leave out is written `z.unknown().optional()`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/intake/parsers');

describe('parser schemas', () => {
  it('declare no object key as a bare z.unknown() or z.any(), which zod 4 makes required', () => {
    const bare = /\b[\w$]+: z\.(?:unknown|any)\(\)(?!\.)/g;
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(path.join(dir, f), 'utf8').matchAll(bare)].map((m) => `${f}: ${m[0]}`),
      );
    expect(offenders).toEqual([]);
  });
});
