// POST /idp/user-created: an identity provider reports a new person, as plain JSON {email, name, role} or as
// an Okta Event Hook delivery (`data.events[]`, eventType user.lifecycle.create; the person's role is their
// Okta job title). GET answers Okta's one-time verification challenge. Bearer intake token on both.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { caseKey } from '../../db/repositories/cases.js';
import { asVigilError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OnboardingService } from '../services/onboarding-service.js';
import { intakeTokenPresented, readBodyOr413, sendError, sendJson } from './http-util.js';

export interface IdpUserCreatedRouteDeps {
  onboarding: OnboardingService;
  intakeToken: string;
  logger: Logger;
}

const BODY_LIMIT = 256 * 1024;
const REQUESTED_BY = 'idp-webhook';
const SOURCE = 'webhook:/idp/user-created';

/** An Okta Event Hook delivery: only what Vigil reads. */
const OktaDelivery = z.object({
  eventId: z.string().optional(),
  data: z.object({
    events: z.array(
      z.object({
        uuid: z.string().optional(),
        eventType: z.string(),
        target: z
          .array(
            z.object({
              id: z.string().optional(),
              type: z.string(),
              alternateId: z.string().nullish(),
              displayName: z.string().nullish(),
            }),
          )
          .nullish(),
      }),
    ),
  }),
});
type OktaDelivery = z.infer<typeof OktaDelivery>;

const USAGE =
  'Send JSON {"email":"dana@example.com","name":"Dana Ruiz","role":"sales"} (role: a role in roles.yml), or an Okta Event Hook delivery.';

/** GET: Okta's verification, `x-okta-verification-challenge` echoed as `{"verification": …}`. */
export function makeIdpVerificationRoute(deps: IdpUserCreatedRouteDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!intakeTokenPresented(req, res, deps.intakeToken)) return;
    const challenge = req.headers['x-okta-verification-challenge'];
    if (typeof challenge !== 'string' || challenge === '') {
      sendError(
        res,
        400,
        'invalid_input',
        'GET is Okta’s one-time verification: it carries an x-okta-verification-challenge header. Send new people with POST.',
      );
      return;
    }
    sendJson(res, 200, { verification: challenge });
  };
}

export function makeIdpUserCreatedRoute(deps: IdpUserCreatedRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!intakeTokenPresented(req, res, deps.intakeToken)) return;
    const body = await readBodyOr413(req, res, BODY_LIMIT, `Send at most ${BODY_LIMIT} bytes. ${USAGE}`);
    if (!body) return;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      const refusal = refusalOf(() =>
        deps.onboarding.refuse('the body is not JSON', REQUESTED_BY, SOURCE, body.toString('base64')),
      );
      sendError(res, 400, 'invalid_json', `${refusal} ${USAGE}`);
      return;
    }
    const okta = OktaDelivery.safeParse(json);
    if (okta.success) {
      await oktaDelivery(deps, okta.data, res);
      return;
    }
    try {
      const opened = deps.onboarding.request(json, REQUESTED_BY, SOURCE);
      sendJson(res, 202, {
        ok: true,
        case: caseKey(opened.caseId),
        ...(opened.duplicate ? { duplicate: true } : {}),
      });
    } catch (error) {
      const known = asVigilError(error);
      if (known?.code !== 'invalid_input') throw error;
      sendError(res, 400, known.code, `${known.message} ${USAGE}`);
    }
  };
}

/** The message of the InvalidInputError a refusal throws (the refusal is audited by then). */
function refusalOf(refuse: () => never): string {
  try {
    refuse();
  } catch (error) {
    const known = asVigilError(error);
    if (known?.code === 'invalid_input') return known.message;
    throw error;
  }
}

/**
 * Each user.lifecycle.create event opens a case; other event types are ignored. Okta does not retry a
 * delivery it got a 200 for, and does not read the body, so refusals are reported (and audited) per event.
 */
async function oktaDelivery(
  deps: IdpUserCreatedRouteDeps,
  delivery: OktaDelivery,
  res: ServerResponse,
): Promise<void> {
  const cases: string[] = [];
  const refused: Array<{ user: string | null; reason: string }> = [];
  let ignored = 0;
  for (const event of delivery.data.events) {
    if (event.eventType !== 'user.lifecycle.create') {
      ignored += 1;
      continue;
    }
    const user = event.target?.find((t) => t.type === 'User');
    try {
      if (!user?.alternateId) {
        deps.onboarding.refuse('the event names no target of type User', REQUESTED_BY, SOURCE, event);
      }
      const opened = await deps.onboarding.requestFromIdentityProvider(
        user.alternateId,
        user.displayName ?? null,
        REQUESTED_BY,
        `${SOURCE} (okta event ${event.uuid ?? 'without uuid'})`,
      );
      cases.push(caseKey(opened.caseId));
    } catch (error) {
      const known = asVigilError(error);
      if (known?.code === 'invalid_input') {
        refused.push({ user: user?.alternateId ?? null, reason: known.message });
        continue;
      }
      deps.logger.error({ err: error, event: event.uuid }, 'an Okta user.lifecycle.create event failed');
      refused.push({
        user: user?.alternateId ?? null,
        reason: 'Vigil could not read this person from the identity provider; it has been logged.',
      });
    }
  }
  sendJson(res, 200, { ok: true, cases, refused, ignored });
}
