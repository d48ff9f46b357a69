import { describe, expect, it } from 'vitest';
import { parseAuditAnchor } from '../../src/audit/anchor.js';

const HASH = 'c525354dc57fe8e58fe68393bca09e5a492d7b0f1a5c487c60b15f76dd7b4710';

describe('audit anchor', () => {
  it('reads <row>:<hash> as people copy it, the hash in the log’s lower case', () => {
    expect(parseAuditAnchor(`1200:${HASH}`)).toEqual({ row: 1200, hash: HASH });
    expect(parseAuditAnchor(` 7:${HASH.toUpperCase()}\n`)).toEqual({ row: 7, hash: HASH });
  });

  it('refuses anything else: no row, row 0, a short or non-hex hash, extra parts', () => {
    for (const text of [
      HASH,
      `:${HASH}`,
      `0:${HASH}`,
      `-3:${HASH}`,
      `1.5:${HASH}`,
      `12:${HASH.slice(1)}`,
      `12:${HASH}0`,
      `12:${HASH.replace('c', 'g')}`,
      `12:${HASH}:1`,
      `12 ${HASH}`,
      '',
    ])
      expect(parseAuditAnchor(text), text).toBeUndefined();
  });
});
