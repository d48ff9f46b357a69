import { describe, expect, it } from 'vitest';
import { clfTime, toIsoTime, usTime } from '../../src/intake/time.js';

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

  it("reads a time that names no zone as UTC, whatever the server's own zone", () => {
    const serverZone = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        expect(toIsoTime('2024-03-05 10:15:42'), zone).toBe('2024-03-05T10:15:42.000Z');
        expect(toIsoTime('2024-03-05T10:15:42.123'), zone).toBe('2024-03-05T10:15:42.123Z');
        expect(toIsoTime('Oct 31 2025 10:00:00'), zone).toBe('2025-10-31T10:00:00.000Z');
        expect(toIsoTime('31 Oct 2025 10:00:00 GMT'), zone).toBe('2025-10-31T10:00:00.000Z');
        // A zone the date parser does not know is dropped rather than guessed.
        expect(toIsoTime('Mar 5 2024 10:15:42 CEST'), zone).toBe('2024-03-05T10:15:42.000Z');
        // Zones it does know, and offsets, still count.
        expect(toIsoTime('Tue Oct 31 10:00:00 PST 2023'), zone).toBe('2023-10-31T18:00:00.000Z');
        expect(toIsoTime('Thu, 31 Oct 2025 10:00:00 +0100'), zone).toBe('2025-10-31T09:00:00.000Z');
        expect(toIsoTime('2024-03-05T10:15:42+0200'), zone).toBe('2024-03-05T08:15:42.000Z');
        expect(toIsoTime('2020-06-15 12:00:00.000 +0000'), zone).toBe('2020-06-15T12:00:00.000Z');
        expect(toIsoTime('2020-06-15 12:00:00 -05:30'), zone).toBe('2020-06-15T17:30:00.000Z');
      }
    } finally {
      if (serverZone === undefined) delete process.env.TZ;
      else process.env.TZ = serverZone;
    }
  });
});
