// Citrix ADC (NetScaler) native syslog: `<pri> <date> <host> 0-PPE-0 : default <MODULE> <EVENT> <n> 0 : <msg>`.
// Reads the ` - `-separated `Key value` segments (SSLVPN/AAATM sessions, TCP/ACL flows, CLI commands)
// into source/destination and related addresses and the session user, as Elastic's `citrix_adc` pipeline does.
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The native timestamp: `mm/dd/yyyy:hh:mm:ss`, `yyyy/mm/dd:hh:mm:ss` or `dd/mm/yyyy:hh:mm:ss`. */
const DATE = String.raw`\d{2,4}\/\d{2}\/\d{2,4}:\d{2}:\d{2}:\d{2}`;
/** The native header (date, zone, host, `n-PPE-n`), possibly after a syslog prefix, then the event details. */
const PPE = new RegExp(
  String.raw`(?:^|\s)(?:(${DATE})(?:\s+([A-Z]{2,5}))?\s+)?(?:(\S+)\s+)??\d+-PPE-\d+\s*:\s*(?:default\s+)?` +
    String.raw`([A-Z][A-Z0-9_]*)\s+(\S+)\s+\d+\s+\d+\s*:\s?([\s\S]*)$`,
);
/** A bare `<pri> default [<MODULE>] <EVENT> <id> <sev> :` line (no date, no host). */
const BARE =
  /^<\d{1,3}>\s*default\s+(?:([A-Z][A-Z0-9_]*)\s+)?([A-Z][A-Za-z0-9_]*)\s+\d+\s+\d+\s*:\s?([\s\S]*)$/;
/** The syslog relay's `<facility>.<priority> <ip>` prefix: Elastic's `client.ip`. */
export const RELAY =
  /^(?:<\d{1,3}>\s*)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+<?[a-zA-Z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*>?\s+([0-9A-Fa-f:.]+)\s/;

interface NativeLine {
  pri: number | null;
  timestamp: string | null;
  zone: string | null;
  relayIp: string | null;
  module: string | null;
  event: string;
  message: string;
}

function asNative(raw: unknown): NativeLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  // A relay may forward the line without its own PRI: then its `<facility>.<priority> <ip>` prefix opens it.
  const relay = RELAY.exec(s);
  if (!s.startsWith('<') && !relay) return null;
  const pri = /^<(\d{1,3})>/.exec(s)?.[1];
  const base = { pri: pri === undefined ? null : Number(pri), relayIp: indicatorIp(relay?.[1]) };
  if (s.includes('-PPE-')) {
    const m = PPE.exec(s);
    if (!m?.[5]) return null;
    return {
      ...base,
      timestamp: m[1] ?? null,
      zone: m[2] ?? null,
      module: m[4] ?? null,
      event: m[5],
      message: m[6] ?? '',
    };
  }
  const b = BARE.exec(s);
  if (!b?.[2]) return null;
  return { ...base, timestamp: null, zone: null, module: b[1] ?? null, event: b[2], message: b[3] ?? '' };
}

/** The first `Key value` segment's value (up to the next ` - ` separator), or undefined. */
function field(msg: string, key: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${key}:?\\s+([^\\s]+)`);
  const m = re.exec(msg);
  return m?.[1]?.replace(/^\\?"|\\?"$/g, '');
}

/** `Context <user>@<ip>`: the user part may itself hold an `@`. */
function context(msg: string): { user: string; ip: string | null } | null {
  const m = /(?:^|\s)Context\s+(\S+)@([0-9A-Fa-f:.]+)(?:\s|$)/.exec(msg);
  return m?.[1] ? { user: m[1], ip: indicatorIp(m[2]) } : null;
}

/** Every value of a `Key value` segment, in order. */
function fields(msg: string, key: string): string[] {
  const re = new RegExp(`(?:^|\\s)${key}:?\\s+([^\\s]+)`, 'g');
  return [...msg.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\\?"|\\?"$/g, ''));
}

function indicators(line: NativeLine, obs: ObservablesBuilder): void {
  const msg = line.message;
  // Elastic leaves `Message` text (SSLVPN debug lines, REWRITE/RESPONDER policy messages) unparsed.
  if (
    line.event.toUpperCase() === 'MESSAGE' &&
    ['SSLVPN', 'REWRITE', 'RESPONDER'].includes(line.module ?? '')
  )
    return;
  const src = indicatorIp(field(msg, 'Source'));
  const remote = indicatorIp(field(msg, 'Remote_ip'));
  // A NATed TCP record names the original destination first and the translated one last.
  const dsts = fields(msg, 'Destination').map((d) => indicatorIp(d));
  const dst = dsts[dsts.length - 1] ?? null;
  if (src) obs.srcIp(src);
  else if (remote) obs.srcIp(remote);
  if (dst) obs.dstIp(dst);
  const ctx = context(msg);
  // SSLLOG handshake records name the client `ClientIP` and the virtual server `VserverServiceIP`.
  const client =
    indicatorIp(field(msg, 'Client_ip')) ?? indicatorIp(field(msg, 'ClientIP')) ?? ctx?.ip ?? line.relayIp;
  for (const ip of [
    indicatorIp(field(msg, 'Nat_ip')) ?? indicatorIp(field(msg, 'NatIP')),
    indicatorIp(field(msg, 'Vserver')) ??
      indicatorIp(field(msg, 'Vserver_ip')) ??
      indicatorIp(field(msg, 'VserverServiceIP')),
    client,
    indicatorIp(field(msg, 'X-Forwarded-For_ip')),
    ...dsts.slice(0, -1),
    indicatorIp(field(msg, 'SSLRelayAddress')),
  ]) {
    if (ip) obs.ip(ip);
  }
  const ica = /\susername:domainname\s+([^\s:]+):/.exec(msg)?.[1];
  const user = ctx?.user ?? ica ?? /(?:^|\s)User\s+(\S+)/.exec(msg)?.[1];
  if (user) {
    // Elastic files an e-mail-shaped user as user.email and keeps its local part as user.name.
    const at = user.indexOf('@');
    if (at > 0) obs.user(user.slice(0, at));
    obs.user(user);
  }
}

const detect = (raw: unknown): boolean => asNative(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asNative(raw);
  if (!line) throw new Error('not a Citrix ADC native line');
  const obs = new ObservablesBuilder();
  indicators(line, obs);
  const kind = [line.module, line.event].filter(Boolean).join(' ');
  const denied =
    /Access Denied|fail|DENIED|violation|blocked/i.test(line.message) || /FAIL|DENY/.test(line.event);
  return parserAlert('citrix_adc.log', 'citrix_adc.log', obs, {
    title: `Citrix ADC ${kind}: ${line.message.trim()}`.slice(0, 300),
    severity: denied ? 'medium' : line.pri !== null ? syslogSeverityOfPri(line.pri) : 'info',
    observedAt: line.timestamp ? toIsoTime(nativeTime(line.timestamp, line.zone)) : null,
    ruleId: kind,
  });
}

/** `mm/dd/yyyy:hh:mm:ss` or `yyyy/mm/dd:hh:mm:ss` (GMT/UTC or no zone) as an ISO string. */
function nativeTime(ts: string, zone: string | null): string | null {
  if (zone !== null && !/^(?:GMT|UTC)$/i.test(zone)) return null;
  const us = /^(\d{2})\/(\d{2})\/(\d{4}):(\d{2}:\d{2}:\d{2})$/.exec(ts);
  if (us) return `${us[3]}-${us[1]}-${us[2]}T${us[4]}Z`;
  const iso = /^(\d{4})\/(\d{2})\/(\d{2}):(\d{2}:\d{2}:\d{2})$/.exec(ts);
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}Z` : null;
}

export const citrixAdcParser: Parser = {
  name: 'citrix_adc.log',
  claims: { keys: [], text: ['-PPE-', 'default'] },
  detect,
  parse,
};
