// Slack Events API deliveries already handled: Slack retries and other replicas see the claim and skip. Also
// the alerts-channel messages taken in (`msg:<channel>:<ts>`), so that messages Slack never delivered (Vigil was
// down) are read from the channel's history at start-up, and none is taken twice.
import type BetterSqlite3 from 'better-sqlite3';

const messageKey = (channel: string, ts: string): string => `msg:${channel}:${ts}`;

export class SlackEventsRepository {
  private readonly insert: BetterSqlite3.Statement<[string, string]>;
  private readonly exists: BetterSqlite3.Statement<[string], number>;
  private readonly lastKey: BetterSqlite3.Statement<[string, string], string | null>;
  private readonly prune: BetterSqlite3.Statement<[string, string]>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare(
      'INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.exists = sqlite.prepare<[string], number>('SELECT 1 FROM slack_events WHERE event_id = ?').pluck();
    // A range on the primary key: keys `msg:<channel>:<ts>`, and ';' sorts right after ':'.
    this.lastKey = sqlite
      .prepare<[string, string], string | null>(
        'SELECT max(event_id) FROM slack_events WHERE event_id > ? AND event_id < ?',
      )
      .pluck();
    // The newest taken message of each channel is kept however old: it is where the catch-up reads from.
    this.prune = sqlite.prepare(
      `DELETE FROM slack_events WHERE received_at < ?
         AND (event_id NOT LIKE 'msg:%' OR (received_at < ? AND event_id NOT IN (
           SELECT max(event_id) FROM slack_events WHERE event_id LIKE 'msg:%'
           GROUP BY substr(event_id, 1, 4 + instr(substr(event_id, 5), ':')))))`,
    );
  }

  /** True for the first delivery of this event id, false for a repeat. */
  claim(eventId: string, at: string): boolean {
    return this.insert.run(eventId, at).changes === 1;
  }

  /** Records that an alerts-channel message was taken in (its alert is stored). */
  markMessage(channel: string, ts: string, at: string): void {
    this.insert.run(messageKey(channel, ts), at);
  }

  messageTaken(channel: string, ts: string): boolean {
    return this.exists.get(messageKey(channel, ts)) !== undefined;
  }

  /** The ts of the newest message taken in from `channel`, if any is remembered. */
  lastMessageTs(channel: string): string | undefined {
    const key = this.lastKey.get(`msg:${channel}:`, `msg:${channel};`);
    return key ? key.slice(`msg:${channel}:`.length) : undefined;
  }

  /**
   * Forgets events older than `before` (Slack retries for about an hour at most), and taken messages older than
   * `messagesBefore`, except each channel's newest, which tells the start-up catch-up where to read from.
   */
  forgetBefore(before: string, messagesBefore: string): number {
    return this.prune.run(before, messagesBefore).changes;
  }
}
