// A Web API failure as Slack answers it: HTTP 200, `{ ok: false, error: "<code>", ...extra }`.

export class ApiError extends Error {
  constructor(
    /** Slack's documented error code, e.g. `channel_not_found`. */
    readonly error: string,
    /** Extra fields Slack sends with some errors (`errors`, `response_metadata`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'ApiError';
  }
}

/** `invalid_arguments` with Slack-style `response_metadata.messages`. */
export function invalidArguments(messages: string[]): ApiError {
  return new ApiError('invalid_arguments', { response_metadata: { messages } });
}
