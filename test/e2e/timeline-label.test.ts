// The label of a closing case's notes names the model cut short enough that even the fallback's, when the model is
// resting, fits: a long model id (VIGIL_MODEL allows 100 characters: Bedrock ARNs, vLLM paths) never makes the
// heuristic's notes invalid, which failed the case with a workflow error instead of closing it.
import { describe, expect, it } from 'vitest';
import { ModelSkippedError } from '../../graphs/agents/model-port.js';
import type { TimelineAgent } from '../../graphs/agents/timeline/model-agent.js';
import { emptyObservables } from '../../graphs/agents/extraction/contract.js';
import type { TimelineInput } from '../../graphs/agents/timeline/contract.js';
import { analystNotesFor } from '../../graphs/triage/analyst-notes.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { modelVigil } from '../fakes/model-vigil.js';

/** An Amazon Bedrock application inference profile, as a LiteLLM proxy serves it (81 characters). */
const LONG_MODEL = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/r0f2vhlgw8ph';

const input: TimelineInput = {
  caseId: 1,
  alert: {
    title: 'Test alert',
    severity: 'low',
    format: 'test',
    reading: 'parser:test',
    observedAt: null,
    firstSeenAt: '2026-11-21T12:00:00.000Z',
    lastSeenAt: '2026-11-21T12:00:00.000Z',
    occurrences: 1,
    observables: emptyObservables(),
  },
  classification: null,
  evidence: [],
  validation: null,
  outcomes: [],
  ticket: null,
  closedAt: '2026-11-21T12:10:00.000Z',
};

describe('analyst notes when the timeline model is resting', () => {
  it('leaves the heuristic notes, labelled, for a model id of 81 characters (the case closes either way)', async () => {
    const agent: TimelineAgent = {
      model: LONG_MODEL,
      enabled: () => true,
      write: () => Promise.reject(new ModelSkippedError('resting')),
    };
    const notes = await analystNotesFor({ timeline: agent, audit: { record: () => {} } as never }, 1, input);
    expect(notes.by).toContain('skipped after failures');
  });

  const withModel = modelVigil();
  it('closes a case with the heuristic notes once the timeline model rests after 3 failures', async () => {
    const { t } = await withModel(() => ({ status: 400, message: 'not an extraction test' }), {
      env: { VIGIL_MODEL: LONG_MODEL },
      notes: () => ({ status: 400, message: 'The model is overloaded.' }),
    });
    // Four alerts a parser reads that propose nothing: each case closes at once, and asks the timeline model.
    for (const n of [1, 2, 3, 4]) {
      const line = `Nov 24 10:00:0${n} app0${n} sshd[31${n}]: Failed password for user${n} from 10.0.0.${n} port 22 ssh2`;
      expect((await t.postAlert(line, { 'content-type': 'text/plain' })).status).toBe(202);
      await t.vigil.drain();
    }
    const rows = t.vigil.db.sqlite
      .prepare(
        'SELECT c.id, c.status, (SELECT count(*) FROM audit_events a WHERE a.case_id = c.id AND a.type = ?) AS skipped FROM cases c ORDER BY c.id',
      )
      .all('model.skipped');
    const errors = t.vigil.db.sqlite.prepare("SELECT data FROM audit_events WHERE type = 'case.error'").all();
    const thread = t.emulator.workspace
      .messages(SEED_IDS.channels.alerts)
      .flatMap((m) => t.emulator.workspace.thread(SEED_IDS.channels.alerts, m.ts))
      .filter((m) => m.text.startsWith('Workflow error'))
      .map((m) => m.text.slice(0, 160));
    expect({ rows, errors, thread }).toEqual({
      rows: [
        { id: 1, status: 'resolved', skipped: 0 },
        { id: 2, status: 'resolved', skipped: 0 },
        { id: 3, status: 'resolved', skipped: 0 },
        { id: 4, status: 'resolved', skipped: 1 },
      ],
      errors: [],
      thread: [],
    });
  });
});
