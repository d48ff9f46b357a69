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
   */
  add(entry: typeof blocklistEntries.$inferInsert): boolean {
    const now = entry.addedAt;
    const existing = this.orm.select().from(blocklistEntries).where(eq(blocklistEntries.ip, entry.ip)).get();
    const live = existing !== undefined && (existing.expiresAt === null || existing.expiresAt > now);
    if (!existing) {
      this.orm.insert(blocklistEntries).values(entry).run();
    } else if (!live) {
      this.orm.update(blocklistEntries).set(entry).where(eq(blocklistEntries.ip, entry.ip)).run();
    } else if (existing.expiresAt !== null && (entry.expiresAt ?? null) !== existing.expiresAt) {
      const later =
        entry.expiresAt === null || entry.expiresAt === undefined
          ? null
          : entry.expiresAt > existing.expiresAt
            ? entry.expiresAt
            : existing.expiresAt;
      this.orm
        .update(blocklistEntries)
        .set({ expiresAt: later })
        .where(eq(blocklistEntries.ip, entry.ip))
        .run();
    }
    return !live;
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
