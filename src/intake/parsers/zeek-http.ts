// Zeek http.log: client and server, the HTTP basic-auth user; the Host header is a URL domain, not a host.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { hasZeekKeys, isZeekSip, isZeekSmtp, ZeekBase } from './zeek-common.js';

const Http = ZeekBase.extend({
  trans_depth: z.number(),
  method: z.string().optional(),
  host: z.string().optional(),
  uri: z.string().optional(),
  username: z.string().optional(),
  status_code: z.number().optional(),
});

// SMTP and SIP records carry trans_depth too.
const detect = (raw: unknown): boolean =>
  hasZeekKeys(raw, ['id.orig_h', 'trans_depth']) &&
  !isZeekSmtp(raw) &&
  !isZeekSip(raw) &&
  Http.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const h = Http.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(h['id.orig_h']);
  obs.dstIp(h['id.resp_h']);
  obs.user(h.username);
  obs.domain(h.host);
  if (h.host && h.uri) obs.url(`http://${h.host}${h.uri}`);
  const target = `${h.host ?? h['id.resp_h'] ?? ''}${h.uri ?? ''}`;
  return parserAlert('zeek.http', 'zeek.http', obs, {
    title: `HTTP ${h.method ?? 'request'} ${target}${h.status_code ? ` (${h.status_code})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(h.ts),
    ruleId: `http:${h.method ?? 'unknown'}`,
  });
}

export const zeekHttpParser: Parser = {
  name: 'zeek.http',
  claims: { keys: ['trans_depth'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
