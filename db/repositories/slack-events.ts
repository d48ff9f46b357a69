// Slack Events API deliveries already handled: Slack retries and other replicas see the claim and skip.
import type BetterSqlite3 from 'better-sqlite3';

export class SlackEventsRepository {
  private readonly insert: BetterSqlite3.Statement<[string, string]>;
  private readonly prune: BetterSqlite3.Statement<[string]>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare(
      'INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.prune = sqlite.prepare('DELETE FROM slack_events WHERE received_at < ?');
  }

  /** True for the first delivery of this event id, false for a repeat. */
  claim(eventId: string, at: string): boolean {
    return this.insert.run(eventId, at).changes === 1;
  }

  /** Forgets events older than `before` (Slack retries for about an hour at most). */
  forgetBefore(before: string): number {
    return this.prune.run(before).changes;
  }
}
