// Runs Vigil as a real child process (`src/main.ts`, as `npm start` does) and waits for its start-up banner;
// starts the Slack emulator such a process talks to.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createSlackEmulator, type SlackEmulator, type WorkspaceSeed } from '../../src/sandbox/emulator.js';

export interface VigilProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Stops it (SIGTERM by default) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A Slack emulator for a Vigil child process to use as its Slack, delivering to the port Vigil will take. */
export interface ProcessSlack {
  emulator: SlackEmulator;
  /** The emulator's base URL (its Web API under /api/, its control API under /sandbox/). */
  slackApi: string;
  intakeToken: string;
  /** Bearer tokens of `/idp/user-created` and `/hr/offboard`. */
  idpToken: string;
  hrToken: string;
  /** Fresh tokens, the emulator as Slack's Web API, and the free PORT it delivers to. */
  env: {
    SLACK_BOT_TOKEN: string;
    SLACK_SIGNING_SECRET: string;
    SLACK_API_URL: string;
    VIGIL_INTAKE_TOKEN: string;
    VIGIL_IDP_TOKEN: string;
    VIGIL_HR_TOKEN: string;
    PORT: string;
  };
}

/**
 * Starts the emulator with fresh tokens (and the default workspace, or `seed`); `created` gets it at once (for
 * the test's clean-up).
 */
export async function startProcessSlack(
  created: (emulator: SlackEmulator) => void,
  seed?: WorkspaceSeed,
): Promise<ProcessSlack> {
  const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const intakeToken = randomBytes(24).toString('hex');
  const idpToken = randomBytes(24).toString('hex');
  const hrToken = randomBytes(24).toString('hex');
  const emulator = createSlackEmulator({ botToken, signingSecret, ...(seed ? { seed } : {}) });
  created(emulator);
  const slackApi = await emulator.listen(0);
  const port = await freePort();
  emulator.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
  return {
    emulator,
    slackApi,
    intakeToken,
    idpToken,
    hrToken,
    env: {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${slackApi}/api/`,
      VIGIL_INTAKE_TOKEN: intakeToken,
      VIGIL_IDP_TOKEN: idpToken,
      VIGIL_HR_TOKEN: hrToken,
      PORT: String(port),
    },
  };
}

export async function startVigilProcess(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<VigilProcess> {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Vigil did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Vigil is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Vigil exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
