// WAL checkpoints on a background thread: the writer's own automatic checkpoint is held back, the worker copies the
// WAL into the database file and keeps the WAL from growing under continuous writes, closes before the writer (so
// the writer's close removes the WAL), and hands checkpoints back to the writer if it fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWalCheckpointer, type WalCheckpointer } from '../../db/wal-checkpointer.js';

const open: Array<{ db: BetterSqlite3.Database; checkpoints?: WalCheckpointer }> = [];

function writer(autocheckpoint = 1000): { db: BetterSqlite3.Database; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-wal-')), 'test.db');
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  open.push({ db });
  return { db, file };
}

const insertRows = (db: BetterSqlite3.Database, count: number) => {
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) insert.run(Buffer.alloc(1000, i));
  })();
};

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** Polls (Vitest's waitFor) until `check` holds. */
const until = (check: () => boolean, what: string) =>
  vi.waitFor(() => expect(check(), what).toBe(true), { timeout: 10_000, interval: 10 });

afterEach(async () => {
  for (const { db, checkpoints } of open.splice(0)) {
    await checkpoints?.close();
    if (db.open) db.close();
  }
});

describe('startWalCheckpointer', () => {
  it('copies the WAL into the database file on its own thread, the writer holding its checkpoint back', async () => {
    const { db, file } = writer();
    const checkpoints = startWalCheckpointer([db], { intervalMs: 20 });
    open[0]!.checkpoints = checkpoints;
    expect(checkpoints.files).toEqual([file]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(40_000);

    const before = sizeOf(file);
    insertRows(db, 2000); // about 500 pages: well under the writer's backstop, so only the worker copies them
    expect(sizeOf(file)).toBe(before);
    await until(() => sizeOf(file) > 2_000_000, 'the worker to checkpoint the WAL');
    expect((db.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n).toBe(2000);
  });

  it('keeps the WAL bounded while writes keep coming', async () => {
    const { db, file } = writer();
    const checkpoints = startWalCheckpointer([db], { intervalMs: 10, restartFrames: 500 });
    open[0]!.checkpoints = checkpoints;
    insertRows(db, 100);
    await until(() => sizeOf(file) > 100_000, 'the worker to start');
    // About 30 MB of frames in transactions a millisecond or so apart (intake commits a batch every few): the
    // writer always has frames the last passive pass did not copy, so only the RESTART keeps the WAL short.
    for (let batch = 0; batch < 600; batch += 1) {
      insertRows(db, 50);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(sizeOf(`${file}-wal`)).toBeLessThan(12_000_000);
    await until(() => sizeOf(file) > 30_100_000, 'the last frames to be checkpointed');
  });

  it('closes its connections first, so the writer closing last removes the WAL', async () => {
    const { db, file } = writer();
    const checkpoints = startWalCheckpointer([db], { intervalMs: 20 });
    insertRows(db, 100);
    await checkpoints.close();
    await checkpoints.close(); // a second close is a no-op
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('gives checkpoints back to the writer, and says so, when the worker cannot run', async () => {
    const { db, file } = writer(1234);
    const errors: Error[] = [];
    const checkpoints = startWalCheckpointer([db], { onError: (error) => errors.push(error) });
    open[0]!.checkpoints = checkpoints;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(40_000);
    // The worker opens the file only when its thread has started, and must find it.
    fs.unlinkSync(file);
    await until(() => errors.length > 0, 'the worker to fail');
    expect(errors[0]?.message).toMatch(/^background WAL checkpoint: cannot open .*test\.db: unable to open/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1234);
    expect(errors).toHaveLength(1);
  });

  it('leaves in-memory databases alone', async () => {
    const db = new BetterSqlite3(':memory:');
    const checkpoints = startWalCheckpointer([db]);
    expect(checkpoints.files).toEqual([]);
    await checkpoints.close();
    db.close();
  });
});
