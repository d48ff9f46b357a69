// Each vendor declares the environment variables that configure it: which config field each fills, a
// one-line description for the README, a default, and whether it is secret. src/config.ts reads the
// environment and hands the values to the vendor's parse function; nothing in connectors/ reads process.env.
import { z } from 'zod';

export interface EnvVar {
  /** The config field the variable fills. */
  key: string;
  /** One line for the README's configuration table. */
  description: string;
  /** Used when the variable is unset (documented in the README too). */
  default?: string;
  /** Never echoed in an error message. */
  secret?: boolean;
}

export type EnvSpec = Readonly<Record<string, EnvVar>>;

/** Variable name to value, as src/config.ts read them. */
export type EnvValues = Readonly<Record<string, string | undefined>>;

/** A vendor's variables are set but unusable; the message names the variable and says what it should be. */
export class ConnectorConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorConfigError';
  }
}

/**
 * Parses a vendor's variables into its config. Returns undefined when none of them is set (the vendor is not
 * enabled); throws a ConnectorConfigError naming the first variable that is missing or malformed.
 */
export function parseVendorEnv<T>(
  vendor: string,
  spec: EnvSpec,
  schema: z.ZodType<T>,
  values: EnvValues,
): T | undefined {
  const isSet = (name: string) => (values[name] ?? '').trim() !== '';
  if (!Object.keys(spec).some(isSet)) return undefined;
  const raw: Record<string, string> = {};
  for (const [name, variable] of Object.entries(spec)) {
    const value = isSet(name) ? values[name] : variable.default;
    if (value !== undefined) raw[variable.key] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  const entry = Object.entries(spec).find(([, variable]) => variable.key === key);
  if (!entry)
    throw new ConnectorConfigError(vendor, `${vendor} is misconfigured: ${issue?.message ?? 'invalid'}.`);
  const [name, variable] = entry;
  const problem = !isSet(name)
    ? 'is missing'
    : variable.secret
      ? 'is malformed'
      : `is "${values[name]}", which is invalid`;
  throw new ConnectorConfigError(name, `${name} ${problem}: ${variable.description} (for ${vendor}).`);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A vendor base URL: https, or http on loopback only (stubs and labs). No trailing slash. */
export const VendorUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => new URL(value).protocol === 'https:' || LOOPBACK.has(new URL(value).hostname), {
    message: 'must be https (http is accepted on loopback only)',
  })
  .transform((value) => value.replace(/\/+$/, ''));
