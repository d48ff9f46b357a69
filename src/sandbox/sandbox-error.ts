// The one error class of the Slack emulator: a machine-readable code plus a sentence saying what was
// wrong and what to do. The control API answers these as 400 `{ ok: false, error, message }`.

/**
 * Codes: `user_not_found`, `channel_not_found`, `message_not_found`, `thread_not_found`, `action_not_found`,
 * `view_not_found`, `invalid_input`, `invalid_json`, `no_request_url`, `not_local` (403), `wait_timeout`.
 */
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
