import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../../src/slack/blocks/stats.js';

describe('formatSeconds', () => {
  it.each([
    [null, '—'],
    [0, '0 ms'],
    [0.0123, '12 ms'],
    [0.949, '949 ms'],
    [0.96, '1.0 s'],
    [2.46, '2.5 s'],
    [42, '42 s'],
    [90, '1.5 min'],
    [3 * 3600, '3.0 h'],
  ])('writes %s seconds as %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
