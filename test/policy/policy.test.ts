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
      tier: 1,
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

  it('refuses a YAML alias bomb with the line of its first alias and what to do, as every other refusal', () => {
    const lines = ['version: 1', 'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `x${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    expect(() => parsePolicy(lines.join('\n'), 'policy.yml')).toThrow(
      /^policy\.yml:3: not valid YAML: Excessive alias count.*\. Write the repeated values out/,
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

  it('checks each environment’s rule as merged, the escalation tier against the quorum, and auto_run only where approval is required', () => {
    const head = 'version: 1\nactions:\n  block_ip:\n';
    // Approval in prod with no one to give it.
    expect(() =>
      parsePolicy(
        `${head}    approval: auto\n    environments:\n      prod: { approval: required }\n`,
        'p.yml',
      ),
    ).toThrow(
      /^p\.yml:6: invalid policy at actions\.block_ip\.environments\.prod\.approvers: approval: required needs approvers .* in prod$/,
    );
    // Three of two listed people.
    expect(() =>
      parsePolicy(
        `${head}    approval: required\n    approvers: { users: [U1, U2] }\n    environments:\n      prod: { quorum: 3 }\n`,
        'p.yml',
      ),
    ).toThrow(/invalid policy at actions\.block_ip\.environments\.prod\.quorum: quorum is larger .* in prod/);
    // An escalation tier that can never reach the quorum.
    expect(() =>
      parsePolicy(
        `${head}    approval: required\n    approvers: { usergroup: g }\n    quorum: 2\n    expires: 1h\n    on_expiry: escalate\n    escalate_to: { users: [U1] }\n`,
      ),
    ).toThrow(/escalate_to lists fewer people than the quorum, so the next tier could never decide/);
    // auto_run with approval: auto would be ignored: the action would run at any confidence, anywhere.
    expect(() =>
      parsePolicy(
        `${head}    approval: auto\n    auto_run: { min_confidence: 0.95, environments: [lab] }\n`,
        'p.yml',
      ),
    ).toThrow(
      /^p\.yml:5: invalid policy at actions\.block_ip\.auto_run: .*Drop auto_run, or set approval: required/,
    );
    // A merged rule that is complete loads.
    expect(
      parsePolicy(
        `${head}    approval: auto\n    approvers: { usergroup: g }\n    environments:\n      prod: { approval: required, quorum: 2 }\n`,
      ).evaluate('block_ip', { environment: 'prod', confidence: 1, exceptions: 0 }).mode,
    ).toBe('approval');
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

  describe('auto-run, environments and validation rules', () => {
    const policy = loadPolicy('policy.yml');
    const at = (environment: string, confidence: number, exceptions = 0) => ({
      environment,
      confidence,
      exceptions,
    });

    it('runs block_ip without a person only at confidence ≥ 0.9 in lab or staging, with no exceptions', () => {
      expect(policy.evaluate('block_ip', at('lab', 0.93))).toMatchObject({
        mode: 'auto',
        reason: 'auto-run: confidence 0.93 ≥ 0.9 in lab',
      });
      expect(policy.evaluate('block_ip', at('lab', 0.85))).toMatchObject({
        mode: 'approval',
        reason: "policy requires approval: confidence 0.85 is below auto-run's 0.9",
      });
      expect(policy.evaluate('block_ip', at('prod', 0.99))).toMatchObject({
        mode: 'approval',
        reason: 'policy requires approval: auto-run is not allowed in prod',
      });
      expect(policy.evaluate('block_ip', at('staging', 0.99, 1))).toMatchObject({
        mode: 'approval',
        reason: 'policy requires approval: validation raised exceptions',
      });
    });

    it('makes isolating a prod host a tier-3 two-person decision of @soc-senior', () => {
      expect(policy.evaluate('isolate_host', at('prod', 0.5))).toMatchObject({
        mode: 'approval',
        approvers: { usergroup: 'soc-senior' },
        quorum: 2,
        tier: 3,
        reason: 'policy requires approval (rules for prod): auto-run is not allowed in prod',
      });
      expect(policy.evaluate('isolate_host', at('staging', 0.5))).toMatchObject({
        approvers: { usergroup: 'soc-responders' },
        quorum: 1,
        tier: 2,
      });
    });

    it('never auto-runs an `approval: auto` action when validation raised an exception', () => {
      const auto = parsePolicy(
        'version: 1\nactions:\n  block_ip:\n    approval: auto\n    approvers: { usergroup: g }\n',
      );
      expect(auto.evaluate('block_ip', at('prod', 1, 0)).mode).toBe('auto');
      expect(auto.evaluate('block_ip', at('prod', 1, 1)).mode).toBe('approval');
      const bare = parsePolicy('version: 1\nactions:\n  block_ip:\n    approval: auto\n');
      expect(bare.evaluate('block_ip', at('prod', 1, 1)).mode).toBe('forbidden');
    });

    it('matches environments by EDR tag, then by host pattern, and falls back to the default (prod)', () => {
      const rules = policy.validationRules();
      expect(rules.environmentOf('ws-0042', ['SensorGroupingTags/lab'])).toBe('lab');
      expect(rules.environmentOf('stg-api-1', [])).toBe('staging');
      expect(rules.environmentOf('WEB01.PROD.example.com', [])).toBe('prod');
      expect(rules.environmentOf('laptop-7', [])).toBe('prod');
      expect(rules.strictest(['lab', 'staging'])).toBe('staging');
      expect(rules.strictest([])).toBe('prod');
    });

    it('checks allow-lists (CIDR), maintenance windows (one-off and weekly) and benign patterns', () => {
      const rules = parsePolicy(
        [
          'version: 1',
          'validation:',
          '  allow_list:',
          '    ips: [198.51.100.0/28, "2001:db8::1"]',
          '    users: [breakglass@example.com]',
          "    hosts: ['scanner-*']",
          '  maintenance_windows:',
          "    - hosts: ['db-*']",
          '      start: 2026-11-22T01:00:00Z',
          '      end: 2026-11-22T03:00:00Z',
          '      reason: patching',
          "    - hosts: ['web-*']",
          "      weekly: { days: [sun], from: '02:00', to: '04:00' }",
          '      reason: weekly deploy',
          '  benign_patterns:',
          '    - { title_contains: eicar, reason: test file }',
          'actions: {}',
        ].join('\n'),
      ).validationRules();
      expect(rules.ipAllowed('198.51.100.9')).toBe(true);
      expect(rules.ipAllowed('198.51.100.16')).toBe(false);
      expect(rules.ipAllowed('2001:db8::1')).toBe(true);
      expect(rules.userAllowed('BreakGlass@example.com')).toBe(true);
      expect(rules.hostAllowed('scanner-03')).toBe(true);
      expect(rules.maintenanceFor('db-7', new Date('2026-11-22T02:00:00Z'))).toBe('patching');
      expect(rules.maintenanceFor('db-7', new Date('2026-11-22T03:00:00Z'))).toBeNull();
      // 2026-11-22 is a Sunday.
      expect(rules.maintenanceFor('web-1', new Date('2026-11-22T03:59:00Z'))).toBe('weekly deploy');
      expect(rules.maintenanceFor('web-1', new Date('2026-11-23T03:00:00Z'))).toBeNull();
      expect(rules.benignPatternFor('EICAR test file detected')).toBe('test file');
    });

    it('names the line of a bad allow-list entry and of a window with neither dates nor weekly', () => {
      expect(() =>
        parsePolicy('version: 1\nvalidation:\n  allow_list:\n    ips: [not-an-ip]\nactions: {}\n', 'p.yml'),
      ).toThrow(/^p\.yml:4: invalid policy at validation\.allow_list\.ips\.0: an IP address or CIDR/);
      expect(() =>
        parsePolicy(
          "version: 1\nvalidation:\n  maintenance_windows:\n    - hosts: ['a']\n      reason: r\nactions: {}\n",
          'p.yml',
        ),
      ).toThrow(/needs either start and end, or weekly/);
    });

    it('reads the floor for proposing a response (0.45 shipped, 0 when absent) and names the line of one out of range', () => {
      expect(loadPolicy('policy.yml').validationRules().proposeMinConfidence).toBe(0.45);
      expect(parsePolicy('version: 1\nactions: {}\n').validationRules().proposeMinConfidence).toBe(0);
      expect(() =>
        parsePolicy('version: 1\nvalidation:\n  propose_min_confidence: 1.5\nactions: {}\n', 'p.yml'),
      ).toThrow(/^p\.yml:3: invalid policy at validation\.propose_min_confidence/);
    });
  });
  it('gives each agent its fields, redaction and budget (all fields by default), and names the line of a bad one', () => {
    expect(loadPolicy('policy.yml').agentRules('extraction')).toMatchObject({
      fields: { see: ['*'], hide: expect.arrayContaining(['cookie', '*password*']) },
      redact: ['secrets', 'emails'],
    });
    expect(parsePolicy('version: 1\nactions: {}\n').agentRules('extraction')).toEqual({
      fields: { see: ['*'], hide: [] },
      redact: ['secrets'],
      maxInputChars: 6000,
      model: true,
    });
    expect(() =>
      parsePolicy('version: 1\nagents:\n  extraction:\n    fields:\n      see: []\nactions: {}\n', 'p.yml'),
    ).toThrow(/^p\.yml:5: invalid policy at agents\.extraction\.fields\.see/);
  });
});
