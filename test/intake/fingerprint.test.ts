import { describe, expect, it } from 'vitest';
import { UNRECOGNISED_TITLE, type Alert } from '../../graphs/agents/extraction/contract.js';
import { buildAlert } from '../../src/intake/alert-builder.js';
import { entitiesOf, fingerprintOf } from '../../src/intake/fingerprint.js';
import { ObservablesBuilder } from '../../src/intake/observables-builder.js';

const alert = (title: string | null, ruleId: string | null, ip?: string): Alert => {
  const obs = new ObservablesBuilder();
  if (ip) obs.srcIp(ip);
  return buildAlert({ format: 'unknown', recognizedBy: 'extractor', title, ruleId }, obs.build());
};

describe('alert fingerprints', () => {
  it('gives repeats of one alert the same fingerprint whatever their bytes', () => {
    expect(fingerprintOf(alert('SSH brute force', null, '203.0.113.5'), 'a')).toBe(
      fingerprintOf(alert('SSH brute force', null, '203.0.113.5'), 'b'),
    );
    expect(fingerprintOf(alert(null, 'R-1', undefined), 'a')).toBe(
      fingerprintOf(alert(null, 'R-1', undefined), 'b'),
    );
  });

  it('tells alerts apart by rule and by key entity', () => {
    const base = fingerprintOf(alert('SSH brute force', 'R-1', '203.0.113.5'), 'a');
    expect(fingerprintOf(alert('SSH brute force', 'R-2', '203.0.113.5'), 'a')).not.toBe(base);
    expect(fingerprintOf(alert('SSH brute force', 'R-1', '198.51.100.5'), 'a')).not.toBe(base);
  });

  it('treats unnamed alerts that name nothing as repeats only when their bytes are the same', () => {
    const blank = alert(null, null);
    expect(blank.title).toBe(UNRECOGNISED_TITLE);
    expect(fingerprintOf(blank, 'a')).toBe(fingerprintOf(alert(null, null), 'a'));
    expect(fingerprintOf(blank, 'a')).not.toBe(fingerprintOf(alert(null, null), 'b'));
    // An unnamed alert that names an entity still folds its repeats by that entity.
    expect(fingerprintOf(alert(null, null, '203.0.113.5'), 'a')).toBe(
      fingerprintOf(alert(null, null, '203.0.113.5'), 'b'),
    );
  });

  it('tells unnamed alerts apart by every indicator they name, not only by roles the extractor could give', () => {
    const named = (build: (obs: ObservablesBuilder) => void): string => {
      const obs = new ObservablesBuilder();
      build(obs);
      return fingerprintOf(
        buildAlert({ format: 'json', recognizedBy: 'extractor', title: null, ruleId: null }, obs.build()),
        'x',
      );
    };
    // Two IOC hits from a tool Vigil has no parser for, one per indicator: neither is a repeat of the other.
    expect(named((o) => o.ip('203.0.113.20'))).not.toBe(named((o) => o.ip('198.51.100.9')));
    expect(named((o) => o.hash('a'.repeat(64)))).not.toBe(named((o) => o.hash('b'.repeat(64))));
    expect(named((o) => o.domain('evil.example'))).not.toBe(named((o) => o.domain('bad.example')));
    expect(named((o) => o.url('http://evil.example/a'))).not.toBe(
      named((o) => o.url('http://evil.example/b')),
    );
    expect(named((o) => o.email('a@evil.example'))).not.toBe(named((o) => o.email('b@evil.example')));
    // The same indicator again is still a repeat, whatever the bytes.
    expect(named((o) => o.ip('203.0.113.20'))).toBe(named((o) => o.ip('203.0.113.20')));
  });

  it('links on addresses and on user and host names, not on bare numeric or UUID ids', () => {
    const obs = new ObservablesBuilder();
    obs.srcIp('203.0.113.5');
    obs.srcIp('127.0.0.1');
    for (const user of ['-1', '1000', 'jdoe', 'a']) obs.user(user);
    for (const host of ['9000001', '6f1c2b0e-4a1d-4c2e-9f3a-1b2c3d4e5f60', 'WS-042']) obs.host(host);
    const alert = buildAlert({ format: 'unknown', recognizedBy: 'extractor', title: 'x' }, obs.build());
    expect(entitiesOf(alert)).toEqual([
      { kind: 'ip', value: '203.0.113.5' },
      { kind: 'user', value: 'jdoe' },
      { kind: 'host', value: 'ws-042' },
    ]);
  });

  it('neither links nor tells apart alerts by the analyst working them', () => {
    const assigned = (analyst: string | null) => {
      const obs = new ObservablesBuilder();
      obs.srcIp('203.0.113.5');
      obs.user('jdoe');
      if (analyst) obs.analyst(analyst);
      return buildAlert(
        { format: 'unknown', recognizedBy: 'extractor', title: 'Offense 7', ruleId: 'R-7' },
        obs.build(),
      );
    };
    const a = assigned('soc.analyst');
    expect(a.observables.users).toEqual(['jdoe', 'soc.analyst']);
    expect(a.observables.analysts).toEqual(['soc.analyst']);
    // Re-sent once assigned (or re-assigned), it is still the same alert.
    expect(fingerprintOf(a, 'x')).toBe(fingerprintOf(assigned(null), 'y'));
    expect(fingerprintOf(a, 'x')).toBe(fingerprintOf(assigned('other.analyst'), 'y'));
    expect(entitiesOf(a)).toEqual([
      { kind: 'ip', value: '203.0.113.5' },
      { kind: 'user', value: 'jdoe' },
    ]);
  });

  it('keeps an account the alert names as its own user among its subjects even when it also works it', () => {
    const obs = new ObservablesBuilder();
    obs.analyst('jdoe');
    obs.user('JDoe');
    obs.analyst('soc.analyst');
    const built = obs.build();
    expect(built.users).toEqual(['jdoe', 'soc.analyst']);
    expect(built.analysts).toEqual(['soc.analyst']);
    const plain = new ObservablesBuilder();
    plain.user('jdoe');
    expect('analysts' in plain.build()).toBe(false);
  });
});
