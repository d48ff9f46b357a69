// What a button (or a modal's private_metadata) names. Vigil only ever puts its own ids there, so a value that
// does not read did not come from one of its messages (another app's, an old version's, a hand-made payload):
// the person is told in words and nothing is done, rather than the listener failing.
import type { z } from 'zod';
import { InvalidInputError } from '../../../errors.js';

export function readButtonValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  refusal: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(refusal);
  return parsed.data;
}
