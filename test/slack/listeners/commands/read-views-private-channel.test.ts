// README step 3 recommends a private #vigil-alerts because "alerts name people, hosts and addresses". A member of
// the workspace who is not in that channel should not be able to read its cases through Vigil instead: not by
// /vigil cases | case | approvals | unparsed from their DM with Vigil, and not on App Home. The sharpest case is the
// person an offboarding is about to remove, who must not be tipped off before the senior approver acts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;

const vigil = (user: string, channel: string, text: string) => t.vigilCommand(user, text, channel);

beforeAll(async () => {
  t = await startLocalVigil();
  // #vigil-alerts is private, as README step 3 recommends, and Victor is not in it; nor is Bob, an approver.
  const alerts = t.emulator.workspace.channel(channels.alerts);
  alerts.is_private = true;
  alerts.members = alerts.members.filter((m) => m !== users.victor && m !== users.bob);

  // An alert naming a person, a host and an address; a payload Vigil could not read; and an offboarding of Victor,
  // asked for by Alice, waiting for @soc-senior.
  await t.postAlert(
    JSON.stringify({
      title: 'Data exfiltration by dana.whitfield from FIN-LT-0142',
      severity: 'high',
      src_ip: '203.0.113.40',
      user: 'dana.whitfield',
      host: 'FIN-LT-0142',
    }),
  );
  await t.approvalCard();
  await t.postAlert('{"title": "VPN login for ceo@example.com from 198.51.100.9", ');
  expect(await vigil('alice', channels.alerts, 'offboard @victor')).toContain('Opened *VIG-2*');
  await t.emulator.workspace.waitFor(
    'message',
    (m) => m.text.includes('Offboard') && JSON.stringify(m.blocks ?? []).includes('approval.approve'),
  );
  await t.vigil.drain();
});
afterAll(async () => {
  await t.stop();
});

it('shows nothing of the private alerts channel’s cases to a member who is not in it, by command or on App Home', async () => {
  const dm = `D${users.victor.slice(1)}`;
  const answers = {
    cases: await vigil('victor', dm, 'cases'),
    case1: await vigil('victor', dm, 'case VIG-1'),
    approvals: await vigil('victor', dm, 'approvals'),
    unparsed: await vigil('victor', dm, 'unparsed'),
  };
  await t.emulator.openHome({ user: 'victor' });
  const home = await t.emulator.workspace.waitFor('home_published', (v) => v.user === users.victor);
  const homeText = JSON.stringify(home.view ?? home);

  const secrets = ['Offboard', 'victor@', 'dana.whitfield', 'FIN-LT-0142', '203.0.113.40', 'ceo@example.com'];
  const leaked = (text: string) => secrets.filter((s) => text.includes(s));
  expect({
    cases: leaked(answers.cases),
    case1: leaked(answers.case1),
    approvals: leaked(answers.approvals),
    unparsed: leaked(answers.unparsed),
    home: leaked(homeText),
  }).toEqual({ cases: [], case1: [], approvals: [], unparsed: [], home: [] });
});

it('tells that member what to do instead, audits each refused command, and still answers help and policy', async () => {
  const dm = `D${users.victor.slice(1)}`;
  const refusedRows = () =>
    (
      t.vigil.db.sqlite
        .prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'read.refused' AND actor = ?")
        .get(users.victor) as { n: number }
    ).n;
  const before = refusedRows();
  const answers = [];
  for (const text of ['stats', 'audit VIG-1', 'audit verify']) answers.push(await vigil('victor', dm, text));
  await t.vigil.drain();
  expect({
    answers,
    refused: refusedRows() - before,
    help: await vigil('victor', dm, 'help'),
    policy: await vigil('victor', dm, 'policy'),
  }).toEqual({
    answers: Array(3).fill(expect.stringContaining('Ask to be added to #vigil-alerts.')),
    refused: 3,
    help: expect.stringContaining('*Vigil commands*'),
    policy: expect.stringContaining('*Active policy*'),
  });
  await t.emulator.openHome({ user: 'victor' });
  const home = await t.emulator.workspace.waitFor('home_published', (v) => v.user === users.victor);
  expect(JSON.stringify(home.view)).toContain('Ask to be added to #vigil-alerts.');
});

it('lets an approver who is not in the alerts channel read its cases', async () => {
  const answer = await vigil('bob', `D${users.bob.slice(1)}`, 'case VIG-1');
  expect(answer).toContain('dana.whitfield');
});
