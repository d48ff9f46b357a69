// The IP blocklist that Vigil serves to firewalls as an external dynamic list.
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { blocklistEntries } from '../schema.js';

export type BlocklistEntry = typeof blocklistEntries.$inferSelect;

export class BlocklistRepository {
  constructor(private readonly orm: Orm) {}

  /**
   * Puts the IP on the list. A lapsed entry is replaced; a live one is kept (its owner stays) and lasts as
   * long as the longer of the two blocks. Returns whether the IP was not already blocked at `entry.addedAt`.
   * One IMMEDIATE transaction: it takes the write lock before reading, so replicas on one database file add
   * an IP one after the other (the later one waits out `busy_timeout`, then finds the earlier one's entry).
   */
  add(entry: typeof blocklistEntries.$inferInsert): boolean {
    return this.orm.transaction(
      (tx) => {
        const now = entry.addedAt;
        const existing = tx.select().from(blocklistEntries).where(eq(blocklistEntries.ip, entry.ip)).get();
        const live = existing !== undefined && (existing.expiresAt === null || existing.expiresAt > now);
        if (!existing) {
          tx.insert(blocklistEntries).values(entry).run();
        } else if (!live) {
          tx.update(blocklistEntries).set(entry).where(eq(blocklistEntries.ip, entry.ip)).run();
        } else if (existing.expiresAt !== null && (entry.expiresAt ?? null) !== existing.expiresAt) {
          const later =
            entry.expiresAt === null || entry.expiresAt === undefined
              ? null
              : entry.expiresAt > existing.expiresAt
                ? entry.expiresAt
                : existing.expiresAt;
          tx.update(blocklistEntries)
            .set({ expiresAt: later })
            .where(eq(blocklistEntries.ip, entry.ip))
            .run();
        }
        return !live;
      },
      { behavior: 'immediate' },
    );
  }

  /** Takes the IP off the list if this action's block is the one in force; returns whether it was. */
  remove(ip: string, actionId: string): boolean {
    const removed = this.orm
      .delete(blocklistEntries)
      .where(and(eq(blocklistEntries.ip, ip), eq(blocklistEntries.actionId, actionId)))
      .returning()
      .get();
    return removed !== undefined;
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
