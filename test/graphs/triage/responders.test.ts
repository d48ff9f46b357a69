// The response-action table (graphs/triage/responders.ts): one complete entry per kind the triage workflow
// proposes, and a roll-back for exactly the actions README says Vigil can roll back.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Edr, IdentityProvider, ReversibleFirewall } from '../../../connectors/types.js';
import { OFFBOARD_ACTION } from '../../../graphs/offboarding/contracts.js';
import { ActionKind, ProposedAction } from '../../../graphs/triage/contracts.js';
import {
  canRevert,
  canRun,
  RESPONSE_ACTIONS,
  revertAction,
  type Responders,
} from '../../../graphs/triage/responders.js';
import { loadPolicy } from '../../../src/policy/policy.js';

/** Every connector connected, with every optional ability; none may be called by these checks. */
const unused = () => Promise.reject(new Error('the table checks must not call a connector'));
const firewall: ReversibleFirewall = { name: 'test-firewall', blockIp: unused, unblockIp: unused };
const edr: Edr = {
  name: 'test-edr',
  getHost: unused,
  findHosts: unused,
  containHost: unused,
  releaseHost: unused,
  quarantineFile: unused,
};
const identityProvider: IdentityProvider = {
  name: 'test-idp',
  findUser: unused,
  suspendUser: unused,
  unsuspendUser: unused,
  offboardUser: unused,
  revokeSessions: unused,
  signIns: unused,
};
const everything: Responders = { firewall, edr, identityProvider };

/** What README's "Reversible containment" paragraph calls each action Vigil can roll back. */
const README_NAMES: Record<string, string> = {
  block_ip: 'Blocks',
  isolate_host: 'host isolation',
  disable_user: 'disabled users',
};

/** The kinds the triage workflow proposes, typed as the table's keys. */
const proposable = ProposedAction.options.map((option) => option.shape.kind.value).sort();
const kinds = Object.keys(RESPONSE_ACTIONS).sort();
const reversible = Object.entries(RESPONSE_ACTIONS)
  .filter(([, spec]) => spec.revert !== undefined)
  .map(([kind]) => kind)
  .sort();

describe('the response-action table', () => {
  it('has an entry for every action policy governs but offboarding (its own workflow), and for no other kind', () => {
    const governed = ActionKind.options.filter((kind) => kind !== OFFBOARD_ACTION).sort();
    expect(kinds).toEqual(governed);
    expect(kinds).toEqual(proposable);
  });

  it('gives every entry a title, a past tense, a blast radius naming the target and a way to run', () => {
    for (const kind of proposable) {
      const spec = RESPONSE_ACTIONS[kind];
      expect(spec.title, kind).toMatch(/^[A-Z][a-z]+ [A-Za-z]+$/);
      expect(spec.pastTense, kind).toMatch(/^[a-z]+ed$/);
      expect(spec.blastRadius('TARGET-7'), kind).toContain('TARGET-7');
      expect(typeof spec.run, kind).toBe('function');
      expect(canRun(everything, kind), kind).toBe(true);
      expect(canRun({}, kind), kind).toBe(false);
    }
  });

  it('rolls back exactly the actions README’s Reversible containment names, and only with their connectors', () => {
    const readme = fs.readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    const paragraph = /\*\*Reversible containment\.\*\* (.*?) can be rolled back\./.exec(readme)?.[1];
    expect(paragraph).toBeDefined();
    for (const name of Object.values(README_NAMES)) expect(paragraph).toContain(name);
    expect(reversible).toEqual(Object.keys(README_NAMES).sort());
    for (const kind of kinds) {
      expect(canRevert(everything, kind), kind).toBe(reversible.includes(kind));
      expect(canRevert({}, kind), kind).toBe(false);
    }
    // A firewall that cannot unblock (PAN-OS without an unblock API, say) makes a block irreversible.
    expect(canRevert({ firewall: { name: 'one-way', blockIp: unused } }, 'block_ip')).toBe(false);
    expect(canRevert(everything, OFFBOARD_ACTION)).toBe(false);
  });

  it('has a roll-back for every action the shipped policy.yml gives a TTL', () => {
    const policy = loadPolicy('policy.yml');
    const lapsing = kinds.filter((kind) => policy.evaluate(ActionKind.parse(kind)).ttlSeconds !== null);
    expect(lapsing).not.toEqual([]);
    for (const kind of lapsing) expect(reversible, kind).toContain(kind);
  });

  it('refuses to roll back an action it cannot undo, whatever is connected', async () => {
    for (const kind of ['quarantine_file', OFFBOARD_ACTION, 'unknown_kind']) {
      await expect(
        revertAction(everything, { id: 'a1', caseId: 7, kind, target: 'WS-042', request: {} }),
      ).rejects.toThrow(`${kind} cannot be rolled back`);
    }
  });
});
