// Makes the sandbox Web API answer as real Slack does when things go wrong, which its fault registry (hold /
// release / drop) cannot: an error code (`message_not_found`, `is_archived`, `token_revoked`…), HTTP 429
// `ratelimited` with Retry-After, or a call performed whose answer is lost, for the calls a rule matches. It
// wraps the registry's gate, which every Web API call passes through.
import type { ServerResponse } from 'node:http';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';

export interface SlackFault {
  method: string | RegExp;
  /** Only calls whose arguments include these values. */
  match?: Record<string, string>;
  /** Extra condition on the call's arguments. */
  when?: (args: Record<string, unknown>) => boolean;
  /** How many matching calls get the fault (default: all). */
  times?: number;
  /**
   * `ratelimited` answers HTTP 429 with Retry-After; `answer_lost` performs the call and drops the connection
   * instead of answering; `connection_reset` drops it without performing the call; anything else answers
   * `{ok:false,error}` with HTTP 200.
   */
  error: string;
  retryAfterSeconds?: number;
}

export interface SlackFaults {
  /** Every Web API call the app made (method and arguments), faulted or not. */
  calls: Array<{ method: string; args: Record<string, unknown>; faulted: string | null }>;
  add(fault: SlackFault): void;
  clear(): void;
}

export function injectSlackFaults(emulator: SlackEmulator): SlackFaults {
  const faults: Array<SlackFault & { left: number }> = [];
  const calls: SlackFaults['calls'] = [];
  const registry = emulator.faults;
  const original = registry.gate.bind(registry);
  registry.gate = (method: string, args: Record<string, unknown>, res: ServerResponse) => {
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (typeof f.method === 'string' ? f.method === method : f.method.test(method)) &&
        Object.entries(f.match ?? {}).every(([k, v]) => String(args[k] ?? '') === v) &&
        (f.when?.(args) ?? true),
    );
    calls.push({ method, args, faulted: fault?.error ?? null });
    if (!fault) return original(method, args, res);
    fault.left -= 1;
    // The router destroys the socket of a dropped call, as a reset connection would.
    if (fault.error === 'connection_reset') return Promise.resolve('drop');
    if (fault.error === 'answer_lost') {
      // Slack performs the call, but its answer never arrives (the connection drops, or the client's timeout
      // fires first): what a slow Slack or a network fault looks like to the app.
      res.end = (() => {
        res.destroy();
        return res;
      }) as typeof res.end;
      return original(method, args, res);
    }
    if (fault.error === 'ratelimited') {
      res.writeHead(429, {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': String(fault.retryAfterSeconds ?? 1),
      });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error: fault.error }));
    }
    // The router destroys the socket of a dropped call; wait until the answer is on the wire first.
    return new Promise((resolve) => res.once('finish', () => resolve('drop')));
  };
  return {
    calls,
    add: (fault) => faults.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY }),
    clear: () => {
      faults.length = 0;
    },
  };
}
