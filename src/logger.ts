// Structured logging (pino). Secrets are redacted by path so that no token or signature reaches a log line,
// and an error is logged without the HTTP request or response a library hung on it (Bolt's receiver errors
// carry the whole IncomingMessage: every header, cookies and authorization included, in `rawHeaders` too).
import { pino, type Logger } from 'pino';

export type { Logger };

/** Properties of an error that hold a whole request or response, never logged. */
const CARRIED_MESSAGES = ['req', 'res', 'request', 'response', 'headers', 'rawHeaders', 'config'];

function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const copy = { ...(serialized as Record<string, unknown>) };
  for (const key of CARRIED_MESSAGES) delete copy[key];
  return copy;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'vigil' },
      serializers: { err: serializeError },
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          '*.headers["x-slack-signature"]',
          'signingSecret',
          '*.signingSecret',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
