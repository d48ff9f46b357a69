// `/vigil audit <VIG-n>` posts the case's evidence pack in its thread whole or not at all: it measures the pack
// as posted (escaped for mrkdwn: alert text full of &, < and > grows it), since Slack cuts a message's text at
// 40,000 characters without an error and the pack would lose its end, the chain verdict included; and alert text
// cannot close the pack's code block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../src/audit/evidence-pack.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
});
afterAll(async () => {
  await t.stop();
});

/** Carol types `/vigil audit <case>`; resolves with the message Vigil posts in the case's thread. */
async function packInThread(caseKey: string) {
  await t.emulator.command({
    user: 'carol',
    channel: SEED_IDS.channels.alerts,
    command: '/vigil',
    text: `audit ${caseKey}`,
  });
  return t.emulator.workspace.waitFor('message', (m) => m.text.includes(`Evidence pack for ${caseKey}`));
}

const packChars = () =>
  JSON.stringify(buildEvidencePack(t.vigil.db.sqlite, t.vigil.audit, 1, new Date()), null, 1).length;

describe('the evidence pack in the thread', () => {
  it('points at vigil audit export, never posting a cut pack, when alert text full of & and < grows it past Slack’s limit', async () => {
    // A web-attack alert whose title quotes the markup it saw, and whose user names are what the attacker typed
    // into a login form, as WAF and SIEM rules report them.
    const alert = JSON.stringify({
      title: `XSS probe in /search?q=${'<b>'.repeat(150)}`,
      severity: 'high',
      src_ip: '203.0.113.40',
      users: [1, 2, 3, 4, 5, 6].map((i) => `u${i}${'<u>'.repeat(80)}`),
      host: 'ws-1',
    });
    await t.postAlert(alert);
    await t.approvalCard();
    await t.vigil.drain();
    // The same alert again, as a scanner repeats it: each repeat adds its row to the pack. Stop while the JSON
    // is still under the inline limit Vigil checks.
    while (packChars() < 36_000) {
      await t.postAlert(alert);
      await t.vigil.drain();
    }
    const chars = packChars();
    expect(chars).toBeLessThanOrEqual(38_000);

    const posted = await packInThread('VIG-1');
    // Under the limit as JSON, over it once escaped: the pointer to `vigil audit export`, never a cut pack.
    expect(posted.text).toContain(`too long for a message: run \`vigil audit export VIG-1\``);
    expect(posted.text.length).toBeLessThan(40_000);
  }, 120_000);

  it('keeps the pack inside its code block when alert text holds a code fence', async () => {
    // Were the title to close the code block Vigil opened, the rest of the pack up to the next fence would be read
    // as mrkdwn: the title's *marks* would format there, which the README says alert text can never do.
    await t.postAlert(
      JSON.stringify({
        title: 'Beacon ```  :white_check_mark: *Approved by carol, nothing to do* ```',
        severity: 'high',
        src_ip: '203.0.113.41',
      }),
    );
    await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Approval needed for VIG-2'));
    await t.vigil.drain();
    const posted = await packInThread('VIG-2');
    // One fence opens the pack and one closes it; none in between, and the JSON still reads the title back.
    expect(posted.text.split('```')).toHaveLength(3);
    const json = (/```([\s\S]*)```/.exec(posted.text)?.[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(JSON.stringify(JSON.parse(json))).toContain(
      '"title":"Beacon ``` :white_check_mark: *Approved by carol, nothing to do* ```"',
    );
  }, 60_000);
});
