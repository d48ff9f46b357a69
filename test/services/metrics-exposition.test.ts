// What Prometheus scrapes from /metrics must say what `/vigil stats` says, and the quantiles
// it exports must be the quantiles of the recorded figures.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { MetricsService } from '../../src/services/metrics.js';
import { statsLines } from '../../src/slack/blocks/stats.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const clock = () => NOW;

describe('/metrics on a Vigil that has not acted yet', () => {
  it('exports no audit-completeness ratio and no touches figure when there is nothing to measure, as /vigil stats says', async () => {
    const db = openDatabase(':memory:');
    const metrics = new MetricsService(db.sqlite, clock, 0);
    // `/vigil stats` says there is nothing to measure ...
    const stats = statsLines(metrics.current()).join('\n');
    expect(stats).toContain('*Actions with complete audit evidence* no actions yet');
    expect(stats).toContain('*Analyst touches per case* —');
    // ... so Prometheus must not be told that 0% of actions have complete audit evidence (an alert rule such
    // as `vigil_actions_audit_complete_ratio < 1` would page the SOC on every quiet install), nor 0 touches.
    const text = await metrics.registry().metrics();
    const series = text
      .split('\n')
      .filter((l) => /^vigil_(actions_audit_complete_ratio|analyst_touches_per_case)\b/.test(l));
    expect(series).toEqual([]);
    db.close();
  });
});

describe('quantiles', () => {
  it('reports the nearest-rank median and p90 of the recorded times to triage', async () => {
    const db = openDatabase(':memory:');
    const cases = new CasesRepository(db.orm, db.sqlite);
    const opened = new Date(NOW.getTime() - 3_600_000);
    // Ten cases triaged 1 s, 2 s, ... 10 s after they opened.
    for (let s = 1; s <= 10; s++) {
      const c = cases.create({
        title: `case ${s}`,
        severity: 'high',
        requestedBy: 'webhook',
        at: opened.toISOString(),
      });
      cases.update(
        c.id,
        { triagedAt: new Date(opened.getTime() + s * 1000).toISOString() },
        opened.toISOString(),
      );
    }
    const m = new MetricsService(db.sqlite, clock, 0).current();
    expect(m.timeToTriage.count).toBe(10);
    // Nearest rank: the median of 1..10 is the 5th value and p90 the 9th; the maximum is no 90th percentile.
    const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
    expect({ p50: round(m.timeToTriage.p50Seconds), p90: round(m.timeToTriage.p90Seconds) }).toEqual({
      p50: 5,
      p90: 9,
    });
    db.close();
  });
});
