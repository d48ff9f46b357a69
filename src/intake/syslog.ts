// Splits a syslog line (RFC 3164 with or without PRI, year or host; RFC 5424 with structured data)
// into its header fields and message. Returns null when the line has no syslog header.

/** The parts of a syslog header; absent parts are null. */
export interface SyslogLine {
  pri: number | null;
  timestamp: string | null;
  host: string | null;
  app: string | null;
  pid: string | null;
  /** The message after the header (structured data removed for RFC 5424). */
  message: string;
  /** RFC 5424 structured data, raw, or null. */
  structuredData: string | null;
  rfc: '3164' | '5424';
}

const RFC5424 = /^<(\d{1,3})>1 (-|\d{4}-\d{2}-\d{2}T\S+) (\S+) (\S+) (\S+) (\S+) ([\s\S]*)$/;
/** An RFC 5424 header without its PRI, as a relay that wrote its own RFC 3164 header in front leaves it. */
const RELAYED_5424 = /^1 (\d{4}-\d{2}-\d{2}T\S+) (\S+) (\S+) (\S+) (\S+) ([\s\S]*)$/;
/**
 * A `<pri>1` header with a time and a host and then a JSON message at once, no APP-NAME, PROCID or MSGID
 * (CyberArk Vault): read as RFC 5424 with those absent, not with pieces of the JSON as them.
 */
const SHORT_5424 = /^<(\d{1,3})>1 (-|\d{4}-\d{2}-\d{2}T\S+) (\S+) ([{[][\s\S]*)$/;
/** A `<pri>1` header with an epoch timestamp and a host, then free text (Cisco Meraki): not RFC 5424. */
const EPOCH_HEADER = /^<(\d{1,3})>1 (\d{9,10}(?:\.\d+)?) (\S+) ([\s\S]*)$/;
/** Time zone names a device writes after the time (`Jun 27 2026 05:32:54 EDT:`); any other capitals are the host. */
const ZONE =
  '(?:UTC|GMT|UT|Z|[ECMPA][SD]T|AK[SD]T|HST|[CEW]ES?T|BST|IST|MSK|JST|KST|HKT|SGT|AE[SD]T|AC[SD]T|AW[SD]T|NZ[SD]T|BRT|ART)';
const RFC3164_TS = new RegExp(
  String.raw`^(?:<(\d{1,3})>)?\s*((?:[A-Z][a-z]{2}\s+\d{1,2}(?:\s+\d{4})?\s+\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:\s+${ZONE}(?=[\s:]))?)|(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?))(?::|\s*:(?=\s))?\s+([\s\S]*)$`,
);
const APP = /^([^\s:[\]]{1,64})(?:\[([^\]\s]{1,32})\])?:(?:\s+|$)([\s\S]*)$/;
const FACILITY_LEVEL = /^[a-z0-9]+\.[a-z]+\s+/;

const dash = (s: string | undefined): string | null => (s === undefined || s === '-' ? null : s);

function splitStructuredData(rest: string): { sd: string | null; message: string } {
  if (rest.startsWith('- ') || rest === '-') return { sd: null, message: rest.slice(2) };
  if (!rest.startsWith('[')) return { sd: null, message: rest };
  let i = 0;
  while (i < rest.length && rest[i] === '[') {
    let j = i + 1;
    while (j < rest.length && rest[j] !== ']') j += rest[j] === '\\' ? 2 : 1;
    i = j + 1;
  }
  return { sd: rest.slice(0, i), message: rest.slice(i).replace(/^\s/, '') };
}

/** An RFC 5424 record from its PRI and the header fields after the version: time, host, app, pid, msgid, rest. */
function rfc5424(pri: number | null, fields: readonly (string | undefined)[]): SyslogLine {
  const [timestamp, host, app, pid, msgid = '-', rest = ''] = fields;
  // A MSGID is one token; `key=value` there is the message itself, written without one.
  const { sd, message } = msgid.includes('=')
    ? { sd: null, message: `${msgid} ${rest}` }
    : splitStructuredData(rest);
  return {
    pri,
    timestamp: dash(timestamp),
    host: dash(host),
    app: dash(app),
    pid: dash(pid),
    message: message.replace(/^\uFEFF/, ''),
    structuredData: sd,
    rfc: '5424',
  };
}

/** Parses a syslog header; null when `line` does not start with one. Never throws. */
export function parseSyslog(line: string): SyslogLine | null {
  const s = line.length > 65_536 ? line.slice(0, 65_536) : line;
  const short = SHORT_5424.exec(s);
  if (short) return rfc5424(Number(short[1]), [short[2], short[3], '-', '-', '-', short[4]]);
  const m5424 = RFC5424.exec(s);
  if (m5424) return rfc5424(Number(m5424[1]), m5424.slice(2));
  const epoch = EPOCH_HEADER.exec(s);
  if (epoch) {
    return {
      pri: Number(epoch[1]),
      timestamp: epoch[2] ?? null,
      host: epoch[3] ?? null,
      app: null,
      pid: null,
      message: epoch[4] ?? '',
      structuredData: null,
      rfc: '5424',
    };
  }
  const m = RFC3164_TS.exec(s);
  if (!m) return null;
  const pri = m[1] === undefined ? null : Number(m[1]);
  const timestamp = m[2] ?? null;
  let rest = m[3] ?? '';
  let host: string | null = null;
  let app = APP.exec(rest);
  // A log line that opens with `yyyy-mm-dd hh:mm:ss` and no PRI (IIS, an application's own log) names a host
  // only when a syslog tag (`prog:`, `prog[pid]:`) follows it; otherwise its first field is data.
  const plainLog = pri === null && timestamp !== null && /^\d{4}-\d{2}-\d{2} /.test(timestamp);
  if (!app) {
    const hm = /^(\S+)\s+(?::\s+)?([\s\S]*)$/.exec(rest);
    if (hm) {
      const after = (hm[2] ?? '').replace(FACILITY_LEVEL, '');
      // The relay's header in front of the sender's RFC 5424 one: the sender's fields are the record's.
      const relayed = RELAYED_5424.exec(after);
      if (relayed) return rfc5424(pri, relayed.slice(1));
      app = APP.exec(after);
      if (app || !plainLog) {
        host = hm[1] ?? null;
        rest = after;
      }
    }
  }
  if (app) {
    return {
      pri,
      timestamp,
      host,
      app: app[1] ?? null,
      pid: app[2] ?? null,
      message: app[3] ?? '',
      structuredData: null,
      rfc: '3164',
    };
  }
  return { pri, timestamp, host, app: null, pid: null, message: rest, structuredData: null, rfc: '3164' };
}
