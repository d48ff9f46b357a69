// open-ticket: the high-severity ticket workflow. A high or critical alert gets an issue in the tracker (summary
// `High-Severity Alert: <name>`, priority Highest, the alert's details and Vigil's triage context), its link
// in the thread, and the alert ↔ ticket pair recorded. Recorded first, keyed so a re-run never opens two.
import type { TicketBlock } from '../../../connectors/types.js';
import { canonicalJson, digest } from '../../lib/digest.js';
import { actionIdFor, actionKeyFor } from '../action-binding.js';
import { CaseTicket } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** The severities that open a ticket. */
const TICKETED = new Set(['high', 'critical']);

export const ticketTitle = (alertTitle: string) => `High-Severity Alert: ${alertTitle}`;

function bodyOf(state: TriageStateValue): TicketBlock[] {
  const { alert, classification, validation } = state;
  if (!alert) return [];
  const o = alert.observables;
  const list = (label: string, values: string[]) => (values.length ? [`${label}: ${values.join(', ')}`] : []);
  const blocks: TicketBlock[] = [
    { type: 'paragraph', text: `Vigil case VIG-${state.caseId} · alert ${state.alertId}` },
    { type: 'heading', text: 'Alert' },
    {
      type: 'bullets',
      items: [
        `Name: ${alert.title}`,
        `Severity: ${alert.severity}`,
        `Source format: ${alert.format} (${alert.recognizedBy})`,
        ...(alert.observedAt ? [`Observed at: ${alert.observedAt}`] : []),
        ...(alert.ruleId ? [`Rule: ${alert.ruleId}`] : []),
        ...list('Source IPs', o.srcIps),
        ...list('Destination IPs', o.dstIps),
        ...list('Users', o.users),
        ...list('Hosts', o.hosts),
        ...list('Domains', o.domains),
        ...list('File hashes', o.hashes),
      ],
    },
  ];
  if (classification) {
    blocks.push(
      { type: 'heading', text: 'Triage' },
      {
        type: 'bullets',
        items: [
          `Family: ${classification.family}, playbook: ${classification.playbook}`,
          ...classification.reasons,
        ],
      },
    );
  }
  if (validation) {
    blocks.push(
      { type: 'heading', text: 'Validation' },
      {
        type: 'bullets',
        items: [
          `Confidence ${validation.confidence.toFixed(2)} in ${validation.environment}`,
          ...validation.reasons,
          ...validation.exceptions.map((e) => `Exception: ${e.subject}: ${e.detail}`),
        ],
      },
    );
  }
  const facts = state.evidence.filter((f) => !('error' in f.fact));
  if (facts.length) {
    blocks.push(
      { type: 'heading', text: 'Evidence' },
      {
        type: 'bullets',
        items: facts
          .slice(0, 40)
          .map(
            (f) => `${f.subject} · ${f.source} at ${f.observedAt}: ${canonicalJson(f.fact).slice(0, 300)}`,
          ),
      },
    );
  }
  return blocks;
}

export function makeOpenTicket(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { alert } = state;
    const ticketing = deps.ticketing;
    if (!alert || !TICKETED.has(alert.severity) || !ticketing) return { ticket: null };
    const severity = alert.severity === 'critical' ? 'critical' : 'high';
    const key = actionKeyFor(state.caseId, `ticket:${state.alertId}`);
    const at = deps.clock().toISOString();
    const request = {
      title: ticketTitle(alert.title),
      body: bodyOf(state),
      caseId: state.caseId,
      severity,
      priority: 'Highest',
      labels: ['high-severity', state.classification?.playbook ?? 'observe'],
      idempotencyKey: key,
    } as const;
    const row = deps.actions.claim({
      id: actionIdFor(key),
      idempotencyKey: key,
      caseId: state.caseId,
      approvalId: null,
      kind: 'open_ticket',
      target: state.alertId,
      request: canonicalJson({ title: request.title, priority: request.priority, labels: request.labels }),
      expiresAt: null,
      createdAt: at,
    });
    if (row.status === 'done' && row.result) return { ticket: CaseTicket.parse(JSON.parse(row.result)) };
    deps.actions.markRunning(row.id, at);
    try {
      const created = await ticketing.createTicket({ ...request, labels: [...request.labels] });
      const ticket: CaseTicket = { key: created.key, url: created.url, created: created.created };
      deps.tickets.record({
        key: created.key,
        trackerId: created.id,
        url: created.url,
        tracker: ticketing.name,
        caseId: state.caseId,
        alertId: state.alertId,
        createdAt: deps.clock().toISOString(),
      });
      deps.actions.markDone(row.id, canonicalJson(ticket), deps.clock().toISOString());
      deps.audit.append({
        type: 'ticket.created',
        actor: ticketing.name,
        caseId: state.caseId,
        data: {
          alertId: state.alertId,
          ticketKey: created.key,
          ticketId: created.id,
          url: created.url,
          reusedExisting: !created.created,
          requestDigest: digest(request),
          responseDigest: digest(created),
        },
      });
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Ticket',
        text: `Opened ${created.key} in ${ticketing.name} (priority Highest): ${created.url}`,
      });
      return { ticket };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.actions.markFailed(row.id, message, deps.clock().toISOString());
      deps.audit.append({
        type: 'ticket.failed',
        actor: ticketing.name,
        caseId: state.caseId,
        data: { alertId: state.alertId, error: message, requestDigest: digest(request) },
      });
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Ticket',
        text: `Could not open a ticket in ${ticketing.name}: ${message}. Triage goes on; open one by hand.`,
      });
      return { ticket: null };
    }
  };
}
