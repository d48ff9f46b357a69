// A person opens the app's Home tab: Slack's `app_home_opened` event, with the published view if any.
import type { EmulatorContext } from '../context.js';
import { deliver, JSON_CONTENT_TYPE, type DeliveryResult } from '../delivery/deliver.js';
import { eventCallback } from '../delivery/payloads.js';

export interface OpenHomeInput {
  /** Id (`U…`) or name (`alice`). */
  user: string;
}

export async function runOpenHome(ctx: EmulatorContext, input: OpenHomeInput): Promise<DeliveryResult> {
  const { workspace } = ctx;
  const user = workspace.user(input.user);
  const view = workspace.home(user.id);
  const event = {
    type: 'app_home_opened',
    user: user.id,
    channel: workspace.dmWith(user.id).id,
    tab: 'home',
    ...(view ? { view } : {}),
    event_ts: workspace.ids.nextTs(),
  };
  return deliver(ctx, 'event_callback', JSON.stringify(eventCallback(ctx, event)), JSON_CONTENT_TYPE);
}
