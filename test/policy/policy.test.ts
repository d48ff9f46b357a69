import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy } from '../../src/policy/policy.js';

describe('policy', () => {
  it('loads the shipped policy.yml: block_ip needs one @soc-responders approval within 4 h (then @soc-senior), blocks for 24 h', () => {
    const policy = loadPolicy('policy.yml');
    expect(policy.evaluate('block_ip')).toEqual({
      mode: 'approval',
      reason: 'policy requires approval',
      policyHash: policy.hash,
      approvers: { usergroup: 'soc-responders' },
      quorum: 1,
      expiresInSeconds: 14_400,
      onExpiry: { kind: 'escalate', approvers: { usergroup: 'soc-senior' } },
      ttlSeconds: 86_400,
    });
    expect(policy.hash).toMatch(/^[a-f0-9]{64}$/);
  });

  it('changes its hash when the file changes by one character', () => {
    const text = fs.readFileSync('policy.yml', 'utf8');
    expect(parsePolicy(text).hash).not.toBe(parsePolicy(text.replace('24h', '12h')).hash);
  });

  it('forbids actions the policy does not mention', () => {
    const policy = parsePolicy('version: 1\nactions: {}\n');
    expect(policy.evaluate('block_ip').mode).toBe('forbidden');
  });

  it('names the line and the reason when approvers are missing', () => {
    const text = 'version: 1\nactions:\n  block_ip:\n    approval: required\n';
    expect(() => parsePolicy(text, 'policy.yml')).toThrow(
      /^policy\.yml:3: invalid policy at actions\.block_ip\.approvers: .*needs approvers/,
    );
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parsePolicy('version: 1\nactions:\n  block_ip: [\n', 'p.yml')).toThrow(
      /^p\.yml:\d+: not valid YAML/,
    );
  });

  it('requires escalate_to and expires for on_expiry: escalate, and a quorum no larger than the listed users', () => {
    expect(() =>
      parsePolicy(
        'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: g }\n    on_expiry: escalate\n',
      ),
    ).toThrow(/needs escalate_to/);
    expect(() =>
      parsePolicy(
        'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { users: [U1] }\n    quorum: 2\n',
      ),
    ).toThrow(/quorum is larger than the list of approvers/);
  });

  it('rejects an unknown action and a malformed ttl', () => {
    expect(() => parsePolicy('version: 1\nactions:\n  nuke_everything:\n    approval: auto\n')).toThrow(
      /invalid policy/,
    );
    expect(() =>
      parsePolicy('version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: forever\n'),
    ).toThrow(/:5: invalid policy at actions\.block_ip\.ttl: a duration/);
  });

  it('reports an unreadable file with the fix', () => {
    expect(() => loadPolicy('/nonexistent/policy.yml')).toThrow(
      /VIGIL_POLICY_FILE points at \/nonexistent\/policy\.yml/,
    );
  });
});
