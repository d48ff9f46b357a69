// open-ticket: the high-severity ticket workflow. A high or critical alert gets an issue in the tracker (summary
// `High-Severity Alert: <name>`, priority Highest, the alert's details and Vigil's triage context), its link
// in the thread, and the alert ↔ ticket pair recorded. Recorded first (graphs/lib/recorded-action.ts),
// keyed so a re-run never opens two.
import type { TicketBlock } from '../../../connectors/types.js';
import { z } from 'zod';
import { readingOf } from '../../agents/extraction/contract.js';
import { canonicalJson } from '../../lib/digest.js';
import { runRecordedAction } from '../../lib/recorded-action.js';
import { actionKeyFor } from '../action-binding.js';
import { CaseTicket } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** The severities that open a ticket. */
const TICKETED = new Set(['high', 'critical']);

export const ticketTitle = (alertTitle: string) => `High-Severity Alert: ${alertTitle}`;

/**
 * Jira Cloud refuses a description over 32,767 characters: a scan or a spray naming thousands of entities would
 * get no ticket. Each list shows its first values (as many as fit a line, at most 50) and counts the rest, other
 * lines are cut, and the evidence fills what room is left.
 */
const LISTED_VALUES = 50;
const LINE_CHARS = 1_000;
const BODY_CHARS = 30_000;

const cut = (text: string, max = LINE_CHARS) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function bodyOf(state: TriageStateValue): TicketBlock[] {
  const { alert, classification, validation } = state;
  if (!alert) return [];
  const o = alert.observables;
  const list = (label: string, values: string[]) => {
    if (!values.length) return [];
    let line = `${label}: ${cut(values[0] ?? '', 200)}`;
    let shown = 1;
    for (const value of values.slice(1, LISTED_VALUES)) {
      if (line.length + value.length + 2 > LINE_CHARS) break;
      line += `, ${value}`;
      shown += 1;
    }
    const more = values.length - shown;
    return [more > 0 ? `${line} and ${more} more (all in Vigil case VIG-${state.caseId})` : line];
  };
  const blocks: TicketBlock[] = [
    { type: 'paragraph', text: `Vigil case VIG-${state.caseId} · alert ${state.alertId}` },
    { type: 'heading', text: 'Alert' },
    {
      type: 'bullets',
      items: [
        cut(`Name: ${alert.title}`),
        `Severity: ${alert.severity}`,
        `Source format: ${alert.format} (${readingOf(alert)})`,
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
          ...classification.reasons.map((r) => cut(r)),
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
          ...validation.reasons.map((r) => cut(r)),
          ...validation.exceptions.map((e) => cut(`Exception: ${e.subject}: ${e.detail}`)),
        ],
      },
    );
  }
  const facts = state.evidence.filter((f) => !('error' in f.fact));
  let room = BODY_CHARS - textLength(blocks);
  const items: string[] = [];
  for (const f of facts.slice(0, 40)) {
    const item = cut(`${f.subject} · ${f.source} at ${f.observedAt}: ${canonicalJson(f.fact).slice(0, 300)}`);
    if (item.length > room) break;
    items.push(item);
    room -= item.length;
  }
  if (items.length) blocks.push({ type: 'heading', text: 'Evidence' }, { type: 'bullets', items });
  return blocks;
}

/** The characters of text in the blocks, as Jira counts a description's length. */
function textLength(blocks: readonly TicketBlock[]): number {
  return blocks.reduce((n, b) => n + ('items' in b ? b.items.join('').length : b.text.length), 0);
}

/** What the action row keeps of the ticket: enough to find it again after a replay. */
const StoredTicket = CaseTicket.extend({ id: z.string() });

/** Whether the case gets a ticket: a high or critical alert, and a tracker to open it in. */
export const needsTicket = (deps: Pick<TriageDeps, 'ticketing'>, state: TriageStateValue): boolean =>
  Boolean(deps.ticketing && state.alert && TICKETED.has(state.alert.severity));

export function makeOpenTicket(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { alert } = state;
    const ticketing = deps.ticketing;
    if (!alert || !needsTicket(deps, state) || !ticketing) return { ticket: null };
    const severity = alert.severity === 'critical' ? 'critical' : 'high';
    const key = actionKeyFor(state.caseId, `ticket:${state.alertId}`);
    const title = ticketTitle(alert.title);
    const labels = ['high-severity', state.classification?.playbook ?? 'observe'];
    const outcome = await runRecordedAction(deps, {
      caseId: state.caseId,
      key,
      approvalId: null,
      kind: 'open_ticket',
      target: state.alertId,
      step: 'open-ticket',
      actor: ticketing.name,
      request: { title, priority: 'Highest', labels },
      run: async () => {
        const created = await ticketing.createTicket({
          title,
          body: bodyOf(state),
          caseId: state.caseId,
          severity,
          priority: 'Highest',
          labels,
          idempotencyKey: key,
        });
        return {
          result: { id: created.id, key: created.key, url: created.url, created: created.created },
          detail: `Opened ${created.key} in ${ticketing.name} (priority Highest): ${created.url}`,
        };
      },
    });
    if (outcome.status === 'failed') {
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Ticket',
        text: `Could not open a ticket: ${outcome.error}. Triage goes on; open one by hand.`,
      });
      return { ticket: null };
    }
    const stored = StoredTicket.parse(outcome.result);
    if (!outcome.repeated) {
      deps.tickets.record({
        key: stored.key,
        trackerId: stored.id,
        url: stored.url,
        tracker: ticketing.name,
        caseId: state.caseId,
        alertId: state.alertId,
        createdAt: outcome.recordedAt,
      });
      deps.audit.append({
        type: 'ticket.created',
        actor: ticketing.name,
        caseId: state.caseId,
        data: {
          alertId: state.alertId,
          ticketKey: stored.key,
          ticketId: stored.id,
          url: stored.url,
          reusedExisting: !stored.created,
        },
      });
      await deps.notifier.threadNote(state.caseId, { kind: 'result', title: 'Ticket', text: outcome.detail });
    }
    return { ticket: CaseTicket.parse(stored) };
  };
}
