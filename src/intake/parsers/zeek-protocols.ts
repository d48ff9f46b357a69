// Zeek JSON logs of the other protocols (dns, ssl, kerberos, ssh, rdp, smb, ftp, irc, mysql, ntp, ntlm, dhcp,
// radius, socks, modbus, dnp3, rfb, syslog, signatures, intel, weird, known hosts, services and certificates, pe,
// ocsp, capture loss, …): the log is told by its distinctive
// fields; the connection tuple is source/destination, and the user fields Elastic's zeek pipelines map (kerberos
// client, ntlm/ftp/irc/socks user, radius username) are users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseAddress } from '../ip.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { hasZeekKeys, isZeekSignature, isZeekSip, isZeekSmtp, ZeekBase } from './zeek-common.js';

const str = z.string().optional();
const strs = z.array(z.string()).optional();

/** The fields read from any of the supported logs (all optional besides the Zeek base). */
const ZeekProtocolRecord = ZeekBase.extend({
  query: str,
  qtype_name: str,
  rcode_name: str,
  server_name: str,
  version: z.union([z.string(), z.number()]).optional(),
  request_type: str,
  client: str,
  // Kerberos's requested service principal; known_services.log lists the protocols it saw.
  service: z.union([z.string(), strs]).optional(),
  auth_success: z.boolean().optional(),
  success: z.boolean().optional(),
  security_protocol: str,
  result: str,
  command: str,
  tree: str,
  path: str,
  name: str,
  action: str,
  user: str,
  username: str,
  domainname: str,
  client_addr: str,
  server_addr: str,
  assigned_addr: str,
  host_name: str,
  analyzer: str,
  failure_reason: str,
  software_type: str,
  unparsed_version: str,
  tunnel_type: str,
  call_id: str,
  method: str,
  uri: str,
  community: str,
  mailfrom: str,
  helo: str,
  fuid: str,
  source: str,
  mime_type: str,
  md5: str,
  sha1: str,
  sha256: str,
  host: str,
  tx_hosts: strs,
  rx_hosts: strs,
  'certificate.subject': str,
  endpoint: str,
  operation: str,
  framed_addr: str,
  sig_id: str,
  event_msg: str,
  src_addr: str,
  dst_addr: str,
  cmd: str,
  port_num: z.number().optional(),
  port_proto: str,
  mode: z.number().optional(),
  func: str,
  fc_request: str,
  fc_reply: str,
  authentication_method: str,
  facility: str,
  severity: z.union([z.string(), z.number()]).optional(),
  message: str,
  'seen.indicator': str,
  'seen.indicator_type': str,
  'seen.where': str,
  certStatus: str,
  percent_lost: z.number().optional(),
});
type ZeekProtocolRecord = z.infer<typeof ZeekProtocolRecord>;

/**
 * A supported log: the keys that identify it (any one of `any`, plus every key of `all`). Most logs' keys are
 * names other tools use too (`command` and `user`, `client_addr`, `query`), so a record must also carry Zeek's
 * connection or file reference (see `ANCHORS`) unless its own keys are Zeek's alone (`selfEvident`).
 */
interface LogShape {
  readonly log: string;
  readonly all?: readonly string[];
  readonly any: readonly string[];
  readonly selfEvident?: boolean;
  /** A further test of the record, for a shape whose keys alone are too common to tell it. */
  readonly when?: (raw: Record<string, unknown>) => boolean;
}

/** Zeek's connection uid(s), connection tuple or file id: what ties a protocol record to Zeek. */
const ANCHORS = ['uid', 'uids', 'id.orig_h', 'fuid'];

// Most specific first: several logs share generic names (`version`, `command`, `client`, `name`).
const SHAPES: readonly LogShape[] = [
  {
    log: 'x509',
    any: ['certificate.subject', 'certificate.serial', 'certificate.version'],
    selfEvident: true,
  },
  { log: 'kerberos', any: ['request_type'] },
  { log: 'dns', all: ['query'], any: ['trans_id', 'qtype', 'qclass', 'rcode', 'RD', 'AA'] },
  { log: 'ssl', any: ['established', 'resumed', 'cert_chain_fuids', 'ja3'] },
  { log: 'ssh', any: ['auth_attempts', 'kex_alg', 'host_key', 'auth_success'] },
  { log: 'rdp', any: ['security_protocol', 'cookie', 'keyboard_layout', 'cert_count'] },
  {
    log: 'ntlm',
    any: ['domainname', 'server_nb_computer_name', 'server_dns_computer_name', 'server_tree_name'],
  },
  {
    log: 'smb_cmd',
    all: ['command'],
    any: ['tree', 'tree_service', 'referenced_file.action', 'sub_command'],
  },
  { log: 'smb_mapping', all: ['path'], any: ['share_type', 'native_file_system'] },
  { log: 'smb_files', all: ['action'], any: ['path', 'name', 'prev_name', 'times.modified'] },
  // irc.log has `command` and `user` as ftp.log does; its own are the nick, the command's value and `addl`.
  { log: 'irc', all: ['command'], any: ['nick', 'value', 'addl', 'dcc_file_name'] },
  { log: 'ftp', all: ['command'], any: ['reply_code', 'reply_msg', 'user', 'arg'] },
  { log: 'mysql', all: ['cmd'], any: ['arg', 'rows', 'response', 'success'] },
  { log: 'ntp', all: ['mode', 'stratum'], any: ['xmt_time', 'ref_id', 'poll'] },
  // Industrial control (Modbus, DNP3) and VNC: the function code or the remote-desktop handshake.
  { log: 'modbus', any: ['func', 'exception', 'unit'] },
  { log: 'dnp3', any: ['fc_request', 'fc_reply', 'iin'] },
  {
    log: 'rfb',
    any: ['authentication_method', 'client_major_version', 'server_major_version', 'desktop_name'],
  },
  // A syslog message Zeek saw on the wire: the message is the sender's own, which Elastic does not parse.
  { log: 'syslog', all: ['facility', 'severity'], any: ['message'] },
  { log: 'smtp', any: ['mailfrom', 'rcptto', 'helo', 'last_reply'] },
  { log: 'sip', any: ['call_id', 'request_from', 'request_to'] },
  {
    log: 'radius',
    all: ['username'],
    any: ['mac', 'framed_addr', 'tunnel_client', 'connect_info', 'reply_msg'],
  },
  { log: 'socks', any: ['request.name', 'request.host', 'bound.host', 'request_p', 'bound_p'] },
  // signatures.log has a `note` (Signatures::Sensitive_Signature) like notice.log, and its own address keys.
  { log: 'signature', all: ['sig_id'], any: ['event_msg', 'src_addr', 'dst_addr'] },
  // A match of the sensor's threat-intelligence feed: the indicator, its kind and where it was seen.
  {
    log: 'intel',
    all: ['seen.indicator'],
    any: ['seen.indicator_type', 'seen.where', 'matched'],
    selfEvident: true,
  },
  { log: 'snmp', any: ['community', 'get_requests', 'set_requests'] },
  { log: 'dhcp', any: ['msg_types', 'assigned_addr', 'lease_time', 'client_addr', 'server_addr'] },
  { log: 'dce_rpc', all: ['endpoint'], any: ['operation', 'named_pipe'] },
  { log: 'tunnel', any: ['tunnel_type'] },
  { log: 'dpd', all: ['analyzer'], any: ['failure_reason'] },
  { log: 'software', any: ['software_type', 'unparsed_version'], selfEvident: true },
  // A server Zeek saw offering a service, or presenting a certificate: its address and port.
  { log: 'known_services', all: ['host', 'port_num'], any: ['port_proto'], selfEvident: true },
  {
    log: 'known_certs',
    all: ['host', 'port_num'],
    any: ['serial', 'subject', 'issuer_subject'],
    selfEvident: true,
  },
  // A host Zeek saw for the first time: only its address (`{ts, host}`), so nothing else may be in the record.
  {
    log: 'known_hosts',
    any: ['host'],
    selfEvident: true,
    when: (r) => Object.keys(r).length === 2 && typeof r.host === 'string' && parseAddress(r.host) !== null,
  },
  // Records about a file or the sensor itself: a PE header, an OCSP answer, the sensor's packet loss.
  {
    log: 'pe',
    all: ['machine', 'section_names'],
    any: ['is_exe', 'compile_ts', 'subsystem'],
    selfEvident: true,
  },
  {
    log: 'ocsp',
    all: ['certStatus'],
    any: ['issuerNameHash', 'issuerKeyHash', 'serialNumber'],
    selfEvident: true,
  },
  {
    log: 'capture_loss',
    all: ['percent_lost', 'gaps', 'acks'],
    any: ['ts_delta', 'peer'],
    selfEvident: true,
  },
  // A weird that no connection caused (a non-IP packet) has no uid; `peer` names the Zeek node that saw it.
  { log: 'weird', all: ['name', 'peer'], any: ['notice', 'addl'], selfEvident: true },
  { log: 'files', all: ['fuid'], any: ['tx_hosts', 'rx_hosts', 'seen_bytes', 'mime_type'] },
];

/**
 * Logs the other Zeek parsers own: conn (`conn_state`), http (`trans_depth`, unless smtp or sip), notice
 * (`note`, unless a signature match).
 */
function ownedElsewhere(raw: object): boolean {
  if ('conn_state' in raw || ('note' in raw && !isZeekSignature(raw))) return true;
  return 'trans_depth' in raw && !isZeekSmtp(raw) && !isZeekSip(raw);
}

function logOf(raw: unknown): string | null {
  if (!hasZeekKeys(raw, []) || ownedElsewhere(raw)) return null;
  const anchored = ANCHORS.some((k) => k in raw);
  const shape = SHAPES.find(
    (s) =>
      (anchored || s.selfEvident) &&
      (s.all ?? []).every((k) => k in raw) &&
      s.any.some((k) => k in raw) &&
      (s.when?.(raw as Record<string, unknown>) ?? true),
  );
  return shape?.log ?? null;
}

const detect = (raw: unknown): boolean => logOf(raw) !== null && ZeekProtocolRecord.safeParse(raw).success;

/** The user of a Kerberos client principal `user/REALM`; Elastic's dissect maps no user without the slash. */
const principalUser = (p: string | undefined): string | undefined =>
  p?.includes('/') ? p.split('/')[0] : undefined;

/**
 * The indicator an intel match names, by its kind: an address, a domain, a URL, an e-mail or a hash. A user
 * name or a file name the feed matched is no observable of those kinds.
 */
function intelIndicator(obs: ObservablesBuilder, kind: string | undefined, value: string | undefined): void {
  switch (kind) {
    case 'Intel::ADDR':
      obs.ip(value);
      break;
    case 'Intel::DOMAIN':
      obs.domain(value);
      break;
    case 'Intel::URL':
      obs.url(value);
      break;
    case 'Intel::EMAIL':
      obs.email(value);
      break;
    case 'Intel::FILE_HASH':
    case 'Intel::CERT_HASH':
      obs.hash(value);
      break;
  }
}

/** What the alert says about one log record: its title and rule id. */
function describe(
  log: string,
  r: ZeekProtocolRecord,
): { title: string; ruleId: string; severity: 'info' | 'low' | 'medium' } {
  const peers = `${r['id.orig_h'] ?? r.src_addr ?? '?'} -> ${r['id.resp_h'] ?? r.dst_addr ?? '?'}`;
  switch (log) {
    case 'dns':
      return {
        title: `DNS ${r.qtype_name ?? 'query'} ${r.query ?? ''} (${r.rcode_name ?? 'no reply'}) ${peers}`,
        ruleId: `dns:${r.qtype_name ?? 'query'}`,
        severity: 'info',
      };
    case 'ssl':
      return {
        title: `TLS ${r.server_name ?? ''} ${peers}`.replace(/\s+/g, ' '),
        ruleId: `ssl:${typeof r.version === 'string' ? r.version : 'unknown'}`,
        severity: 'info',
      };
    case 'kerberos':
      return {
        title: `Kerberos ${r.request_type ?? ''} ${r.client ?? '?'} for ${typeof r.service === 'string' ? r.service : '?'} ${peers}`,
        ruleId: `kerberos:${r.request_type ?? 'unknown'}`,
        severity: r.success === false ? 'low' : 'info',
      };
    case 'weird':
      return {
        title: `Zeek weird: ${r.name ?? ''} ${peers}`,
        ruleId: `weird:${r.name ?? ''}`,
        severity: 'low',
      };
    case 'dpd':
      return {
        title: `Zeek protocol violation ${r.analyzer ?? ''}: ${r.failure_reason ?? ''}`,
        ruleId: `dpd:${r.analyzer ?? ''}`,
        severity: 'low',
      };
    case 'signature':
      // A match of one of the sensor's own signatures: a detection, unlike the other logs' records.
      return {
        title: `Zeek signature ${r.sig_id ?? ''}: ${r.event_msg ?? ''} ${peers}`,
        ruleId: `signature:${r.sig_id ?? ''}`,
        severity: 'medium',
      };
    case 'intel': {
      const kind = (r['seen.indicator_type'] ?? 'indicator').replace(/^Intel::/, '');
      return {
        title: `Zeek intel match: ${kind} ${r['seen.indicator'] ?? ''} in ${r['seen.where'] ?? '?'} ${peers}`,
        ruleId: `intel:${kind}`,
        severity: 'medium',
      };
    }
    case 'syslog':
      return {
        title: `Zeek syslog ${r.facility ?? ''}.${r.severity ?? ''} ${peers}: ${(r.message ?? '').slice(0, 160)}`,
        ruleId: `syslog:${r.facility ?? ''}`,
        severity: 'info',
      };
    case 'capture_loss':
      return {
        title: `Zeek capture loss ${r.percent_lost ?? '?'}%`,
        ruleId: 'capture_loss',
        severity: (r.percent_lost ?? 0) >= 10 ? 'low' : 'info',
      };
    case 'ntp':
      return {
        title: `Zeek NTP${r.mode === undefined ? '' : ` mode ${r.mode}`} ${peers}`,
        ruleId: `ntp${r.mode === undefined ? '' : `:${r.mode}`}`,
        severity: 'info',
      };
    case 'known_services':
    case 'known_certs': {
      const server = `${r.host ?? '?'}:${r.port_num ?? '?'}${r.port_proto ? `/${r.port_proto}` : ''}`;
      const protocols = Array.isArray(r.service) && r.service.length > 0 ? ` (${r.service.join(', ')})` : '';
      return {
        title: `Zeek ${log === 'known_certs' ? 'certificate seen' : 'service seen'} on ${server}${protocols}`,
        ruleId: log,
        severity: 'info',
      };
    }
    case 'x509':
      return {
        title: `X.509 certificate ${r['certificate.subject'] ?? ''}`,
        ruleId: 'x509',
        severity: 'info',
      };
    default: {
      const detail =
        r.command ??
        r.cmd ??
        r.method ??
        r.action ??
        r.request_type ??
        r.software_type ??
        r.tunnel_type ??
        r.func ??
        r.fc_request ??
        r.authentication_method ??
        r.certStatus;
      return {
        title: `Zeek ${log}${detail ? ` ${detail}` : ''} ${peers}`,
        ruleId: `${log}${detail ? `:${detail}` : ''}`,
        severity: 'info',
      };
    }
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const log = logOf(raw);
  if (!log) throw new Error('not a supported Zeek protocol log');
  const r = ZeekProtocolRecord.parse(raw);
  const obs = new ObservablesBuilder();
  if (log === 'dhcp') {
    // Zeek's dhcp.log has no connection tuple of its own; its client and server addresses stand for it.
    obs.srcIp(r.client_addr);
    obs.dstIp(r.server_addr);
  }
  obs.srcIp(r['id.orig_h'] ?? r.src_addr);
  obs.dstIp(r['id.resp_h'] ?? r.dst_addr);
  if (log === 'files') {
    for (const ip of [...(r.tx_hosts ?? []), ...(r.rx_hosts ?? [])]) obs.ip(ip);
    for (const hash of [r.md5, r.sha1, r.sha256]) obs.hash(hash);
  }
  // software.log names the host running the software by address (Elastic: host.ip, related.ip); the known
  // services and certificates logs the server by address (server.ip, related.ip).
  if (log === 'software' || log === 'known_services' || log === 'known_certs' || log === 'known_hosts')
    obs.ip(r.host);
  if (log === 'intel') intelIndicator(obs, r['seen.indicator_type'], r['seen.indicator']);
  if (log === 'kerberos') obs.user(principalUser(r.client));
  if (log === 'ntlm') obs.user(r.username);
  // The IRC ident, not the nick, as Elastic's pipeline maps it.
  if (log === 'ftp' || log === 'irc' || log === 'socks') obs.user(r.user);
  if (log === 'radius') {
    obs.user(r.username);
    // The address the server gave the user's session: what their later traffic comes from.
    obs.ip(r.framed_addr);
  }
  if (log === 'dns') obs.domain(r.query);
  if (log === 'ssl') obs.domain(r.server_name);
  const { title, ruleId, severity } = describe(log, r);
  return parserAlert('zeek.protocols', `zeek.${log}`, obs, {
    title: title.trim(),
    severity,
    observedAt: toIsoTime(r.ts),
    ruleId,
  });
}

/** Zeek DNS queries and TLS server names are indicators, but Elastic keeps them out of `related.hosts`. */
export const zeekProtocolsParser: Parser = {
  name: 'zeek.protocols',
  claims: { keys: ['ts'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
