// Starts a real Vigil in local mode (real Bolt HTTP receiver, real SQLite files, the sandbox Slack
// emulator on the same port) in a temporary data directory, and gives tests a person's-eye view of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startVigil, type Overrides, type Vigil } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Lab } from '../../src/lab/lab.js';
import { loadOrCreateLocalSecrets } from '../../src/local-secrets.js';
import { createLogger } from '../../src/logger.js';
import { signatureHeaders } from '../../src/sandbox/delivery/sign.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';

export interface LocalVigil {
  vigil: Vigil;
  emulator: SlackEmulator;
  dataDir: string;
  /** POST /alerts with the intake token (or another `authorization` header). */
  postAlert(
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  edl(): Promise<string>;
  /** The lab's vendor stubs (local mode runs them unless VIGIL_LAB=off). */
  lab(): Lab;
  /**
   * POSTs `body` to Vigil's Slack request URL signed with the sandbox's signing secret, as Slack sends it, for
   * payloads the emulator would not produce; returns the HTTP status.
   */
  slackRequest(body: string, contentType: string): Promise<number>;
  /** Waits for the approval card of the newest case and returns it. */
  approvalCard(): Promise<SlackMessage>;
  /** `user` presses Approve on `card`; waits until the card is locked and the case's summary is posted. */
  approveAndFinish(card: SlackMessage, user?: string): Promise<void>;
  /** Types `/vigil <text>` as `user` in `channel` (the alerts channel) and returns the answer only they see. */
  vigilCommand(user: string, text: string, channel?: string): Promise<string>;
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
}

export interface LocalVigilOptions {
  dataDir?: string;
  policyFile?: string;
  /** Extra environment, as an operator would set it. */
  env?: Record<string, string>;
  overrides?: Overrides;
}

export async function startLocalVigil(options: LocalVigilOptions = {}): Promise<LocalVigil> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    PORT: '0',
    VIGIL_DATA_DIR: dataDir,
    VIGIL_POLICY_FILE: options.policyFile ?? 'policy.yml',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const vigil = await startVigil(config, {
    logger: createLogger(process.env.VIGIL_TEST_LOG ?? 'silent'),
    slackRetries: 0,
    ...options.overrides,
  });
  const emulator = vigil.emulator;
  if (!emulator) throw new Error('local mode started without the sandbox emulator');
  return {
    vigil,
    emulator,
    dataDir,
    async postAlert(body, headers = {}) {
      const res = await fetch(`${vigil.url}/alerts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${vigil.intakeToken}`,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    lab() {
      if (!vigil.lab) throw new Error('local mode started without the lab');
      return vigil.lab;
    },
    async edl() {
      const res = await fetch(`${vigil.url}/edl/ip-blocklist.txt`, {
        headers: { authorization: `Bearer ${vigil.edlToken}` },
      });
      if (res.status !== 200) throw new Error(`EDL answered ${res.status}`);
      return res.text();
    },
    async slackRequest(body, contentType) {
      const secret = loadOrCreateLocalSecrets(dataDir).signingSecret;
      const res = await fetch(`${vigil.url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          ...signatureHeaders(secret, Math.floor(Date.now() / 1000), body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    },
    approvalCard: () => emulator.workspace.waitFor('message', (m) => hasButton(m, 'approval.approve')),
    async approveAndFinish(card, user = 'bob') {
      const { workspace } = emulator;
      await emulator.click({ user, channel: card.channel, ts: card.ts, action_id: 'approval.approve' });
      await workspace.waitFor(
        'message_changed',
        (c) => c.message.ts === card.ts && !hasButton(c.message, 'approval.approve'),
      );
      await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'),
      );
      await vigil.drain();
    },
    async vigilCommand(user, text, channel = vigil.alertsChannelId) {
      const { workspace } = emulator;
      const before = workspace.ephemerals(user).length;
      await emulator.command({ user, channel, command: '/vigil', text });
      const answer = await workspace.waitFor(
        'ephemeral',
        (e) => e.user === workspace.user(user).id && workspace.ephemerals(user).indexOf(e) >= before,
      );
      return answer.text;
    },
    stop: () => vigil.stop(),
  };
}

export function hasButton(message: SlackMessage, actionId: string): boolean {
  return JSON.stringify(message.blocks ?? []).includes(`"action_id":"${actionId}"`);
}

/** All the text a person would read in a message: its fallback and its blocks. */
export const shown = (message: { text: string; blocks?: unknown }): string =>
  `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;
