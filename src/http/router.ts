// The HTTP server's router: Vigil's own routes, the sandbox emulator (local mode), and Slack's request
// URL handed to Bolt's receiver. Unhandled errors answer 500 with a correlation id, never a stack.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { sendError } from './http-util.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

export interface RouterOptions {
  routes: Route[];
  /** Tried first for paths it owns (the sandbox emulator); resolves true when it answered. */
  prefixHandler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Slack's request URL, handed to Bolt. */
  slack?: { path: string; listener: RequestListener };
  logger: Logger;
}

export function createRouter(options: RouterOptions): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (error: unknown) => {
      const reference = randomUUID().slice(0, 8);
      options.logger.error({ err: error, reference, path: url.pathname }, 'request failed');
      if (!res.headersSent)
        sendError(
          res,
          500,
          'internal_error',
          `Vigil could not handle this request (reference ${reference}); it has been logged.`,
        );
      else res.end();
    };
    void (async () => {
      if (options.slack && url.pathname === options.slack.path) {
        // Slack only POSTs; anything else (a browser, a health check) is answered here, not handed to Bolt.
        if (req.method !== 'POST') {
          req.resume();
          sendError(
            res,
            405,
            'method_not_allowed',
            `Slack sends POST to ${url.pathname}; ${req.method} is not supported.`,
          );
          return;
        }
        options.slack.listener(req, res);
        return;
      }
      const methodMatches = (route: Route) =>
        route.method === req.method || (route.method === 'GET' && req.method === 'HEAD');
      const route = options.routes.find((r) => r.path === url.pathname && methodMatches(r));
      if (route) {
        await route.handler(req, res);
        return;
      }
      if (options.prefixHandler && (await options.prefixHandler(req, res))) return;
      const known = options.routes.some((r) => r.path === url.pathname);
      if (known)
        sendError(res, 405, 'method_not_allowed', `${req.method} is not supported on ${url.pathname}.`);
      else sendError(res, 404, 'not_found', `Nothing is served at ${url.pathname}.`);
    })().catch(fail);
  };
}
