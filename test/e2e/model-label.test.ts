// What Slack and the alert.normalized audit row say about who read an unrecognised alert. DESIGN §5: the heuristic
// is "labelled as such in every output and audit row"; so is a model that refined its reading (here it supplies
// the title, the severity, the user and the host), and a model that failed, leaving the heuristic reading standing.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { type LocalVigil, shown, tempDataDir } from '../fakes/local-vigil.js';
import { extractionRequests, modelVigil } from '../fakes/model-vigil.js';
import type { StubAnswer } from '../fakes/openai-stub.js';

let t: LocalVigil;
const withModel = modelVigil();

const PAYLOAD = JSON.stringify({
  evt: 'vpn-anomaly',
  who: 'r.diaz@corp.example',
  peer: '203.0.113.50',
  box: 'edge-vpn-02',
});

const ANSWER: StubAnswer = {
  content: {
    title: 'VPN anomaly for <email_1>',
    severity: 'critical',
    src_ips: ['203.0.113.50'],
    dst_ips: [],
    users: ['<email_1>'],
    hosts: ['edge-vpn-02'],
    domains: [],
  },
};

async function run(answer: () => StubAnswer) {
  ({ t } = await withModel(answer));
  await t.postAlert(PAYLOAD);
  const card = await t.approvalCard();
  await t.vigil.drain();
  const thread = t.emulator.workspace.thread('C0ALERTS01', card.thread_ts ?? card.ts);
  const investigation = thread.find((m) => m.text.startsWith('Investigation'));
  const root = thread[0];
  const normalized = t.vigil.db.sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'alert.normalized'")
    .get() as { data: string };
  return {
    investigation: investigation ? shown(investigation) : '',
    root: root ? shown(root) : '',
    normalized: JSON.parse(normalized.data) as { recognizedBy: string },
  };
}

it('says in the investigation note and the case message that a model read the alert', async () => {
  const out = await run(() => ANSWER);
  // The title, the severity (critical: the base of the confidence, and a Highest Jira ticket), the user and the
  // host are the model's; nothing says so.
  expect(out.investigation).toContain('critical');
  expect(out.investigation).toMatch(/gpt-4o-mini|\bmodel\b/i);
  expect(out.root).toMatch(/gpt-4o-mini|\bmodel\b/i);
});

it('labels the alert.normalized row of a model-refined alert differently from a heuristic-only one', async () => {
  const out = await run(() => ANSWER);
  expect(out.normalized.recognizedBy).not.toBe('extractor');
  expect(out.normalized.recognizedBy).toBe('extractor+model:gpt-4o-mini');
});

it('says in the case message, the investigation note and the audit row that the model failed and the heuristic reading was kept', async () => {
  ({ t } = await withModel(() => ({ status: 401, message: 'Incorrect API key provided.' })));
  await t.postAlert(PAYLOAD);
  await t.vigil.drain();
  const [root] = t.emulator.workspace.messages('C0ALERTS01');
  expect(root).toBeDefined();
  if (!root) return;
  const thread = t.emulator.workspace.thread('C0ALERTS01', root.ts);
  const investigation = thread.find((m) => m.text.startsWith('Investigation'));
  const label = 'extractor (model gpt-4o-mini failed, heuristic reading kept)';
  expect(shown(root)).toContain(label);
  expect(investigation ? shown(investigation) : '').toContain(label);
  const normalized = t.vigil.db.sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'alert.normalized'")
    .get() as { data: string };
  expect(JSON.parse(normalized.data)).toMatchObject({ recognizedBy: 'extractor', reading: label });
});

it('reads the alert with the heuristic alone, asking the model nothing, when policy.yml says agents.extraction.model: false', async () => {
  const policyFile = path.join(tempDataDir(), 'policy.yml');
  const shipped = fs.readFileSync('policy.yml', 'utf8');
  const off = shipped.replace('    max_input_chars: 6000\n', '    max_input_chars: 6000\n    model: false\n');
  expect(off).not.toBe(shipped);
  fs.writeFileSync(policyFile, off);
  let model;
  ({ t, model } = await withModel(() => ANSWER, { policyFile }));
  await t.postAlert(PAYLOAD);
  await t.vigil.drain();
  expect(extractionRequests(model)).toEqual([]);
  const normalized = t.vigil.db.sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'alert.normalized'")
    .get() as { data: string };
  expect(JSON.parse(normalized.data)).toMatchObject({ recognizedBy: 'extractor', reading: 'extractor' });
  const extractionCalls = t.vigil.db.sqlite.prepare(
    "SELECT 1 FROM audit_events WHERE type LIKE 'model.%' AND json_extract(data, '$.agent') = 'extraction'",
  );
  expect(extractionCalls.all()).toEqual([]);
});
