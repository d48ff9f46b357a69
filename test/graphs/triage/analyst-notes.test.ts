// The closing Summary carries the case's analyst notes (timeline and suggested next steps, labelled by who
// wrote them) in its own thread message, and so do the ticket comment and the case.closed audit row.
import { Command } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import type { CreateTicketRequest, Ticket, TicketBlock, Ticketing } from '../../../connectors/types.js';
import { APPROVAL_POLICY, decided, pendingApproval, resumeWith, setup } from './harness.js';

class CommentingTicketing implements Ticketing {
  readonly name = 'jira';
  readonly comments: TicketBlock[][] = [];
  async createTicket(_request: CreateTicketRequest): Promise<Ticket> {
    return { id: '10001', key: 'SOC-1', url: 'https://example.atlassian.net/browse/SOC-1', created: true };
  }
  async transitionTicket(): Promise<void> {}
  async addComment(_key: string, body: TicketBlock[]): Promise<{ id: string }> {
    this.comments.push(body);
    return { id: '1' };
  }
  async ticketsForCase(): Promise<Ticket[]> {
    return [];
  }
}

describe('analyst notes in the closing summary', () => {
  it('adds a labelled timeline and next steps to the Summary note, the ticket comment and case.closed, with no extra message', async () => {
    const ticketing = new CommentingTicketing();
    const t = setup(APPROVAL_POLICY, { ticketing });
    const { config, input, caseId } = t.open({
      title: 'Outbound beacon to known C2',
      source_ip: '203.0.113.7',
    });
    const first = await t.graph.invoke(input, config);
    const approvalId = pendingApproval(first);
    t.approvals.decide(approvalId, decided('approved'));
    const notesBefore = t.notifier.notes.length;
    await t.graph.invoke(new Command({ resume: resumeWith(approvalId) }), config);

    // The action's result and the summary: the notes ride in the summary.
    expect(t.notifier.notes.slice(notesBefore).map((n) => n.title)).toEqual(['Action', 'Summary']);
    const summary = t.notifier.notes.at(-1);
    expect(summary?.sections?.map((s) => s.title)).toEqual(['Timeline', 'Suggested next steps']);
    const [timeline, next] = summary?.sections ?? [];
    expect(timeline?.lines[0]).toBe('Analyst notes by heuristic:');
    const events = timeline?.lines.join('\n') ?? '';
    // In the order the case went through them (the test clock stands still).
    expect(timeline?.lines.slice(1).map((l) => l.split(' · ')[1])).toEqual([
      'Alert received: Outbound beacon to known C2 (high), read by parser:test (intake)',
      'Looked up ip 203.0.113.7',
      'Ticket SOC-1 opened (ticketing)',
      'Approval requested: block_ip 203.0.113.7 (policy)',
      'block_ip 203.0.113.7 approved by <@U0BOB00001> (approval)',
      'Blocked 203.0.113.7 on edl:ip-blocklist. (vigil)',
      'Case closed (vigil)',
    ]);
    expect(events).toContain('Alert received: Outbound beacon to known C2 (high)');
    expect(events).toContain('Ticket SOC-1 opened');
    expect(events).toContain('Approval requested: block_ip 203.0.113.7');
    expect(events).toContain('block_ip 203.0.113.7 approved by <@U0BOB00001>');
    expect(events).toContain('Case closed');
    expect(next?.lines).toContain(
      '1. Review other traffic to and from 203.0.113.7: other hosts may have talked to the same address',
    );

    const closed = t.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'case.closed' AND case_id = ?")
      .get(caseId) as { data: string };
    const notes = (JSON.parse(closed.data) as { notes: { by: string; timeline: unknown[] } }).notes;
    expect(notes.by).toBe('heuristic');
    expect(notes.timeline.length).toBeGreaterThan(3);

    const comment = JSON.stringify(ticketing.comments.at(-1));
    expect(comment).toContain('Timeline (Analyst notes by heuristic)');
    expect(comment).toContain('Suggested next steps');
    expect(comment).toContain('approved by @U0BOB00001');
    expect(comment).not.toContain('<@');
  });
});
