// Generalisation check on a second synthetic set (vendors with no parser, none in the first set): the heuristic
// extractor alone and the full path with parsers. Prints precision/recall per field (VIGIL_EVAL_VERBOSE=1 lists
// the misses) and fails if they fall below the floors measured when the rules were last tuned.
import { describe, expect, it } from 'vitest';
import { evaluate, FIELDS, type EvalReport } from '../../src/intake/corpus-eval.js';
import { normalizeAlert } from '../../src/intake/normalize.js';
import { HELDOUT_LIKE_2 } from './fixtures/heldout-like-2.js';

type Floors = Record<(typeof FIELDS)[number], { precision: number; recall: number }>;

const EXTRACTOR_FLOORS: Floors = {
  src_ips: { precision: 0.93, recall: 0.95 },
  dst_ips: { precision: 0.95, recall: 0.85 },
  ips: { precision: 0.95, recall: 0.98 },
  users: { precision: 0.85, recall: 0.82 },
  hosts: { precision: 0.8, recall: 0.88 },
};

const FULL_FLOORS: Floors = {
  src_ips: { precision: 0.93, recall: 0.95 },
  dst_ips: { precision: 0.95, recall: 0.85 },
  ips: { precision: 0.95, recall: 0.98 },
  users: { precision: 0.85, recall: 0.82 },
  hosts: { precision: 0.8, recall: 0.88 },
};

function print(name: string, report: EvalReport): void {
  const line = FIELDS.map(
    (f) => `${f} P ${report.overall[f].precision.toFixed(3)} R ${report.overall[f].recall.toFixed(3)}`,
  ).join(' | ');
  process.stdout.write(`${name} (${report.events} events, ${report.byParser} by a parser): ${line}\n`);
  if (process.env.VIGIL_EVAL_VERBOSE === '1') {
    for (const m of report.misses) {
      process.stdout.write(
        `  ${m.id} ${m.field}: missing ${JSON.stringify(m.missing)} extra ${JSON.stringify(m.extra)}\n`,
      );
    }
  }
}

function meets(report: EvalReport, floors: Floors): void {
  expect(report.crashes).toBe(0);
  for (const f of FIELDS) {
    expect(report.overall[f].precision, `${f} precision`).toBeGreaterThanOrEqual(floors[f].precision);
    expect(report.overall[f].recall, `${f} recall`).toBeGreaterThanOrEqual(floors[f].recall);
  }
}

describe('second held-out-like set', () => {
  const extractor = evaluate(HELDOUT_LIKE_2, (raw) => normalizeAlert(raw, { parsers: [] }));
  const full = evaluate(HELDOUT_LIKE_2, (raw) => normalizeAlert(raw));

  it('meets the floors with the extractor alone', () => {
    print('held-out-like-2 extractor', extractor);
    meets(extractor, EXTRACTOR_FLOORS);
  });

  it('meets the floors with the parsers', () => {
    print('held-out-like-2 full', full);
    meets(full, FULL_FLOORS);
  });

  // Each of these pins one rule of the extractor: a `machine_ip` is no MAC address, `usr` (a monitoring
  // platform's standard attribute) names a user, a decoy's address is the destination, `username` is no user's
  // name in `… for username 'x'`, `[label, value]` pairs (the decoy's `["User", "administrator"]`), typed
  // observables (`{dataType: "hostname", data: "ws-22"}`), an address banned (`Ban 192.0.2.199`) or given as a
  // sentence's `IP: …` in free text is the source.
  it.each([
    'antimalware.detection:1',
    'monitoring.signal:1',
    'canary.incident:1',
    'openvpn.server:1',
    'casemgmt.alert:1',
    'fail2ban.log:1',
    'vaultwarden.log:1',
  ])('reads %s exactly as labelled', (id) => {
    const misses = extractor.misses.filter((m) => m.id === `synthetic:${id}`);
    expect(misses).toEqual([]);
  });

  // A parser's detector must not claim what it cannot read: an NSX firewall line carries VMware's `@6876` structured
  // data, but the vSphere parser would drop its flow.
  it('leaves an NSX firewall line to the generic reader, which reads it as labelled', () => {
    expect(full.misses.filter((m) => m.id === 'synthetic:vmware.nsx:1')).toEqual([]);
  });

  // A detector that claims a line must read it: the Junos parser claims an IDP attack in BSD-syslog text.
  it('reads a Junos IDP attack in plain syslog as labelled', () => {
    expect(full.misses.filter((m) => m.id === 'synthetic:juniper.junos:1')).toEqual([]);
  });
});
