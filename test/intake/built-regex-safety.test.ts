// Parsers also build patterns at run time with `new RegExp` (from grok-like tables and shared pieces), which the
// literal scans cannot see. These are built here as the parsers build them, by loading every parser while
// RegExp construction is watched, and recheck must prove none of them super-linear (ReDoS).
import { expect, it } from 'vitest';
import { patternsBuiltWhile, provenSlow } from '../support/regex-safety.js';

it('no pattern a parser builds with new RegExp is proven super-linear', { timeout: 600_000 }, async () => {
  const built = await patternsBuiltWhile(() => import('../../src/intake/normalize.js'));
  // The tables of Aruba CX, Aironet and Nexus alone build over a hundred; an empty list means the watch failed.
  expect(built.length).toBeGreaterThan(100);
  expect(await provenSlow(built)).toEqual([]);
});
