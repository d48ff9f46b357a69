// An OpenAI-compatible server on loopback, answering POST /v1/chat/completions as the Chat Completions API
// documents (choices[].message.content, usage, error bodies), with the answer a test chooses. It checks the
// bearer key, refuses a strict `json_schema` response format that OpenAI's strict mode would refuse (400), and
// records every request body, so tests can see exactly what a model would have been sent.
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

/**
 * The keywords a strict schema may carry: the types, `anyOf`, definitions and annotations, and the constraints
 * OpenAI's Structured Outputs guide lists as supported ("Supported schemas": `pattern` and `format` for strings,
 * `multipleOf` and the bounds for numbers, `minItems`/`maxItems` for arrays). Anything else (`maxLength`,
 * `minLength`, `allOf`, `not`, `patternProperties`, `uniqueItems`, …) OpenAI answers 400.
 */
const STRICT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'definitions',
  'title',
  'description',
  'pattern',
  'format',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
]);
const ROOT_KEYWORDS = new Set(['$schema', '$id']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why OpenAI would refuse `schema` in strict mode, in its words, or null when it would accept it. */
export function strictSchemaProblem(schema: unknown, path: string[] = []): string | null {
  const context = `In context=(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
  if (!isRecord(schema)) return `${context}, schema must be a JSON Schema of 'type: "object"'.`;
  for (const keyword of Object.keys(schema)) {
    if (!STRICT_KEYWORDS.has(keyword) && !(path.length === 0 && ROOT_KEYWORDS.has(keyword)))
      return `${context}, '${keyword}' is not permitted.`;
  }
  if (isRecord(schema.properties)) {
    if (schema.additionalProperties !== false)
      return `${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(schema.properties).find((key) => !required.includes(key));
    if (missing !== undefined)
      return `${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  const children: Array<[string[], unknown]> = [];
  for (const key of ['properties', '$defs', 'definitions'] as const) {
    const map = schema[key];
    if (isRecord(map)) for (const [name, child] of Object.entries(map)) children.push([[key, name], child]);
  }
  if (schema.items !== undefined) children.push([['items'], schema.items]);
  if (Array.isArray(schema.anyOf))
    schema.anyOf.forEach((child, i) => children.push([['anyOf', String(i)], child]));
  for (const [at, child] of children) {
    const problem = strictSchemaProblem(child, [...path, ...at]);
    if (problem) return problem;
  }
  return null;
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
      const error = (status: number, message: string, type: string, param: string | null = null) =>
        send(status, { error: { message, type, param, code: null } });
      if (req.headers.authorization !== `Bearer ${apiKey}`)
        return error(401, 'Incorrect API key provided.', 'invalid_request_error');
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
        return error(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error');
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      requests.push(request);
      const format = request.response_format;
      if (format?.type === 'json_schema' && format.json_schema?.strict === true) {
        const problem = strictSchemaProblem(format.json_schema.schema);
        if (problem)
          return error(
            400,
            `Invalid schema for response_format '${format.json_schema.name}': ${problem}`,
            'invalid_request_error',
            'response_format',
          );
      }
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
