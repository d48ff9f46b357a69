// POST /idp/user-created: an identity provider reports a new person, as plain JSON {email, name, role} or as
// an Okta Event Hook delivery (`data.events[]`, eventType user.lifecycle.create; recorded and answered at
// once, the person read from Okta afterwards, their job title as the role). GET answers Okta's one-time
// verification challenge. Bearer VIGIL_IDP_TOKEN on both (the route is off without one).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { caseKey } from '../../db/repositories/cases.js';
import { asVigilError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { NewIdpEvent } from '../../db/repositories/idp-events.js';
import { digest } from '../../graphs/lib/digest.js';
import type { IdpEventQueue } from '../services/idp-event-queue.js';
import type { OnboardingService } from '../services/onboarding-service.js';
import { bearerAllowed, readBodyOr413, sendError, sendJson, type BearerToken } from './http-util.js';

export interface IdpUserCreatedRouteDeps {
  onboarding: OnboardingService;
  /** Where Okta events are recorded and worked off. */
  idpEvents: IdpEventQueue;
  /** VIGIL_IDP_TOKEN; undefined turns the route off. */
  idpToken: string | undefined;
  logger: Logger;
}

const BODY_LIMIT = 256 * 1024;
/** Who requests arriving on this route are audited as. */
export const REQUESTED_BY = 'idp-webhook';
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

const bearerOf = (deps: IdpUserCreatedRouteDeps): BearerToken => ({
  token: deps.idpToken,
  variable: 'VIGIL_IDP_TOKEN',
  sender: 'your identity provider',
});

/** GET: Okta's verification, `x-okta-verification-challenge` echoed as `{"verification": …}`. */
export function makeIdpVerificationRoute(deps: IdpUserCreatedRouteDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!bearerAllowed(req, res, bearerOf(deps))) return;
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
    if (!bearerAllowed(req, res, bearerOf(deps))) return;
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
      oktaDelivery(deps, okta.data, res);
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
 * Okta gives an event hook 3 seconds to answer (then retries once) and may put many events in one delivery,
 * so the events are recorded and answered at once; each user.lifecycle.create event's person is then read
 * from Okta and onboarded in the background (IdpEventQueue), and a restart takes up any left pending.
 * Okta does not read the body: an event naming no user is refused (and audited) here, others are ignored.
 */
function oktaDelivery(deps: IdpUserCreatedRouteDeps, delivery: OktaDelivery, res: ServerResponse): void {
  const recorded: NewIdpEvent[] = [];
  const refused: Array<{ user: string | null; reason: string }> = [];
  let ignored = 0;
  for (const event of delivery.data.events) {
    if (event.eventType !== 'user.lifecycle.create') {
      ignored += 1;
      continue;
    }
    const user = event.target?.find((t) => t.type === 'User');
    if (!user?.alternateId) {
      const reason = refusalOf(() =>
        deps.onboarding.refuse('the event names no target of type User', REQUESTED_BY, SOURCE, event),
      );
      refused.push({ user: null, reason });
      continue;
    }
    recorded.push({
      // Okta redelivers (at least once): its event id keeps a redelivered event from being recorded twice.
      id: `okta:${event.uuid ?? digest(event)}`,
      login: user.alternateId,
      displayName: user.displayName ?? null,
      source: `${SOURCE} (okta event ${event.uuid ?? 'without uuid'})`,
    });
  }
  const queued = deps.idpEvents.record(recorded);
  sendJson(res, 200, { ok: true, queued, duplicates: recorded.length - queued, refused, ignored });
}
