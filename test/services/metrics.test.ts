// The SOC metrics read the period they report on, never the whole history: every query behind /metrics,
// /vigil stats and App Home is planned (on the migrated schema) as index searches, with no full scan of a
// table that grows with every alert. App Home, /vigil stats and a scrape share one computation for a while.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { METRICS_QUERIES, MetricsService } from '../../src/services/metrics.js';

function plan(sql: string): string[] {
  const db = openDatabase(':memory:');
  try {
    const params = (sql.match(/\?/g) ?? []).map(() => '2026-01-01T00:00:00.000Z');
    return db.sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  } finally {
    db.close();
  }
}

describe('metrics queries', () => {
  it.each(Object.entries(METRICS_QUERIES))(
    '%s searches an index instead of scanning a growing table',
    (_name, sql) => {
      const steps = plan(sql);
      // Every table Vigil queries here grows with each alert: a full scan gets slower every day it runs.
      const scans = steps.filter((step) => step.startsWith('SCAN '));
      expect(scans, steps.join('\n')).toEqual([]);
    },
  );

  it('counts analyst touches from the partial index of rows people made, not from every fact of the period', () => {
    expect(plan(METRICS_QUERIES.touches).join('\n')).toContain('USING INDEX audit_events_touch_idx');
  });

  it('counts the period’s alerts from the index alone, without reading a row', () => {
    expect(plan(METRICS_QUERIES.alerts).join('\n')).toContain('USING COVERING INDEX alerts_received_idx');
  });
});

describe('shared figures', () => {
  it('computes once for every surface within the maximum age, and afresh after it', () => {
    const db = openDatabase(':memory:');
    const clock = () => new Date('2026-11-22T12:00:00.000Z');
    const cases = new CasesRepository(db.orm, db.sqlite);
    const open = () =>
      cases.create({
        title: 'Beaconing',
        severity: 'high',
        requestedBy: 'webhook',
        at: clock().toISOString(),
      });
    open();
    const shared = new MetricsService(db.sqlite, clock, 60_000);
    const first = shared.current();
    open();
    // App Home, /vigil stats and a scrape within the minute share one computation.
    expect(shared.current()).toBe(first);
    expect(first.cases.opened).toBe(1);
    const fresh = new MetricsService(db.sqlite, clock, 0);
    fresh.current();
    expect(fresh.current().cases.opened).toBe(2);
    db.close();
  });
});
