// What a policy.yml change does to a case already in flight: once its card is superseded, the run is validated
// and proposed for again under the policy in force (its allow-list, its environments) before the gate decides,
// and what the gate records carries that policy's hash.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { findSample } from '../../src/sandbox/web/samples.js';
import { hasButton, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { alert, cardActions } from '../support/cards.js';

const { users } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const { click, ephemeralFor, locked } = cardActions(() => t);

describe('a policy change revalidates a case in flight', () => {
  it('does not target an IP the policy in force allow-lists, after the card shown under the old policy is superseded', async () => {
    const a =
      'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n';
    // The operator learns 198.51.100.61 is the company's own scanner and allow-lists it: "never targeted".
    const b = `${a}validation:\n  allow_list: { ips: [198.51.100.61/32] }\n`;
    const file = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(file, a);
    t = await startLocalVigil({ policyFile: file });
    await t.postAlert(alert('198.51.100.61'));
    const first = await t.approvalCard();

    fs.writeFileSync(file, b);
    await click('bob', first);
    await ephemeralFor(users.bob, 'The policy changed after this card was posted');
    await locked(first, 'Superseded');
    await t.vigil.drain();

    // Under B the scanner's address is never targeted: no new card may ask to block it, and it is not blocked.
    const second = t.emulator.workspace
      .thread(SEED_IDS.channels.alerts, first.thread_ts ?? first.ts)
      .find((m) => hasButton(m, 'approval.approve') && m.ts !== first.ts);
    if (second) {
      await click('bob', second);
      await locked(second, 'Approved');
      await t.vigil.drain();
    }
    const pending = t.vigil.db.sqlite
      .prepare(
        "SELECT action, target, status, policy_hash AS policyHash FROM approvals WHERE status != 'stale'",
      )
      .all();
    const done = t.vigil.db.sqlite
      .prepare("SELECT kind, target, status FROM actions WHERE status = 'done' AND kind = 'block_ip'")
      .all();
    expect({ newCard: second?.text ?? null, pending, done, edl: (await t.edl()).trim() }).toEqual({
      newCard: null,
      pending: [],
      done: [],
      edl: '',
    });
  });

  it('re-gates a host under the environment the policy in force gives it (prod: two @soc-senior), not the old one', async () => {
    const a = fs.readFileSync('policy.yml', 'utf8');
    const labRule =
      "    - name: lab\n      tags: [env:lab, SensorGroupingTags/lab]\n      hosts: ['lab-*', '*.lab.*']\n";
    expect(a).toContain(labRule);
    // The operator learns the lab tag was put on finance's production laptops and drops the lab rule: such a
    // host is now `prod` (the default), where isolating it takes two people from @soc-senior. (auto_run may name
    // only declared environments, so lab goes from there too.)
    const b = a
      .replace(labRule, '')
      .replaceAll('environments: [lab, staging]', 'environments: [staging]')
      .replaceAll('environments: [lab]', 'environments: [staging]');
    expect(b).not.toMatch(/\[lab\b|, lab\b/);
    const file = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(file, a);
    t = await startLocalVigil({ policyFile: file });
    const [payload] = findSample('endpoint-malware')?.build(0, new Date()) ?? [];
    if (!payload) throw new Error('no endpoint-malware sample');
    await t.postAlert(payload.body, { 'content-type': payload.contentType });
    const first = await t.emulator.workspace.waitFor(
      'message',
      (m) => hasButton(m, 'approval.approve') && m.text.includes('Isolate host FIN-LT-0142'),
    );

    fs.writeFileSync(file, b);
    await click('bob', first);
    await ephemeralFor(users.bob, 'The policy changed after this card was posted');
    const second = await t.emulator.workspace.waitFor(
      'message',
      (m) =>
        hasButton(m, 'approval.approve') && m.ts !== first.ts && m.text.includes('Isolate host FIN-LT-0142'),
    );
    await t.vigil.drain();
    const reissued = t.vigil.db.sqlite
      .prepare(
        "SELECT approvers, quorum, json_extract(details, '$.environment') AS environment FROM approvals WHERE status = 'pending'",
      )
      .all();
    expect({ card: second.text, reissued }).toMatchObject({
      reissued: [{ environment: 'prod', approvers: '{"usergroup":"soc-senior"}', quorum: 2 }],
    });
  });
});
