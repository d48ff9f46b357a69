// Zeek conn.log: one connection, originator as source and responder as destination.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { hasZeekKeys, ZeekBase } from './zeek-common.js';

const Conn = ZeekBase.extend({
  conn_state: z.string(),
  service: z.string().optional(),
});

const detect = (raw: unknown): boolean =>
  hasZeekKeys(raw, ['id.orig_h', 'conn_state']) && Conn.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const c = Conn.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(c['id.orig_h']);
  obs.dstIp(c['id.resp_h']);
  const what = [c.proto, c.service].filter(Boolean).join('/');
  return parserAlert('zeek.connection', 'zeek.connection', obs, {
    title: `Zeek connection ${what} ${c['id.orig_h'] ?? '?'} -> ${c['id.resp_h'] ?? '?'}:${c['id.resp_p'] ?? '?'} (${c.conn_state})`,
    severity: 'info',
    observedAt: toIsoTime(c.ts),
    ruleId: `conn:${c.conn_state}`,
  });
}

export const zeekConnectionParser: Parser = {
  name: 'zeek.connection',
  claims: { keys: ['conn_state'], text: false },
  detect,
  parse,
};
