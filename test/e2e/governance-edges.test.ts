// Edges of the governed path: a card re-issued under a policy the case has seen before is a new, decidable card;
// a roll-back leaves alone containment that was in place before Vigil acted; and cases naming one account two
// ways hold one suspension, which the first case's roll-back does not lift.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { findSample } from '../../src/sandbox/web/samples.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { alert, cardActions } from '../support/cards.js';

const { users } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const { count, click, ephemeralFor, locked } = cardActions(() => t);

describe('approvals re-issued', () => {
  it('re-issues a decidable card when policy.yml is changed and then put back as it was (A → B → A)', async () => {
    const a =
      'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n';
    const b = `${a}    ttl: 2h\n`;
    const file = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(file, a);
    t = await startLocalVigil({ policyFile: file });
    await t.postAlert(alert('198.51.100.61'));
    const first = await t.approvalCard();

    // The operator tries a change (B); Bob's click on the card shown under A is refused and a card under B follows.
    fs.writeFileSync(file, b);
    await click('bob', first);
    await ephemeralFor(users.bob, 'The policy changed after this card was posted');
    const second = await t.emulator.workspace.waitFor(
      'message',
      (m) => hasButton(m, 'approval.approve') && m.ts !== first.ts,
    );

    // The operator puts policy.yml back as it was (A); Bob's click on the card under B is refused likewise.
    fs.writeFileSync(file, a);
    await click('bob', second);
    await ephemeralFor(users.bob, 'The policy changed after this card was posted');
    await locked(second, 'Superseded');
    await t.vigil.drain();

    // A card someone can decide must now wait in the thread, and the request must be pending in the store.
    const pending = count("SELECT count(*) AS n FROM approvals WHERE status = 'pending'");
    const caseStatus = (t.vigil.db.sqlite.prepare('SELECT status FROM cases').get() as { status: string })
      .status;
    const approvals = t.vigil.db.sqlite
      .prepare('SELECT id, status, policy_hash AS policyHash FROM approvals ORDER BY requested_at')
      .all();
    expect({ caseStatus, pending, approvals }).toMatchObject({ caseStatus: 'awaiting_approval', pending: 1 });
  });
});

/** A sample alert of the sandbox page, its n-th variant, optionally edited. */
function sample(id: string, n = 0, edit: (body: Record<string, unknown>) => void = () => undefined) {
  const [payload] = findSample(id)?.build(n, new Date()) ?? [];
  if (!payload) throw new Error(`no sample ${id}`);
  const body = JSON.parse(payload.body) as Record<string, unknown>;
  edit(body);
  return JSON.stringify(body);
}

/** Sends an alert, approves its disable_user card as Bob, and returns the result note with its Revert button. */
async function disabled(body: string): Promise<SlackMessage> {
  const res = await t.postAlert(body);
  const caseKey = String((res.json.alerts as Array<{ case: string }>)[0]?.case);
  const { workspace } = t.emulator;
  const card = await workspace.waitFor(
    'message',
    (m) =>
      hasButton(m, 'approval.approve') && m.text.includes(`${caseKey}:`) && m.text.includes('Disable user'),
  );
  await click('bob', card);
  return workspace.waitFor(
    'message',
    (m) => m.thread_ts === card.thread_ts && hasButton(m, 'action.revert') && m.text.includes('Suspended'),
  );
}

describe('rolling containment back', () => {
  it('does not lift, on Revert, a suspension Vigil found already in place (someone else suspended the account)', async () => {
    t = await startLocalVigil();
    const okta = t.vigil.lab?.okta;
    if (!okta) throw new Error('local mode without the lab');
    // The IR team suspended Dana in the Okta console before the alert reached Vigil.
    const dana = [...okta.state.users.values()].find((u) => u.profile.login === 'dana.whitfield@example.com');
    if (!dana) throw new Error('no Dana in the lab');
    dana.status = 'SUSPENDED';

    const note = await disabled(sample('suspicious-login'));
    expect(note.text).toContain('the account was already suspended');
    await t.vigil.drain();

    // An approver presses Revert on Vigil's action (which changed nothing at Okta).
    await t.emulator.click({ user: 'carol', channel: note.channel, ts: note.ts, action_id: 'action.revert' });
    const reverted = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Reverted'));
    expect(shown(reverted)).toContain('was in place before Vigil acted, so Vigil leaves it in force');
    await t.vigil.drain();
    // The suspension the IR team put in place must still be there.
    expect({ status: dana.status, lifecycle: okta.state.lifecycle }).toEqual({
      status: 'SUSPENDED',
      lifecycle: [],
    });
  });

  it('keeps an account suspended while another case holds its suspension under another spelling of the name', async () => {
    t = await startLocalVigil();
    const okta = t.vigil.lab?.okta;
    if (!okta) throw new Error('local mode without the lab');
    const dana = [...okta.state.users.values()].find((u) => u.profile.login === 'dana.whitfield@example.com');
    if (!dana) throw new Error('no Dana in the lab');
    // Okta's Users API finds a user by login shortname too (GET /api/v1/users/dana.whitfield); the stub only by
    // id or login, so the shortname is added as one more key for the same user.
    okta.state.users.set('dana.whitfield', dana);

    // VIG-1: a SIEM alert naming her by e-mail address. VIG-2, later: an Okta sign-in (its user: her login shortname).
    const first = await disabled(
      JSON.stringify({ title: 'Impossible travel', severity: 'high', user: 'dana.whitfield@example.com' }),
    );
    expect(first.text).toContain('Suspended dana.whitfield@example.com in okta');
    await t.vigil.drain();
    const second = await disabled(sample('suspicious-login', 1));
    expect(first.thread_ts).not.toBe(second.thread_ts);
    expect(second.text).toContain('Suspended dana.whitfield in okta');
    await t.vigil.drain();

    // Revert on VIG-1 only: VIG-2's suspension of the same Okta account is still in force.
    await t.emulator.click({
      user: 'carol',
      channel: first.channel,
      ts: first.ts,
      action_id: 'action.revert',
    });
    await t.emulator.workspace.waitFor(
      'message',
      (m) => m.text.startsWith('Reverted') && m.thread_ts === first.thread_ts,
    );
    await t.vigil.drain();
    const secondAction = t.vigil.db.sqlite
      .prepare(
        "SELECT status, reverted_at AS revertedAt FROM actions WHERE kind = 'disable_user' AND target = 'dana.whitfield'",
      )
      .get();
    expect(secondAction).toMatchObject({ status: 'done', revertedAt: null });
    expect({ status: dana.status, lifecycle: okta.state.lifecycle }).toEqual({
      status: 'SUSPENDED',
      lifecycle: ['suspend 00ulabx001'],
    });
  });
});
