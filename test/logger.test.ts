// Logs never carry a secret: redacted paths, and errors logged without the request a library hung on them.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function captured(): { logger: ReturnType<typeof createLogger>; lines: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { logger: createLogger('info', out), lines: () => text };
}

it('logs an error without the HTTP request a library attached to it (headers, cookies, raw headers)', async () => {
  const { logger, lines } = captured();
  const error = Object.assign(new Error('deferred request failed'), {
    code: 'slack_bolt_http_receiver_deferred_request_error',
    req: {
      headers: { authorization: 'Bearer supersecretvalue123', cookie: 'session=topsecretcookie' },
      rawHeaders: ['Authorization', 'Bearer supersecretvalue123', 'Cookie', 'session=topsecretcookie'],
    },
    res: { statusCode: 500 },
  });
  logger.error({ err: error, path: '/slack/events' }, 'request failed');
  await new Promise((resolve) => setImmediate(resolve));
  const line = lines();
  expect(line).toContain('deferred request failed');
  expect(line).toContain('slack_bolt_http_receiver_deferred_request_error');
  expect(line).not.toContain('supersecretvalue123');
  expect(line).not.toContain('topsecretcookie');
});

it('redacts tokens and authorization headers wherever a log line names them', async () => {
  const { logger, lines } = captured();
  logger.info({ token: 'xoxb-secret-1', headers: { authorization: 'Bearer s3cret' } }, 'call');
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines()).not.toMatch(/xoxb-secret-1|s3cret/);
  expect(lines()).toContain('[redacted]');
});
