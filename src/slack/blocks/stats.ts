// Words and numbers for the SOC metrics, shared by `/vigil stats` and App Home.
import type { Distribution, SocMetrics } from '../../services/metrics.js';

/** A duration in the unit a person reads it in: 40 ms, 2.5 s, 12 min, 3.0 h. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  // Machine steps (time to evidence) take milliseconds: "0.0 s" would read as not measured.
  if (seconds < 0.95) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const dist = (d: Distribution) =>
  `median ${formatSeconds(d.p50Seconds)}, p90 ${formatSeconds(d.p90Seconds)} (${d.count})`;

export function statsLines(m: SocMetrics): string[] {
  const a = m.actions;
  const evidence = a.executed
    ? `${Math.round((a.withCompleteEvidence / a.executed) * 100)}% of ${a.executed}`
    : 'no actions yet';
  return [
    `*Cases* ${m.cases.opened} opened · ${m.cases.open} open · ${m.cases.resolved} resolved · ${m.cases.failed} failed`,
    `*Alerts* ${m.alerts.received} received · ${m.alerts.repeats} repeats · ${m.alerts.linked} linked · ${m.alerts.unparsed} unreadable`,
    `*Time to evidence* ${dist(m.timeToEvidence)}`,
    `*Time to triage* ${dist(m.timeToTriage)}`,
    `*Approval wait* ${dist(m.approvalWait)} · ${m.pendingApprovals} waiting now`,
    `*Analyst touches per case* ${m.analystTouchesPerCase === null ? '—' : m.analystTouchesPerCase.toFixed(1)}`,
    `*Actions with complete audit evidence* ${evidence}`,
  ];
}
