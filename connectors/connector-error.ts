// The one error every connector throws: a vendor call that failed, with a code the caller can act on
// (retry later, fix credentials, give up). Messages name the vendor and the operation, never a secret.

export const CONNECTOR_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'bad_request',
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'invalid_response',
] as const;

export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

/** Failures that may succeed if the same call is made again later. */
const RETRYABLE: ReadonlySet<ConnectorErrorCode> = new Set([
  'rate_limited',
  'server_error',
  'timeout',
  'network',
]);

export interface ConnectorErrorInit {
  vendor: string;
  /** What was being done, in words (`suspend user`, `look up IP`). */
  operation: string;
  code: ConnectorErrorCode;
  /** HTTP status, when there was a response. */
  status?: number | null;
  /** The vendor's own error code (`E0000007`, `NoSuchEntity`), when it gave one. */
  vendorCode?: string | null;
  /** The vendor's explanation, already scrubbed of secrets. */
  detail?: string | null;
  /** How long the vendor asked us to wait before trying again. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

/** A vendor call failed. `retryable` says whether the same call may succeed later; `cause` keeps the original. */
export class ConnectorError extends Error {
  readonly vendor: string;
  readonly operation: string;
  readonly code: ConnectorErrorCode;
  readonly status: number | null;
  readonly vendorCode: string | null;
  /** The vendor's explanation (scrubbed), without the vendor and operation prefix of `message`. */
  readonly detail: string | null;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;

  constructor(init: ConnectorErrorInit) {
    const status = init.status ?? null;
    const what = status === null ? init.code : `${status} ${init.code}`;
    super(`${init.vendor}: ${init.operation} failed (${what})${init.detail ? `: ${init.detail}` : ''}`, {
      cause: init.cause,
    });
    this.name = 'ConnectorError';
    this.vendor = init.vendor;
    this.operation = init.operation;
    this.code = init.code;
    this.status = status;
    this.vendorCode = init.vendorCode ?? null;
    this.detail = init.detail ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.retryable = RETRYABLE.has(init.code);
  }
}

/** The code an HTTP error status maps to when the vendor says nothing more specific. */
export function codeForStatus(status: number): ConnectorErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 409:
    case 412:
      return 'conflict';
    case 408:
      return 'timeout';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'server_error' : 'bad_request';
  }
}

export function isConnectorError(error: unknown, code?: ConnectorErrorCode): error is ConnectorError {
  return error instanceof ConnectorError && (code === undefined || error.code === code);
}

/** Resolves to null when the vendor answered 404 (a lookup that found nothing); other failures still reject. */
export async function nullIfNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isConnectorError(error, 'not_found')) return null;
    throw error;
  }
}
