// `vigil extract`: reads JSONL `{"id", "raw"}` lines and writes one JSON line per input with the
// format, who recognised it and the indicators; a bad line yields `{"id": null, "error": …}`.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ecsIndicators } from '../intake/ecs-view.js';
import { normalizeAlert } from '../intake/normalize.js';

const InputLine = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  raw: z.unknown(),
});

/**
 * One output line for one input line. A leading UTF-8 byte order mark (a file written by PowerShell 5 or .NET; each
 * joined file's first line after `cat`) is read past.
 */
export function extractLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.replace(/^\uFEFF/, ''));
  } catch (err) {
    return JSON.stringify({
      id: null,
      error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  const input = InputLine.safeParse(parsed);
  if (!input.success) return JSON.stringify({ id: null, error: 'expected an object {"id", "raw"}' });
  const id = input.data.id ?? null;
  const alert = normalizeAlert(input.data.raw);
  return JSON.stringify({
    id,
    format: alert.format,
    recognizedBy: alert.recognizedBy,
    ...ecsIndicators(alert),
  });
}

/** Streams `input` (JSONL) to `output`, one line out per non-blank line in. */
export async function runExtract(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = `${extractLine(line)}\n`;
    if (!output.write(out)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
}
