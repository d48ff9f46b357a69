// Start-up mistakes outside the variables' own syntax stop Vigil with one line naming the variable and the
// fix, not a stack trace: the port taken, a data directory that is a file.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDataDir } from '../fakes/local-vigil.js';
import { freePort, startVigilProcess } from '../fakes/vigil-process.js';

async function failure(env: Record<string, string>): Promise<string> {
  const error = await startVigilProcess({ VIGIL_LAB: 'off', ...env }).then(
    async (started) => {
      await started.stop();
      throw new Error('Vigil started');
    },
    (e: unknown) => e as Error,
  );
  return error.message;
}

it('names PORT when the port is taken', async () => {
  const port = await freePort();
  const holder = net.createServer().listen(port, '127.0.0.1');
  try {
    const output = await failure({ PORT: String(port), VIGIL_DATA_DIR: tempDataDir() });
    expect(output).toContain(
      `vigil: PORT ${port} is already in use on 127.0.0.1: stop what holds it, or set PORT to another port (0 picks a free one).`,
    );
    expect(output).toContain('exited with 1');
    expect(output).not.toMatch(/\n\s+at /);
  } finally {
    holder.close();
  }
});

it('names VIGIL_DATA_DIR when it is a file', async () => {
  const file = path.join(tempDataDir(), 'not-a-directory');
  fs.writeFileSync(file, '');
  const output = await failure({ PORT: String(await freePort()), VIGIL_DATA_DIR: file });
  expect(output).toContain(`vigil: VIGIL_DATA_DIR is ${file}, which cannot be used as a directory (EEXIST)`);
  expect(output).not.toMatch(/\n\s+at /);
});

it('refuses a second process on a data directory another Vigil process is using, and touches none of it', async () => {
  const dataDir = tempDataDir();
  const first = await startVigilProcess({
    VIGIL_LAB: 'off',
    PORT: String(await freePort()),
    VIGIL_DATA_DIR: dataDir,
  });
  try {
    const secrets = fs.readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8');
    const output = await failure({ PORT: String(await freePort()), VIGIL_DATA_DIR: dataDir });
    expect(output).toContain(
      `vigil: VIGIL_DATA_DIR ${dataDir} is in use by another Vigil process (pid ${first.child.pid}, started `,
    );
    expect(output).toContain('stop it first (one process per data directory)');
    expect(output).toContain('exited with 1');
    expect(output).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8')).toBe(secrets);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
  } finally {
    await first.stop();
  }
  // Stopped, the first one lets go: the directory can be used again.
  const next = await startVigilProcess({
    VIGIL_LAB: 'off',
    PORT: String(await freePort()),
    VIGIL_DATA_DIR: dataDir,
  });
  await next.stop();
});
