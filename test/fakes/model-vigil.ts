// Local Vigil whose micro-agents have a model: the real @langchain/openai client against the OpenAI-compatible
// stub. Call `modelVigil()` at a test file's top level; each test then starts its pair with the function it
// returns, and both are stopped after the test. The extraction agent's requests get `answer`; the timeline
// agent's get `notes` (by default, notes with nothing in them).
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

/** A timeline answer with nothing in it. */
export const NO_NOTES = { timeline: [], remediation: [] };

/** Whether the request is the timeline agent's (its structured output is `analyst_notes`). */
export const isNotesRequest = (request: ChatRequest): boolean =>
  request.response_format?.json_schema?.name === 'analyst_notes';

/** The requests of the extraction agent alone. */
export const extractionRequests = (model: OpenAiStub): ChatRequest[] =>
  model.requests.filter((r) => !isNotesRequest(r));

export interface ModelVigilOptions extends LocalVigilOptions {
  /** What the timeline agent's requests are answered. */
  notes?: (request: ChatRequest) => StubAnswer;
}

export function modelVigil(): (
  answer: (request: ChatRequest) => StubAnswer,
  options?: ModelVigilOptions,
) => Promise<{ t: LocalVigil; model: OpenAiStub }> {
  let running: { t?: LocalVigil; model?: OpenAiStub } = {};
  afterEach(async () => {
    const { t, model } = running;
    running = {};
    await t?.stop();
    await model?.close();
  });
  return async (answer, options = {}) => {
    const notes = options.notes ?? (() => ({ content: NO_NOTES }));
    const model = await startOpenAiStub((request) =>
      isNotesRequest(request) ? notes(request) : answer(request),
    );
    running.model = model;
    const t = await startLocalVigil({
      ...options,
      env: { OPENAI_API_KEY: model.apiKey, OPENAI_BASE_URL: model.baseUrl, ...options.env },
    });
    running.t = t;
    return { t, model };
  };
}
