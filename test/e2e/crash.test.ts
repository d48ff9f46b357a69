// Crash safety: Vigil as a child process (Slack HTTP mode, vendor stubs) killed with SIGKILL at the worst
// moments, a Slack call or vendor answer held meanwhile; after a restart each vendor change happened once,
// action rows are done, cards show the decision, threads have the results, and `vigil audit verify` passes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/lab.js';
import { startPanOsStub, type PanOsStubState } from '../../src/lab/vendors/pan-os-stub.js';
import { formBody, type RecordedRequest, type RunningStub } from '../../src/lab/vendors/stub-server.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

const { channels, users } = SEED_IDS;
const IP = '198.51.100.77';

let emulator: SlackEmulator | undefined;
let panos: RunningStub<PanOsStubState> | undefined;
let lab: Lab | undefined;
const processes: VigilProcess[] = [];
const starting: ChildProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  for (const c of starting.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await emulator?.close();
  await panos?.close();
  await lab?.close();
  emulator = panos = lab = undefined;
});

interface World {
  emulator: SlackEmulator;
  /** The emulator's base URL (its Web API under /api/, its control API under /sandbox/). */
  slackUrl: string;
  env: Record<string, string>;
  dataDir: string;
  start(): Promise<VigilProcess>;
  /** Reads the app database read-only, as an operator's tool would while Vigil runs. */
  query<T>(sql: string, ...params: unknown[]): T[];
}

async function world(vendorEnv: Record<string, string>): Promise<World> {
  const slack = await startProcessSlack((created) => (emulator = created));
  const dataDir = tempDataDir();
  const env = { ...slack.env, VIGIL_DATA_DIR: dataDir, ...vendorEnv };
  return {
    emulator: slack.emulator,
    slackUrl: slack.slackApi,
    env,
    dataDir,
    async start() {
      const started = await startVigilProcess(env);
      processes.push(started);
      return started;
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

/** Starts Vigil as `npm start` does without waiting for its banner (to kill it during start-up). */
function spawnVigil(env: Record<string, string>): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  starting.push(child);
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** Writes the app database while Vigil is down, as time passing or an operator would change it. */
function write(w: World, sql: string): void {
  const db = new BetterSqlite3(path.join(w.dataDir, 'vigil.db'));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Polls a condition (no fixed sleeps): resolves with the first truthy value. */
async function until<T>(read: () => T | undefined | false, what: string, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls until the action row with `key` has `status`. */
async function untilActionStatus(w: World, key: string, status: string, what: string): Promise<void> {
  await until(
    () =>
      w.query<{ status: string }>('SELECT status FROM actions WHERE idempotency_key = ?', key).at(0)
        ?.status === status,
    what,
  );
}

/** Runs `vigil audit verify` on the data directory, as an operator would. */
function auditVerify(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/vigil.js', 'audit', 'verify'], {
      env: { PATH: process.env.PATH ?? '', VIGIL_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Slack stalls on the next call of `method` whose arguments match (the sandbox's fault control API). */
function holdSlack(w: World, method: string, match: Record<string, string>): Promise<Response> {
  return fetch(`${w.slackUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, match }),
  });
}

/** Drops the held Slack calls (the process that made them is gone). */
function dropSlackFaults(w: World): Promise<Response> {
  return fetch(`${w.slackUrl}/sandbox/faults`, { method: 'DELETE' });
}

/** `vigil audit verify` passes on the data directory. */
async function expectAuditChainOk(dataDir: string): Promise<void> {
  const verify = await auditVerify(dataDir);
  expect(verify.output).toContain('audit chain OK');
  expect(verify.code).toBe(0);
}

async function kill(p: VigilProcess): Promise<void> {
  expect(await p.stop('SIGKILL')).toBeNull();
}

/** Sends the alert by webhook (at `severity`); resolves with intake's answer (202: stored). */
async function sendAlert(
  w: World,
  p: VigilProcess,
  severity = 'critical',
): Promise<{ alerts: Array<{ case: string; relation: string }> }> {
  const res = await fetch(`${p.url}/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.env.VIGIL_INTAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Beaconing to known C2', severity, source_ip: IP }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { alerts: Array<{ case: string; relation: string }> };
}

async function postAlert(w: World, p: VigilProcess, severity?: string): Promise<SlackMessage> {
  await sendAlert(w, p, severity);
  const card = await w.emulator.workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
  await w.emulator.workspace.waitFor('message_changed', (c) => c.message.text.includes('awaiting approval'));
  return card;
}

/** `user` presses Approve on the card. */
function approve(w: World, card: SlackMessage, user: string): ReturnType<SlackEmulator['click']> {
  return w.emulator.click({ user, channel: channels.alerts, ts: card.ts, action_id: 'approval.approve' });
}

/** After the restart: the card is locked with the decision, the thread has the result and the summary. */
async function expectFinished(w: World, card: SlackMessage, result: string | RegExp): Promise<void> {
  const { workspace } = w.emulator;
  const threadTs = card.thread_ts ?? card.ts;
  await workspace.waitFor(
    'message',
    (m) => m.thread_ts === threadTs && m.text.startsWith('Summary:'),
    30_000,
  );
  const locked = workspace.findMessage(channels.alerts, card.ts);
  expect(locked && hasButton(locked, 'approval.approve')).toBe(false);
  expect(locked && hasButton(locked, 'approval.deny')).toBe(false);
  expect(locked?.text).toMatch(/^Approved/);
  const thread = workspace.thread(channels.alerts, threadTs).map((m) => m.text);
  expect(
    thread.some((text) => (typeof result === 'string' ? text.includes(result) : result.test(text))),
  ).toBe(true);
}

/** Alice asks for Victor's offboarding; resolves with the approval card (for @soc-senior). */
async function requestOffboarding(w: World): Promise<SlackMessage> {
  await w.emulator.command({
    user: 'alice',
    channel: channels.alerts,
    command: '/vigil',
    text: `offboard <@${users.victor}|victor>`,
  });
  return w.emulator.workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
}

/** Each of the three offboarding steps has one action row, done. */
function expectOffboardingStepsDone(w: World): void {
  expect(
    w.query('SELECT idempotency_key AS key, status FROM actions ORDER BY created_at, idempotency_key'),
  ).toEqual([
    { key: 'offboard:VIG-1:disable-identity', status: 'done' },
    { key: 'offboard:VIG-1:revoke-cloud', status: 'done' },
    { key: 'offboard:VIG-1:remove-slack', status: 'done' },
  ]);
}

async function startLabWorld(): Promise<{ w: World; lab: Lab }> {
  const started = await startLab();
  lab = started;
  const vendorEnv = Object.assign({}, ...started.vendors.map((v) => v.env)) as Record<string, string>;
  return { w: await world(vendorEnv), lab: started };
}

const panosEnv = (stub: RunningStub<PanOsStubState>) => ({
  PANOS_URL: stub.url,
  PANOS_API_KEY: stub.state.apiKey,
});

const isRegister = (request: RecordedRequest) =>
  formBody(request).get('cmd')?.includes('<register>') ?? false;

/**
 * Before the restart the operator makes blocks need a person; Vigil starts again, re-runs the case to a card, and
 * carol denies it. Returns the card.
 */
async function restartStricterAndDeny(w: World, policyFile: string): Promise<SlackMessage> {
  fs.writeFileSync(
    policyFile,
    'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n    ttl: 24h\n',
  );
  await w.start();
  const { workspace } = w.emulator;
  const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.deny'), 30_000);
  await w.emulator.click({
    user: 'carol',
    channel: channels.alerts,
    ts: card.ts,
    action_id: 'approval.deny',
  });
  const modal = await workspace.waitFor('view_opened', (v) => v.user === users.carol);
  await w.emulator.submitView({
    user: 'carol',
    view_id: modal.view.id,
    values: { 'approval.deny_reason.block': { 'approval.deny_reason.input': 'not needed' } },
  });
  return card;
}

describe('crash safety (SIGKILL)', () => {
  it('killed right after an approval is recorded, before the card is locked or the block runs: after a restart the block runs once and the card shows the approval', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);

    // Slack stalls on the chat.update that would lock this card: the decision is stored, nothing else ran.
    const fault = await holdSlack(w, 'chat.update', { ts: card.ts });
    expect(fault.status).toBe(200);
    const click = await approve(w, card, 'bob');
    expect(click.status).toBe(200);
    await w.emulator.faults.whenHeld();
    await until(
      () =>
        w.query<{ status: string }>("SELECT status FROM approvals WHERE status = 'approved'").length === 1,
      'the approval row',
    );
    await kill(first);
    expect(w.query('SELECT id FROM actions')).toEqual([]);
    expect(panos.state.changes).toEqual([]);
    const dropped = await dropSlackFaults(w);
    expect(await dropped.json()).toMatchObject({ ok: true });
    expect(
      hasButton(w.emulator.workspace.findMessage(channels.alerts, card.ts) ?? card, 'approval.approve'),
    ).toBe(true);

    await w.start();
    await expectFinished(w, card, `Blocked ${IP} on pan-os:vigil-blocked`);
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);
    expect(panos.state.messages).toHaveLength(1);
    expect(w.query('SELECT status FROM actions')).toEqual([{ status: 'done' }]);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'action.executed'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed while the block is in flight at the firewall (the firewall made the change, Vigil never heard): after a restart the same action is finished without a second change', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);

    const held = panos.state.hold({ where: isRegister });
    await approve(w, card, 'bob');
    await held.arrived;
    const running = await until(() => {
      const rows = w.query<{ id: string; key: string; status: string; expiresAt: string }>(
        'SELECT id, idempotency_key AS key, status, expires_at AS expiresAt FROM actions',
      );
      return rows.length === 1 && rows[0]?.status === 'running' && rows[0];
    }, 'the action row to be running');
    await kill(first);
    held.release();
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);

    await w.start();
    // The retry is the recorded attempt (same expiry), and the thread says how it finished.
    await expectFinished(
      w,
      card,
      `Blocked ${IP} on pan-os:vigil-blocked until ${running.expiresAt} (finished after an interruption`,
    );
    // One change at the firewall; the retry reused the action (and its idempotency key) and changed nothing.
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);
    expect(panos.state.messages).toHaveLength(2);
    expect(
      w.query('SELECT id, idempotency_key AS key, status, expires_at AS expiresAt FROM actions'),
    ).toEqual([{ ...running, status: 'done' }]);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'action.executed'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed while a block that ran by itself is in flight, then worked again under a stricter policy and denied: the block is rolled back, not left in force', async () => {
    panos = await startPanOsStub();
    const policyFile = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(policyFile, 'version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: 24h\n');
    const w = await world({ ...panosEnv(panos), VIGIL_POLICY_FILE: policyFile });
    const first = await w.start();
    const held = panos.state.hold({ where: isRegister });
    await fetch(`${first.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.env.VIGIL_INTAKE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Beaconing to known C2', severity: 'critical', source_ip: IP }),
    });
    await held.arrived;
    await until(
      () => w.query<{ status: string }>('SELECT status FROM actions')[0]?.status === 'running',
      'the action row to be running',
    );
    await kill(first);
    held.release(); // the firewall made the change; Vigil never heard
    await restartStricterAndDeny(w, policyFile);
    const { workspace } = w.emulator;
    const note = await workspace.waitFor('message', (m) => m.text.startsWith('Action cut off:'), 30_000);
    expect(note.text).toContain(`Vigil stopped while carrying out block_ip ${IP}`);
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`, `unregister ${IP} vigil-blocked`]);
    expect(w.query('SELECT status FROM actions')).toEqual([{ status: 'failed' }]);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'action.cut_off'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed after a block that ran by itself was recorded done but before its result reached the thread, then worked again under a stricter policy and denied: the block is rolled back, not left in force unmentioned', async () => {
    panos = await startPanOsStub();
    const policyFile = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(policyFile, 'version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: 24h\n');
    const w = await world({ ...panosEnv(panos), VIGIL_POLICY_FILE: policyFile });
    // Slack stalls on the block's result note ("Action: Blocked …"): the block is done and recorded, the
    // thread not yet told. (The emulator's own hold rules match on exact arguments only.)
    const { faults } = w.emulator;
    const gate = faults.gate.bind(faults);
    let heldResult!: () => void;
    const resultHeld = new Promise<void>((resolve) => (heldResult = resolve));
    faults.gate = (method, args, res) => {
      if (method === 'chat.postMessage' && String(args.text ?? '').startsWith('Action')) {
        heldResult();
        return new Promise((resolve) => res.once('close', () => resolve('drop')));
      }
      return gate(method, args, res);
    };
    const first = await w.start();
    await sendAlert(w, first);
    await resultHeld;
    await until(
      () => w.query<{ status: string }>('SELECT status FROM actions')[0]?.status === 'done',
      'the block to be recorded done',
    );
    await kill(first);
    faults.gate = gate;
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);
    const card = await restartStricterAndDeny(w, policyFile);
    const { workspace } = w.emulator;
    const root = card.thread_ts ?? card.ts;
    await workspace.waitFor('message', (m) => m.thread_ts === root && m.text.startsWith('Summary:'), 30_000);
    // The case's outcome is settled once its run has finished (after the summary).
    await workspace.waitFor('message', (m) => m.thread_ts === root && m.text.startsWith('Action cut off:'));
    const thread = workspace.thread(channels.alerts, root).map((m) => m.text);
    // What people read: the block was denied and not executed…
    expect(thread.some((text) => text.includes('Not executed (block_ip'))).toBe(true);
    // …so the block Vigil made before the crash must not stay in force, unmentioned, for its 24 h.
    expect({
      changes: panos.state.changes,
      actions: w.query('SELECT status FROM actions'),
      blockMentioned: thread.some((text) => /Blocked|cut off|stays in force/.test(text)),
    }).toEqual({
      changes: [`register ${IP} vigil-blocked`, `unregister ${IP} vigil-blocked`],
      actions: [{ status: 'failed' }],
      blockMentioned: true,
    });
    expect(thread.filter((text) => text.startsWith('Action cut off:'))).toHaveLength(1);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'action.cut_off'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed after the block is recorded done but before its result reached the thread: after a restart the result is posted once and the block is not repeated', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);

    // The next post in the case's thread after the decision is the action's result: Slack stalls on it.
    await holdSlack(w, 'chat.postMessage', { thread_ts: card.thread_ts ?? '' });
    await approve(w, card, 'bob');
    await w.emulator.faults.whenHeld();
    const done = await until(() => {
      const rows = w.query<{ status: string; expiresAt: string }>(
        'SELECT status, expires_at AS expiresAt FROM actions',
      );
      return rows.length === 1 && rows[0]?.status === 'done' && rows[0];
    }, 'the action row to be done');
    await kill(first);
    await dropSlackFaults(w);

    await w.start();
    await expectFinished(
      w,
      card,
      `Action: Already done before an interruption: ${IP} is blocked until ${done.expiresAt}.`,
    );
    const thread = w.emulator.workspace.thread(channels.alerts, card.thread_ts ?? card.ts);
    expect(thread.filter((m) => m.text.startsWith('Action:'))).toHaveLength(1);
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);
    expect(panos.state.messages).toHaveLength(1);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'action.executed'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed while an approval waits, and down past its deadline: on restart the overdue approval is escalated, its card re-rendered, and the new approver’s decision is carried out once', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);
    await kill(first);
    // Time passes while Vigil is down: the stored deadline is now behind us.
    const db = new BetterSqlite3(path.join(w.dataDir, 'vigil.db'));
    db.prepare("UPDATE approvals SET expires_at = '2000-01-01T00:00:00.000Z' WHERE status = 'pending'").run();
    db.close();

    const { workspace } = w.emulator;
    await w.start();
    await workspace.waitFor(
      'message_changed',
      (c) =>
        c.message.ts === card.ts && shown(c.message).includes(`<!subteam^${SEED_IDS.userGroups.senior}>`),
    );
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Escalated'),
    );
    expect(w.query("SELECT id FROM audit_events WHERE type = 'approval.escalated'")).toHaveLength(1);
    await approve(w, card, 'carol');
    await expectFinished(w, card, `Blocked ${IP} on pan-os:vigil-blocked`);
    expect(panos.state.changes).toEqual([`register ${IP} vigil-blocked`]);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed while an overdue approval is being escalated (escalation recorded, card not yet re-rendered): after a restart the card names the senior group and the thread says it was escalated, once', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);
    expect(shown(card)).toContain(`<!subteam^${SEED_IDS.userGroups.responders}>`);
    expect(shown(card)).not.toContain('(escalated)');
    // A clean stop (its run checkpointed at the interrupt, so no later start-up works the case again)…
    expect(await first.stop()).toBe(0);
    // …and Vigil stays down past the deadline: the next start-up's sweep escalates it.
    write(w, "UPDATE approvals SET expires_at = '2000-01-01T00:00:00.000Z' WHERE status = 'pending'");

    // Slack stalls on the chat.update that re-renders the card for the senior group: killed right there.
    await holdSlack(w, 'chat.update', { ts: card.ts });
    const second = spawnVigil(w.env);
    await w.emulator.faults.whenHeld();
    await until(
      () => w.query<{ escalations: number }>('SELECT escalations FROM approvals')[0]?.escalations === 1,
      'the escalation to be recorded',
    );
    second.child.kill('SIGKILL');
    await second.exited;
    await dropSlackFaults(w);

    const { workspace } = w.emulator;
    await w.start();
    // The store says the approval now waits for soc-senior…
    expect(w.query<{ approvers: string }>('SELECT approvers FROM approvals')[0]?.approvers).toContain(
      'soc-senior',
    );
    // …so the card in Slack says so, and the senior group is told in the thread.
    await workspace.waitFor(
      'message_changed',
      (c) =>
        c.message.ts === card.ts &&
        shown(c.message).includes('(escalated)') &&
        shown(c.message).includes(`<!subteam^${SEED_IDS.userGroups.senior}>`),
      15_000,
    );
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Escalated'),
    );
    const thread = workspace.thread(channels.alerts, card.thread_ts ?? card.ts).map((m) => m.text);
    expect(thread.filter((text) => text.startsWith('Escalated'))).toHaveLength(1);
    expect(w.query('SELECT escalation_told_at IS NOT NULL AS told FROM approvals')).toEqual([{ told: 1 }]);
  }, 120_000);

  it('killed after a repeat of a resolved case was filed (202 sent) but before its thread was told: after a restart the thread says the alert came in again', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first);
    const root = card.thread_ts ?? card.ts;
    const { workspace } = w.emulator;
    await w.emulator.click({
      user: 'bob',
      channel: channels.alerts,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    await workspace.waitFor('message', (m) => m.thread_ts === root && m.text.startsWith('Summary:'), 30_000);
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === root && shown(c.message).includes('Resolved'),
    );
    expect(w.query('SELECT status FROM cases')).toEqual([{ status: 'resolved' }]);

    // The block held, yet the attacker's beaconing comes back. Slack stalls on the root message's re-render,
    // the first call of the case's update job that also carries the thread note.
    await holdSlack(w, 'chat.update', { ts: root });
    const repeat = await sendAlert(w, first);
    expect(repeat.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'repeat' })]);
    await w.emulator.faults.whenHeld();
    await kill(first);
    await dropSlackFaults(w);
    // The alert is stored as a repeat of the resolved case (the sender was told 202)…
    expect(w.query("SELECT relation FROM alerts WHERE relation = 'repeat'")).toHaveLength(1);

    await w.start();
    // …so the people who resolved the case should hear that it came back.
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root && m.text.includes('Seen again after it was resolved'),
      15_000,
    );
    const seenAgain = () =>
      workspace
        .thread(channels.alerts, root)
        .filter((m) => m.text.includes('Seen again after it was resolved'));
    expect(seenAgain()).toHaveLength(1);
    // Told once: the case records it, so a later start-up owes it nothing.
    await until(
      () => w.query<{ told: number | null }>('SELECT told_through AS told FROM cases')[0]?.told,
      'the case to record its thread told',
    );
    expect(await processes[processes.length - 1]?.stop()).toBe(0);
    await w.start();
    expect(w.query('SELECT id FROM owed_notes')).toEqual([]);
    expect(seenAgain()).toHaveLength(1);
  }, 120_000);

  it('says "Seen again after it was resolved" once however many restarts come between the repeats', async () => {
    panos = await startPanOsStub();
    const w = await world(panosEnv(panos));
    const first = await w.start();
    const card = await postAlert(w, first, 'high');
    const root = card.thread_ts ?? card.ts;
    const { workspace } = w.emulator;
    await approve(w, card, 'bob');
    await workspace.waitFor('message', (m) => m.thread_ts === root && m.text.startsWith('Summary:'), 30_000);
    await until(
      () => w.query('SELECT id FROM cases WHERE status = ?', 'resolved').length,
      'the case resolved',
    );
    const toldThrough = () =>
      w.query<{ told: number | null }>('SELECT told_through AS told FROM cases')[0]?.told ?? 0;
    const said = (text: string) =>
      workspace.thread(channels.alerts, root).filter((m) => m.text.includes(text));

    // The alert comes back after the case was resolved: its thread is told.
    await sendAlert(w, first, 'high');
    await workspace.waitFor('message', (m) => m.thread_ts === root && m.text.includes('Seen again after'));
    const told = await until(toldThrough, 'the case to record its thread told');
    await kill(first);

    // After a restart it comes back once more, at a higher severity: that is news; its recurrence was told.
    const second = await w.start();
    await sendAlert(w, second, 'critical');
    await until(() => toldThrough() > told, 'the case to record the new note told');
    expect(said('Severity raised')).toHaveLength(1);
    expect(said('Seen again after it was resolved')).toHaveLength(1);
  }, 120_000);

  it('killed in the middle of offboarding step 2 (AWS made the change, Vigil never heard): after a restart step 1 is not repeated, step 2 finishes without a second change, step 3 runs', async () => {
    const { w, lab: vendors } = await startLabWorld();
    const { okta, awsIam, slackScim } = vendors;
    const { workspace } = w.emulator;
    const first = await w.start();

    const card = await requestOffboarding(w);
    const held = awsIam.state.hold({ where: (r) => formBody(r).get('Action') === 'UpdateAccessKey' });
    await approve(w, card, 'carol');
    await held.arrived;
    await untilActionStatus(w, 'offboard:VIG-1:revoke-cloud', 'running', 'step 2 to be running');
    await kill(first);
    held.release();
    expect(okta.state.lifecycle).toHaveLength(1);
    expect(awsIam.state.users.get('victor')?.keys.every((k) => k.Status === 'Inactive')).toBe(true);

    await w.start();
    await expectFinished(w, card, /^Step 3 of 3/);
    const thread = workspace.thread(channels.alerts, card.thread_ts ?? card.ts).map((m) => m.text);
    expect(thread.filter((text) => text.startsWith('Step 1 of 3'))).toHaveLength(1);
    const step2 = thread.filter((text) => text.startsWith('Step 2 of 3'));
    expect(step2).toHaveLength(1);
    expect(step2[0]).toContain('(1 already inactive) and deleted the console password');
    expect(step2[0]).toContain('Finished after an interruption');
    const started = w
      .query<{ data: string }>("SELECT data FROM audit_events WHERE type = 'action.started' ORDER BY id")
      .map((row) => JSON.parse(row.data) as { step: string; resumed?: boolean });
    expect(started.map((d) => [d.step, d.resumed ?? false])).toEqual([
      ['disable-identity', false],
      ['revoke-cloud', false],
      ['revoke-cloud', true],
      ['remove-slack', false],
    ]);

    expect(okta.state.lifecycle).toEqual([expect.stringMatching(/^suspend 00ulab/)]);
    expect(okta.state.received('DELETE', /\/sessions$/)).toHaveLength(1);
    const changes = awsIam.state.actions.map((a) => a.Action ?? '').filter((a) => !a.startsWith('List'));
    expect(changes).toEqual(['UpdateAccessKey', 'DeleteLoginProfile']);
    expect(awsIam.state.users.get('victor')?.loginProfile).toBe(false);
    expect(slackScim.state.received('PATCH')).toHaveLength(1);
    expect(slackScim.state.users.get(users.victor)?.active).toBe(false);
    expectOffboardingStepsDone(w);
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.thread_ts && shown(c.message).includes('Resolved'),
    );
    await expectAuditChainOk(w.dataDir);
  }, 120_000);
  it('killed after offboarding step 1 is recorded done but before its result reached the thread: after a restart the thread has step 1 once and Okta is not called again', async () => {
    const { w, lab: vendors } = await startLabWorld();
    const { okta, awsIam, slackScim } = vendors;
    const { workspace } = w.emulator;
    const first = await w.start();
    const card = await requestOffboarding(w);
    await holdSlack(w, 'chat.postMessage', { thread_ts: card.thread_ts ?? '' });
    await approve(w, card, 'carol');
    await w.emulator.faults.whenHeld();
    await untilActionStatus(w, 'offboard:VIG-1:disable-identity', 'done', 'step 1 to be done');
    await kill(first);
    await dropSlackFaults(w);

    await w.start();
    await expectFinished(w, card, /^Step 3 of 3/);
    const thread = workspace.thread(channels.alerts, card.thread_ts ?? card.ts).map((m) => m.text);
    const step1 = thread.filter((text) => text.startsWith('Step 1 of 3'));
    expect(step1).toHaveLength(1);
    expect(step1[0]).toContain('Already done before an interruption');
    expect(okta.state.lifecycle).toEqual([expect.stringMatching(/^suspend 00ulab/)]);
    expect(okta.state.received('DELETE', /\/sessions$/)).toHaveLength(1);
    expect(awsIam.state.actions.map((a) => a.Action)).toEqual([
      'ListAccessKeys',
      'UpdateAccessKey',
      'DeleteLoginProfile',
    ]);
    expect(slackScim.state.received('PATCH')).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);

  it('killed right after a Retry of a failed offboarding step is claimed, before the run resumes: after a restart the retry goes ahead once, its message is locked, and step 1 is not repeated', async () => {
    const { w, lab: vendors } = await startLabWorld();
    const { okta, awsIam, slackScim } = vendors;
    const { workspace } = w.emulator;
    const first = await w.start();
    const card = await requestOffboarding(w);
    // AWS refuses once (a 403 is not retried), so step 2 fails and waits for a Retry.
    awsIam.state.fail({ status: 403, method: 'POST', path: '/' });
    await approve(w, card, 'carol');
    const failure = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && hasButton(m, 'offboarding.retry'),
      30_000,
    );

    // Slack stalls on the chat.update that would lock the Retry message: the claim is stored, nothing ran.
    const fault = await holdSlack(w, 'chat.update', { ts: failure.ts });
    expect(fault.status).toBe(200);
    await w.emulator.click({
      user: 'carol',
      channel: channels.alerts,
      ts: failure.ts,
      action_id: 'offboarding.retry',
    });
    await w.emulator.faults.whenHeld();
    await untilActionStatus(w, 'offboard:VIG-1:revoke-cloud', 'pending', 'the retry claim');
    await kill(first);
    await dropSlackFaults(w);
    expect(awsIam.state.actions.map((a) => a.Action)).toEqual([]);
    expect(
      hasButton(workspace.findMessage(channels.alerts, failure.ts) ?? failure, 'offboarding.retry'),
    ).toBe(true);

    await w.start();
    await expectFinished(w, card, /^Step 3 of 3/);
    const relocked = workspace.findMessage(channels.alerts, failure.ts);
    expect(relocked && hasButton(relocked, 'offboarding.retry')).toBe(false);
    expect(shown(relocked ?? failure)).toContain(`Retried by <@${users.carol}>`);
    expect(okta.state.lifecycle).toEqual([expect.stringMatching(/^suspend 00ulab/)]);
    expect(awsIam.state.actions.map((a) => a.Action)).toEqual([
      'ListAccessKeys',
      'UpdateAccessKey',
      'DeleteLoginProfile',
    ]);
    expect(slackScim.state.received('PATCH')).toHaveLength(1);
    expectOffboardingStepsDone(w);
    expect(w.query("SELECT id FROM audit_events WHERE type = 'offboarding.retry'")).toHaveLength(1);
    await expectAuditChainOk(w.dataDir);
  }, 120_000);
});
