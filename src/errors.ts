// Coded errors: each says what went wrong in words a user can act on. The Slack error handler and the HTTP
// routes show known codes to the person who caused them and log everything else with a correlation id.

export type VigilErrorCode =
  | 'invalid_input'
  | 'not_authorized'
  | 'already_decided'
  | 'not_found'
  | 'connector_failed'
  | 'config_invalid'
  | 'stale_approval'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'filing_failed';

export class VigilError extends Error {
  constructor(
    readonly code: VigilErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that cannot be used as given: the message says what was wrong and what to do instead. */
export class InvalidInputError extends VigilError {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super('invalid_input', message);
  }
}

/** The person may not do this; the refusal has already been audited by whoever throws this. */
export class NotAuthorizedError extends VigilError {
  constructor(message: string) {
    super('not_authorized', message);
  }
}

/** A body in a media type Vigil does not read; it was stored anyway. */
export class UnsupportedMediaTypeError extends VigilError {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super('unsupported_media_type', message);
  }
}

export class PayloadTooLargeError extends VigilError {
  constructor(message: string) {
    super('payload_too_large', message);
  }
}

/** Vigil failed while filing alerts (a fault of its own, not of the body); the body was kept, as `details` says. */
export class FilingFailedError extends VigilError {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super('filing_failed', message);
  }
}

/** Somebody else decided first (double click, Slack retry, a second replica). */
export class AlreadyDecidedError extends VigilError {
  constructor(message: string) {
    super('already_decided', message);
  }
}

export class NotFoundError extends VigilError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** An approval no longer matches what would be executed (policy or parameters changed). */
export class StaleApprovalError extends VigilError {
  constructor(message: string) {
    super('stale_approval', message);
  }
}

/** A vendor or Slack call failed; `cause` keeps the original error. */
export class ConnectorError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('connector_failed', message, options);
  }
}

export class ConfigError extends VigilError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Finds a VigilError in an error or in the wrappers Bolt puts around listener errors. */
export function asVigilError(error: unknown): VigilError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof VigilError) return current;
    if (typeof current !== 'object') return undefined;
    const next: unknown =
      'original' in current
        ? current.original
        : 'originals' in current
          ? firstOf(current.originals)
          : undefined;
    current = next;
  }
  return undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}
