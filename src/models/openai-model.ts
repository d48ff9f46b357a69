// The model behind the micro-agents: @langchain/openai's ChatOpenAI against OpenAI or any compatible server
// (vLLM, Ollama, LM Studio, Azure), asked for structured output that the agent's zod schema checks.
import { isAIMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { z } from 'zod';
import type { StructuredModel } from '../../graphs/agents/model-port.js';

export interface OpenAiModelOptions {
  apiKey: string;
  /** An OpenAI-compatible server's base URL (ending in `/v1`); OpenAI's when absent. */
  baseUrl?: string;
  model: string;
  /** How long one call may take in all, retries included; a call that runs out is not retried. */
  timeoutMs: number;
}

export function openAiStructuredModel(
  options: OpenAiModelOptions,
  schema: z.ZodType<Record<string, unknown>>,
  name: string,
): StructuredModel {
  const chat = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    temperature: 0,
    maxTokens: 800,
    maxRetries: 1,
    timeout: options.timeoutMs,
    ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
  });
  const runnable = chat.withStructuredOutput(schema, { name, includeRaw: true });
  return {
    model: options.model,
    async ask(messages) {
      // One deadline for the whole call: the request, and the retry a 5xx or a 429 gets, end with it. A timed-out
      // request would be retried with a timeout of its own; past the deadline its retry is aborted unsent.
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const reply = await runnable.invoke(messages, { signal: deadline }).catch((error: unknown) => {
        if (!deadline.aborted) throw error;
        throw new Error(`${options.model} did not answer within ${options.timeoutMs / 1000} s`, {
          cause: error,
        });
      });
      if (reply.parsed === null || reply.parsed === undefined)
        throw new Error(`${options.model} answered outside the expected schema`);
      const usage = isAIMessage(reply.raw) ? reply.raw.usage_metadata : undefined;
      return {
        answer: reply.parsed,
        inputTokens: usage?.input_tokens ?? null,
        outputTokens: usage?.output_tokens ?? null,
      };
    },
  };
}
