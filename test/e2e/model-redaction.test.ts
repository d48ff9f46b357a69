// What the extraction micro-agent's model is sent under the shipped policy.yml (`redact: [secrets, emails]`:
// "secrets are blanked out"), for secrets an alert carries inside JSON held in a string. Driven through the real
// Vigil (POST /alerts, triage, the real @langchain/openai ChatOpenAI) against the OpenAI-compatible stub, which
// records each request body.
import { expect, it } from 'vitest';
import type { LocalVigil } from '../fakes/local-vigil.js';
import { extractionRequests, modelVigil, NOTHING_FOUND as EMPTY } from '../fakes/model-vigil.js';
import type { OpenAiStub } from '../fakes/openai-stub.js';

let t: LocalVigil;
let model: OpenAiStub;
const withModel = modelVigil();

/** Posts one alert no parser knows and returns everything the model server received for it. */
async function sentToModel(body: string): Promise<string> {
  ({ t, model } = await withModel(() => ({ content: EMPTY })));
  const posted = await t.postAlert(body, body.startsWith('{') ? {} : { 'content-type': 'text/plain' });
  expect(posted.status).toBeLessThan(300);
  await t.vigil.drain();
  expect(extractionRequests(model)).toHaveLength(1);
  return JSON.stringify(model.requests);
}

it('never sends the model a password held in JSON that the alert carries as a string', async () => {
  const sent = await sentToModel(
    JSON.stringify({
      source: 'custom-sso',
      event: 'login_failed',
      client: '203.0.113.9',
      raw: JSON.stringify({ user: 'bob', password: 'Hunter2-Sup3r!' }),
    }),
  );
  expect(sent).not.toContain('Hunter2-Sup3r');
});
