// The policy in force while policy.yml changes on disk: an invalid edit keeps the last valid rules for triage,
// but nothing runs by itself until the file is fixed (decisions fail closed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { parsePolicy } from '../../src/policy/policy.js';
import { PolicyStore } from '../../src/policy/policy-store.js';

const context = { environment: 'prod', confidence: 1, exceptions: 0 };

it('asks a person for what would run by itself while policy.yml is invalid, and runs it again once fixed', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-policy-')), 'policy.yml');
  const valid =
    'version: 1\nactions:\n  block_ip:\n    approval: auto\n    approvers: { usergroup: soc-responders }\n  isolate_host:\n    approval: auto\n';
  fs.writeFileSync(file, valid);
  const store = new PolicyStore(file, parsePolicy(valid, file), createLogger('silent'));
  expect(store.evaluate('block_ip', context).mode).toBe('auto');

  fs.writeFileSync(file, 'version: 1\nactions:\n  block_ip:\n    approval: sometimes\n');
  const held = store.evaluate('block_ip', context);
  expect(held).toMatchObject({ mode: 'approval', approvers: { usergroup: 'soc-responders' } });
  expect(held.reason).toContain('policy.yml is invalid');
  // No one to ask: refused rather than run.
  expect(store.evaluate('isolate_host', context)).toMatchObject({ mode: 'forbidden' });
  expect(() => store.current()).toThrow(/Decisions are refused until policy.yml is fixed/);

  fs.writeFileSync(file, valid);
  expect(store.evaluate('block_ip', context).mode).toBe('auto');
});
