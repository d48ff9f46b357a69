// OpenCanary honeypot events: the JSON log line (`logtype`, `src_host`, `dst_host`, `logdata`), bare or
// wrapped in a syslog header, read as Elastic's `opencanary` pipeline reads it: addresses as source and
// destination, the logged user name, the HTTP host and the SMB/NetBIOS names as hosts.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** OpenCanary's log types (its `logger.py`), as Elastic names them in `log.logger`. */
const LOG_TYPES: Readonly<Record<string, string>> = lookupTable({
  '1000': 'LOG_BASE_BOOT',
  '1001': 'LOG_BASE_MSG',
  '1002': 'LOG_BASE_DEBUG',
  '1003': 'LOG_BASE_ERROR',
  '1004': 'LOG_BASE_PING',
  '1005': 'LOG_BASE_CONFIG_SAVE',
  '1006': 'LOG_BASE_EXAMPLE',
  '2000': 'LOG_FTP_LOGIN_ATTEMPT',
  '3000': 'LOG_HTTP_GET',
  '3001': 'LOG_HTTP_POST_LOGIN_ATTEMPT',
  '4000': 'LOG_SSH_NEW_CONNECTION',
  '4001': 'LOG_SSH_REMOTE_VERSION_SENT',
  '4002': 'LOG_SSH_LOGIN_ATTEMPT',
  '5000': 'LOG_SMB_FILE_OPEN',
  '5001': 'LOG_PORT_SYN',
  '5002': 'LOG_PORT_NMAPOS',
  '5003': 'LOG_PORT_NMAPNULL',
  '5004': 'LOG_PORT_NMAPXMAS',
  '5005': 'LOG_PORT_NMAPFIN',
  '6001': 'LOG_TELNET_LOGIN_ATTEMPT',
  '7001': 'LOG_HTTPPROXY_LOGIN_ATTEMPT',
  '8001': 'LOG_MYSQL_LOGIN_ATTEMPT',
  '9001': 'LOG_MSSQL_LOGIN_SQLAUTH',
  '9002': 'LOG_MSSQL_LOGIN_WINAUTH',
  '10001': 'LOG_TFTP',
  '11001': 'LOG_NTP_MONLIST',
  '12001': 'LOG_VNC',
  '13001': 'LOG_SNMP_CMD',
  '14001': 'LOG_RDP',
  '15001': 'LOG_SIP_REQUEST',
  '16001': 'LOG_GIT_CLONE_REQUEST',
  '17001': 'LOG_REDIS_COMMAND',
  '18001': 'LOG_TCP_BANNER_CONNECTION_MADE',
  '18002': 'LOG_TCP_BANNER_KEEP_ALIVE_CONNECTION_MADE',
  '18003': 'LOG_TCP_BANNER_KEEP_ALIVE_SECRET_RECEIVED',
  '18004': 'LOG_TCP_BANNER_KEEP_ALIVE_DATA_RECEIVED',
  '18005': 'LOG_TCP_BANNER_DATA_RECEIVED',
});

const OpenCanaryEvent = z.object({
  logtype: z.union([z.number().int(), z.string().regex(/^\d{1,6}$/)]),
  node_id: TextField,
  src_host: TextField,
  dst_host: TextField,
  src_port: TextField,
  dst_port: TextField,
  utc_time: z.string().nullish(),
  local_time: z.string().nullish(),
  logdata: z.record(z.string(), z.unknown()).nullish().catch(undefined),
});
type OpenCanaryEvent = z.infer<typeof OpenCanaryEvent>;

/** An OpenCanary line: its log type, node id, one endpoint and one of its timestamps. */
function read(raw: unknown): OpenCanaryEvent | null {
  let value = raw;
  if (typeof raw === 'string') {
    if (!raw.includes('"logtype"')) return null;
    const body = parseSyslog(raw.length > 262_144 ? raw.slice(0, 262_144) : raw)?.message.trim() ?? '';
    if (!body.startsWith('{') || !body.includes('"logtype"') || !body.includes('"node_id"')) return null;
    value = JSON.parse(body);
  }
  if (!isObject(value) || !('logtype' in value) || !('node_id' in value)) return null;
  if (!('src_host' in value) && !('dst_host' in value)) return null;
  if (!('utc_time' in value) && !('local_time' in value)) return null;
  const r = OpenCanaryEvent.safeParse(value);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** A logdata value as text (Elastic renders it with `{{{…}}}`); absent for objects and empty values. */
function text(logdata: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const v = logdata?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** An endpoint written as a name rather than an address (Elastic's `convert` to ip fails on it). */
const nameOf = (host: string | undefined): string | undefined =>
  host !== undefined && canonicalIp(host.trim()) === null ? host : undefined;

/** Elastic drops `source`/`destination` (after filling related fields) when its port is -1 (startup messages). */
const dropped = (port: string | undefined): boolean => port !== undefined && Number(port.trim()) === -1;

/** Login attempts are what a canary exists to catch; base messages are the daemon's own. */
function severityOf(logtype: number, logger: string | undefined): Severity {
  if (logtype >= 1000 && logtype < 2000) return 'info';
  if (logger?.includes('LOGIN') || logtype === 12001 || logtype === 14001) return 'high';
  return 'medium';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not an OpenCanary event');
  const logtype = Number(e.logtype);
  const logger = LOG_TYPES[String(logtype)];
  const d = e.logdata;
  // related.ip lists the destination first; source.ip/destination.ip need a bare address.
  const obs = new ObservablesBuilder(false);
  const dst = bareIndicatorIp(e.dst_host);
  const src = bareIndicatorIp(e.src_host);
  obs.ip(dst ?? undefined);
  obs.ip(src ?? undefined);
  if (!dropped(e.dst_port)) obs.dstIp(dst ?? undefined);
  if (!dropped(e.src_port)) obs.srcIp(src ?? undefined);
  // The first of USERNAME, USER, UserName becomes user.name (later renames fail on the taken field).
  obs.user(text(d, 'USERNAME') ?? text(d, 'USER') ?? text(d, 'UserName'));
  // host.name is the HTTP Host header; related.hosts the destination then the source domain: a host
  // name written where an address belongs, else the SMB/NetBIOS LOCALNAME and REMOTENAME.
  obs.host(text(d, 'HOSTNAME'));
  obs.host(nameOf(e.dst_host) ?? text(d, 'LOCALNAME'));
  obs.host(nameOf(e.src_host) ?? text(d, 'REMOTENAME'));
  return parserAlert('opencanary.events', 'opencanary.events', obs, {
    title: `OpenCanary: ${logger ?? `log type ${logtype}`}${e.node_id ? ` on ${e.node_id}` : ''}`,
    severity: severityOf(logtype, logger),
    observedAt: e.utc_time ? toIsoTime(`${e.utc_time.trim().replace(' ', 'T')}Z`) : null,
    ruleId: logger ?? logtype,
  });
}

export const opencanaryParser: Parser = {
  name: 'opencanary.events',
  claims: { keys: ['logtype'], text: ['"logtype"'] },
  detect,
  parse,
};
