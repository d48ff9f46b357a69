// One Vigil process per data directory. Two processes on one set of SQLite files would each reconcile, resume
// approvals and call vendors for the same action, so a process holds an exclusive SQLite lock on
// `vigil.lock` for as long as it runs; the operating system lets go of it when the process ends, however it
// ends (SIGKILL included), so a crash never leaves a stale lock behind.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { ConfigError } from './errors.js';

export interface DataDirLock {
  release(): void;
}

/** A better-sqlite3 error's code (`SQLITE_BUSY`, …). */
const SqliteError = z.object({ code: z.string() });

/** Who holds the lock, written beside it for the message a second process prints. */
const HOLDER_FILE = 'vigil.pid';

/**
 * Takes the data directory's lock, or throws a ConfigError naming the process that holds it. Never waits:
 * a second process that starts while the first still runs is refused at once.
 */
export function lockDataDir(dir: string, now: Date = new Date()): DataDirLock {
  const file = path.join(dir, 'vigil.lock');
  const lock = new BetterSqlite3(file, { timeout: 0 });
  try {
    // An uncommitted exclusive transaction holds SQLite's exclusive lock on the file until the connection
    // closes; any other connection, in this process or another, gets SQLITE_BUSY.
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (SqliteError.safeParse(error).data?.code !== 'SQLITE_BUSY') throw error;
    throw new ConfigError(
      `VIGIL_DATA_DIR ${dir} is in use by another Vigil process${holderOf(dir)}: stop it first (one process per data directory), or give this one its own VIGIL_DATA_DIR.`,
    );
  }
  try {
    fs.writeFileSync(path.join(dir, HOLDER_FILE), `${process.pid} ${now.toISOString()}\n`);
  } catch (error) {
    lock.close();
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      lock.close();
    },
  };
}

/** ` (pid 123, started 2026-…)` from the holder file, or nothing when it cannot be read. */
function holderOf(dir: string): string {
  try {
    const [pid, since] = fs.readFileSync(path.join(dir, HOLDER_FILE), 'utf8').trim().split(' ');
    return pid && since ? ` (pid ${pid}, started ${since})` : '';
  } catch {
    return '';
  }
}
