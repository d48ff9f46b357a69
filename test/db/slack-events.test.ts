// The record of Slack deliveries and of alerts-channel messages taken in: pruning keeps what the start-up
// catch-up reads from.
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { SlackEventsRepository } from '../../db/repositories/slack-events.js';

it('forgets old deliveries and taken messages, but keeps each channel’s newest taken message however old', () => {
  const db = openDatabase(':memory:');
  const events = new SlackEventsRepository(db.sqlite);
  const old = '2026-11-01T00:00:00.000Z';
  events.claim('Ev0OLD', old);
  events.markMessage('C0ALERTS01', '1793000000.000100', old);
  events.markMessage('C0ALERTS01', '1793000001.000100', old);
  events.markMessage('C0OTHER001', '1793000000.000200', old);
  events.markMessage('C0ALERTS01', '1795300000.000100', '2026-11-24T00:00:00.000Z');
  events.forgetBefore('2026-11-23T00:00:00.000Z', '2026-11-17T00:00:00.000Z');
  expect(events.lastMessageTs('C0ALERTS01')).toBe('1795300000.000100');
  expect(events.messageTaken('C0ALERTS01', '1793000001.000100')).toBe(false);
  // A quiet channel: its newest message is the only one, months old, and stays.
  expect(events.lastMessageTs('C0OTHER001')).toBe('1793000000.000200');
  expect(events.claim('Ev0OLD', '2026-11-24T00:00:00.000Z')).toBe(true);
  db.close();
});
