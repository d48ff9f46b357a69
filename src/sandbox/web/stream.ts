// GET /sandbox/stream?user=…: server-sent events telling the page that something it shows changed (a
// message posted, edited or deleted; that person's ephemerals, modals or Home). The page then re-reads
// /sandbox/state; events carry only where the change happened, never content.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from '../workspace.js';
import type { EphemeralMessage, MessageChange, SlackMessage, ViewEvent } from '../workspace-types.js';

/** A comment line this often keeps proxies and idle timers from closing the stream. */
export const HEARTBEAT_MS = 20_000;

interface Notice {
  channel?: string;
  ts?: string;
  thread_ts?: string;
}

const where = (m: { channel: string; ts: string; thread_ts?: string }): Notice => ({
  channel: m.channel,
  ts: m.ts,
  ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
});

/** Subscribes to what concerns this person; returns the unsubscribe. */
function subscribe(
  workspace: Workspace,
  userId: string,
  send: (event: string, data: Notice) => void,
): () => void {
  const mine = (event: string) => (e: ViewEvent) => {
    if (e.user === userId) send(event, {});
  };
  const onMessage = (m: SlackMessage) => send('message', where(m));
  const onChanged = (c: MessageChange) => send('message_changed', where(c.message));
  const onDeleted = (m: SlackMessage) => send('message_deleted', where(m));
  const onEphemeral = (e: EphemeralMessage) => {
    if (e.user === userId) send('ephemeral', where(e));
  };
  const onOpened = mine('view_opened');
  const onUpdated = mine('view_updated');
  const onClosed = mine('view_closed');
  const onHome = mine('home_published');
  workspace.on('message', onMessage);
  workspace.on('message_changed', onChanged);
  workspace.on('message_deleted', onDeleted);
  workspace.on('ephemeral', onEphemeral);
  workspace.on('view_opened', onOpened);
  workspace.on('view_updated', onUpdated);
  workspace.on('view_closed', onClosed);
  workspace.on('home_published', onHome);
  return () => {
    workspace.off('message', onMessage);
    workspace.off('message_changed', onChanged);
    workspace.off('message_deleted', onDeleted);
    workspace.off('ephemeral', onEphemeral);
    workspace.off('view_opened', onOpened);
    workspace.off('view_updated', onUpdated);
    workspace.off('view_closed', onClosed);
    workspace.off('home_published', onHome);
  };
}

export function openStream(
  workspace: Workspace,
  userId: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write('retry: 1000\n\nevent: ready\ndata: {}\n\n');
  const send = (event: string, data: Notice): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = subscribe(workspace, userId, send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.once('close', close);
  res.once('close', close);
}
