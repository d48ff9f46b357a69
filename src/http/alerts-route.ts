// POST /alerts: webhook intake. Authenticated by bearer token; the payload is stored before it is read,
// and a payload that cannot be read is still stored (status `unparsed`) and named in the 400 answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidInputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { IntakeService } from '../services/intake-service.js';
import {
  BodyTooLargeError,
  presentedSecret,
  readBody,
  secretMatches,
  sendError,
  sendJson,
} from './http-util.js';

export interface AlertsRouteDeps {
  intake: IntakeService;
  intakeToken: string;
  bodyLimit: number;
  logger: Logger;
}

export function makeAlertsRoute(deps: AlertsRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!secretMatches(presentedSecret(req), deps.intakeToken)) {
      req.resume();
      sendError(
        res,
        401,
        'unauthorized',
        'Send the intake token as "Authorization: Bearer <VIGIL_INTAKE_TOKEN>".',
      );
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, deps.bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendError(
          res,
          413,
          'payload_too_large',
          `The body is larger than ${deps.bodyLimit} bytes; send alerts one at a time or raise the limit.`,
        );
        return;
      }
      throw error;
    }
    try {
      const accepted = deps.intake.receive({
        bytes: body,
        contentType: req.headers['content-type'] ?? null,
        source: 'webhook',
        submittedBy: 'webhook',
      });
      sendJson(res, 202, { ok: true, alerts: [{ id: accepted.alertId, case: accepted.caseKey }] });
    } catch (error) {
      if (error instanceof InvalidInputError) {
        sendError(res, 400, 'unparseable', error.message, error.details);
        return;
      }
      throw error;
    }
  };
}
