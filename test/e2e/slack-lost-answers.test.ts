// Slack performed a `chat.postMessage` but its answer never arrived (a slow Slack past the client's timeout, a
// proxy that reset the connection). Posting is not idempotent, so a blind retry leaves two copies, and the one
// Vigil did not keep is never updated: a second card whose buttons stay live after the decision, or a second
// case message whose status never moves. Vigil looks for the message it may already have posted first.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { injectSlackFaults } from '../fakes/slack-faults.js';

const ALERTS = SEED_IDS.channels.alerts;
const ALERT = JSON.stringify({
  title: 'SSH brute force against bastion',
  severity: 'high',
  source_ip: '203.0.113.10',
  user: 'root',
});

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const isCard = (m: SlackMessage): boolean => JSON.stringify(m.blocks ?? []).includes('*Confidence*');
const roots = (): SlackMessage[] =>
  t.emulator.workspace.messages(ALERTS).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);

async function decideAndRead(): Promise<{ cards: number; live: number; status: string }> {
  const root = roots()[0];
  if (!root) throw new Error('no case message');
  const card = await t.approvalCard();
  await t.approveAndFinish(card);
  const cards = t.emulator.workspace.thread(ALERTS, root.ts).filter(isCard);
  const row = t.vigil.db.sqlite.prepare('SELECT status FROM approvals').get() as { status: string };
  return {
    cards: cards.length,
    live: cards.filter((m) => hasButton(m, 'approval.approve')).length,
    status: row.status,
  };
}

/** Slack performs the first `chat.postMessage` that `when` matches but its answer is lost; the alert is sent. */
async function postLosingFirstAnswer(when: (args: Record<string, unknown>) => boolean): Promise<void> {
  injectSlackFaults(t.emulator).add({ method: 'chat.postMessage', when, times: 1, error: 'answer_lost' });
  expect((await t.postAlert(ALERT)).status).toBe(202);
  await t.vigil.drain();
}

const isCardPost = (args: Record<string, unknown>) => String(args.blocks ?? '').includes('approval.approve');

describe('a post whose answer Slack lost', () => {
  it('leaves one approval card, and that card is locked after the decision (production retries: 2)', async () => {
    t = await startLocalVigil({ overrides: { slackRetries: 2 } });
    await postLosingFirstAnswer(isCardPost);
    expect(await decideAndRead()).toEqual({ cards: 1, live: 0, status: 'approved' });
  });

  it('leaves one case message, and that message is the one updated as the case moves', async () => {
    t = await startLocalVigil({ overrides: { slackRetries: 2 } });
    await postLosingFirstAnswer((args) => args.thread_ts === undefined);
    expect(await decideAndRead()).toMatchObject({ cards: 1, live: 0 });
    const caseRow = t.vigil.db.sqlite.prepare('SELECT root_ts AS rootTs FROM cases').get() as {
      rootTs: string;
    };
    expect(roots().map((m) => m.ts)).toEqual([caseRow.rootTs]);
    expect(roots()[0]?.edited).toBeDefined();
  });

  it('is found by the sweep instead of posted again when the client does not retry it', async () => {
    let now = Date.now();
    t = await startLocalVigil({ overrides: { slackRetries: 0, clock: () => new Date(now) } });
    await postLosingFirstAnswer(isCardPost);
    // The card is in Slack, but Vigil never learnt its ts: the sweep posts cards missing for over a minute.
    now += 2 * 60_000;
    await t.vigil.sweepApprovals();
    await t.vigil.drain();
    expect(await decideAndRead()).toEqual({ cards: 1, live: 0, status: 'approved' });
  });
});
