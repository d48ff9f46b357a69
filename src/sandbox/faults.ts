// Fault injection for the Web API: a rule holds matching calls (e.g. the `chat.update` that locks one card)
// unanswered and unperformed, as if the network stalled before Slack saw them, until a test releases them
// (they are then performed and answered) or clears them (they are dropped and never performed).
import type { ServerResponse } from 'node:http';
import { z } from 'zod';

/** `POST /sandbox/faults`: which Web API calls to hold. */
export const HoldRule = z.object({
  method: z
    .string({ error: 'method is required (a Web API method such as chat.update)' })
    .regex(/^[a-z]+(\.[a-zA-Z]+)+$/, 'method must be a Web API method such as chat.update'),
  /** Only calls whose arguments have these values (e.g. `{"ts": "…"}` for one message). */
  match: z.record(z.string(), z.string()).default({}),
  /** How many matching calls to hold (default 1). */
  times: z.number().int().min(1).max(1000).default(1),
});
export type HoldRule = z.infer<typeof HoldRule>;

/** A call being held, as `GET /sandbox/faults` lists it. */
export interface HeldCall {
  method: string;
  args: Record<string, string>;
  since: number;
}

interface Parked extends HeldCall {
  settle(outcome: 'perform' | 'drop'): void;
}

export class FaultRegistry {
  private rules: Array<HoldRule & { left: number }> = [];
  private parked: Parked[] = [];
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly now: () => number) {}

  /** Adds a rule; the next `times` matching calls are held. */
  hold(rule: HoldRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  /** Rules with holds left, and the calls held now. */
  list(): { rules: HoldRule[]; held: HeldCall[] } {
    return {
      rules: this.rules
        .filter((r) => r.left > 0)
        .map(({ method, match, left }) => ({ method, match, times: left })),
      held: this.parked.map(({ method, args, since }) => ({ method, args, since })),
    };
  }

  /** Performs and answers every held call; returns how many. */
  release(): number {
    const released = this.parked.splice(0);
    for (const call of released) call.settle('perform');
    return released.length;
  }

  /** Removes every rule and drops every held call (never performed); returns how many calls were dropped. */
  clear(): number {
    this.rules = [];
    const dropped = this.parked.splice(0);
    for (const call of dropped) call.settle('drop');
    return dropped.length;
  }

  /** Resolves once at least one call is held. */
  whenHeld(): Promise<void> {
    if (this.parked.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Called for every authenticated Web API call before it is performed: resolves `perform` at once when no
   * rule matches; otherwise holds it until released (`perform`), cleared or abandoned by the client (`drop`).
   */
  gate(method: string, args: Record<string, unknown>, res: ServerResponse): Promise<'perform' | 'drop'> {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        r.method === method &&
        Object.entries(r.match).every(([key, value]) => String(args[key] ?? '') === value),
    );
    if (!rule) return Promise.resolve('perform');
    rule.left -= 1;
    return new Promise((resolve) => {
      const call: Parked = {
        method,
        args: Object.fromEntries(
          Object.entries(args).flatMap(([k, v]) =>
            typeof v === 'string' && k !== 'token' && k.length + v.length < 200 ? [[k, v]] : [],
          ),
        ),
        since: this.now(),
        settle: (outcome) => resolve(outcome),
      };
      this.parked.push(call);
      // A client that goes away (a killed process) never learns the answer: the call is dropped.
      res.once('close', () => {
        if (res.writableEnded) return;
        const index = this.parked.indexOf(call);
        if (index >= 0) this.parked.splice(index, 1);
        resolve('drop');
      });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
}
