// Zeek notice.log: the noticed source and destination (`src`, `dst`, or the connection tuple); the
// addresses quoted in `msg`/`sub` are context, not indicators.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { hasZeekKeys, isZeekSignature, ZeekBase } from './zeek-common.js';

const Notice = ZeekBase.extend({
  note: z.string(),
  msg: z.string().optional(),
  src: z.string().optional(),
  dst: z.string().optional(),
});

// signatures.log has a `note` too; the protocols parser reads it.
const detect = (raw: unknown): boolean =>
  hasZeekKeys(raw, ['note']) && !isZeekSignature(raw) && Notice.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const n = Notice.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(n.src ?? n['id.orig_h']);
  obs.dstIp(n.dst ?? n['id.resp_h']);
  if (n.src) obs.srcIp(n['id.orig_h']);
  if (n.dst) obs.dstIp(n['id.resp_h']);
  return parserAlert('zeek.notice', 'zeek.notice', obs, {
    title: n.msg ? `${n.note}: ${n.msg}` : n.note,
    severity: /scan|guess|brute|attack|malware|exploit/i.test(n.note) ? 'high' : 'medium',
    observedAt: toIsoTime(n.ts),
    ruleId: n.note,
  });
}

export const zeekNoticeParser: Parser = {
  name: 'zeek.notice',
  claims: { keys: ['note'], text: false },
  detect,
  parse,
};
