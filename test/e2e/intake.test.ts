// Intake at SOC scale, end to end: every body shape, both ways to authenticate, repeats folded into one
// case without flooding Slack, related alerts linked, and alerts posted in the watched channel.
import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateLocalSecrets } from '../../src/local-secrets.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { shown, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { channels } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const count = (sql: string, ...args: unknown[]) =>
  (t.vigil.db.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('intake', () => {
  it('takes NDJSON with one bad line: the good ones become cases, the bad one is stored unparsed and named', async () => {
    t = await startLocalVigil();
    const body = [
      JSON.stringify({ title: 'Port scan', src_ip: '198.51.100.1', dst_ip: '10.0.0.5' }),
      '{not json',
      JSON.stringify({ title: 'Malware beacon', src_ip: '203.0.113.50', host: 'ws-042' }),
    ].join('\n');
    const res = await t.postAlert(body, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(202);
    expect(res.json.alerts).toEqual([
      { id: expect.any(String), case: 'VIG-1', relation: 'opened' },
      { id: expect.any(String), case: 'VIG-2', relation: 'opened' },
    ]);
    expect(res.json.unparsed).toEqual([
      { id: expect.any(String), error: expect.stringContaining('not valid JSON') },
    ]);
    expect(count("SELECT count(*) AS n FROM alerts WHERE status = 'unparsed'")).toBe(1);
  });

  it('takes raw text lines (syslog, CEF) and normalises each with its parser', async () => {
    t = await startLocalVigil();
    const body = [
      '<38>Nov 21 10:00:00 bastion sshd[811]: Failed password for invalid user admin from 203.0.113.77 port 52211 ssh2',
      'CEF:0|Acme|NGFW|1.0|100|Blocked connection|7|src=198.51.100.20 dst=10.1.1.9 suser=jdoe dhost=db01',
    ].join('\n');
    const res = await t.postAlert(body, { 'content-type': 'text/plain' });
    expect(res.status).toBe(202);
    const rows = t.vigil.db.sqlite
      .prepare("SELECT normalized FROM alerts WHERE status = 'normalized' ORDER BY received_at, id")
      .all() as Array<{ normalized: string }>;
    const alerts = rows.map((r) => JSON.parse(r.normalized));
    expect(alerts.map((a) => a.observables.srcIps).sort()).toEqual([['198.51.100.20'], ['203.0.113.77']]);
    expect(alerts.every((a) => a.recognizedBy.startsWith('parser:'))).toBe(true);
  });

  it('accepts a body signed with X-Vigil-Signature and refuses a wrong signature', async () => {
    const secret = randomBytes(24).toString('hex');
    t = await startLocalVigil({ env: { VIGIL_INTAKE_HMAC_SECRET: secret } });
    const body = JSON.stringify({ title: 'Signed alert', src_ip: '192.0.2.10' });
    const sig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const post = (signature: string) =>
      fetch(`${t.vigil.url}/alerts`, {
        method: 'POST',
        headers: { 'x-vigil-signature': signature, 'content-type': 'application/json' },
        body,
      });
    expect((await post(sig)).status).toBe(202);
    const wrong = await post(`sha256=${'0'.repeat(64)}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('does not match the body'),
    });
  });

  it('with X-Vigil-Timestamp, takes a signature over "<timestamp>.<body>" within 5 minutes and refuses the same request replayed later', async () => {
    const secret = randomBytes(24).toString('hex');
    t = await startLocalVigil({ env: { VIGIL_INTAKE_HMAC_SECRET: secret } });
    const body = JSON.stringify({ title: 'Signed alert', src_ip: '192.0.2.11' });
    const signed = (timestamp: number, over = `${timestamp}.${body}`) => ({
      'x-vigil-timestamp': String(timestamp),
      'x-vigil-signature': `sha256=${createHmac('sha256', secret).update(over).digest('hex')}`,
      'content-type': 'application/json',
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${t.vigil.url}/alerts`, { method: 'POST', headers, body });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(signed(now - 60))).status).toBe(202);

    const replayed = await post(signed(now - 6 * 60));
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('more than 5 minutes from this Vigil’s clock'),
    });
    // The timestamp is signed: moving it forward breaks the signature.
    const moved = await post({ ...signed(now - 6 * 60), 'x-vigil-timestamp': String(now) });
    expect(moved.status).toBe(401);
    expect(await moved.json()).toMatchObject({
      message: expect.stringContaining('sign "<timestamp>.<body>"'),
    });
    // A body-only signature sent with a timestamp does not count for it.
    const bodyOnly = await post(signed(now, body));
    expect(bodyOnly.status).toBe(401);
    expect(count("SELECT count(*) AS n FROM alerts WHERE normalized LIKE '%192.0.2.11%'")).toBe(1);
  });

  it('with VIGIL_INTAKE_HMAC_TIMESTAMP=required, refuses a signed request without a timestamp, saying what to send', async () => {
    const secret = randomBytes(24).toString('hex');
    t = await startLocalVigil({
      env: { VIGIL_INTAKE_HMAC_SECRET: secret, VIGIL_INTAKE_HMAC_TIMESTAMP: 'required' },
    });
    const body = JSON.stringify({ title: 'Signed alert', src_ip: '192.0.2.12' });
    const res = await fetch(`${t.vigil.url}/alerts`, {
      method: 'POST',
      headers: {
        'x-vigil-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        'content-type': 'application/json',
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('X-Vigil-Timestamp is missing'),
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const ok = await fetch(`${t.vigil.url}/alerts`, {
      method: 'POST',
      headers: {
        'x-vigil-timestamp': ts,
        'x-vigil-signature': `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
        'content-type': 'application/json',
      },
      body,
    });
    expect(ok.status).toBe(202);
  });

  it('answers 415 for a media type it does not read, and still keeps the body', async () => {
    t = await startLocalVigil();
    const res = await t.postAlert('<alert><src>1.2.3.4</src></alert>', { 'content-type': 'application/xml' });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({
      code: 'unsupported_media_type',
      alertId: expect.stringMatching(/^alr_/),
    });
    expect(
      count("SELECT count(*) AS n FROM alerts WHERE id = ? AND status = 'unparsed'", res.json.alertId),
    ).toBe(1);
  });

  it('reads a JSON alert whose file was saved with a UTF-8 byte order mark, and stores the body as sent', async () => {
    t = await startLocalVigil();
    const body = `\uFEFF${JSON.stringify({ title: 'SSH brute force', severity: 'high', src_ip: '203.0.113.7' })}`;
    const res = await t.postAlert(body);
    expect(res.status).toBe(202);
    expect(res.json.alerts).toEqual([{ id: expect.any(String), case: 'VIG-1', relation: 'opened' }]);
    const [alert] = res.json.alerts as Array<{ id: string }>;
    const row = t.vigil.db.sqlite.prepare('SELECT raw FROM alerts WHERE id = ?').get(alert?.id) as {
      raw: Buffer;
    };
    expect(row.raw.equals(Buffer.from(body))).toBe(true);
  });

  it('honours VIGIL_INTAKE_MAX_BYTES', async () => {
    t = await startLocalVigil({ env: { VIGIL_INTAKE_MAX_BYTES: '2048' } });
    expect((await t.postAlert(JSON.stringify({ title: 'x'.repeat(3000) }))).status).toBe(413);
    expect((await t.postAlert(JSON.stringify({ title: 'small', src_ip: '192.0.2.1' }))).status).toBe(202);
  });
});

describe('dedupe and correlation', () => {
  it('folds a storm of 200 repeats into one case, counts them, and updates the root message only a few times', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 60_000 } });
    const alert = JSON.stringify({
      title: 'SMB brute force',
      rule_id: 'R-445',
      src_ip: '203.0.113.66',
      dst_ip: '10.0.0.8',
    });
    const first = await t.postAlert(alert);
    expect(first.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'opened' })]);
    const root = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('VIG-1'));
    for (let i = 0; i < 199; i += 1) {
      const res = await t.postAlert(alert);
      expect(res.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'repeat' })]);
    }
    expect(count('SELECT count(*) AS n FROM cases')).toBe(1);
    expect(count('SELECT occurrences AS n FROM cases WHERE id = 1')).toBe(200);
    expect(count("SELECT count(*) AS n FROM alerts WHERE relation = 'repeat' AND case_id = 1")).toBe(199);

    await t.vigil.stop(); // flushes the throttled update
    const updates = t.emulator.workspace.events('message_changed').filter((c) => c.message.ts === root.ts);
    expect(updates.at(-1)?.message.text).toContain('(×200)');
    // The graph's own two updates (triage, awaiting approval), the first repeat at once, then one for the
    // other 198 at the end of the interval: not one per alert.
    expect(updates.length).toBeLessThanOrEqual(4);
  });

  it('counts repeats filed together (one NDJSON body, several requests at once) one by one, each with its audit row', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 60_000 } });
    const alert = JSON.stringify({ title: 'RDP brute force', rule_id: 'R-3389', src_ip: '203.0.113.67' });
    // 30 repeats of one alert in one body land in one batch, together with the alert that opens the case.
    const first = await t.postAlert(Array.from({ length: 31 }, () => alert).join('\n'), {
      'content-type': 'application/x-ndjson',
    });
    const relations = (first.json.alerts as Array<{ relation: string }>).map((a) => a.relation);
    expect(relations).toEqual(['opened', ...Array.from({ length: 30 }, () => 'repeat')]);
    // And 20 requests sent at once, each answered for its own alert.
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.postAlert(alert)));
    for (const a of answers) expect(a.json.alerts).toEqual([expect.objectContaining({ relation: 'repeat' })]);

    expect(count('SELECT count(*) AS n FROM cases')).toBe(1);
    expect(count('SELECT occurrences AS n FROM cases WHERE id = 1')).toBe(51);
    const occurrences = t.vigil.db.sqlite
      .prepare(
        "SELECT json_extract(data, '$.occurrences') AS n FROM audit_events WHERE type = 'alert.received' AND json_extract(data, '$.relation') = 'repeat'",
      )
      .pluck()
      .all();
    // Every repeat is its own fact, numbered 2 to 51 without a gap or a double.
    expect([...occurrences].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    );
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps unrecognised alerts that name nothing apart, and folds only byte-for-byte repeats of one', async () => {
    t = await startLocalVigil();
    const first = await t.postAlert(JSON.stringify({ change: 'visibility', from: 'Private', to: 'Public' }));
    const other = await t.postAlert(JSON.stringify({ suspicions: 'map' }));
    const again = await t.postAlert(JSON.stringify({ suspicions: 'map' }));
    expect(first.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'opened' })]);
    expect(other.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-2', relation: 'opened' })]);
    expect(again.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-2', relation: 'repeat' })]);
  });

  it('links an alert that shares an entity with an open case instead of opening another', async () => {
    t = await startLocalVigil();
    await t.postAlert(JSON.stringify({ title: 'Impossible travel', user: 'jdoe', src_ip: '198.51.100.44' }));
    const card = await t.approvalCard();
    const res = await t.postAlert(
      JSON.stringify({ title: 'Mailbox rule created', user: 'jdoe', src_ip: '192.0.2.99' }),
    );
    expect(res.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'linked' })]);
    const note = await t.emulator.workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Related alert linked'),
    );
    expect(note.text).toContain('shares user jdoe');
    expect(count('SELECT count(*) AS n FROM cases')).toBe(1);
  });
});

describe('alerts posted in the watched channel', () => {
  it('takes a message another app posts in the alerts channel in as an alert, and ignores thread replies', async () => {
    t = await startLocalVigil();
    await t.emulator.post({
      bot: 'siem',
      channel: channels.alerts,
      text: 'CEF:0|Acme|IDS|2|500|Exploit attempt|9|src=203.0.113.201 dst=10.9.9.9',
    });
    const root = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('VIG-1'));
    await t.emulator.post({
      user: 'alice',
      channel: channels.alerts,
      thread_ts: root.ts,
      text: 'looking at this, src=198.51.100.9',
    });
    await t.vigil.drain();
    const sources = t.vigil.db.sqlite.prepare('SELECT source, submitted_by AS submittedBy FROM alerts').all();
    expect(sources).toEqual([{ source: 'slack:message', submittedBy: expect.stringMatching(/^B/) }]);
  });

  it('takes in alerts whose text is only in attachments or blocks, as alerting apps post them', async () => {
    t = await startLocalVigil();
    // An incoming webhook as Alertmanager or Splunk posts it: empty text, the alert in an attachment.
    await t.emulator.post({
      bot: 'alertmanager',
      channel: channels.alerts,
      text: '',
      attachments: [
        {
          fallback: '[FIRING:1] SSHBruteForce',
          title: '[FIRING:1] SSHBruteForce',
          text: 'Failed password for root from 203.0.113.61',
          fields: [
            { title: 'host', value: 'bastion-01.corp.example' },
            { title: 'severity', value: 'high' },
          ],
        },
      ],
    });
    const first = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('VIG-1'));
    expect(shown(first)).toContain('203.0.113.61');
    // An app that posts Block Kit only.
    await t.emulator.post({
      bot: 'chatbot',
      channel: channels.alerts,
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'GuardDuty: UnauthorizedAccess' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Source*\n198.51.100.62' },
            { type: 'mrkdwn', text: '*User*\nsvc-deploy' },
          ],
        },
      ],
    });
    await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('VIG-2'));
    await t.vigil.drain();
    const stored = t.vigil.db.sqlite
      .prepare("SELECT raw, normalized FROM alerts WHERE source = 'slack:message' ORDER BY received_at")
      .all() as Array<{ raw: Buffer; normalized: string }>;
    expect(stored.map((r) => JSON.parse(r.normalized).observables.ips)).toEqual([
      ['203.0.113.61'],
      ['198.51.100.62'],
    ]);
    expect(stored.map((r) => r.raw.toString())).toEqual([
      '[FIRING:1] SSHBruteForce | Failed password for root from 203.0.113.61 | host: bastion-01.corp.example | severity: high',
      'GuardDuty: UnauthorizedAccess | *Source* 198.51.100.62 | *User* svc-deploy',
    ]);
  });

  it('marks a channel message taken once its alert is stored, even one it could not read', async () => {
    t = await startLocalVigil();
    const unreadable = await t.emulator.post({
      bot: 'siem',
      channel: channels.alerts,
      text: '{"title": "half',
    });
    const readable = await t.emulator.post({
      bot: 'siem',
      channel: channels.alerts,
      text: 'src=203.0.113.9 msg=x',
    });
    await t.emulator.workspace.waitFor('message', (m) => m.thread_ts === unreadable.message?.ts);
    await t.vigil.drain();
    const statuses = t.vigil.db.sqlite
      .prepare("SELECT status FROM alerts WHERE source = 'slack:message' ORDER BY received_at")
      .all();
    expect(statuses).toEqual([{ status: 'unparsed' }, { status: 'normalized' }]);
    const marked = t.vigil.db.sqlite
      .prepare("SELECT event_id AS id FROM slack_events WHERE event_id LIKE 'msg:%' ORDER BY event_id")
      .all();
    expect(marked).toEqual([
      { id: `msg:${channels.alerts}:${unreadable.message?.ts}` },
      { id: `msg:${channels.alerts}:${readable.message?.ts}` },
    ]);
  });

  it('handles a retried Events API delivery once', async () => {
    t = await startLocalVigil();
    const secret = loadOrCreateLocalSecrets(t.dataDir).signingSecret;
    const bodyOf = (eventId: string) =>
      JSON.stringify({
        token: 'x',
        team_id: SEED_IDS.team,
        api_app_id: SEED_IDS.app,
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'message',
          channel: channels.alerts,
          user: SEED_IDS.users.bob,
          text: 'src=203.0.113.3 msg=odd',
          ts: '1795300000.000100',
          event_ts: '1795300000.000100',
          channel_type: 'channel',
        },
      });
    const deliver = async (retry: number, body = bodyOf('Ev0RETRY0001')) => {
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-slack-signature': signature,
        'x-slack-request-timestamp': String(ts),
      };
      if (retry)
        Object.assign(headers, {
          'x-slack-retry-num': String(retry),
          'x-slack-retry-reason': 'http_timeout',
        });
      return fetch(`${t.vigil.url}/slack/events`, { method: 'POST', headers, body });
    };
    expect((await deliver(0)).status).toBe(200);
    expect((await deliver(1)).status).toBe(200);
    // The same message under another event id (as after a restart: the catch-up took it in from history, then
    // Slack retried a delivery that had failed while Vigil was down): taken once all the same.
    expect((await deliver(2, bodyOf('Ev0RETRY0002'))).status).toBe(200);
    await t.vigil.drain();
    expect(count("SELECT count(*) AS n FROM alerts WHERE source = 'slack:message'")).toBe(1);
  });
});
