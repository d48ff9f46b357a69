// Retry on a Workflow error note does not go on with a gate decision (or an approval) taken under another policy
// than the one in force: a policy.yml change made while the case waited for its Retry (the address allow-listed,
// the action made approval-only) sends the retried run back through revalidation and the gate, as a case in flight.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { alert, cardActions } from '../support/cards.js';

const { channels } = SEED_IDS;
const FULL_DISK =
  "CREATE TRIGGER full_disk BEFORE INSERT ON actions WHEN NEW.kind = 'block_ip' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END";
const IP = '203.0.113.91';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});
const { click: cardClick, locked } = cardActions(() => t);

const AUTO =
  'version: 1\nactions:\n  block_ip:\n    approval: auto\n    approvers:\n      usergroup: soc-responders\n    ttl: 24h\n';
const REQUIRED =
  'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers:\n      usergroup: soc-responders\n    ttl: 24h\n';
const allowListed = (policy: string) => `${policy}validation:\n  allow_list: { ips: [${IP}/32] }\n`;

async function start(policy: string): Promise<string> {
  const file = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(file, policy);
  t = await startLocalVigil({ policyFile: file });
  t.vigil.db.sqlite.exec(FULL_DISK);
  return file;
}

async function errorNote(): Promise<SlackMessage> {
  const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Workflow error'));
  await t.vigil.drain();
  return note;
}

/** Fixes the cause, presses Retry as Bob and waits for the thread message that starts with `until`. */
async function retry(note: SlackMessage, until = 'Summary:'): Promise<void> {
  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  await t.emulator.click({ user: 'bob', channel: channels.alerts, ts: note.ts, action_id: 'case.retry' });
  await t.emulator.workspace.waitFor(
    'message',
    (m) => m.thread_ts === note.thread_ts && m.text.startsWith(until),
  );
  await t.vigil.drain();
}

const blocks = (): unknown[] =>
  t.vigil.db.sqlite
    .prepare("SELECT target, status FROM actions WHERE kind = 'block_ip' AND status = 'done'")
    .all();

it('does not block, on Retry, an address the policy allow-listed after the case failed (auto block)', async () => {
  const file = await start(AUTO);
  await t.postAlert(JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: IP }));
  const note = await errorNote();
  // While the case waits for its Retry, the operator learns the address is the company's scanner: never targeted.
  fs.writeFileSync(file, allowListed(AUTO));
  await retry(note);
  expect({ done: blocks(), edl: (await t.edl()).trim() }).toEqual({ done: [], edl: '' });
});

it('does not block by itself, on Retry, what the policy made approval-only after the case failed', async () => {
  const file = await start(AUTO);
  await t.postAlert(JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: IP }));
  const note = await errorNote();
  fs.writeFileSync(file, REQUIRED);
  await retry(note, 'Approval needed');
  const approvals = t.vigil.db.sqlite.prepare("SELECT status FROM approvals WHERE action = 'block_ip'").all();
  expect({ done: blocks(), approvals }).toEqual({ done: [], approvals: [{ status: 'pending' }] });
});

it('does not carry out, on Retry, an approval given under a policy that has since allow-listed the address', async () => {
  const file = await start(REQUIRED);
  await t.postAlert(alert(IP));
  const card = await t.approvalCard();
  await cardClick('bob', card);
  await locked(card, 'Approved');
  const note = await errorNote();
  fs.writeFileSync(file, allowListed(REQUIRED));
  await retry(note);
  expect({ done: blocks(), edl: (await t.edl()).trim() }).toEqual({ done: [], edl: '' });
});
