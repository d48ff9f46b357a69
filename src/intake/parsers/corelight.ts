// Corelight sensor exports: Zeek logs as JSON tagged with `_path` and `_system_name`, read as the Zeek parsers
// read them (Elastic's corelight streams map the same fields) and named `corelight.<stream>`. The same logs
// without the envelope are plain Zeek's.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { ZeekBase } from './zeek-common.js';
import { zeekConnectionParser } from './zeek-connection.js';
import { zeekHttpParser } from './zeek-http.js';
import { zeekNoticeParser } from './zeek-notice.js';
import { zeekProtocolsParser } from './zeek-protocols.js';

const ZEEK_PARSERS: readonly Parser[] = [
  zeekNoticeParser,
  zeekHttpParser,
  zeekConnectionParser,
  zeekProtocolsParser,
];

/** The export envelope Corelight adds to every Zeek record. */
const Envelope = z.object({
  _path: z.string().regex(/^[a-z0-9_]{1,64}$/i),
  _system_name: z.string().min(1),
});

/** A Zeek record: the base tuple plus the few fields read when no Zeek parser knows the log. */
const Record = ZeekBase.extend({
  src: z.string().optional(),
  dst: z.string().optional(),
});
type Record = z.infer<typeof Record>;

/** The Elastic data stream of a Corelight `_path` (conn.log is the `connection` stream). */
const streamOf = (path: string): string => {
  const p = path.toLowerCase();
  return p === 'conn' ? 'connection' : p;
};

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('ts' in raw) || !('_path' in raw && '_system_name' in raw)) return false;
  return Envelope.safeParse(raw).success && ZeekBase.safeParse(raw).success;
}

/** A log no Zeek parser knows: the connection tuple as source and destination. */
function parseTuple(stream: string, r: Record): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(r.src ?? r['id.orig_h']);
  obs.dstIp(r.dst ?? r['id.resp_h']);
  return parserAlert('corelight', `corelight.${stream}`, obs, {
    title: `Corelight ${stream} ${r['id.orig_h'] ?? r.src ?? '?'} -> ${r['id.resp_h'] ?? r.dst ?? '?'}`,
    severity: 'info',
    observedAt: toIsoTime(r.ts),
    ruleId: stream,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) throw new Error('not a Corelight export');
  const stream = streamOf(envelope.data._path);
  const zeek = ZEEK_PARSERS.find((p) => p.detect(raw));
  if (zeek) {
    const alert = zeek.parse(raw);
    return { ...alert, format: `corelight.${stream}`, recognizedBy: 'parser:corelight' };
  }
  return parseTuple(stream, Record.parse(raw));
}

/** Zeek DNS queries, TLS server names and HTTP hosts are indicators, but Elastic keeps them out of `related.hosts`. */
export const corelightParser: Parser = {
  name: 'corelight',
  claims: { keys: ['ts'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
