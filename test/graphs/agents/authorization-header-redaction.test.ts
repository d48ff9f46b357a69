// `redact: [secrets]` before a model call hides the credential of an HTTP Authorization header in raw text, as
// web, proxy and WAF logs and EDR command lines carry it, not only its scheme word.
import { afterEach, describe, expect, it } from 'vitest';
import { Alert, emptyObservables } from '../../../graphs/agents/extraction/contract.js';
import { ModelAnswerRequest, ModelExtractionAgent } from '../../../graphs/agents/extraction/model-agent.js';
import { openAiStructuredModel } from '../../../src/models/openai-model.js';
import { startOpenAiStub, type OpenAiStub } from '../../fakes/openai-stub.js';

let stub: OpenAiStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const draft: Alert = Alert.parse({
  format: 'unknown',
  recognizedBy: 'extractor',
  title: 'Unrecognised alert',
  severity: 'medium',
  observedAt: null,
  ruleId: null,
  observables: { ...emptyObservables(), srcIps: ['203.0.113.50'], ips: ['203.0.113.50'] },
});

describe('secrets redaction before a model call', () => {
  it('never shows the model the credential of an Authorization header in a raw-text alert (Bearer or Basic)', async () => {
    stub = await startOpenAiStub(() => ({
      content: { title: 'x', severity: 'high', src_ips: [], dst_ips: [], users: [], hosts: [], domains: [] },
    }));
    const agent = new ModelExtractionAgent({
      model: openAiStructuredModel(
        { apiKey: stub.apiKey, baseUrl: stub.baseUrl, model: 'gpt-4o-mini', timeoutMs: 10_000 },
        ModelAnswerRequest,
        'alert_indicators',
      ),
      // The shipped policy's agents.extraction rules.
      rules: () => ({
        fields: { see: ['*'], hide: ['cookie', 'cookies', '*password*', '*headers.authorization'] },
        redact: ['secrets', 'emails'],
        maxInputChars: 6000,
      }),
    });
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdmMtcGF5cm9sbCJ9.Q2hhbmdlTWVTaWduYXR1cmU';
    const basic = 'c3ZjLWJhY2t1cDpTdW1tZXIyMDI2IQ==';
    await agent.refine(
      [
        `waf blocked 203.0.113.50 GET /admin/export Authorization: Bearer ${jwt}`,
        `proc=curl.exe cmdline="curl -H 'Authorization: Basic ${basic}' https://backup.corp.example/api"`,
      ].join('\n'),
      draft,
    );
    const sent = String(stub.requests[0]?.messages[1]?.content);
    expect({ bearerShown: sent.includes(jwt), basicShown: sent.includes(basic), sent }).toMatchObject({
      bearerShown: false,
      basicShown: false,
    });
  });
});
