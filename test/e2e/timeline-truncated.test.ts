// The timeline agent's record is cut to agents.timeline.max_input_chars (8000 shipped): it puts the evidence last, so
// for a case naming many addresses the model is still shown what was proposed, decided and done (before, the
// evidence came first and the outcomes were cut off).
import { expect, it } from 'vitest';
import { isNotesRequest, modelVigil, NOTHING_FOUND } from '../fakes/model-vigil.js';

const withModel = modelVigil();

it('shows the timeline model what was decided and done, even for a case naming many addresses', async () => {
  const { t, model } = await withModel(() => ({ content: NOTHING_FOUND }));
  // A password spray from 16 public addresses (documentation ranges and well-known resolvers).
  const sources = [
    ...Array.from({ length: 8 }, (_, i) => `203.0.113.${10 + i}`),
    ...Array.from({ length: 8 }, (_, i) => `198.51.100.${10 + i}`),
  ];
  const alert = JSON.stringify({
    title: 'Password spray against the VPN portal',
    severity: 'high',
    src_ips: sources,
    dest_ip: '10.20.4.17',
  });
  expect((await t.postAlert(alert)).status).toBe(202);
  const card = await t.approvalCard();
  await t.approveAndFinish(card);
  const outcomes = t.vigil.db.sqlite.prepare('SELECT action, target, status FROM approvals').all();
  expect(outcomes.length).toBeGreaterThan(0);
  const [request] = model.requests.filter(isNotesRequest);
  const human = String(request?.messages.at(-1)?.content ?? '');
  expect(human).toContain('Case record (first 8000 characters)');
  // What the case did: its outcomes (the approval by Bob and the block) are part of the record sent.
  const cut = human.slice(-200);
  expect({ outcomesShown: human.includes('"outcomes":[{'), endsWith: cut }).toMatchObject({
    outcomesShown: true,
  });
});
