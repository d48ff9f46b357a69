// Containment another case of Vigil's applied moments earlier, its vendor call not back yet, is not taken for
// containment "found in place" (someone else's): the last case's roll-back lifts what Vigil put there.
import { afterEach, describe, expect, it } from 'vitest';
import { labFalcon } from '../fakes/lab-falcon.js';
import type { HostActionRequest } from '../../connectors/types.js';
import { sampleFalconDevice } from '../../src/lab/vendors/falcon-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { Containment, type ContainmentDeps } from '../../src/services/containment.js';
import { setup } from '../graphs/triage/harness.js';

const stubs: Array<Pick<RunningStub<never>, 'close'>> = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const POLICY = `version: 1
environments: { default: lab }
actions:
  isolate_host: { approval: auto, tier: 2, ttl: 1h }
`;

const malware = (host: string) => ({
  format: 'crowdstrike.falcon',
  title: 'Malware detected: ransomware dropper',
  severity: 'critical',
  hosts: [host],
});

const logger = { info() {}, warn() {}, error() {}, debug() {} };

describe('containment Vigil applied, found by a second case while the first call was in flight', () => {
  it('is lifted when both cases have rolled it back', async () => {
    const { stub, edr } = await labFalcon([
      sampleFalconDevice('dev-lab', 'LAB-WS-1', '10.9.0.1', 'normal', ['SensorGroupingTags/lab']),
    ]);
    stubs.push(stub);

    // The first containHost's answer is slow to come back (network latency): Falcon has already applied it.
    const contain = edr.containHost.bind(edr);
    let release: () => void = () => undefined;
    const answerHeld = new Promise<void>((r) => {
      release = r;
    });
    let applied: () => void = () => undefined;
    const firstApplied = new Promise<void>((r) => {
      applied = r;
    });
    let calls = 0;
    edr.containHost = async (request: HostActionRequest) => {
      calls += 1;
      const result = await contain(request);
      if (calls === 1) {
        applied();
        await answerHeld;
      }
      return result;
    };

    let now = new Date('2026-11-21T12:00:00Z');
    const clock = () => now;
    const t = setup(POLICY, { edr, now: clock });

    // VIG-1 isolates the host at 12:00; its answer is still on the way back.
    const one = t.open(malware('LAB-WS-1'));
    const firstRun = t.graph.invoke(one.input, one.config);
    await firstApplied;
    const device = () => stub.state.devices.get('dev-lab') as { status: string } | undefined;

    // VIG-2, for the same host, runs meanwhile (at 12:30): Falcon says it is already contained.
    now = new Date('2026-11-21T12:30:00Z');
    const two = t.open(malware('LAB-WS-1'));
    await t.graph.invoke(two.input, two.config);
    release();
    await firstRun;

    const rows = t.db.sqlite
      .prepare(
        'SELECT case_id AS caseId, status, found_in_place AS foundInPlace, expires_at AS expiresAt FROM actions ORDER BY case_id',
      )
      .all();
    // Both TTLs run out (13:00 and 13:30); the sweeps roll both back.
    const containment = new Containment({
      actions: t.actions,
      approvals: t.approvals,
      responders: { edr },
      audit: t.audit,
      notifier: t.notifier,
      clock,
      logger,
    } as unknown as ContainmentDeps);
    now = new Date('2026-11-21T13:15:00Z');
    await containment.sweep();
    now = new Date('2026-11-21T14:00:00Z');
    await containment.sweep();
    const open = t.db.sqlite.prepare('SELECT count(*) AS n FROM actions WHERE revert_done_at IS NULL').get();
    expect(open).toEqual({ n: 0 });
    // The isolation Vigil applied must have been lifted.
    expect(stub.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(2);
    expect(device()?.status).toBe('lift_containment_pending');
    // Nobody but Vigil isolated the host: neither action found it in place.
    expect(rows).toMatchObject([
      { caseId: one.caseId, status: 'done', foundInPlace: null },
      { caseId: two.caseId, status: 'done', foundInPlace: null },
    ]);
  });
});
