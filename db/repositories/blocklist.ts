// The IP blocklist that Vigil serves to firewalls as an external dynamic list.
import { asc, gt, isNull, or } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { blocklistEntries } from '../schema.js';

export type BlocklistEntry = typeof blocklistEntries.$inferSelect;

export class BlocklistRepository {
  constructor(private readonly orm: Orm) {}

  /** Adds the IP (or extends its entry); returns whether it was newly added. */
  add(entry: typeof blocklistEntries.$inferInsert): boolean {
    const inserted = this.orm.insert(blocklistEntries).values(entry).onConflictDoNothing().returning().get();
    return inserted !== undefined;
  }

  /** Entries in force at `now`, in a stable order. */
  active(now: string): BlocklistEntry[] {
    return this.orm
      .select()
      .from(blocklistEntries)
      .where(or(isNull(blocklistEntries.expiresAt), gt(blocklistEntries.expiresAt, now)))
      .orderBy(asc(blocklistEntries.addedAt), asc(blocklistEntries.ip))
      .all();
  }
}
