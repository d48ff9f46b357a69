// An OpenAI-compatible server on loopback, answering POST /v1/chat/completions as the Chat Completions API
// documents (choices[].message.content, usage, error bodies), with the answer a test chooses. It checks the
// bearer key and records every request body, so tests can see exactly what a model would have been sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  [key: string]: unknown;
}

/** What the stub answers: the assistant's JSON content, or an HTTP error as OpenAI shapes it. */
export type StubAnswer = { content: unknown } | { status: number; message: string };

export interface OpenAiStub {
  /** Base URL for OPENAI_BASE_URL, ending in `/v1`. */
  baseUrl: string;
  apiKey: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

export async function startOpenAiStub(answer: (request: ChatRequest) => StubAnswer): Promise<OpenAiStub> {
  const apiKey = 'sk-test-0123456789abcdef';
  const requests: ChatRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, message: string, type: string) =>
        send(status, { error: { message, type, param: null, code: null } });
      if (req.headers.authorization !== `Bearer ${apiKey}`)
        return error(401, 'Incorrect API key provided.', 'invalid_request_error');
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
        return error(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error');
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      requests.push(request);
      const reply = answer(request);
      if ('status' in reply) return error(reply.status, reply.message, 'server_error');
      const content = JSON.stringify(reply.content);
      const promptTokens = Math.ceil(JSON.stringify(request.messages).length / 4);
      const completionTokens = Math.ceil(content.length / 4);
      send(200, {
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
