import { describe, expect, it } from 'vitest';
import { clfTime, usTime } from '../../src/intake/time.js';

describe('shared time readers', () => {
  it('reads a Common Log Format time with its offset as UTC', () => {
    expect(clfTime('10/Oct/2000:13:55:36 -0700')).toBe('2000-10-10T20:55:36.000Z');
    expect(clfTime('01/Jan/2024:00:00:00 +0000')).toBe('2024-01-01T00:00:00.000Z');
  });

  it('refuses a Common Log Format time with an unknown month or no offset', () => {
    expect(clfTime('10/Foo/2000:13:55:36 -0700')).toBeNull();
    expect(clfTime('10/Oct/2000:13:55:36')).toBeNull();
    expect(clfTime(undefined)).toBeNull();
  });

  it("reads Microsoft's US-style time, UTC unless it names a zone", () => {
    expect(usTime('3/7/2024 1:05:09 PM')).toBe('2024-03-07T13:05:09.000Z');
    expect(usTime('3/7/2024 12:05:09 AM +02:00')).toBe('2024-03-06T22:05:09.000Z');
  });
});
