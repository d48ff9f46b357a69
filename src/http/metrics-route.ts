// GET /metrics: Prometheus exposition of Vigil's SOC metrics and process metrics, behind a bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { presentedSecret, secretMatches, sendError } from './http-util.js';

export function makeMetricsRoute(deps: { registry: Registry; token: string }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!secretMatches(presentedSecret(req), deps.token)) {
      sendError(
        res,
        401,
        'unauthorized',
        'Send the metrics token as "Authorization: Bearer <VIGIL_METRICS_TOKEN>" (Prometheus: authorization.credentials).',
      );
      return;
    }
    const body = await deps.registry.metrics();
    res.writeHead(200, { 'content-type': deps.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
