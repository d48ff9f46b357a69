// The model behind the micro-agents: @langchain/openai's ChatOpenAI against OpenAI or any compatible server
// (vLLM, Ollama, LM Studio, Azure), asked for structured output that the agent's zod schema checks.
import { isAIMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { z } from 'zod';
import type { StructuredModel } from '../../graphs/agents/extraction/model-agent.js';

export interface OpenAiModelOptions {
  apiKey: string;
  /** An OpenAI-compatible server's base URL (ending in `/v1`); OpenAI's when absent. */
  baseUrl?: string;
  model: string;
  timeoutMs?: number;
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
    timeout: options.timeoutMs ?? 20_000,
    ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
  });
  const runnable = chat.withStructuredOutput(schema, { name, includeRaw: true });
  return {
    model: options.model,
    async ask(messages) {
      const reply = await runnable.invoke(messages);
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
