// The IP blocklist that Vigil serves to firewalls as an external dynamic list.
import { asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { blocklistEntries } from '../schema.js';

export type BlocklistEntry = typeof blocklistEntries.$inferSelect;

export class BlocklistRepository {
  // Every block goes through `add`: its statements are prepared once.
  private readonly byIp;
  private readonly insertEntry;
  private readonly replaceEntry;
  private readonly extendEntry;

  constructor(private readonly orm: Orm) {
    const ip = eq(blocklistEntries.ip, sql.placeholder('ip'));
    const entry = {
      ip: sql.placeholder('ip'),
      caseId: sql.placeholder('caseId'),
      actionId: sql.placeholder('actionId'),
      addedAt: sql.placeholder('addedAt'),
      expiresAt: sql.placeholder('expiresAt'),
    };
    this.byIp = orm.select().from(blocklistEntries).where(ip).prepare();
    this.insertEntry = orm.insert(blocklistEntries).values(entry).prepare();
    // An update's values are SQL wrapping the placeholders (drizzle types `set` without placeholders).
    const value = (name: string) => sql`${sql.placeholder(name)}`;
    this.replaceEntry = orm
      .update(blocklistEntries)
      .set({
        caseId: value('caseId'),
        actionId: value('actionId'),
        addedAt: value('addedAt'),
        expiresAt: value('expiresAt'),
      })
      .where(ip)
      .prepare();
    this.extendEntry = orm
      .update(blocklistEntries)
      .set({ expiresAt: value('expiresAt') })
      .where(ip)
      .prepare();
  }

  /**
   * Puts the IP on the list. A lapsed entry is replaced; a live one is kept (its owner stays) and lasts as
   * long as the longer of the two blocks. Returns whether the IP was not already blocked at `entry.addedAt`.
   * One IMMEDIATE transaction: it takes the write lock before reading, so replicas on one database file add
   * an IP one after the other (the later one waits out `busy_timeout`, then finds the earlier one's entry).
   */
  add(entry: typeof blocklistEntries.$inferInsert): boolean {
    const values = {
      ip: entry.ip,
      caseId: entry.caseId ?? null,
      actionId: entry.actionId ?? null,
      addedAt: entry.addedAt,
      expiresAt: entry.expiresAt ?? null,
    };
    return this.orm.transaction(
      () => {
        const now = entry.addedAt;
        const existing = this.byIp.get({ ip: entry.ip });
        const live = existing !== undefined && (existing.expiresAt === null || existing.expiresAt > now);
        if (!existing) {
          this.insertEntry.run(values);
        } else if (!live) {
          this.replaceEntry.run(values);
        } else if (existing.expiresAt !== null && values.expiresAt !== existing.expiresAt) {
          const later =
            values.expiresAt === null
              ? null
              : values.expiresAt > existing.expiresAt
                ? values.expiresAt
                : existing.expiresAt;
          this.extendEntry.run({ ip: entry.ip, expiresAt: later });
        }
        return !live;
      },
      { behavior: 'immediate' },
    );
  }

  /**
   * Takes the IP off the list, whichever action's block put it there (the caller has checked that no other
   * action still holds it); returns whether it was on the list.
   */
  remove(ip: string): boolean {
    const removed = this.orm.delete(blocklistEntries).where(eq(blocklistEntries.ip, ip)).returning().get();
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
