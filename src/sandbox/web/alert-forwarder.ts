// POST /sandbox/alerts: the page is not Vigil, so the emulator forwards sample or pasted alerts to the
// app's webhook intake (`POST /alerts` with the bearer token), server side: the token never reaches the page.
import { z } from 'zod';
import { parseJson } from '../http-io.js';
import { SandboxError } from '../sandbox-error.js';
import { findSample, SAMPLES, type SamplePayload } from './samples.js';

/** Where Vigil takes alerts in, and its intake token. */
export interface IntakeTarget {
  /** e.g. http://127.0.0.1:3000/alerts */
  url: string;
  token: string;
}

/** Vigil's intake accepts up to 1 MiB per request. */
export const MAX_PASTED_BYTES = 1024 * 1024;

const ContentType = z
  .string()
  .max(200)
  .regex(/^[\w.+-]+\/[\w.+-]+( *;[ \w=."-]*)?$/, 'contentType must be a MIME type such as application/json');

export const AlertsBody = z
  .object({
    sample: z.string().min(1).optional(),
    body: z
      .string()
      .min(1, 'body (the payload to send) must not be empty')
      .refine((b) => Buffer.byteLength(b) <= MAX_PASTED_BYTES, 'body is larger than 1 MiB')
      .optional(),
    contentType: ContentType.optional(),
  })
  .refine(
    (b) => (b.sample === undefined) !== (b.body === undefined),
    'give exactly one of sample (an id from GET /sandbox/samples) or body (a payload to send as it is)',
  );
export type AlertsBody = z.infer<typeof AlertsBody>;

const IntakeAnswer = z.object({
  alerts: z.array(z.object({ case: z.string().nullish() }).loose()).optional(),
});

/** How the intake answered one request. */
export interface ForwardResult {
  status: number;
  body: unknown;
  error?: string;
}

export interface ForwardReport {
  sent: number;
  /** Case keys the intake named, in order, without repeats. */
  cases: string[];
  results: ForwardResult[];
}

const TIMEOUT_MS = 10_000;

export class AlertForwarder {
  private readonly sends = new Map<string, number>();

  constructor(
    private readonly target: () => IntakeTarget | undefined,
    private readonly now: () => number,
  ) {}

  /** The menu: id, label and description of every sample. */
  samples(): { id: string; label: string; description: string }[] {
    return SAMPLES.map(({ id, label, description }) => ({ id, label, description }));
  }

  async forward(input: AlertsBody): Promise<ForwardReport> {
    const target = this.target();
    if (!target) {
      throw new SandboxError(
        'no_intake',
        'This emulator does not know where the app takes alerts in: pass the intake option ({url, token}) or call setIntake().',
      );
    }
    let payloads: SamplePayload[];
    if (input.sample !== undefined) {
      const sample = findSample(input.sample);
      if (!sample) {
        throw new SandboxError(
          'invalid_input',
          `No sample "${input.sample}"; use one of: ${SAMPLES.map((s) => s.id).join(', ')}.`,
        );
      }
      const n = this.sends.get(sample.id) ?? 0;
      this.sends.set(sample.id, n + 1);
      payloads = sample.build(n, new Date(this.now()));
    } else {
      payloads = [{ body: input.body ?? '', contentType: input.contentType ?? 'application/json' }];
    }
    const results: ForwardResult[] = [];
    // One at a time, in order, as a source sends them: case keys then follow the order of the samples.
    for (const payload of payloads) results.push(await post(target, payload));
    const cases = results.flatMap((r) => {
      const answer = IntakeAnswer.safeParse(r.body);
      return answer.success ? (answer.data.alerts ?? []).flatMap((a) => (a.case ? [a.case] : [])) : [];
    });
    return { sent: payloads.length, cases: [...new Set(cases)], results };
  }
}

async function post(target: IntakeTarget, payload: SamplePayload): Promise<ForwardResult> {
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': payload.contentType },
      body: payload.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    const body = parseJson(text) ?? text;
    return response.ok
      ? { status: response.status, body }
      : { status: response.status, body, error: `http_error_${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: 0, body: null, error: timedOut ? 'operation_timeout' : 'unreachable' };
  }
}
