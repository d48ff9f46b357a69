// Okta Event Hook deliveries on POST /idp/user-created meet Okta's contract (answer within 3 seconds, one
// retry, at-least-once delivery): several user.lifecycle.create events are recorded and answered before any
// person is read from Okta, read a few at a time, and each person is onboarded once, a redelivery included.
// Local mode: the real Okta and Slack SCIM connectors against the lab's stubs.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { until } from '../support/until.js';
import { afterEach, expect, it } from 'vitest';
import { LAB_SLACK_GROUPS } from '../../src/lab/lab.js';
import { sampleOktaUser, startOktaStub, type OktaStubState } from '../../src/lab/vendors/okta-stub.js';
import { startSlackScimStub, type SlackScimStubState } from '../../src/lab/vendors/slack-scim-stub.js';
import type { HeldAnswer, RunningStub } from '../../src/lab/vendors/stub-server.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let t: LocalVigil | undefined;
let emulator: SlackEmulator | undefined;
let okta: RunningStub<OktaStubState> | undefined;
let scim: RunningStub<SlackScimStubState> | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  await t?.stop();
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
  await okta?.close();
  await scim?.close();
  t = undefined;
  emulator = undefined;
  okta = undefined;
  scim = undefined;
});

const PEOPLE = [
  'ada.byron',
  'alan.turing',
  'grace.hopper',
  'edsger.dijkstra',
  'barbara.liskov',
  'ken.thompson',
];
const emailOf = (name: string) => `${name}@example.com`;

/** An Okta Event Hook delivery naming each person in a user.lifecycle.create event. */
const deliveryOf = (names: string[]) => ({
  eventType: 'com.okta.event_hook',
  eventTypeVersion: '1.0',
  cloudEventsVersion: '0.1',
  source: 'https://example.okta.com/api/v1/eventHooks/who8',
  eventId: 'delivery-1',
  data: {
    events: names.map((name, i) => ({
      uuid: `evt-create-${i}`,
      published: '2026-11-22T03:00:00.000Z',
      eventType: 'user.lifecycle.create',
      displayMessage: 'Create Okta user',
      target: [{ id: `00u${i}`, type: 'User', alternateId: emailOf(name), displayName: name }],
    })),
  },
});

it('answers a delivery of six new people before reading any from Okta, reads them a few at a time, and onboards each once', async () => {
  t = await startLocalVigil();
  const running = t;
  const lab = running.vigil.lab;
  if (!lab) throw new Error('local mode started without the lab');
  PEOPLE.forEach((name, i) => {
    const user = sampleOktaUser(`00u${i}`, emailOf(name));
    lab.okta.state.users.set(user.id, { ...user, profile: { ...user.profile, title: 'Software Engineer' } });
  });
  // Okta looks each person up and holds its answer until the test lets it go.
  const lookup = { method: 'GET', path: /^\/api\/v1\/users\/[^/]+$/ };
  const held: HeldAnswer[] = PEOPLE.map(() => lab.okta.state.hold(lookup));
  let arrived = 0;
  for (const h of held) void h.arrived.then(() => (arrived += 1));

  const post = (body: unknown) =>
    fetch(`${running.vigil.url}/idp/user-created`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.vigil.idpToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // Answered while no lookup has been answered: the request did not wait for Okta.
  const res = await post(deliveryOf(PEOPLE));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, queued: 6, duplicates: 0, refused: [], ignored: 0 });
  // Read concurrently, but no more than four at a time.
  await until(() => arrived === 4);
  expect(lab.okta.state.received('GET', lookup.path)).toHaveLength(4);

  // Okta delivers at least once: the same events again are recorded once and onboard nobody twice.
  const again = await post(deliveryOf(PEOPLE));
  expect(await again.json()).toEqual({ ok: true, queued: 0, duplicates: 6, refused: [], ignored: 0 });

  for (const h of held) h.release();
  const { workspace } = running.emulator;
  await until(
    () =>
      workspace
        .events('message')
        .filter((m) => m.channel === SEED_IDS.channels.alerts && m.text.startsWith('Summary:')).length === 6,
  );
  await running.vigil.drain();
  expect(lab.okta.state.received('GET', lookup.path)).toHaveLength(6);
  const accounts = [...lab.slackScim.state.users.values()].map((u) => u.emails[0]?.value);
  expect(accounts.filter((email) => email?.endsWith('@example.com')).sort()).toEqual(
    PEOPLE.map(emailOf).sort(),
  );
  const cases = running.vigil.db.sqlite.prepare("SELECT title FROM cases WHERE title LIKE 'Onboard %'").all();
  expect(cases).toHaveLength(6);
  const events = running.vigil.db.sqlite.prepare('SELECT status FROM idp_events').all();
  expect(events).toEqual(PEOPLE.map(() => ({ status: 'done' })));
});

it('tries a person Okta failed to return again later, and refuses one with no job title, each recorded', async () => {
  t = await startLocalVigil({ overrides: { connectorDeps: { maxAttempts: 1 }, idpEventRetryMs: 50 } });
  const running = t;
  const lab = running.vigil.lab;
  if (!lab) throw new Error('local mode started without the lab');
  const withTitle = sampleOktaUser('00u0', emailOf('ada.byron'));
  lab.okta.state.users.set(withTitle.id, {
    ...withTitle,
    profile: { ...withTitle.profile, title: 'Software Engineer' },
  });
  const untitled = sampleOktaUser('00u1', emailOf('alan.turing'));
  lab.okta.state.users.set(untitled.id, untitled);
  // Okta errs on the first lookup it gets.
  const lookup = /^\/api\/v1\/users\/[^/]+$/;
  lab.okta.state.fail({ status: 500, method: 'GET', path: lookup });
  const res = await fetch(`${running.vigil.url}/idp/user-created`, {
    method: 'POST',
    headers: { authorization: `Bearer ${running.vigil.idpToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(deliveryOf(['ada.byron', 'alan.turing'])),
  });
  expect(await res.json()).toEqual({ ok: true, queued: 2, duplicates: 0, refused: [], ignored: 0 });
  const rows = () =>
    running.vigil.db.sqlite
      .prepare('SELECT id, status, attempts, case_id AS caseId FROM idp_events ORDER BY id')
      .all();
  await until(() => !JSON.stringify(rows()).includes('"pending"'));
  await running.vigil.drain();
  expect(lab.okta.state.received('GET', lookup)).toHaveLength(3);
  const [first, second] = rows();
  // One of the two lookups failed (either may have been first): tried again, then settled.
  expect([first, second]).toEqual([
    { id: 'okta:evt-create-0', status: 'done', attempts: expect.any(Number), caseId: 1 },
    { id: 'okta:evt-create-1', status: 'refused', attempts: expect.any(Number), caseId: null },
  ]);
  const { sqlite } = running.vigil.db;
  expect(sqlite.prepare('SELECT sum(attempts) AS n FROM idp_events').get()).toEqual({ n: 1 });
  const refusals = sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'onboarding.refused'")
    .all()
    .map((r) => String(JSON.parse(String(Reflect.get(Object(r), 'data'))).reason));
  expect(refusals).toEqual([expect.stringContaining('has no job title')]);
});

it('onboards a person whose event was recorded before a crash, once, after the restart', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const person = sampleOktaUser('00u9', emailOf('ada.byron'));
  okta = await startOktaStub({
    users: [{ ...person, profile: { ...person.profile, title: 'Software Engineer' } }],
  });
  scim = await startSlackScimStub({
    groups: LAB_SLACK_GROUPS.map((displayName, i) => ({ id: `S0GRP${i}`, displayName, members: [] })),
  });
  // The first lookup is never answered: the process dies with the event recorded and its person unread.
  const lookup = /^\/api\/v1\/users\/[^/]+$/;
  okta.state.fail({ status: 500, hang: true, method: 'GET', path: lookup });
  const dataDir = tempDataDir();
  const env = {
    ...slack.env,
    VIGIL_DATA_DIR: dataDir,
    OKTA_ORG_URL: okta.url,
    OKTA_API_TOKEN: okta.state.token,
    SLACK_SCIM_TOKEN: scim.state.token,
    SLACK_SCIM_URL: `${scim.url}/scim/v1`,
  };
  const eventRows = () => {
    const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true });
    try {
      return db.prepare('SELECT id, status FROM idp_events').all();
    } finally {
      db.close();
    }
  };

  const first = await startVigilProcess(env);
  processes.push(first);
  const res = await fetch(`${first.url}/idp/user-created`, {
    method: 'POST',
    headers: { authorization: `Bearer ${slack.idpToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(deliveryOf(['ada.byron'])),
  });
  expect(await res.json()).toEqual({ ok: true, queued: 1, duplicates: 0, refused: [], ignored: 0 });
  await until(() => okta?.state.received('GET', lookup).length === 1);
  expect(await first.stop('SIGKILL')).toBeNull();
  expect(eventRows()).toEqual([{ id: 'okta:evt-create-0', status: 'pending' }]);

  const second = await startVigilProcess(env);
  processes.push(second);
  const summary = await slack.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Summary:'));
  expect(summary.text).toContain('ada.byron@example.com');
  await until(() => JSON.stringify(eventRows()).includes('"done"'));
  expect(okta.state.received('GET', lookup)).toHaveLength(2);
  expect(scim.state.received('POST', '/scim/v1/Users')).toHaveLength(1);
});
