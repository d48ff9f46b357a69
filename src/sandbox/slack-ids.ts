// Slack-shaped identifiers: message timestamps ("1732212345.000100": unique, strictly increasing),
// object ids (V…, Ev…), trigger ids and opaque pagination cursors.
import { randomBytes } from 'node:crypto';

const TS_PATTERN = /^(\d{1,12})\.(\d{6})$/;

/** Microseconds since the epoch for a Slack ts, or undefined when it is not one. */
export function tsToMicros(ts: string): number | undefined {
  const match = TS_PATTERN.exec(ts);
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * 1_000_000 + Number(match[2]);
}

export function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Issues timestamps and ids for one workspace. */
export class SlackIdSource {
  private lastMicros = 0;
  private readonly counters = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** A message ts from the clock, bumped by 1 µs when needed so that every ts is unique and increasing. */
  nextTs(): string {
    this.lastMicros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 1);
    return microsToTs(this.lastMicros);
  }

  /** An id such as `V0000000007`: the prefix, then a per-prefix counter, upper case, 11+ characters. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n
      .toString(36)
      .toUpperCase()
      .padStart(11 - prefix.length, '0')}`;
  }

  /** A trigger id shaped like Slack's: `<seconds>.<numeric team>.<hex>`. */
  triggerId(): string {
    const n = (this.counters.get('trigger') ?? 0) + 1;
    this.counters.set('trigger', n);
    return `${Math.floor(this.now() / 1000)}.${n}.${randomHex(16)}`;
  }
}

/** Slack's cursors are base64 of `<kind>:<key>`, e.g. `next_ts:1512085861000544` or `user:U0G9WFXNZ`. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString('base64');
}

/** The key of a cursor of the given kind, or undefined when the cursor is not one. */
export function decodeCursor(kind: string, cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  return decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : undefined;
}
