// A policy.yml written before the timeline agent existed (no agents.timeline section) keeps that agent off the model:
// after an upgrade no closing case's record goes to the model provider under rules nobody wrote (the built-in default
// would have shown it every field with only secrets redacted, e-mail addresses and IPs in clear); the heuristic
// writes the notes, and extraction still asks the model under the operator's own rules.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDataDir } from '../fakes/local-vigil.js';
import { isNotesRequest, modelVigil, NOTHING_FOUND } from '../fakes/model-vigil.js';

const withModel = modelVigil();

it('asks the model for no closing case’s notes when policy.yml says nothing of agents.timeline', async () => {
  const shipped = fs.readFileSync('policy.yml', 'utf8');
  // The operator's own policy.yml, as it stood before the upgrade: extraction pseudonymises e-mails and IPs.
  const before = shipped
    .replace(/\n {2}timeline:\n(?: {4}.*\n|\n)*?(?=\n# What the validation)/, '\n')
    .replace(
      '    redact: [secrets, emails]\n    max_input_chars: 6000',
      '    redact: [secrets, emails, ips]\n    max_input_chars: 6000',
    );
  expect(before).not.toContain('timeline:');
  expect(before).toContain('redact: [secrets, emails, ips]');
  const policyFile = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(policyFile, before);

  const { t, model } = await withModel(() => ({ content: NOTHING_FOUND }), { policyFile });
  const alert = JSON.stringify({
    title: 'Impossible travel for jane.doe@example.com',
    severity: 'low',
    user: 'jane.doe@example.com',
    source_ip: '203.0.113.50',
  });
  expect((await t.postAlert(alert)).status).toBe(202);
  await t.vigil.drain();
  expect(model.requests.filter(isNotesRequest)).toEqual([]);
  const closed = t.vigil.db.sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'case.closed'")
    .all() as Array<{
    data: string;
  }>;
  expect(closed.map((r) => (JSON.parse(r.data) as { notes?: { by?: string } }).notes?.by)).toEqual([
    'heuristic',
  ]);
  // Extraction, which the file does configure, still asked the model, e-mail addresses and IPs pseudonymised.
  const extraction = model.requests.filter((r) => !isNotesRequest(r));
  expect(extraction).toHaveLength(1);
  const sent = JSON.stringify(extraction[0]?.messages);
  expect(sent).not.toContain('jane.doe@example.com');
  expect(sent).not.toContain('203.0.113.50');
});
