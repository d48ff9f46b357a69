// Start-up validation of policy.yml against mistakes that would load and then quietly change what is enforced:
// undeclared environment names, windows that never match, durations of 0 or beyond a date, a quorum of one person.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/policy.js';

const ENVIRONMENTS = `environments:
  default: prod
  match:
    - { name: prod, tags: [env:prod], hosts: ['prod-*'] }
    - { name: staging, tags: [env:staging], hosts: ['stg-*'] }
    - { name: lab, tags: [env:lab], hosts: ['lab-*'] }
`;

describe('names of environments', () => {
  it('refuses a per-environment override for an environment the file does not declare (a typo would silently drop the prod rule)', () => {
    const text = `version: 1
${ENVIRONMENTS}actions:
  isolate_host:
    approval: required
    approvers: { usergroup: soc-responders }
    environments:
      production: # meant: prod
        approvers: { usergroup: soc-senior }
        quorum: 2
        tier: 3
`;
    let loaded: ReturnType<typeof parsePolicy> | undefined;
    let error = '';
    try {
      loaded = parsePolicy(text, 'policy.yml');
    } catch (e) {
      error = (e as Error).message;
    }
    // What a prod host's isolation needs under the file as loaded.
    const prod = loaded?.evaluate('isolate_host', { environment: 'prod', confidence: 0.5, exceptions: 0 });
    expect({ error, prod: prod && { approvers: prod.approvers, quorum: prod.quorum } }).toEqual({
      error: expect.stringMatching(
        /^policy\.yml:13: invalid policy at actions\.isolate_host\.environments\.production/,
      ),
      prod: undefined,
    });
  });

  it('refuses auto_run environments and an environments.default the file does not declare', () => {
    const autoRun = `version: 1
${ENVIRONMENTS}actions:
  block_ip:
    approval: required
    approvers: { usergroup: soc-responders }
    auto_run: { min_confidence: 0.9, environments: [labs] }
`;
    const badDefault = `version: 1
environments:
  default: production
  match:
    - { name: prod, tags: [env:prod] }
    - { name: lab, tags: [env:lab] }
actions:
  isolate_host:
    approval: required
    approvers: { usergroup: soc-responders }
    environments:
      prod: { approvers: { usergroup: soc-senior }, quorum: 2 }
`;
    const outcome = (text: string) => {
      try {
        parsePolicy(text, 'policy.yml');
        return 'loaded';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect({ autoRun: outcome(autoRun), badDefault: outcome(badDefault) }).toEqual({
      autoRun: expect.stringMatching(/^policy\.yml:\d+: invalid policy at actions\.block_ip\.auto_run/),
      badDefault: expect.stringMatching(/^policy\.yml:\d+: invalid policy at environments\.default/),
    });
  });
});

describe('maintenance windows', () => {
  it('puts a host in a weekly window that crosses midnight (sat 22:00 to 02:00) from 22:00 saturday to 02:00 sunday', () => {
    const text = `version: 1
validation:
  maintenance_windows:
    - { hosts: ['db-*'], weekly: { days: [sat], from: '22:00', to: '02:00' }, reason: weekly patching }
actions: {}
`;
    const rules = parsePolicy(text, 'policy.yml').validationRules();
    const at = (iso: string) => rules.maintenanceFor('db-01', new Date(iso));
    // 2026-11-28 is a Saturday.
    expect({
      satLate: at('2026-11-28T23:30:00Z'),
      sunEarly: at('2026-11-29T01:59:00Z'),
      satBefore: at('2026-11-28T21:59:00Z'),
      sunAfter: at('2026-11-29T02:00:00Z'),
      sunLate: at('2026-11-29T23:30:00Z'),
      satEarly: at('2026-11-28T01:00:00Z'),
    }).toEqual({
      satLate: 'weekly patching',
      sunEarly: 'weekly patching',
      satBefore: null,
      sunAfter: null,
      sunLate: null,
      satEarly: null,
    });
  });

  it('refuses a one-off window that ends before it starts, naming its line', () => {
    const text = `version: 1
validation:
  maintenance_windows:
    - { hosts: ['db-*'], weekly: { days: [sun], from: '02:00', to: '04:00' }, reason: patching }
    - { hosts: ['web-7'], start: 2026-12-02T22:00:00Z, end: 2026-12-02T02:00:00Z, reason: migration }
actions: {}
`;
    expect(() => parsePolicy(text, 'policy.yml')).toThrow(
      /^policy\.yml:5: invalid policy at validation\.maintenance_windows\.1\.end: a maintenance window must end after it starts$/,
    );
  });
});

describe('durations and quorum', () => {
  const head = `version: 1
actions:
  block_ip:
    approval: required
    approvers: { usergroup: soc-responders }
`;
  const outcome = (text: string, action: 'block_ip' | 'disable_user' = 'block_ip') => {
    try {
      const p = parsePolicy(text, 'policy.yml');
      const d = p.evaluate(action);
      return { loaded: { expiresInSeconds: d.expiresInSeconds, ttlSeconds: d.ttlSeconds, quorum: d.quorum } };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };

  it('refuses a zero expiry (escalate would never happen) and a zero ttl at start-up, naming the line', () => {
    expect({
      expires: outcome(
        `${head}    expires: 0m\n    on_expiry: escalate\n    escalate_to: { usergroup: soc-senior }\n`,
      ),
      ttl: outcome(`${head}    ttl: 0h\n`),
    }).toEqual({
      expires: {
        error: expect.stringMatching(/^policy\.yml:6: invalid policy at actions\.block_ip\.expires/),
      },
      ttl: { error: expect.stringMatching(/^policy\.yml:6: invalid policy at actions\.block_ip\.ttl/) },
    });
  });

  it('refuses an expiry or ttl longer than 366 days (a date that far off cannot be computed), naming the line', () => {
    expect({
      ttl: outcome(`${head}    ttl: 200000000d\n`),
      expires: outcome(`${head}    expires: 367d\n`),
      longest: outcome(`${head}    ttl: 366d\n`),
    }).toEqual({
      ttl: {
        error: expect.stringMatching(
          /^policy\.yml:6: invalid policy at actions\.block_ip\.ttl: a duration from 1s to 366d/,
        ),
      },
      expires: {
        error: expect.stringMatching(/^policy\.yml:6: invalid policy at actions\.block_ip\.expires/),
      },
      longest: { loaded: { expiresInSeconds: null, ttlSeconds: 366 * 86_400, quorum: 1 } },
    });
  });

  it('refuses a two-person rule whose approver list names one person twice', () => {
    const text = `version: 1
actions:
  disable_user:
    approval: required
    approvers: { users: [U0CAROL001, U0CAROL001] }
    quorum: 2
`;
    expect(outcome(text, 'disable_user')).toEqual({
      error: expect.stringMatching(/^policy\.yml:\d+: invalid policy at actions\.disable_user/),
    });
  });
});
