// Pulse Connect Secure (Ivanti Connect Secure) syslog events: `PulseSecure: - - - <date> - <node> -
// [client] user(realm)[roles] - message`. Mapped as Elastic's pulse_connect_secure pipeline maps them: the
// client is the source (no related.ip), the user the user, a VPN tunnel's reported hostname the host.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'pulse_connect_secure.log';

/**
 * `<pri>1` or an RFC 3164 date, host and a number; then the ISO time, the device, and the event header. The
 * realm and roles in `user(realm)[roles]` hold no parenthesis or bracket: allowed them, each `(` or `[` of a
 * long hostile line was scanned to its end (quadratic time).
 */
const LINE =
  /^(?:<(\d{1,3})>\d*|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \S+ \d+) (\d{4}-\d{2}-\d{2}[T ]\d{2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?) (\S+) PulseSecure: - - - \d{4}-\d{2}-\d{2} \d{2}:?\d{2}(?::?\d{2})? - (\S+) - \[([^\]\s]+)\] (.*?)\(([^()]*)\)\[([^[\]]*)\](?::?\[[^[\]]*\])? - ([\s\S]*)$/;

/** The grok `USERNAME` alphabet. */
const USERNAME = /^[A-Za-z0-9._-]+$/;
/** `VPN Tunneling: Session started for user (session: …) with IPv4 address …, hostname <host>`. */
const TUNNEL_HOST =
  /VPN Tunneling: Session \w+ for user\s+\(session:\s*\S+\) with \S+ address [0-9A-Fa-f:.]+, hostname ([A-Za-z0-9][A-Za-z0-9._-]*)/;

interface PulseLine {
  pri: number | null;
  time: string;
  node: string;
  client: string;
  user: string | null;
  realm: string;
  message: string;
}

/** The user name as Elastic's grok takes it: after any `…::` prefix, without `DOMAIN\` or `@domain`. */
function userOf(field: string): string | null {
  const afterPrefix = field.includes('::') ? field.slice(field.lastIndexOf('::') + 2) : field;
  const noDomain = afterPrefix.replace(/^[A-Za-z0-9._-]+\\+/, '').replace(/@[A-Za-z0-9._-]+$/, '');
  return USERNAME.test(noDomain) ? noDomain : null;
}

function read(raw: unknown): PulseLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('PulseSecure:')) return null;
  const m = LINE.exec(s.trim());
  if (!m) return null;
  return {
    pri: m[1] === undefined ? null : Number(m[1]),
    time: m[2] ?? '',
    node: m[4] ?? '',
    client: m[5] ?? '',
    user: userOf(m[6] ?? ''),
    realm: m[7] ?? '',
    message: m[9] ?? '',
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Pulse Connect Secure event');
  // Elastic copies client to source and emits no related.ip.
  const obs = new ObservablesBuilder(false);
  if (canonicalIp(line.client) !== null) obs.srcIp(line.client);
  obs.user(line.user);
  obs.host(TUNNEL_HOST.exec(line.message)?.[1]);
  const code = /^([A-Z]{3}\d{5}):/.exec(line.message)?.[1] ?? null;
  const failed = /\b(?:failed|failure|denied|rejected)\b/i.test(line.message);
  return parserAlert(NAME, NAME, obs, {
    title: `Pulse Secure ${line.node}: ${line.message}`.slice(0, 300),
    severity: failed ? 'medium' : line.pri !== null ? syslogSeverityOfPri(line.pri) : 'info',
    observedAt: toIsoTime(line.time),
    ruleId: code,
  });
}

export const pulseConnectSecureParser: Parser = {
  name: NAME,
  claims: { keys: [], text: [' PulseSecure: - - - '] },
  detect: detectorOf(read),
  parse,
};
