// Teleport audit events (`{"event": "session.start", "code": "T2000I", "uid", "user", "addr.remote", …}`),
// mapped as Elastic's `teleport` audit pipeline maps them: the acting user, the process-level network
// endpoints (`src_addr`/`dst_addr`) and the desktop address; client and server addresses are no indicators.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

/** Teleport event codes: `T2000I`, `TC000I`, `TDY01E`, `TSPN001W` (a letter for info, warning, error). */
const CODE = /^T[A-Z0-9]{3,7}[IWE]$/;
/** Event names: `session.start`, `db.session.spanner.rpc`, `scp`, `auth`. */
const EVENT = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;

const Str = OptionalText;

const TeleportEvent = z.object({
  event: z.string().regex(EVENT),
  code: z.string().regex(CODE),
  uid: Str,
  time: Str,
  user: Str,
  success: z.boolean().nullish(),
  error: Str,
  src_addr: Str,
  dst_addr: Str,
  desktop_addr: Str,
  /** The client's and the server's ends of the connection (`host:port`). */
  'addr.remote': Str,
  'addr.local': Str,
  /** The account used on the target machine, and that machine's name. */
  login: Str,
  server_hostname: Str,
  server_labels: z.object({ hostname: Str }).passthrough().nullish(),
  identity: z
    .object({ user: Str, client_ip: Str, impersonator: Str, logins: z.array(z.string()).nullish() })
    .passthrough()
    .nullish(),
});
type TeleportEvent = z.infer<typeof TeleportEvent>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('code' in raw) || !('event' in raw)) return false;
  if (!('uid' in raw) && !('time' in raw)) return false;
  if (typeof raw.code !== 'string' || !CODE.test(raw.code) || typeof raw.event !== 'string') return false;
  return TeleportEvent.safeParse(raw).success;
}

/** The address part of `host:port` when it is an IP (Elastic's `uri_parts` domain, read as `destination.ip`). */
function addressIp(value: string | null | undefined): string | null {
  if (!value) return null;
  const ip = parseAddress(value);
  return ip === '0.0.0.0' || ip === '::' ? null : ip;
}

/** The host part of `host:port` when it is a name (Elastic's `destination.domain`). */
function addressName(value: string | null | undefined): string | null {
  const host = value ? /^([a-z0-9.-]+?)(?::\d{1,5})?$/i.exec(value)?.[1] : undefined;
  return host && /[a-z]/i.test(host) ? host : null;
}

function severityOf(e: TeleportEvent): Severity {
  const level = e.code.slice(-1);
  if (level === 'E') return 'medium';
  if (level === 'W' || e.success === false) return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = TeleportEvent.parse(raw);
  // As Elastic's pipeline (event-enrich.yml) relates them: the source and destination, the client's and the
  // server's ends of the connection (`client.ip`, `server.ip`) and the certificate's client address.
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.src_addr) ?? undefined);
  obs.dstIp(bareIndicatorIp(e.dst_addr) ?? undefined);
  obs.dstIp(addressIp(e.desktop_addr) ?? undefined);
  obs.domain(addressName(e.desktop_addr) ?? undefined);
  for (const end of [e['addr.remote'], e.identity?.client_ip, e['addr.local']])
    obs.ip(addressIp(end) ?? undefined);
  // `user` is `user.name`, then the certificate's user. A session's `login` is the account it used on the machine it
  // reached; a certificate also names who impersonated whom and the logins it allows (not Teleport's internal
  // `-teleport-…` ones).
  obs.user(e.user ?? undefined);
  obs.user(e.identity?.user ?? undefined);
  obs.user(e.login ?? undefined);
  obs.user(e.identity?.impersonator ?? undefined);
  for (const login of e.identity?.logins ?? []) if (!login.startsWith('-')) obs.user(login);
  obs.host(e.server_hostname ?? e.server_labels?.hostname ?? undefined);
  const who = e.user ?? e.identity?.user;
  return parserAlert('teleport.audit', 'teleport.audit', obs, {
    title: `Teleport ${e.event}${who ? ` by ${who}` : ''}${e.success === false ? ' failed' : ''}`,
    severity: severityOf(e),
    observedAt: toIsoTime(e.time ?? null),
    ruleId: e.code,
  });
}

export const teleportAuditParser: Parser = {
  name: 'teleport.audit',
  claims: { keys: ['code'], text: false },
  domainsInRelatedHosts: false,
  detect,
  parse,
};
