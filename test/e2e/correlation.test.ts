// Correlation and dedupe that keep every alert in sight: names every machine has (SYSTEM, root, localhost) and
// addresses inside the organisation's own networks link nothing; an alert more severe than the open case it
// shares something with opens its own case; a repeat at a higher severity raises its case; a repeat after the
// case was resolved is said in its thread; and the repeats of a linked alert are counted, not linked again.
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const relationOf = (res: { json: Record<string, unknown> }) =>
  (res.json.alerts as Array<{ case: string; relation: string }>)[0];

const severityOf = (id: number) =>
  (t.vigil.db.sqlite.prepare('SELECT severity FROM cases WHERE id = ?').get(id) as { severity: string })
    .severity;

describe('correlation on entities that name nobody in particular', () => {
  it('does not link malware alerts on two different hosts just because both ran as the built-in SYSTEM account', async () => {
    t = await startLocalVigil();
    const first = await t.postAlert(
      JSON.stringify({
        title: 'Trojan detected',
        severity: 'high',
        host: 'FIN-LT-0142',
        user: 'NT AUTHORITY\\SYSTEM',
      }),
    );
    expect(relationOf(first)).toMatchObject({ case: 'VIG-1', relation: 'opened' });
    const second = await t.postAlert(
      JSON.stringify({
        title: 'Credential dumping',
        severity: 'high',
        host: 'HR-DESK-0007',
        user: 'NT AUTHORITY\\SYSTEM',
      }),
    );
    expect(relationOf(second)).toMatchObject({ case: 'VIG-2', relation: 'opened' });
  });

  it('does not link alerts from different machines that only share the host name "localhost"', async () => {
    t = await startLocalVigil();
    await t.postAlert(
      JSON.stringify({
        title: 'Suspicious cron job',
        severity: 'medium',
        host: 'localhost',
        src_ip: '203.0.113.10',
      }),
    );
    const second = await t.postAlert(
      JSON.stringify({
        title: 'Web shell upload',
        severity: 'medium',
        host: 'localhost',
        src_ip: '198.51.100.23',
      }),
    );
    expect(relationOf(second)).toMatchObject({ relation: 'opened' });
  });

  it('does not link on an address inside the organisation’s own networks, which every outbound alert shares', async () => {
    t = await startLocalVigil();
    // Every outbound alert names the egress proxy 10.0.0.1.
    await t.postAlert(
      JSON.stringify({
        title: 'Policy violation: streaming site',
        severity: 'low',
        src_ip: '10.0.0.1',
        dst_ip: '203.0.113.80',
      }),
    );
    const second = await t.postAlert(
      JSON.stringify({
        title: 'Policy violation: file sharing',
        severity: 'low',
        src_ip: '10.0.0.1',
        dst_ip: '198.51.100.66',
      }),
    );
    expect(relationOf(second)).toMatchObject({ case: 'VIG-2', relation: 'opened' });
  });

  it('still links on a built-in account named with its domain, which is one account', async () => {
    t = await startLocalVigil();
    await t.postAlert(
      JSON.stringify({
        title: 'Impossible travel',
        severity: 'high',
        user: 'administrator@corp.example',
        src_ip: '198.51.100.44',
      }),
    );
    const second = await t.postAlert(
      JSON.stringify({
        title: 'Mailbox rule created',
        severity: 'medium',
        user: 'administrator@corp.example',
        src_ip: '192.0.2.99',
      }),
    );
    expect(relationOf(second)).toMatchObject({ case: 'VIG-1', relation: 'linked' });
  });

  it('opens its own case for an alert more severe than the open case it shares an entity with', async () => {
    t = await startLocalVigil();
    await t.postAlert(
      JSON.stringify({
        title: 'Unusual sign-in hour',
        severity: 'low',
        user: 'jdoe',
        src_ip: '198.51.100.44',
      }),
    );
    const second = await t.postAlert(
      JSON.stringify({ title: 'Ransomware behaviour', severity: 'critical', user: 'jdoe', host: 'ws-7' }),
    );
    expect(relationOf(second)).toMatchObject({ case: 'VIG-2', relation: 'opened' });
    expect(severityOf(2)).toBe('critical');
  });
});

describe('repeats', () => {
  it('raises the case a repeat comes back to at a higher severity, and says so in its thread', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 10 } });
    const alert = (severity: string) =>
      JSON.stringify({
        title: 'Suspicious PowerShell download cradle',
        rule_id: 'R-911',
        severity,
        host: 'ws-1',
        user: 'jdoe',
      });
    await t.postAlert(alert('low'));
    const again = await t.postAlert(alert('critical'));
    expect(relationOf(again)).toMatchObject({ case: 'VIG-1', relation: 'repeat' });
    expect(severityOf(1)).toBe('critical');
    const note = await t.emulator.workspace.waitFor('message', (m) => m.text.includes('Severity raised'));
    expect(note.text).toContain(
      'A repeat came in at critical (the case was low), so the case is now critical',
    );
  });

  it('says in the thread of a resolved case that its alert came in again, once, and counts the repeats there', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 10 } });
    const alert = JSON.stringify({
      title: 'SSH brute force against bastion',
      severity: 'high',
      source_ip: '203.0.113.7',
      user: 'jdoe',
    });
    await t.postAlert(alert);
    await t.approveAndFinish(await t.approvalCard());
    expect(t.vigil.db.sqlite.prepare('SELECT status FROM cases WHERE id = 1').get()).toEqual({
      status: 'resolved',
    });
    expect(relationOf(await t.postAlert(alert))).toMatchObject({ case: 'VIG-1', relation: 'repeat' });
    expect(relationOf(await t.postAlert(alert))).toMatchObject({ case: 'VIG-1', relation: 'repeat' });
    const note = await t.emulator.workspace.waitFor('message', (m) =>
      m.text.includes('Seen again after it was resolved'),
    );
    expect(note.text).toContain('what was done may not have held');
    await t.vigil.drain();
    expect(
      t.emulator.workspace
        .events('message')
        .filter((m) => m.text.includes('Seen again after it was resolved')),
    ).toHaveLength(1);
  });

  it('counts the repeats of a linked alert as repeats instead of linking each one again', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 60_000 } });
    await t.postAlert(JSON.stringify({ title: 'Impossible travel', user: 'jdoe', src_ip: '198.51.100.44' }));
    const linked = JSON.stringify({
      title: 'Mailbox rule created',
      rule_id: 'M-7',
      user: 'jdoe',
      src_ip: '192.0.2.99',
    });
    const first = await t.postAlert(linked);
    expect(first.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'linked' })]);
    const relations: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await t.postAlert(linked);
      relations.push(...(res.json.alerts as Array<{ relation: string }>).map((a) => a.relation));
    }
    expect(relations).toEqual(Array.from({ length: 20 }, () => 'repeat'));
  });
});
