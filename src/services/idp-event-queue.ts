// Works off recorded identity provider events in the background: each named person is read from the provider
// and onboarded, a few at a time, so a delivery of many events is answered as soon as they are recorded. An
// event stays pending until it is settled, so one that a crash or an outage interrupted is taken up again.
import type { IdpEventRow, IdpEventsRepository, NewIdpEvent } from '../../db/repositories/idp-events.js';
import { asVigilError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OnboardingService } from './onboarding-service.js';

export interface IdpEventQueueDeps {
  events: IdpEventsRepository;
  onboarding: Pick<OnboardingService, 'requestFromIdentityProvider'>;
  /** Who the onboarding requests are audited as. */
  requestedBy: string;
  logger: Logger;
  clock: () => Date;
  /** Events read and onboarded at once (default 4). */
  concurrency?: number;
  /** Attempts before an event that keeps failing is marked failed (default 5). */
  maxAttempts?: number;
  /** Wait before an event whose attempt failed is tried again (default 60 s). */
  retryDelayMs?: number;
}

export class IdpEventQueue {
  private readonly inHand = new Set<string>();
  /** Events whose last attempt failed, left alone until the retry timer fires. */
  private readonly resting = new Set<string>();
  private idle: Array<() => void> = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(private readonly deps: IdpEventQueueDeps) {
    this.concurrency = deps.concurrency ?? 4;
    this.maxAttempts = deps.maxAttempts ?? 5;
    this.retryDelayMs = deps.retryDelayMs ?? 60_000;
  }

  /** Records the events (a redelivered one once) and starts on them; returns how many were new. */
  record(events: NewIdpEvent[]): number {
    const added = this.deps.events.record(events, this.deps.clock().toISOString());
    this.kick();
    return added;
  }

  /** Starts on pending events (those recorded before a restart too), up to the bound; returns at once. */
  kick(): void {
    if (this.stopped) return;
    const free = this.concurrency - this.inHand.size;
    if (free <= 0) return;
    for (const row of this.deps.events.pending([...this.inHand, ...this.resting], free)) {
      this.inHand.add(row.id);
      void this.work(row).finally(() => {
        this.inHand.delete(row.id);
        this.kick();
        if (this.inHand.size === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  /** Resolves once no event is in hand (events waiting for their retry are not waited for). */
  drain(): Promise<void> {
    if (this.inHand.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Takes no more events and waits for those in hand; pending ones stay recorded for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.drain();
  }

  private async work(row: IdpEventRow): Promise<void> {
    const { events, logger } = this.deps;
    const at = () => this.deps.clock().toISOString();
    try {
      const opened = await this.deps.onboarding.requestFromIdentityProvider(
        row.login,
        row.displayName,
        this.deps.requestedBy,
        row.source,
      );
      events.settle(row.id, { status: 'done', caseId: opened.caseId }, at());
    } catch (error) {
      const known = asVigilError(error);
      try {
        if (known?.code === 'invalid_input') {
          // Refused (and audited) by onboarding: another attempt would be refused the same way.
          events.settle(row.id, { status: 'refused', reason: known.message }, at());
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        const after = events.attemptFailed(row.id, message, this.maxAttempts, at());
        const gaveUp = after?.status === 'failed';
        logger.error(
          { err: error, event: row.id, attempts: after?.attempts },
          gaveUp
            ? 'gave up on an identity provider event: its person was not onboarded'
            : 'an identity provider event failed; it will be tried again',
        );
        if (!gaveUp) this.rest(row.id);
      } catch (failure) {
        logger.error({ err: failure, event: row.id }, 'could not record how an identity provider event went');
      }
    }
  }

  private rest(id: string): void {
    this.resting.add(id);
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.resting.clear();
      this.kick();
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }
}
