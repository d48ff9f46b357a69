// What tests of the approval path do again and again against a local Vigil: send an alert, count rows, press a
// card's button, and wait for an answer only the presser sees or for the card to be locked.
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, type LocalVigil } from '../fakes/local-vigil.js';

/** A high-severity alert from `ip`: a card to block it, under the shipped policy. */
export const alert = (ip: string, title = 'SSH brute force') =>
  JSON.stringify({ title, severity: 'high', src_ip: ip });

/** Helpers bound to the test's current Vigil (`vigil()` is read at each call). */
export function cardActions(vigil: () => LocalVigil) {
  return {
    count: (sql: string) => (vigil().vigil.db.sqlite.prepare(sql).get() as { n: number }).n,
    click: (user: string, card: SlackMessage, action = 'approval.approve') =>
      vigil().emulator.click({ user, channel: SEED_IDS.channels.alerts, ts: card.ts, action_id: action }),
    ephemeralFor: (user: string, text: string) =>
      vigil().emulator.workspace.waitFor('ephemeral', (e) => e.user === user && e.text.includes(text)),
    locked: (card: SlackMessage, text: string) =>
      vigil().emulator.workspace.waitFor(
        'message_changed',
        (c) =>
          c.message.ts === card.ts &&
          !hasButton(c.message, 'approval.approve') &&
          shown(c.message).includes(text),
      ),
  };
}
