// SOC metrics from the store: time to evidence, time to triage, approval wait, analyst touches per case
// and the share of executed actions whose audit evidence is complete. One computation feeds `/vigil stats`,
// App Home and the Prometheus `/metrics` endpoint.
import type BetterSqlite3 from 'better-sqlite3';
import {
  collectDefaultMetrics,
  Gauge,
  Registry,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';
import { ANALYST_TOUCH } from '../../db/schema.js';

export interface Distribution {
  /** How many cases (or approvals) the figures cover. */
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface SocMetrics {
  /** Start of the period the figures cover (ISO). */
  since: string;
  cases: { opened: number; open: number; resolved: number; failed: number };
  alerts: { received: number; repeats: number; linked: number; unparsed: number };
  timeToEvidence: Distribution;
  timeToTriage: Distribution;
  approvalWait: Distribution;
  pendingApprovals: number;
  /** Human interactions (alerts brought in by hand, decisions, refusals) per case that had any. */
  analystTouchesPerCase: number | null;
  actions: { executed: number; withCompleteEvidence: number };
}

const span = (from: string, to: string) => `(julianday(${to}) - julianday(${from})) * 86400`;

/**
 * Every query behind the figures; `?` is the start of the period. Each reads the period through an index on its
 * time column (or, for an action's evidence, its case's audit rows), never the whole history: the store only
 * grows, and a scrape or App Home blocks the event loop while it runs (test/services/metrics.test.ts).
 */
export const METRICS_QUERIES = {
  cases: `SELECT count(*) AS opened,
              coalesce(sum(status IN ('triage', 'awaiting_approval')), 0) AS open,
              coalesce(sum(status = 'resolved'), 0) AS resolved,
              coalesce(sum(status = 'failed'), 0) AS failed
       FROM cases WHERE created_at >= ?`,
  alerts: `SELECT count(*) AS received,
              coalesce(sum(relation = 'repeat'), 0) AS repeats,
              coalesce(sum(relation = 'linked'), 0) AS linked,
              coalesce(sum(status = 'unparsed'), 0) AS unparsed
       FROM alerts WHERE received_at >= ?`,
  // Through the partial index of the rows people made (its condition stated as the index states it).
  touches: `SELECT count(*) AS touches, count(DISTINCT case_id) AS cases
       FROM audit_events WHERE at >= ? AND case_id IS NOT NULL AND ${ANALYST_TOUCH}`,
  // An action's evidence is looked for among its own case's audit rows (every one of them names the case).
  actions: `SELECT count(*) AS executed,
              coalesce(sum(
                EXISTS (SELECT 1 FROM audit_events s WHERE s.case_id = a.case_id AND s.type = 'action.started'
                          AND json_extract(s.data, '$.actionId') = a.id AND json_extract(s.data, '$.requestDigest') IS NOT NULL)
                AND EXISTS (SELECT 1 FROM audit_events e WHERE e.case_id = a.case_id AND e.type = 'action.executed'
                          AND json_extract(e.data, '$.actionId') = a.id AND json_extract(e.data, '$.responseDigest') IS NOT NULL)
                AND (a.approval_id IS NULL OR EXISTS (SELECT 1 FROM audit_events d WHERE d.case_id = a.case_id
                          AND d.type = 'approval.decided' AND json_extract(d.data, '$.approvalId') = a.approval_id))
              ), 0) AS withCompleteEvidence
       FROM actions a WHERE a.status = 'done' AND a.created_at >= ?`,
  timeToEvidence: `SELECT ${span('created_at', 'evidence_at')} FROM cases WHERE created_at >= ? AND evidence_at IS NOT NULL`,
  timeToTriage: `SELECT ${span('created_at', 'triaged_at')} FROM cases WHERE created_at >= ? AND triaged_at IS NOT NULL`,
  approvalWait: `SELECT ${span('requested_at', 'decided_at')} FROM approvals WHERE requested_at >= ? AND decided_at IS NOT NULL`,
  pendingApprovals: "SELECT count(*) AS n FROM approvals WHERE status = 'pending'",
} as const;

/** How old the figures App Home, `/vigil stats` and a scrape share may be before one of them recomputes. */
export const METRICS_MAX_AGE_MS = 10_000;

export class MetricsService {
  private cached: { at: number; metrics: SocMetrics } | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly clock: () => Date,
    private readonly maxAgeMs = METRICS_MAX_AGE_MS,
  ) {}

  /**
   * The last 30 days' figures, computed at most once per `maxAgeMs` for every surface together: a computation
   * holds the event loop (about 0.2 s over 300,000 alerts, `npm run bench:metrics`), so a team opening App Home
   * at once, or a scrape beside them, must not each pay for one.
   */
  current(): SocMetrics {
    const now = performance.now();
    if (!this.cached || now - this.cached.at >= this.maxAgeMs) {
      this.cached = { at: now, metrics: this.compute() };
    }
    return this.cached.metrics;
  }

  /** Figures for the last `days` days. */
  compute(days = 30): SocMetrics {
    const since = new Date(this.clock().getTime() - days * 86_400_000).toISOString();
    const one = <T>(sql: string, ...args: unknown[]): T => {
      const row = this.sqlite.prepare<unknown[], T>(sql).get(...args);
      if (row === undefined) throw new Error(`metrics query returned no row: ${sql.slice(0, 60)}`);
      return row;
    };
    const seconds = (sql: string): Distribution => {
      const values = this.sqlite
        .prepare<[string], number | null>(sql)
        .pluck()
        .all(since)
        .filter((v): v is number => typeof v === 'number' && v >= 0)
        .sort((a, b) => a - b);
      // Nearest rank: the smallest value with at least q of them at or below it (the median of 1…10 is 5, the
      // 90th percentile 9, not the maximum).
      const at = (q: number) =>
        values.length ? (values[Math.max(0, Math.ceil(q * values.length) - 1)] ?? null) : null;
      return { count: values.length, p50Seconds: at(0.5), p90Seconds: at(0.9) };
    };
    const q = METRICS_QUERIES;
    const touches = one<{ touches: number; cases: number }>(q.touches, since);
    return {
      since,
      cases: one<SocMetrics['cases']>(q.cases, since),
      alerts: one<SocMetrics['alerts']>(q.alerts, since),
      timeToEvidence: seconds(q.timeToEvidence),
      timeToTriage: seconds(q.timeToTriage),
      approvalWait: seconds(q.approvalWait),
      pendingApprovals: one<{ n: number }>(q.pendingApprovals).n,
      analystTouchesPerCase: touches.cases ? touches.touches / touches.cases : null,
      actions: one<SocMetrics['actions']>(q.actions, since),
    };
  }

  /** A Prometheus registry whose gauges read the shared figures at scrape time. */
  registry(): Registry {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
    const current = (): SocMetrics => this.current();
    const gauge = (
      name: string,
      help: string,
      labelNames: string[],
      read: (m: SocMetrics, g: Gauge) => void,
    ) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        collect() {
          this.reset();
          read(current(), this);
        },
      });
    const put = (g: Gauge, labels: Record<string, string>, value: number | null) => {
      if (value !== null) g.set(labels, value);
    };

    gauge('vigil_cases', 'Cases opened in the last 30 days, by status.', ['status'], (m, g) => {
      g.set({ status: 'open' }, m.cases.open);
      g.set({ status: 'resolved' }, m.cases.resolved);
      g.set({ status: 'failed' }, m.cases.failed);
    });
    gauge(
      'vigil_alerts',
      'Alerts received in the last 30 days, by what became of them.',
      ['relation'],
      (m, g) => {
        g.set({ relation: 'all' }, m.alerts.received);
        g.set({ relation: 'repeat' }, m.alerts.repeats);
        g.set({ relation: 'linked' }, m.alerts.linked);
        g.set({ relation: 'unparsed' }, m.alerts.unparsed);
      },
    );
    for (const [key, name, help] of [
      [
        'timeToEvidence',
        'vigil_time_to_evidence_seconds',
        'Seconds from a case opening to its first evidence.',
      ],
      ['timeToTriage', 'vigil_time_to_triage_seconds', 'Seconds from a case opening to its triage decision.'],
      ['approvalWait', 'vigil_approval_wait_seconds', 'Seconds an approval waited for a decision.'],
    ] as const) {
      gauge(name, `${help} Quantiles over the last 30 days.`, ['quantile'], (m, g) => {
        put(g, { quantile: '0.5' }, m[key].p50Seconds);
        put(g, { quantile: '0.9' }, m[key].p90Seconds);
      });
    }
    gauge('vigil_pending_approvals', 'Approvals waiting for a decision now.', [], (m, g) =>
      g.set(m.pendingApprovals),
    );
    // A figure with nothing to measure yet exports no sample: prom-client's gauge would read 0, and "0 % of
    // actions have complete audit evidence" would page whoever alerts on the ratio, on every quiet install.
    const optional = (name: string, help: string, read: (m: SocMetrics) => number | null) => {
      const g: OptionalGauge = new OptionalGauge({
        name,
        help,
        registers: [registry],
        collect: () => {
          const value = read(current());
          g.unknown = value === null;
          g.set(value ?? 0);
        },
      });
    };
    optional(
      'vigil_analyst_touches_per_case',
      'Human interactions per case that had any.',
      (m) => m.analystTouchesPerCase,
    );
    gauge('vigil_actions_executed', 'Actions executed in the last 30 days.', [], (m, g) =>
      g.set(m.actions.executed),
    );
    optional(
      'vigil_actions_audit_complete_ratio',
      'Share of executed actions whose audit chain holds the request and response digests and, where required, the decision.',
      (m) => (m.actions.executed ? m.actions.withCompleteEvidence / m.actions.executed : null),
    );
    return registry;
  }
}

/** A gauge with no labels that exports no sample while its figure is unknown (prom-client's would read 0). */
class OptionalGauge extends Gauge {
  unknown = false;

  override async get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
    const metric = await super.get();
    return this.unknown ? { ...metric, values: [] } : metric;
  }
}
