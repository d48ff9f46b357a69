// trigger_ids the emulator hands out with its deliveries: bound to the person who acted, exchangeable once,
// and only for 3 seconds, as Slack documents for views.open / views.push.
import type { SlackIdSource } from './slack-ids.js';

export const TRIGGER_TTL_MS = 3000;

export type TriggerExchange =
  | { ok: true; user: string }
  | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export class TriggerRegistry {
  private readonly triggers = new Map<string, { user: string; issuedAt: number; used: boolean }>();

  constructor(
    private readonly ids: SlackIdSource,
    private readonly now: () => number,
  ) {}

  issue(user: string): string {
    const id = this.ids.triggerId();
    // Forgotten an hour after they expire (then `invalid_trigger_id`): a sandbox running for weeks keeps few.
    for (const [old, trigger] of this.triggers) {
      if (this.now() - trigger.issuedAt <= TRIGGER_TTL_MS + 3_600_000) break;
      this.triggers.delete(old);
    }
    this.triggers.set(id, { user, issuedAt: this.now(), used: false });
    return id;
  }

  /** Uses up a trigger and says whose it was, or why it cannot be used. */
  exchange(id: string): TriggerExchange {
    const trigger = this.triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, user: trigger.user };
  }
}
