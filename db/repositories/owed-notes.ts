// Thread notes intake owes existing cases, recorded in the batch's own transaction (one row per batch that owes
// any) so that a stop before Slack is told loses none: each case records the row through which it was told, and
// the start-up reconcile tells what is still owed.
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';

/** One case's note (or linked-alert lines, `title` null) owed by a batch: at most 10 lines, `more` beyond. */
export const OwedNote = z.object({
  caseId: z.number().int(),
  title: z.string().nullable(),
  lines: z.array(z.string()),
  more: z.number().int().min(0),
});
export type OwedNote = z.infer<typeof OwedNote>;

const OwedNotes = z.array(OwedNote);

export class OwedNotesRepository {
  private readonly insert: BetterSqlite3.Statement<[string, string]>;
  private readonly last: BetterSqlite3.Statement<[], number | null>;
  private readonly told: BetterSqlite3.Statement<[number, number, number]>;
  private readonly owed: BetterSqlite3.Statement<[], { id: number; notes: string }>;
  private readonly prune: BetterSqlite3.Statement<[]>;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare('INSERT INTO owed_notes (created_at, notes) VALUES (?, ?)');
    this.last = sqlite.prepare<[], number | null>('SELECT max(id) FROM owed_notes').pluck();
    this.told = sqlite.prepare(
      'UPDATE cases SET told_through = ? WHERE id = ? AND coalesce(told_through, 0) < ?',
    );
    this.owed = sqlite.prepare<[], { id: number; notes: string }>(
      'SELECT id, notes FROM owed_notes ORDER BY id',
    );
    // A row is done once every case it names was told through it.
    this.prune = sqlite.prepare(
      `DELETE FROM owed_notes WHERE NOT EXISTS (
         SELECT 1 FROM json_each(owed_notes.notes) AS e
         JOIN cases AS c ON c.id = json_extract(e.value, '$.caseId')
         WHERE coalesce(c.told_through, 0) < owed_notes.id)`,
    );
  }

  /** Records a batch's owed notes (inside its transaction). */
  add(notes: readonly OwedNote[], at: string): void {
    if (notes.length) this.insert.run(at, JSON.stringify(notes));
  }

  /** The newest row's id (0 when none): what a case told now of everything announced so far is told through. */
  lastId(): number {
    return this.last.get() ?? 0;
  }

  /** Records that the case's thread was told everything owed it through row `id`. */
  toldThrough(caseId: number, id: number): void {
    if (id > 0) this.told.run(id, caseId, id);
  }

  /** Deletes the rows every case of which was told, then returns the notes still owed, oldest first. */
  listOwed(): OwedNote[] {
    this.prune.run();
    const toldThrough = this.sqlite
      .prepare<[number], number | null>('SELECT coalesce(told_through, 0) FROM cases WHERE id = ?')
      .pluck();
    const owed: OwedNote[] = [];
    for (const row of this.owed.all()) {
      for (const note of OwedNotes.parse(JSON.parse(row.notes))) {
        if ((toldThrough.get(note.caseId) ?? 0) < row.id) owed.push(note);
      }
    }
    return owed;
  }

  /** Deletes the rows every case of which was told (hourly, with retention). */
  forgetTold(): number {
    return this.prune.run().changes;
  }
}
