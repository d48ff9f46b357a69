// "To restart or upgrade, stop the old process (SIGTERM finishes what is in flight)": an alert whose request had
// begun when the stop began, its body or even its headers still arriving, is answered (and stored), not cut off.
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { until } from '../support/until.js';

const BODY = JSON.stringify({
  title: 'Beacon to C2 during a restart',
  severity: 'high',
  src_ip: '203.0.113.77',
});

/** A local Vigil and a raw connection to it, on which a test writes a request piece by piece. */
async function connected() {
  const t = await startLocalVigil({ env: { VIGIL_LAB: 'off' } });
  const port = Number(new URL(t.vigil.url).port);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const received = { text: '' };
  socket.on('data', (chunk: Buffer) => (received.text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { t, port, socket, received, closed };
}

/** The final status line Vigil answered (after any interim 100 Continue), and how many alerts it stored. */
function outcome(t: LocalVigil, answer: string) {
  const db = new Database(path.join(t.dataDir, 'vigil.db'), { readonly: true });
  const stored = db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number };
  db.close();
  const responses = answer.split('\r\n\r\n').filter((part) => part.startsWith('HTTP/1.1 '));
  return { status: responses.at(-1)?.split('\r\n')[0], stored: stored.n };
}

const answered = { status: 'HTTP/1.1 202 Accepted', stored: 1 };

it('finishes a POST /alerts that was arriving when the stop began, instead of resetting its connection', async () => {
  const { t, port, socket, received, closed } = await connected();
  // A SIEM's webhook: its headers are on the wire, and Vigil has read them (it answers 100 Continue), when the
  // operator stops Vigil.
  socket.write(
    `POST /alerts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${t.vigil.intakeToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await until(() => received.text.startsWith('HTTP/1.1 100 Continue'));

  const stopping = t.vigil.stop();
  // The body follows straight away.
  socket.write(BODY);
  await stopping;
  await closed;
  // Answered and stored: a sender that does not retry (Splunk's webhook action does not) would lose it.
  expect(outcome(t, received.text)).toEqual(answered);
});

it('finishes a POST /alerts whose headers were still arriving when the stop began', async () => {
  const { t, port, socket, received, closed } = await connected();
  // The request line and first header are on the wire (a slow sender, or headers split across segments).
  socket.write(`POST /alerts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  // No event says a partly received request has been read: give the server a moment to take the bytes in.
  await new Promise((r) => setTimeout(r, 100));

  const stopping = t.vigil.stop();
  // The rest of the headers and the body follow 300 ms later: well within the 10 s grace (a slow sender).
  await new Promise((r) => setTimeout(r, 300));
  expect(socket.readyState).toBe('open');
  socket.write(
    `Authorization: Bearer ${t.vigil.intakeToken}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
  );
  await stopping;
  await closed;
  expect(outcome(t, received.text)).toEqual(answered);
});
