// Retention: the checkpoints of cases resolved more than a week ago are deleted (a finished run is never
// resumed), those of open, failed and recently resolved cases kept; the case itself stays.
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { SlackEventsRepository } from '../../db/repositories/slack-events.js';
import { createLogger } from '../../src/logger.js';
import { Retention } from '../../src/services/retention.js';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600 * 1000).toISOString();

const db = openDatabase(':memory:');
const saver = SqliteSaver.fromConnString(':memory:');

const State = Annotation.Root({ n: Annotation<number> });
const graph = new StateGraph(State)
  .addNode('step', (s: typeof State.State) => ({ n: s.n + 1 }))
  .addEdge(START, 'step')
  .addEdge('step', END)
  .compile({ checkpointer: saver });

const threads = () =>
  saver.db.prepare<[], string>('SELECT DISTINCT thread_id FROM checkpoints ORDER BY thread_id').pluck().all();

describe('retention sweep', () => {
  it('deletes the checkpoints of cases resolved over a week ago and keeps the rest', async () => {
    const retention = new Retention({
      sqlite: db.sqlite,
      checkpoints: saver.db,
      deleteThread: (id) => saver.deleteThread(id),
      slackEvents: new SlackEventsRepository(db.sqlite),
      clock: () => NOW,
      logger: createLogger('silent'),
    });
    // Before any run, LangGraph has no tables yet.
    expect(await retention.sweep()).toBe(0);

    const cases = new CasesRepository(db.orm, db.sqlite);
    const open = (status: 'resolved' | 'failed' | 'triage', closed: string | null) => {
      const c = cases.create({ title: 'x', severity: 'low', requestedBy: 'webhook', at: daysAgo(30) });
      cases.update(c.id, { status, closedAt: closed }, daysAgo(30));
      return c.id;
    };
    const old = open('resolved', daysAgo(8));
    const oldOffboarding = open('resolved', daysAgo(9));
    const recent = open('resolved', daysAgo(1));
    const failed = open('failed', daysAgo(20));
    const running = open('triage', null);
    for (const thread of [
      `VIG-${old}`,
      `offboard:VIG-${oldOffboarding}`,
      `VIG-${recent}`,
      `VIG-${failed}`,
      `VIG-${running}`,
      'other',
    ])
      await graph.invoke({ n: 0 }, { configurable: { thread_id: thread } });

    expect(await retention.sweep()).toBe(2);
    expect(threads()).toEqual([`VIG-${failed}`, `VIG-${recent}`, `VIG-${running}`, 'other'].sort());
    expect(cases.get(old)).toMatchObject({ status: 'resolved' });
    expect(await retention.sweep()).toBe(0);
  });
});
