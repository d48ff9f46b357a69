// What a button (or a modal's private_metadata) names. Vigil only ever puts its own ids there, so a value that
// does not read did not come from one of its messages (another app's, an old version's, a hand-made payload):
// the person is told in words and nothing is done, rather than the listener failing.
import { z } from 'zod';
import { parseCaseKey } from '../../../../db/repositories/cases.js';
import { InvalidInputError } from '../../../errors.js';

/** A value that is a case key (`VIG-n`) and nothing else, read as the case id (offboarding's and a case's Retry). */
export const CaseKeyValue = z
  .string()
  .regex(/^VIG-\d{1,12}$/, 'not a case key')
  .transform((key) => parseCaseKey(key) ?? 0);

export function readButtonValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  refusal: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(refusal);
  return parsed.data;
}
