// Corelight sensor exports: Zeek logs as JSON tagged with `_path` and `_system_name`, read as the Zeek parsers
// read them (Elastic's corelight streams map the same fields) and named `corelight.<stream>`; plus the
// ntp.log and known_services.log records that only the corelight package has streams for.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { hasZeekKeys, ZeekBase } from './zeek-common.js';
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
  mode: z.number().optional(),
  stratum: z.number().optional(),
  host: z.string().optional(),
  port_num: z.number().optional(),
});
type Record = z.infer<typeof Record>;

/** An NTP record of Corelight's ntp.log (no Zeek parser claims it). */
const isNtp = (raw: unknown): boolean => hasZeekKeys(raw, ['id.orig_h', 'mode', 'stratum', 'xmt_time']);

/** A known_services.log record: a server address (`host`) and its port; Elastic: server.ip, related.ip. */
const isKnownService = (raw: unknown): boolean => hasZeekKeys(raw, ['host', 'port_num', 'port_proto']);

/** The Elastic data stream of a Corelight `_path` (conn.log is the `connection` stream). */
const streamOf = (path: string): string => {
  const p = path.toLowerCase();
  return p === 'conn' ? 'connection' : p;
};

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('ts' in raw)) return false;
  if ('_path' in raw && '_system_name' in raw)
    return Envelope.safeParse(raw).success && ZeekBase.safeParse(raw).success;
  return (isNtp(raw) || isKnownService(raw)) && Record.safeParse(raw).success;
}

/** NTP and logs no Zeek parser knows: the connection tuple as source and destination. */
function parseTuple(stream: string, r: Record): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(r.src ?? r['id.orig_h']);
  obs.dstIp(r.dst ?? r['id.resp_h']);
  if (stream === 'known_services') obs.ip(r.host);
  const peers =
    stream === 'known_services'
      ? `${r.host ?? '?'}:${r.port_num ?? '?'}`
      : `${r['id.orig_h'] ?? r.src ?? '?'} -> ${r['id.resp_h'] ?? r.dst ?? '?'}`;
  const detail = stream === 'ntp' && r.mode !== undefined ? ` mode ${r.mode}` : '';
  return parserAlert('corelight', `corelight.${stream}`, obs, {
    title: `Corelight ${stream}${detail} ${peers}`,
    severity: 'info',
    observedAt: toIsoTime(r.ts),
    ruleId: `${stream}${detail ? `:${r.mode}` : ''}`,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const envelope = Envelope.safeParse(raw);
  const stream = envelope.success ? streamOf(envelope.data._path) : isNtp(raw) ? 'ntp' : 'known_services';
  if (envelope.success) {
    const zeek = ZEEK_PARSERS.find((p) => p.detect(raw));
    if (zeek) {
      const alert = zeek.parse(raw);
      return { ...alert, format: `corelight.${stream}`, recognizedBy: 'parser:corelight' };
    }
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
