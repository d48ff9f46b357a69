// POST /hr/offboard: the HR system asks for a person to be offboarded, by e-mail or Slack user id. Bearer
// VIGIL_HR_TOKEN (the route is off without one); opens a case that goes through approval like
// `/vigil offboard`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { caseKey } from '../../db/repositories/cases.js';
import { asVigilError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OffboardingService } from '../services/offboarding-service.js';
import { bearerAllowed, readBodyOr413, sendError, sendJson } from './http-util.js';

export interface HrOffboardRouteDeps {
  offboarding: OffboardingService;
  /** VIGIL_HR_TOKEN; undefined turns the route off. */
  hrToken: string | undefined;
  logger: Logger;
}

const HrRequest = z.union([
  z.object({ email: z.email() }).strict(),
  z.object({ slack_user_id: z.string().regex(/^[UW][A-Z0-9]+$/) }).strict(),
]);

export function makeHrOffboardRoute(deps: HrOffboardRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const bearer = { token: deps.hrToken, variable: 'VIGIL_HR_TOKEN', sender: 'your HR system' };
    if (!bearerAllowed(req, res, bearer)) return;
    const body = await readBodyOr413(
      req,
      res,
      16 * 1024,
      'Send one small JSON object: {"email"} or {"slack_user_id"}.',
    );
    if (!body) return;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = HrRequest.safeParse(json);
    if (!parsed.success) {
      sendError(
        res,
        400,
        'invalid_input',
        'Send JSON {"email":"person@example.com"} or {"slack_user_id":"U0123456789"}.',
      );
      return;
    }
    const subject =
      'email' in parsed.data ? { email: parsed.data.email } : { slackUserId: parsed.data.slack_user_id };
    try {
      const { caseId, duplicate } = await deps.offboarding.request(
        subject,
        'hr-webhook',
        'webhook:/hr/offboard',
      );
      sendJson(res, 202, { ok: true, case: caseKey(caseId), ...(duplicate ? { duplicate: true } : {}) });
    } catch (error) {
      const known = asVigilError(error);
      if (known?.code === 'not_found' || known?.code === 'invalid_input') {
        sendError(res, 400, known.code, known.message);
        return;
      }
      deps.logger.error({ err: error }, 'offboarding request failed');
      sendError(res, 500, 'internal', 'Vigil could not open the offboarding case; it has been logged.');
    }
  };
}
