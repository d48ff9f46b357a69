// POST /alerts: webhook intake. Authenticated by bearer token or by an HMAC of the body
// (`X-Vigil-Signature: sha256=<hex>`); the payload is stored before it is read, and a payload that cannot
// be read is still stored (status `unparsed`) and named in the answer.
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
  bodyLimit: number;
  logger: Logger;
}

const STATUS: Record<string, number> = {
  invalid_input: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
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
    if (!bearerOk && !signatureMatches(signature, body, deps.hmacSecret)) {
      sendError(
        res,
        401,
        'unauthorized',
        'X-Vigil-Signature does not match the body: sign the exact bytes sent as sha256=<hex HMAC-SHA256(VIGIL_INTAKE_HMAC_SECRET, body)>.',
      );
      return;
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

function signatureMatches(signature: string | undefined, body: Buffer, secret: string | undefined): boolean {
  if (!signature || !secret) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return secretMatches(signature.trim().toLowerCase(), expected);
}
