// A pending approval survives a restart: the first process stops while the run waits at its interrupt;
// a second process on the same data directory takes the click and finishes the run; and a run killed before
// it ever checkpointed is run again by the next process; a card left pending by the release before an upgrade
// is superseded, and so is one approved under it but not carried out before the upgrade. Slack mode, HTTP receiver, against the sandbox workspace running on its own as if it were Slack.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { TRIAGE_WORKFLOW_VERSION } from '../../graphs/triage/graph.js';
import { startVigil } from '../../src/compose.js';
import { OFFBOARDING_WORKFLOW_VERSION } from '../../graphs/offboarding/graph.js';
import { loadConfig } from '../../src/config.js';
import { startLab, type Lab } from '../../src/lab/lab.js';
import { createLogger } from '../../src/logger.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { hasButton, shown, tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';
import { until } from '../support/until.js';

let emulator: SlackEmulator | undefined;
let lab: Lab | undefined;
const processes: VigilProcess[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
  await emulator?.close();
  await lab?.close();
  emulator = lab = undefined;
});

/**
 * Slack's Web API through a proxy that never answers the first call matching `hold` (the process making it
 * stays in the middle of its work) and reports that call through the returned promise. With `perform`, Slack
 * carries the held call out all the same: only its answer is lost.
 */
async function holdingProxy(
  target: string,
  hold: (method: string, body: string) => boolean,
  perform = false,
): Promise<{ url: string; held: Promise<void> }> {
  let heldOne = false;
  let onHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = (req.url ?? '').replace(/^\/api\//, '');
      if (!heldOne && hold(method, decodeURIComponent(body.toString().replace(/\+/g, ' ')))) {
        heldOne = true;
        if (!perform) {
          onHeld();
          return;
        }
        const performed = http.request(`${target}${req.url ?? ''}`, {
          method: req.method,
          headers: req.headers,
        });
        performed.on('response', (answer) => answer.resume().on('end', onHeld));
        performed.end(body);
        return;
      }
      const upstream = http.request(
        `${target}${req.url ?? ''}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/api/`, held };
}

/**
 * A first process on its own data directory, its Slack calls through a holding proxy (`hold`, `perform` as
 * there), sent a critical alert from `ip` (then the alerts in `then`, one by one) and killed once the held call
 * comes. Returns what a second process needs.
 */
async function killedWhileHeld(
  hold: (method: string, body: string) => boolean,
  perform: boolean,
  ip: string,
  then: Array<Record<string, unknown>> = [],
) {
  const slack = await startProcessSlack((created) => (emulator = created));
  const proxy = await holdingProxy(slack.slackApi, hold, perform);
  const env = { ...slack.env, VIGIL_DATA_DIR: tempDataDir() };
  const first = await startVigilProcess({ ...env, SLACK_API_URL: proxy.url });
  processes.push(first);
  for (const alert of [{ title: 'Beaconing to C2', severity: 'critical', source_ip: ip }, ...then]) {
    const res = await fetch(`${first.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.intakeToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(alert),
    });
    expect(res.status).toBe(202);
  }
  await proxy.held;
  await first.stop('SIGKILL');
  return { slack, env, slackApi: slack.slackApi, workspace: slack.emulator.workspace };
}

describe('restart', () => {
  it('lets a new process on the same data directory take the click and finish the run', async () => {
    const slack = await startProcessSlack((created) => (emulator = created));
    const { intakeToken } = slack;
    const env = { ...slack.env, VIGIL_DATA_DIR: tempDataDir() };
    const { workspace } = slack.emulator;

    const first = await startVigilProcess(env);
    processes.push(first);
    // Slack mode's banner names the variable, not the operator's token.
    expect(first.output()).toContain('Authorization: Bearer <VIGIL_INTAKE_TOKEN>');
    expect(first.output()).not.toContain(intakeToken);
    const res = await fetch(`${first.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${intakeToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Beaconing to known C2',
        severity: 'critical',
        source_ip: '198.51.100.77',
      }),
    });
    expect(res.status).toBe(202);
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    await workspace.waitFor('message_changed', (c) => c.message.text.includes('awaiting approval'));
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startVigilProcess(env);
    processes.push(second);
    const click = await slack.emulator.click({
      user: 'bob',
      channel: SEED_IDS.channels.alerts,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    expect(click.status).toBe(200);
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && c.message.text.startsWith('Approved'),
    );
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'),
    );

    const edl = await fetch(`${second.url}/edl/ip-blocklist.txt`, {
      headers: { authorization: `Bearer ${intakeToken}` },
    });
    expect(await edl.text()).toBe('198.51.100.77\n');
  });

  it('runs again a triage cut off before its first checkpoint, however many later cases are unfinished: one case message, the card in its thread', async () => {
    // The first process hangs on the case's first thread note (the investigation), inside its first run, and
    // is killed there.
    const { env, slackApi, workspace } = await killedWhileHeld(
      (method, body) => method === 'chat.postMessage' && body.includes('Investigation: Beaconing'),
      false,
      '198.51.100.78',
    );
    const root = workspace
      .messages(SEED_IDS.channels.alerts)
      .find((m) => m.text.includes('Beaconing to C2') && (!m.thread_ts || m.thread_ts === m.ts));
    if (!root) throw new Error('the first process posted no case message');
    // 500 later cases the workflow gave up on (status `failed`) between the two processes: the restart looks
    // through every unfinished case, not only the newest few hundred.
    failedCasesAfter(path.join(env.VIGIL_DATA_DIR, 'vigil.db'), 500);

    const second = await startVigilProcess({ ...env, SLACK_API_URL: `${slackApi}/api/` });
    processes.push(second);
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    expect(card.thread_ts).toBe(root.ts);
    const roots = workspace
      .messages(SEED_IDS.channels.alerts)
      .filter((m) => m.text.includes('Beaconing to C2') && (!m.thread_ts || m.thread_ts === m.ts));
    expect(roots).toHaveLength(1);
  });

  it('finds the investigation note a killed process posted before its run’s first checkpoint, instead of posting a second one', async () => {
    // Slack posts the case's investigation note, but its answer never reaches the first process, which is killed
    // inside its first run: nothing of the run was checkpointed, so the restart works the case again from its start.
    const { env, slackApi, workspace } = await killedWhileHeld(
      (method, body) => method === 'chat.postMessage' && body.includes('Investigation: Beaconing'),
      true,
      '198.51.100.82',
    );

    const second = await startVigilProcess({ ...env, SLACK_API_URL: `${slackApi}/api/` });
    processes.push(second);
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    const thread = workspace.thread(SEED_IDS.channels.alerts, card.thread_ts ?? '');
    expect(thread.filter((m) => m.text.startsWith('Investigation: Beaconing'))).toHaveLength(1);
  });

  it('finds the card a killed process posted but never heard back about, instead of posting a second one', async () => {
    // Slack posts the card, but its answer never reaches the first process, which is killed still waiting.
    const { env, slackApi, workspace, slack } = await killedWhileHeld(
      (method, body) => method === 'chat.postMessage' && body.includes('approval.approve'),
      true,
      '198.51.100.80',
    );

    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));

    const second = await startVigilProcess({ ...env, SLACK_API_URL: `${slackApi}/api/` });
    processes.push(second);
    // The restart's card job runs before the click's, on the case's queue.
    await slack.emulator.click({
      user: 'bob',
      channel: SEED_IDS.channels.alerts,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && c.message.text.startsWith('Approved'),
    );
    const thread = workspace.thread(SEED_IDS.channels.alerts, card.thread_ts ?? '');
    expect(thread.filter((m) => shown(m).includes('*Confidence*')).map((m) => m.ts)).toEqual([card.ts]);
  });

  it('finds the linked-alert note a killed process posted but never heard back about, instead of posting it again', async () => {
    // A second alert from the same address is linked to the case; Slack posts the thread note that says so, but
    // its answer never reaches the first process, which is killed before it records the case told.
    const { env, slackApi, workspace } = await killedWhileHeld(
      (method, body) => method === 'chat.postMessage' && body.includes('Related alert linked'),
      true,
      '198.51.100.81',
      [{ title: 'Port scan from a beaconing host', severity: 'medium', source_ip: '198.51.100.81' }],
    );
    const root = workspace.messages(SEED_IDS.channels.alerts)[0];
    if (!root) throw new Error('the first process posted no case message');
    const linkedNotes = () =>
      workspace
        .thread(SEED_IDS.channels.alerts, root.ts)
        .filter((m) => m.text.startsWith('Related alert linked'));
    await until(() => linkedNotes().length === 1);
    const toldThrough = () => {
      const db = new BetterSqlite3(path.join(env.VIGIL_DATA_DIR, 'vigil.db'), { readonly: true });
      try {
        return db.prepare<[], number | null>('SELECT told_through FROM cases').pluck().all();
      } finally {
        db.close();
      }
    };
    expect(toldThrough()).toEqual([null]);

    const second = await startVigilProcess({ ...env, SLACK_API_URL: `${slackApi}/api/` });
    processes.push(second);
    // The restart tells the case what it is still owed: the note is found in the thread, not posted again.
    await until(() => typeof toldThrough()[0] === 'number');
    expect(linkedNotes()).toHaveLength(1);
  });

  it('after an upgrade, refuses a card bound under the older workflow version and re-issues it under the new one', async () => {
    const { slack, workspace, config, quiet } = await upgradeWorld();
    // The release before this one (its triage graph had a next-action node) bound the card under triage@4.
    const older = await startVigil(config, { ...quiet, triageWorkflowVersion: 'triage@4' });
    const card = await postAlert(older.url, slack.intakeToken, '198.51.100.79', workspace);
    await older.stop();

    const upgraded = await startVigil(config, quiet);
    try {
      await slack.emulator.click({
        user: 'bob',
        channel: SEED_IDS.channels.alerts,
        ts: card.ts,
        action_id: 'approval.approve',
      });
      await workspace.waitFor(
        'ephemeral',
        (e) =>
          e.user === SEED_IDS.users.bob && e.text.includes('Vigil was upgraded after this card was posted'),
      );
      await supersededAndReissued(upgraded, slack, card, '198.51.100.79');
      const stale = auditData(upgraded, 'approval.stale');
      expect(stale).toEqual([
        expect.objectContaining({ workflowChanged: true, workflowVersion: TRIAGE_WORKFLOW_VERSION }),
      ]);
    } finally {
      await upgraded.stop();
    }
  });

  it('after an upgrade, supersedes an approval given under the older workflow version but never carried out, and asks again', async () => {
    const { slack, workspace, config, quiet } = await upgradeWorld();
    const older = await startVigil(config, { ...quiet, triageWorkflowVersion: 'triage@4' });
    const card = await postAlert(older.url, slack.intakeToken, '198.51.100.81', workspace);
    // Bob approved, and the older release stopped before it carried the approval out.
    const pending = approvedBeforeStop(older, SEED_IDS.users.bob);
    await older.stop();

    const upgraded = await startVigil(config, quiet);
    try {
      const note = await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && shown(m).includes('Approval superseded'),
      );
      expect(shown(note)).toContain(`<@${SEED_IDS.users.bob}> approved`);
      expect(shown(note)).toContain('nothing was done');
      await supersededAndReissued(upgraded, slack, card, '198.51.100.81');
      expect(auditData(upgraded, 'approval.stale')).toEqual([
        expect.objectContaining({
          approvalId: pending.id,
          workflowChanged: true,
          workflowVersion: TRIAGE_WORKFLOW_VERSION,
          approvedBy: [SEED_IDS.users.bob],
        }),
      ]);
      expect(upgraded.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await upgraded.stop();
    }
  });

  it('after an upgrade, supersedes an offboarding approved under the older workflow version but not begun, and asks again', async () => {
    const { slack, config, quiet, offboard } = await offboardingWorld();
    const { workspace } = slack.emulator;

    const older = await startVigil(config, { ...quiet, offboardingWorkflowVersion: 'offboarding@0' });
    await offboard();
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    // Carol (@soc-senior) approved, and the older release stopped before it began.
    const pending = approvedBeforeStop(older, SEED_IDS.users.carol);
    await older.stop();

    const upgraded = await startVigil(config, quiet);
    try {
      await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && shown(m).includes('Approval superseded'),
      );
      await workspace.waitFor(
        'message_changed',
        (c) => c.message.ts === card.ts && shown(c.message).includes('Superseded'),
      );
      const fresh = await workspace.waitFor(
        'message',
        (m) => hasButton(m, 'approval.approve') && m.ts !== card.ts,
      );
      expect(fresh.thread_ts).toBe(card.thread_ts);
      const steps = () =>
        upgraded.db.sqlite.prepare('SELECT idempotency_key AS key, status FROM actions').all();
      expect(steps()).toEqual([]);

      await slack.emulator.click({
        user: 'carol',
        channel: SEED_IDS.channels.alerts,
        ts: fresh.ts,
        action_id: 'approval.approve',
      });
      await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'),
      );
      await upgraded.drain();
      expect(steps()).toEqual(
        expect.arrayContaining([
          { key: 'offboard:VIG-1:disable-identity', status: 'done' },
          { key: 'offboard:VIG-1:revoke-cloud', status: 'done' },
          { key: 'offboard:VIG-1:remove-slack', status: 'done' },
        ]),
      );
      expect(steps()).toHaveLength(3);
      expect(auditData(upgraded, 'approval.stale')).toEqual([
        expect.objectContaining({
          approvalId: pending.id,
          workflowVersion: OFFBOARDING_WORKFLOW_VERSION,
          approvedBy: [SEED_IDS.users.carol],
        }),
      ]);
      expect(upgraded.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await upgraded.stop();
    }
  });

  it('after an upgrade in the middle of an offboarding, refuses a Retry under the older approval and says to ask again', async () => {
    const { slack, config, quiet, offboard } = await offboardingWorld();
    const { workspace } = slack.emulator;
    const awsIam = lab?.awsIam;
    if (!awsIam) throw new Error('the lab did not start');
    const older = await startVigil(config, {
      ...quiet,
      offboardingWorkflowVersion: 'offboarding@0',
      connectorDeps: { maxAttempts: 1 },
    });
    await offboard();
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    awsIam.state.fail({ status: 500, method: 'POST', path: '/' });
    await slack.emulator.click({
      user: 'carol',
      channel: SEED_IDS.channels.alerts,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    const failure = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && hasButton(m, 'offboarding.retry'),
    );
    await older.drain();
    await older.stop();

    const upgraded = await startVigil(config, quiet);
    try {
      await slack.emulator.click({
        user: 'carol',
        channel: SEED_IDS.channels.alerts,
        ts: failure.ts,
        action_id: 'offboarding.retry',
      });
      await workspace.waitFor(
        'ephemeral',
        (e) =>
          e.user === SEED_IDS.users.carol &&
          e.text.includes('Vigil was upgraded after this offboarding was approved'),
      );
      await upgraded.drain();
      const steps = upgraded.db.sqlite
        .prepare('SELECT idempotency_key AS key, status FROM actions ORDER BY idempotency_key')
        .all();
      expect(steps).toEqual([
        { key: 'offboard:VIG-1:disable-identity', status: 'done' },
        { key: 'offboard:VIG-1:revoke-cloud', status: 'failed' },
      ]);
      expect(auditData(upgraded, 'offboarding.retry_refused')).toEqual([
        expect.objectContaining({
          reason: 'workflow-upgraded',
          workflowVersion: OFFBOARDING_WORKFLOW_VERSION,
        }),
      ]);
    } finally {
      await upgraded.stop();
    }
  });
});

/**
 * Records `userId`'s approval of the one pending card as ApprovalService records a decision, with nothing
 * after it: the state a process leaves when it stops right after the decision (crash.test.ts kills one there).
 */
function approvedBeforeStop(vigil: Awaited<ReturnType<typeof startVigil>>, userId: string) {
  const approvals = new ApprovalsRepository(vigil.db.orm);
  const [pending] = approvals.listPending();
  if (!pending) throw new Error('no pending approval');
  const at = new Date().toISOString();
  expect(approvals.vote(pending.id, userId, 'approve', at, pending.escalations)).toBe(true);
  expect(
    approvals.decide(pending.id, { status: 'approved', decidedBy: userId, decidedAt: at, reason: null }),
  ).toBeDefined();
  return pending;
}

/** Files `count` triage cases that ended in `failed`, as a workflow error leaves them, in the database at `file`. */
function failedCasesAfter(file: string, count: number): void {
  const db = openDatabase(file);
  const cases = new CasesRepository(db.orm, db.sqlite);
  const at = new Date().toISOString();
  db.sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const row = cases.create({
        title: `Earlier failure ${i}`,
        severity: 'low',
        requestedBy: 'webhook',
        at,
      });
      cases.update(row.id, { status: 'failed' }, at);
    }
  })();
  db.close();
}

/** The lab's identity vendors and a sandbox workspace, each on its own; `offboard` is Alice asking for Victor's. */
async function offboardingWorld() {
  lab = await startLab();
  const vendorEnv = Object.assign({}, ...lab.vendors.map((v) => v.env)) as Record<string, string>;
  const slack = await startProcessSlack((created) => (emulator = created));
  const config = loadConfig({
    ...slack.env,
    ...vendorEnv,
    VIGIL_DATA_DIR: tempDataDir(),
    LOG_LEVEL: 'silent',
  });
  return {
    slack,
    config,
    quiet: { logger: createLogger('silent'), slackRetries: 0 },
    offboard: () =>
      slack.emulator.command({
        user: 'alice',
        channel: SEED_IDS.channels.alerts,
        command: '/vigil',
        text: `offboard <@${SEED_IDS.users.victor}|victor>`,
      }),
  };
}

/** A sandbox workspace on its own, and a policy under which blocking an IP needs a responder's approval. */
async function upgradeWorld() {
  const slack = await startProcessSlack((created) => (emulator = created));
  const policyFile = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(
    policyFile,
    'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n',
  );
  const config = loadConfig({
    ...slack.env,
    VIGIL_DATA_DIR: tempDataDir(),
    VIGIL_POLICY_FILE: policyFile,
    LOG_LEVEL: 'silent',
  });
  return {
    slack,
    workspace: slack.emulator.workspace,
    config,
    quiet: { logger: createLogger('silent'), slackRetries: 0 },
  };
}

/** Posts a critical alert about `ip` and returns the approval card it leads to. */
async function postAlert(
  url: string,
  intakeToken: string,
  ip: string,
  workspace: SlackEmulator['workspace'],
) {
  const res = await fetch(`${url}/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${intakeToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Beaconing to C2', severity: 'critical', source_ip: ip }),
  });
  expect(res.status).toBe(202);
  return workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
}

/**
 * The old card shows it was superseded and nothing was blocked; a new card follows in the same thread, and
 * approving it blocks `ip` once.
 */
async function supersededAndReissued(
  vigil: Awaited<ReturnType<typeof startVigil>>,
  slack: Awaited<ReturnType<typeof startProcessSlack>>,
  card: { ts: string; thread_ts?: string },
  ip: string,
): Promise<void> {
  const { workspace } = slack.emulator;
  await workspace.waitFor(
    'message_changed',
    (c) =>
      c.message.ts === card.ts &&
      !hasButton(c.message, 'approval.approve') &&
      shown(c.message).includes('Superseded'),
  );
  const fresh = await workspace.waitFor(
    'message',
    (m) => hasButton(m, 'approval.approve') && m.ts !== card.ts,
  );
  expect(fresh.thread_ts).toBe(card.thread_ts);
  const blocks = () =>
    vigil.db.sqlite.prepare("SELECT count(*) AS n FROM actions WHERE kind = 'block_ip'").get();
  expect(blocks()).toEqual({ n: 0 });

  await slack.emulator.click({
    user: 'bob',
    channel: SEED_IDS.channels.alerts,
    ts: fresh.ts,
    action_id: 'approval.approve',
  });
  await workspace.waitFor('message', (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'));
  await vigil.drain();
  expect(blocks()).toEqual({ n: 1 });
  const edl = await fetch(`${vigil.url}/edl/ip-blocklist.txt`, {
    headers: { authorization: `Bearer ${slack.intakeToken}` },
  });
  expect(await edl.text()).toBe(`${ip}\n`);
}

function auditData(vigil: Awaited<ReturnType<typeof startVigil>>, type: string): unknown[] {
  const rows = vigil.db.sqlite.prepare('SELECT data FROM audit_events WHERE type = ?').all(type) as Array<{
    data: string;
  }>;
  return rows.map((row) => JSON.parse(row.data) as unknown);
}
