// Keeps a slow or failing model from holding up case work: its calls run outside the case slots (other cases'
// jobs go on meanwhile), at most a few at once, and after several failures in a row the model is not asked
// again for a cool-down (the agent keeps the heuristic's reading, and says so in the audit log).
import { ModelSkippedError, type StructuredModel } from '../../graphs/agents/model-port.js';

export interface ModelGuardOptions {
  /** Runs a wait outside the caller's case slot (CaseRunner.aside). */
  aside: <T>(work: () => Promise<T>) => Promise<T>;
  clock: () => Date;
  /** Calls under way at once; later ones wait (outside the slots too). */
  maxConcurrent?: number;
  /** Failures in a row after which the model rests. */
  failuresToRest?: number;
  /** How long it rests; the first call after it is a trial (one more failure, and it rests again). */
  restMs?: number;
}

/** `model`, guarded: outside the case slots, a few calls at once, and resting after repeated failures. */
export function guardedModel(model: StructuredModel, options: ModelGuardOptions): StructuredModel {
  const maxConcurrent = options.maxConcurrent ?? 4;
  const failuresToRest = options.failuresToRest ?? 3;
  const restMs = options.restMs ?? 60_000;
  let running = 0;
  const waiting: Array<() => void> = [];
  let failures = 0;
  let restingUntil = 0;

  const slot = (): Promise<void> => {
    if (running < maxConcurrent) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    model: model.model,
    ask: (messages) =>
      options.aside(async () => {
        await slot();
        try {
          // Looked at once the call may go: calls that waited while the model failed are skipped too.
          const now = options.clock().getTime();
          if (failures >= failuresToRest && now < restingUntil)
            throw new ModelSkippedError(
              `${model.model} failed ${failures} times in a row: not asked until ${new Date(restingUntil).toISOString()}`,
            );
          try {
            const reply = await model.ask(messages);
            failures = 0;
            return reply;
          } catch (error) {
            failures += 1;
            if (failures >= failuresToRest) restingUntil = options.clock().getTime() + restMs;
            throw error;
          }
        } finally {
          release();
        }
      }),
  };
}
