// Local Vigil whose extraction micro-agent has a model: the real @langchain/openai client against the
// OpenAI-compatible stub. Call `modelVigil()` at a test file's top level; each test then starts its pair with the
// function it returns, and both are stopped after the test.
import { afterEach } from 'vitest';
import { startLocalVigil, type LocalVigil, type LocalVigilOptions } from './local-vigil.js';
import { startOpenAiStub, type ChatRequest, type OpenAiStub, type StubAnswer } from './openai-stub.js';

/** A model answer that finds nothing: every field empty. */
export const NOTHING_FOUND = {
  title: null,
  severity: null,
  src_ips: [],
  dst_ips: [],
  users: [],
  hosts: [],
  domains: [],
};

export function modelVigil(): (
  answer: (request: ChatRequest) => StubAnswer,
  options?: LocalVigilOptions,
) => Promise<{ t: LocalVigil; model: OpenAiStub }> {
  let running: { t?: LocalVigil; model?: OpenAiStub } = {};
  afterEach(async () => {
    const { t, model } = running;
    running = {};
    await t?.stop();
    await model?.close();
  });
  return async (answer, options = {}) => {
    const model = await startOpenAiStub(answer);
    running.model = model;
    const t = await startLocalVigil({
      ...options,
      env: { OPENAI_API_KEY: model.apiKey, OPENAI_BASE_URL: model.baseUrl, ...options.env },
    });
    running.t = t;
    return { t, model };
  };
}
