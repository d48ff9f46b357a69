// The listings people open again and again, planned on the migrated schema: a plan that reads a table growing
// with every case or action ever recorded costs more every day Vigil runs (as test/services/metrics.test.ts
// holds for the metrics queries). Open cases are read through their own partial index, a case's actions by case.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { ActionsRepository } from '../../db/repositories/actions.js';
import { CasesRepository } from '../../db/repositories/cases.js';

/** The query plan of every SELECT `call` prepares (the repositories' constructors included) against a fresh database. */
function plansOf(call: (repos: { cases: CasesRepository; actions: ActionsRepository }) => unknown): string[] {
  const db = openDatabase(':memory:');
  const prepared: string[] = [];
  const prepare = db.sqlite.prepare.bind(db.sqlite);
  db.sqlite.prepare = ((source: string) => {
    prepared.push(source);
    return prepare(source);
  }) as typeof db.sqlite.prepare;
  try {
    call({ cases: new CasesRepository(db.orm, db.sqlite), actions: new ActionsRepository(db.orm) });
    return prepared
      .filter((source) => /^\s*select/i.test(source))
      .map((source) => {
        const params = (source.match(/\?/g) ?? []).map(() => 'x');
        const steps = prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as Array<{ detail: string }>;
        return `${source}\n  ${steps.map((s) => s.detail).join(' | ')}`;
      });
  } finally {
    db.close();
  }
}

/** Plans that read every row of cases or actions (a scan of the open cases' partial index reads only those). */
const fullScans = (plans: string[]) =>
  plans.filter((p) =>
    /\n {2}(.* \| )?SCAN (cases|actions)\b(?! USING (COVERING )?INDEX cases_open_idx)/.test(p),
  );

describe('hot query plans', () => {
  it('App Home and /vigil cases list and count the open cases on their own index', () => {
    const plans = plansOf(({ cases }) => {
      cases.listOpen(20);
      cases.countOpen();
    });
    expect(fullScans(plans), plans.join('\n')).toEqual([]);
    expect(plans.filter((p) => p.includes('cases_open_idx'))).toHaveLength(2);
  });

  it('finds a case’s actions (after every decision, by /vigil case and the evidence pack) by index', () => {
    const plans = plansOf(({ actions }) => actions.forCase(42));
    expect(fullScans(plans), plans.join('\n')).toEqual([]);
  });
});
