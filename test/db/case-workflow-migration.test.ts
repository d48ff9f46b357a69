// Migration 0009 names the workflow that works each case. A database written before it (at 0008) comes up
// with every existing case assigned to the workflow that opened it, so a restart after the upgrade still
// finds an unfinished offboarding or onboarding among its own cases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';

const migrations = path.resolve('db/migrations');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database file migrated only as far as `lastTag`, as an older release left it. */
function databaseAt(lastTag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-migration-'));
  dirs.push(dir);
  const folder = path.join(dir, 'migrations');
  fs.cpSync(migrations, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const file = path.join(dir, 'vigil.db');
  const sqlite = new BetterSqlite3(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
  return file;
}

describe('migration 0009 (case workflow)', () => {
  it('assigns the cases an older release opened to triage, offboarding and onboarding', () => {
    const file = databaseAt('0008_metrics_windows');
    const old = new BetterSqlite3(file);
    const at = '2026-11-01T10:00:00.000Z';
    const openCase = old.prepare(
      `INSERT INTO cases (title, severity, status, requested_by, fingerprint, created_at, updated_at)
       VALUES (?, 'high', ?, 'U0ALICE001', ?, ?, ?) RETURNING id`,
    );
    const id = (title: string, status: string, fingerprint: string | null) =>
      (openCase.get(title, status, fingerprint, at, at) as { id: number }).id;
    const triage = id('Beaconing to C2', 'triage', 'json:rule-1:198.51.100.7');
    const offboarding = id('Offboard @victor', 'failed', null);
    const onboarding = id('Onboard Dana as analyst', 'triage', 'onboard:dana@example.com:analyst');
    // A case with no fingerprint and no offboarding request is not guessed to be an offboarding.
    const unknown = id('Something else', 'triage', null);
    old
      .prepare(
        `INSERT INTO audit_events (at, case_id, type, actor, data, prev_hash, hash)
         VALUES (?, ?, 'offboarding.requested', 'U0ALICE001', '{}', 'x', 'y')`,
      )
      .run(at, offboarding);
    old.close();

    const db = openDatabase(file);
    const cases = new CasesRepository(db.orm, db.sqlite);
    expect(cases.get(triage)?.workflow).toBe('triage');
    expect(cases.get(offboarding)?.workflow).toBe('offboarding');
    expect(cases.get(onboarding)?.workflow).toBe('onboarding');
    expect(cases.get(unknown)?.workflow).toBe('triage');
    expect(cases.listUnfinished('offboarding').map((row) => row.id)).toEqual([offboarding]);
    expect(cases.listUnfinished('onboarding').map((row) => row.id)).toEqual([onboarding]);
    db.close();
  });
});
