// bench:metrics: how long one computation of the SOC metrics (what /metrics, /vigil stats and App Home show)
// takes on a store with a long history, since it blocks the event loop while it runs. Usage:
//   npm run bench:metrics -- [--days 90] [--alerts-per-day 10000] [--window 30] [--runs 5]
// It writes the history through the committed migrations (alerts, their cases, audit rows, executed actions
// with their evidence), then times MetricsService.compute over the window.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { MetricsService } from '../src/services/metrics.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '90' },
    'alerts-per-day': { type: 'string', default: '10000' },
    window: { type: 'string', default: '30' },
    runs: { type: 'string', default: '5' },
  },
});
const DAYS = Number(values.days);
const PER_DAY = Number(values['alerts-per-day']);
const WINDOW = Number(values.window);
const RUNS = Math.max(1, Number(values.runs));
const NOW = Date.parse('2026-11-22T00:00:00Z');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-metrics-'));
const db = openDatabase(path.join(dir, 'vigil.db'));

/** One alert in ten opens a case, one in fifty leads to an executed, approved action with its evidence. */
function writeHistory(): { alerts: number; auditRows: number } {
  const alert = db.sqlite.prepare(
    `INSERT INTO alerts (id, source, submitted_by, content_type, raw, raw_sha256, status, normalized, fingerprint, case_id, relation, received_at)
     VALUES (?, 'webhook', 'webhook', 'application/json', ?, 'sha', ?, '{}', 'fp', ?, ?, ?)`,
  );
  const opened = db.sqlite.prepare(
    `INSERT INTO cases (title, severity, status, requested_by, created_at, updated_at, evidence_at, triaged_at)
     VALUES ('Synthetic', 'high', ?, 'webhook', ?, ?, ?, ?)`,
  );
  const fact = db.sqlite.prepare(
    `INSERT INTO audit_events (id, at, case_id, type, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'p', 'h')`,
  );
  const action = db.sqlite.prepare(
    `INSERT INTO actions (id, idempotency_key, case_id, kind, target, request, status, created_at, updated_at)
     VALUES (?, ?, ?, 'block_ip', '203.0.113.9', '{}', 'done', ?, ?)`,
  );
  const raw = Buffer.alloc(160, 0x41);
  let alerts = 0;
  let auditRows = 0;
  let caseId = 0;
  for (let day = DAYS; day > 0; day -= 1) {
    db.sqlite.transaction(() => {
      for (let i = 0; i < PER_DAY; i += 1) {
        const at = new Date(NOW - day * 86_400_000 + Math.floor((i * 86_400_000) / PER_DAY)).toISOString();
        if (i % 10 === 0)
          caseId = Number(opened.run(i % 20 === 0 ? 'resolved' : 'triage', at, at, at, at).lastInsertRowid);
        const status = i % 100 === 0 ? 'unparsed' : 'normalized';
        alert.run(`alr_${alerts++}`, raw, status, caseId, i % 10 === 0 ? 'opened' : 'repeat', at);
        fact.run(++auditRows, at, caseId, 'alert.received', 'webhook', '{"alertId":"alr"}');
        fact.run(++auditRows, at, caseId, 'node.completed', 'vigil', '{"node":"classify"}');
        if (i % 50 === 0) {
          const id = `act_${caseId}`;
          action.run(id, `key-${caseId}`, caseId, at, at);
          fact.run(
            ++auditRows,
            at,
            caseId,
            'action.started',
            'vigil',
            JSON.stringify({ actionId: id, requestDigest: 'd' }),
          );
          fact.run(
            ++auditRows,
            at,
            caseId,
            'action.executed',
            'edl',
            JSON.stringify({ actionId: id, responseDigest: 'd' }),
          );
          fact.run(++auditRows, at, caseId, 'approval.decided', 'U0BOB00001', '{"approvalId":"apr"}');
        }
      }
    })();
  }
  return { alerts, auditRows };
}

const t0 = performance.now();
const written = writeHistory();
console.log(
  `bench:metrics: ${written.alerts} alerts over ${DAYS} days (${PER_DAY}/day), ${written.auditRows} audit rows, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const metrics = new MetricsService(db.sqlite, () => new Date(NOW));
const times: number[] = [];
let last = metrics.compute(WINDOW);
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  last = metrics.compute(WINDOW);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `  compute over the last ${WINDOW} days (${last.alerts.received} alerts, ${last.actions.executed} actions): median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms over ${RUNS} runs`,
);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
