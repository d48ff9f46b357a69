// POST /alerts: webhook intake. Authenticated by bearer token or by an HMAC of the body
// (`X-Vigil-Signature: sha256=<hex>`), or of `<timestamp>.<body>` with `X-Vigil-Timestamp` (then a request
// older or newer than 5 minutes is refused; only with VIGIL_INTAKE_HMAC_TIMESTAMP=required can no captured
// request be replayed, since a timestamped signature is also a body-only one of `<timestamp>.<body>`). The
// payload is stored before it is read, and a payload that cannot be read is still stored (status `unparsed`)
// and named in the answer.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asVigilError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { IntakeService } from '../services/intake-service.js';
import { decodeBody } from './content-encoding.js';
import { presentedSecret, readBodyOr413, secretMatches, sendError, sendJson } from './http-util.js';

export interface AlertsRouteDeps {
  intake: IntakeService;
  intakeToken: string;
  /** When set, `X-Vigil-Signature: sha256=<HMAC-SHA256(secret, body)>` authenticates too. */
  hmacSecret: string | undefined;
  /** `required`: a signed request must carry `X-Vigil-Timestamp` (and sign it with the body). */
  hmacTimestamp: 'optional' | 'required';
  /** Milliseconds since the epoch, for the timestamp's window. */
  now: () => number;
  bodyLimit: number;
  logger: Logger;
}

const STATUS: Record<string, number> = {
  invalid_input: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  filing_failed: 500,
};
const CODE: Record<string, string> = { invalid_input: 'unparseable' };

export function makeAlertsRoute(deps: AlertsRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const signature = header(req, 'x-vigil-signature');
    const bearerOk = secretMatches(presentedSecret(req), deps.intakeToken);
    if (!bearerOk && !(signature && deps.hmacSecret)) {
      req.resume();
      sendError(
        res,
        401,
        'unauthorized',
        'Send the intake token as "Authorization: Bearer <VIGIL_INTAKE_TOKEN>", or sign the body with X-Vigil-Signature.',
      );
      return;
    }
    const body = await readBodyOr413(
      req,
      res,
      deps.bodyLimit,
      `The body is larger than ${deps.bodyLimit} bytes; split it, or raise VIGIL_INTAKE_MAX_BYTES.`,
    );
    if (!body) return;
    if (!bearerOk) {
      const refusal = signatureRefusal(deps, signature, header(req, 'x-vigil-timestamp'), body);
      if (refusal) {
        sendError(res, 401, 'unauthorized', refusal);
        return;
      }
    }
    // The signature covers the bytes as sent; what is read is the body decompressed.
    const decoded = decodeBody(body, header(req, 'content-encoding'), deps.bodyLimit);
    if (decoded.kind === 'too_large') {
      sendError(
        res,
        413,
        'payload_too_large',
        `Decompressed, the body is larger than ${deps.bodyLimit} bytes; split it, or raise VIGIL_INTAKE_MAX_BYTES.`,
      );
      return;
    }
    try {
      const result = await deps.intake.receive({
        bytes: decoded.kind === 'ok' ? decoded.bytes : body,
        contentType: header(req, 'content-type') ?? null,
        source: 'webhook',
        submittedBy: 'webhook',
        ...(decoded.kind === 'unreadable'
          ? { unreadable: { error: decoded.error, status: decoded.status } }
          : {}),
      });
      sendJson(res, 202, {
        ok: true,
        alerts: result.accepted.map((a) => ({ id: a.alertId, case: a.caseKey, relation: a.relation })),
        unparsed: result.unparsed.map((u) => ({ id: u.alertId, error: u.error })),
      });
    } catch (error) {
      const known = asVigilError(error);
      const status = known ? STATUS[known.code] : undefined;
      if (!known || !status) throw error;
      const details = 'details' in known && typeof known.details === 'object' ? known.details : {};
      sendError(res, status, CODE[known.code] ?? known.code, known.message, { ...details });
    }
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** How far a signed request's timestamp may be from Vigil's clock, either way. */
const TIMESTAMP_WINDOW_S = 5 * 60;

/** Why a signed request is refused, or null when its signature (and timestamp, if any) is good. */
function signatureRefusal(
  deps: Pick<AlertsRouteDeps, 'hmacSecret' | 'hmacTimestamp' | 'now'>,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): string | null {
  const secret = deps.hmacSecret;
  if (!signature || !secret) return 'Sign the body with X-Vigil-Signature, or send the intake token.';
  const hmac = createHmac('sha256', secret);
  if (timestamp === undefined) {
    if (deps.hmacTimestamp === 'required')
      return 'X-Vigil-Timestamp is missing: this Vigil takes signed alerts only with a timestamp (VIGIL_INTAKE_HMAC_TIMESTAMP=required). Send the Unix time in seconds as X-Vigil-Timestamp and sign "<timestamp>.<body>".';
    hmac.update(body);
  } else {
    const seconds = /^\d{1,12}$/.test(timestamp.trim()) ? Number(timestamp.trim()) : NaN;
    if (!Number.isFinite(seconds))
      return 'X-Vigil-Timestamp must be the Unix time in seconds, e.g. 1795300000.';
    if (Math.abs(deps.now() / 1000 - seconds) > TIMESTAMP_WINDOW_S)
      return 'X-Vigil-Timestamp is more than 5 minutes from this Vigil’s clock: a request is taken only within 5 minutes of being signed (check the sender’s clock, and sign each request when it is sent).';
    hmac.update(`${timestamp.trim()}.`).update(body);
  }
  const expected = `sha256=${hmac.digest('hex')}`;
  if (secretMatches(signature.trim().toLowerCase(), expected)) return null;
  return timestamp === undefined
    ? 'X-Vigil-Signature does not match the body: sign the exact bytes sent as sha256=<hex HMAC-SHA256(VIGIL_INTAKE_HMAC_SECRET, body)>.'
    : 'X-Vigil-Signature does not match: with X-Vigil-Timestamp, sign "<timestamp>.<body>" (the header\'s value, a dot, then the exact bytes sent) as sha256=<hex HMAC-SHA256(VIGIL_INTAKE_HMAC_SECRET, …)>.';
}
