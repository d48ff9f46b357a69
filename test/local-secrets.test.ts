import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateLocalSecrets } from '../src/local-secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-secrets-'));
  dirs.push(dir);
  return dir;
}

describe('local mode secrets', () => {
  it('are generated once per data directory, each token different, and kept for the next start', () => {
    const dir = tempDir();
    const first = loadOrCreateLocalSecrets(dir);
    const tokens = [first.intakeToken, first.idpToken, first.hrToken];
    expect(new Set(tokens).size).toBe(3);
    expect(loadOrCreateLocalSecrets(dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, 'sandbox-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('keep the values of a file an older Vigil wrote and add the tokens it lacks', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sandbox-secrets.json');
    const older = {
      botToken: 'xoxb-sandbox-0123456789abcdef01234567',
      signingSecret: '0123456789abcdef0123456789abcdef',
      intakeToken: 'a'.repeat(48),
    };
    fs.writeFileSync(file, JSON.stringify(older));
    const secrets = loadOrCreateLocalSecrets(dir);
    expect(secrets).toMatchObject(older);
    expect(secrets.idpToken).toMatch(/^[0-9a-f]{48}$/);
    expect(secrets.hrToken).toMatch(/^[0-9a-f]{48}$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(secrets);
    expect(loadOrCreateLocalSecrets(dir)).toEqual(secrets);
  });
});
