// How the parser registry treats a sample: the parser it tries first, and every other specific
// (non-generic) parser whose detector also claims it. Shared by the per-parser tests, so every sample they use
// also holds each detector to its `claims`: a detector that claims a payload its claims rule out throws here.
import { admits } from '../../../src/intake/parsers/dispatch.js';
import { parsers } from '../../../src/intake/parsers/index.js';

export function registryClaims(raw: unknown, own: string): { first: string | undefined; others: string[] } {
  const claiming = parsers.filter((p) => p.detect(raw));
  const outside = claiming.find((p) => !admits(p, raw));
  if (outside) {
    throw new Error(
      `${outside.name} claims a payload its \`claims\` (${JSON.stringify(outside.claims)}) rule out: widen them`,
    );
  }
  return {
    first: claiming[0]?.name,
    others: claiming.filter((p) => p.generic !== true && p.name !== own).map((p) => p.name),
  };
}
