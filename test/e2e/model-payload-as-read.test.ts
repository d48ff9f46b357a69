// The extraction micro-agent is shown the payload intake read, not the stored bytes: where the two differ (a UTF-8
// byte order mark kept in what is stored, a Pub/Sub push envelope whose alert is base64 `data`), the policy's
// `agents.extraction` field rules and redaction still apply to the alert, and the model's answer is checked against
// the alert. Real Vigil, real ChatOpenAI, the OpenAI-compatible stub.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { LocalVigil } from '../fakes/local-vigil.js';
import { extractionRequests, modelVigil, NOTHING_FOUND as EMPTY } from '../fakes/model-vigil.js';
import type { OpenAiStub, StubAnswer } from '../fakes/openai-stub.js';

let t: LocalVigil;
let model: OpenAiStub;
const withModel = modelVigil();

async function start(answer: () => StubAnswer, policyFile?: string) {
  ({ t, model } = await withModel(answer, policyFile ? { policyFile } : {}));
  return t;
}

/** The shipped policy.yml with `hidden` (`hr` unless told) added to what the extraction agent may never see. */
function policyHidingHr(hidden = 'hr'): string {
  const shipped = fs.readFileSync('policy.yml', 'utf8');
  const hide = "hide: [cookie, cookies, '*password*', '*headers.authorization']";
  expect(shipped).toContain(hide);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-policy-')), 'policy.yml');
  fs.writeFileSync(
    file,
    shipped.replace(hide, `hide: [cookie, cookies, '*password*', '*headers.authorization', ${hidden}]`),
  );
  return file;
}

const WITH_HR = JSON.stringify({
  evt: 'vpn-anomaly',
  peer: '203.0.113.50',
  box: 'edge-vpn-02',
  hr: { manager_notes: 'on a performance improvement plan', home_address: '12 Elm Street' },
});

it('(control) keeps a field policy hides away from the model', async () => {
  const v = await start(() => ({ content: EMPTY }), policyHidingHr());
  await v.postAlert(WITH_HR);
  await v.vigil.drain();
  expect(extractionRequests(model)).toHaveLength(1);
  expect(JSON.stringify(model?.requests)).not.toContain('performance improvement plan');
});

it('keeps a field policy hides away from the model when the JSON body starts with a UTF-8 byte order mark', async () => {
  const v = await start(() => ({ content: EMPTY }), policyHidingHr());
  // As PowerShell 5's Set-Content -Encoding UTF8 writes it; README: "a leading byte order mark is read past".
  const posted = await v.postAlert(`\uFEFF${WITH_HR}`);
  expect(posted.status).toBe(202);
  await v.vigil.drain();
  expect(extractionRequests(model)).toHaveLength(1);
  expect(JSON.stringify(model?.requests)).not.toContain('performance improvement plan');
});

it('keeps a field a dotted hide path names away from the model when the alert came under a shipper’s json key', async () => {
  const v = await start(() => ({ content: EMPTY }), policyHidingHr('user.hr'));
  // As an HTTP-polling input writes what it fetched; README: "read as that record", so `user.hr` names its field.
  const record = {
    evt: 'vpn-anomaly',
    peer: '203.0.113.50',
    user: { name: 'rdiaz', hr: { manager_notes: 'on a performance improvement plan' } },
  };
  await v.postAlert(JSON.stringify({ json: record }));
  await v.vigil.drain();
  expect(extractionRequests(model)).toHaveLength(1);
  const sent = JSON.stringify(model?.requests);
  expect(sent).not.toContain('performance improvement plan');
  // What the rule does not name still goes.
  expect(sent).toContain('rdiaz');
});

const INNER = JSON.stringify({
  evt: 'vpn-anomaly',
  who: 'r.diaz@corp.example',
  peer: '203.0.113.50',
  box: 'edge-vpn-02',
  auth: { password: 'Hunter2-Sup3r' },
});
const PUSH = JSON.stringify({
  message: {
    data: Buffer.from(INNER).toString('base64'),
    messageId: '9912345',
    publishTime: '2026-11-24T10:00:00Z',
  },
  subscription: 'projects/soc/subscriptions/vigil-push',
});

/** Every run of base64 in `text`, decoded. */
const decodedRuns = (text: string) =>
  (text.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []).map((run) => Buffer.from(run, 'base64').toString('utf8'));

it('redacts the secret and the e-mail address of an alert that came in a Pub/Sub push delivery', async () => {
  const v = await start(() => ({ content: EMPTY }));
  await v.postAlert(PUSH);
  await v.vigil.drain();
  expect(extractionRequests(model)).toHaveLength(1);
  const decoded = decodedRuns(JSON.stringify(model?.requests)).join('\n');
  expect(decoded).not.toContain('Hunter2-Sup3r');
  expect(decoded).not.toContain('r.diaz@corp.example');
});

it('keeps what the model finds in an alert that came in a Pub/Sub push delivery', async () => {
  // What a model that reads the alert answers: the box the heuristic does not take for a host.
  const v = await start(() => ({ content: { ...EMPTY, hosts: ['edge-vpn-02'] } }));
  await v.postAlert(PUSH);
  await v.vigil.drain();
  const row = v.vigil.db.sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'model.called'")
    .get() as { data: string };
  const call = JSON.parse(row.data) as { added: { hosts: string[] }; dropped: string[] };
  expect(call.dropped).toEqual([]);
  expect(call.added.hosts).toEqual(['edge-vpn-02']);
});
