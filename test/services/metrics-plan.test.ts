// The SOC metrics read the period they report on, never the whole history: every query behind /metrics,
// /vigil stats and App Home is planned (on the migrated schema) as index searches, with no full scan of a
// table that grows with every alert.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { METRICS_QUERIES } from '../../src/services/metrics.js';

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
});
