// GET /edl/ip-blocklist.txt: the IP blocklist as a plain-text external dynamic list, one address per line,
// for firewalls to pull. Bearer token, or HTTP Basic with the token as password (what PAN-OS sends).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EdlBlocklist } from '../../connectors/edl-blocklist.js';
import { presentedSecret, secretMatches, sendError } from './http-util.js';

export function makeEdlRoute(deps: { edl: EdlBlocklist; edlToken: string }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!secretMatches(presentedSecret(req, true), deps.edlToken)) {
      sendError(
        res,
        401,
        'unauthorized',
        'Send the EDL token as "Authorization: Bearer <VIGIL_EDL_TOKEN>" or as the Basic auth password.',
      );
      return;
    }
    const text = deps.edl.render();
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}
