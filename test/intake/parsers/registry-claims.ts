// How the parser registry treats a sample: the parser it tries first, and every other specific
// (non-generic) parser whose detector also claims it. Shared by the per-parser tests.
import { parsers } from '../../../src/intake/parsers/index.js';

export function registryClaims(raw: unknown, own: string): { first: string | undefined; others: string[] } {
  return {
    first: parsers.find((p) => p.detect(raw))?.name,
    others: parsers.filter((p) => p.generic !== true && p.name !== own && p.detect(raw)).map((p) => p.name),
  };
}
