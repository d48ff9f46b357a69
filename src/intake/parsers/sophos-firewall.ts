// Sophos firewall syslog: UTM (`YYYY:MM:DD-HH:MM:SS host process[pid]: key="value" …`: packet filter, web
// proxy, DHCP and DNS lines) and XG / SFOS (`device="SFW" … log_type="Firewall" …` key=value records), mapped
// as Elastic's `sophos.utm` / `sophos.xg` pipelines map them (the UTM host is host.name; the XG device is the observer).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { trimRuns } from '../text.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `<pri>2023:04:28-11:28:41 host process[pid]: message` (the UTM's own syslog header). */
const UTM_HEADER =
  /^(?:<(\d{1,3})>)?(\d{4}):(\d{2}):(\d{2})-(\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s[\]:]{1,64})(?:\[(\d{1,10})\])?: ?([\s\S]*)$/;
/** An optional `<pri>` and RFC 3164 header, then the XG record, which starts with its device or log fields. */
const XG_START =
  /^(?:<\d{1,3}>)?(?:[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \S+ )?(?=device(?:_name)?="?[^\s"]*"? )/;

type Fields = ReadonlyMap<string, string>;

interface UtmLine {
  kind: 'utm';
  pri: number | null;
  time: string;
  host: string;
  process: string;
  message: string;
  fields: Fields;
}

interface XgLine {
  kind: 'xg';
  fields: Fields;
}

/** UTM `key="value"` pairs (the UTM quotes every value). */
function utmFields(message: string): Fields {
  const out = new Map<string, string>();
  for (const m of message.matchAll(/(?:^|\s)([a-z0-9_-]+)="([^"]*)"/g)) {
    const key = m[1];
    if (key && !out.has(key)) out.set(key, m[2] ?? '');
  }
  return out;
}

/** XG pairs split as Elastic's kv processor splits them (before ` key=`), quotes trimmed, empties dropped. */
function xgFields(record: string): Fields {
  const out = new Map<string, string>();
  for (const pair of record.trim().split(/ (?=[a-zA-Z0-9_]+=)/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).toLowerCase();
    const value = trimRuns(pair.slice(eq + 1), '"').trim();
    if (value !== '' && value !== '-' && value !== 'N/A' && !out.has(key)) out.set(key, value);
  }
  return out;
}

function asSophos(raw: unknown): UtmLine | XgLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const utm = UTM_HEADER.exec(s.trimEnd());
  if (utm) {
    const message = utm[11] ?? '';
    return {
      kind: 'utm',
      pri: utm[1] === undefined ? null : Number(utm[1]),
      time: `${utm[2]}-${utm[3]}-${utm[4]}T${utm[5]}:${utm[6]}:${utm[7]}Z`,
      host: utm[8] ?? '',
      process: utm[9] ?? '',
      message,
      fields: utmFields(message),
    };
  }
  const xg = XG_START.exec(s);
  if (!xg) return null;
  const record = s.slice(xg[0].length);
  if (!/ log_id=/.test(record) || !/ log_type=/.test(record)) return null;
  const fields = xgFields(record);
  if (fields.get('device') !== 'SFW' && !fields.has('device_name')) return null;
  return { kind: 'xg', fields };
}

// ---- UTM -------------------------------------------------------------------------------------------------

/** The sub-pipeline Elastic runs for a UTM line: by process, or by the record's `sub`. */
function utmKind(line: UtmLine): 'packetfilter' | 'http' | 'dhcp' | 'dns' | 'other' {
  const sub = line.fields.get('sub');
  if (line.process === 'ulogd' || sub === 'packetfilter') return 'packetfilter';
  if (line.process === 'httpproxy' || (sub === 'http' && line.fields.get('sys') === 'SecureWeb'))
    return 'http';
  if (line.process === 'dhcpd') return 'dhcp';
  if (line.process === 'named') return 'dns';
  return 'other';
}

function utmObservables(line: UtmLine): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const f = line.fields;
  obs.host(line.host);
  switch (utmKind(line)) {
    case 'packetfilter':
      obs.srcIp(bareIndicatorIp(f.get('srcip')));
      obs.dstIp(bareIndicatorIp(f.get('dstip')));
      break;
    case 'http': {
      obs.srcIp(bareIndicatorIp(f.get('srcip')));
      obs.dstIp(bareIndicatorIp(f.get('dstip')));
      obs.user(f.get('user'));
      const url = f.get('url');
      obs.url(url);
      obs.domain(/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?([^/:?#\s]+)/i.exec(url ?? '')?.[1]);
      break;
    }
    case 'dhcp': {
      // DHCPOFFER/ACK/NAK `on <ip> to <mac> (<name>)`, DHCPREQUEST `for <ip> … from <mac> (<name>)`, INFORM `from <ip>`.
      const m =
        /^DHCP(?:OFFER|ACK|NACK|NAK) on (\S+) to \S+(?: \(([^)]*)\))? via /.exec(line.message) ??
        /^DHCP(?:ACK|NACK|NAK) to (\S+) \(\S+\)() via /.exec(line.message) ??
        /^DHCPREQUEST for (\S+)(?: \([^)]*\))? from \S+(?: \(([^)]*)\))? via /.exec(line.message) ??
        /^DHCPINFORM from (\S+)() via /.exec(line.message);
      if (m) {
        obs.host(m[2]);
        obs.ip(bareIndicatorIp(m[1]));
      }
      break;
    }
    case 'dns': {
      const m = /^(?:no longer )?listening on (?:\w+ interface \w+, )?([0-9A-Fa-f.:]+)#\d+$/i.exec(
        line.message,
      );
      if (m) obs.ip(bareIndicatorIp(m[1]));
      break;
    }
    case 'other':
      break;
  }
  return obs;
}

function utmAlert(line: UtmLine): ReturnType<Parser['parse']> {
  const f = line.fields;
  const name = f.get('name') ?? f.get('message') ?? line.message;
  const action = f.get('action');
  const src = f.get('srcip');
  const dst = f.get('dstip');
  const flow = src || dst ? ` ${src ?? '?'} -> ${dst ?? '?'}` : '';
  const title = `Sophos UTM ${line.process}: ${name}${action && action !== name ? ` (${action})` : ''}${flow}`;
  const stated = mapSeverity(f.get('severity'));
  const blocked = /^(?:drop|block|reject|deny)/i.test(action ?? '');
  let severity: Severity = stated ?? (line.pri === null ? 'info' : syslogSeverityOfPri(line.pri));
  if (blocked && severity === 'info') severity = 'low';
  return parserAlert('sophos', 'sophos.utm', utmObservables(line), {
    title: title.replace(/\s+/g, ' ').trim(),
    severity,
    observedAt: toIsoTime(line.time),
    ruleId: f.get('fwrule') ?? f.get('id') ?? line.process,
  });
}

// ---- XG --------------------------------------------------------------------------------------------------

/** Log types whose records are detections rather than traffic or system events. */
const XG_DETECTIONS = new Set(['IDP', 'ATP', 'Anti-Virus', 'Sandbox', 'Anti-Spam', 'WAF']);

function xgObservables(f: Fields): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  // Event (VPN, authentication) records name the tunnel's ends remoteinterfaceip / localinterfaceip.
  obs.srcIp(bareIndicatorIp(f.get('src_ip') ?? f.get('sourceip') ?? f.get('remoteinterfaceip')));
  obs.dstIp(bareIndicatorIp(f.get('dst_ip') ?? f.get('destinationip') ?? f.get('localinterfaceip')));
  // NAT addresses are related only (source.nat.ip, destination.nat.ip).
  obs.ip(bareIndicatorIp(f.get('tran_src_ip') ?? f.get('src_trans_ip')));
  obs.ip(bareIndicatorIp(f.get('tran_dst_ip')));
  // Event records' `name` overrides user_name as the source user; Anti-Spam records leave user_name unmapped.
  const logType = f.get('log_type');
  if (logType === 'Event') obs.user(f.get('name') ?? f.get('user_name'));
  else if (logType !== 'Anti-Spam') obs.user(f.get('user_name'));
  const url = f.get('url');
  obs.url(url);
  obs.domain(f.get('domain') ?? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?([^/:?#\s]+)/i.exec(url ?? '')?.[1]);
  // The site a sandboxed file came from, and a spam sender's domain (Elastic's url.domain, source.domain).
  if (logType === 'Sandbox') obs.domain(f.get('source'));
  // Anti-Virus records of the mail proxies (SMTP, POP, IMAP) carry the sender's domain too.
  if (logType === 'Anti-Spam' || logType === 'Anti-Virus') obs.domain(f.get('src_domainname'));
  obs.email(f.get('from_email_address'));
  obs.email(f.get('to_email_address'));
  obs.hash(f.get('sha1sum') ?? f.get('filehash'));
  return obs;
}

function xgSeverity(f: Fields): Severity {
  // The log id's seventh digit is the syslog severity (010101600001 → 6, informational).
  const digit = /^\d{6}(\d)/.exec(f.get('log_id') ?? '')?.[1];
  let severity: Severity = digit === undefined ? 'info' : syslogSeverityOfPri(Number(digit));
  const detection = XG_DETECTIONS.has(f.get('log_type') ?? '');
  if (detection && (severity === 'info' || severity === 'low')) severity = 'medium';
  if (
    !detection &&
    severity === 'info' &&
    /^(?:Denied|Deny)$/i.test(f.get('log_subtype') ?? f.get('status') ?? '')
  )
    severity = 'low';
  return severity;
}

function xgAlert(f: Fields): ReturnType<Parser['parse']> {
  const src = f.get('src_ip') ?? f.get('sourceip');
  const dst = f.get('dst_ip') ?? f.get('destinationip');
  const head = [f.get('log_type'), f.get('log_component'), f.get('log_subtype')].filter(Boolean).join(' ');
  const detail = f.get('message') ?? f.get('signature_msg') ?? f.get('virus') ?? f.get('url') ?? '';
  const flow = src || dst ? ` ${src ?? '?'} -> ${dst ?? '?'}` : '';
  const date = f.get('date');
  const time = f.get('time');
  return parserAlert('sophos', 'sophos.xg', xgObservables(f), {
    title: `Sophos XG ${head}:${flow}${detail ? ` ${detail}` : ''}`.replace(/\s+/g, ' ').trim(),
    severity: xgSeverity(f),
    observedAt: toIsoTime(date && time ? `${date}T${time}Z` : (f.get('timestamp') ?? null)),
    ruleId: f.get('fw_rule_id') ?? f.get('signature_id') ?? f.get('log_id') ?? null,
  });
}

const detect = (raw: unknown): boolean => asSophos(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asSophos(raw);
  if (!line) throw new Error('not a Sophos UTM or XG record');
  return line.kind === 'utm' ? utmAlert(line) : xgAlert(line.fields);
}

export const sophosFirewallParser: Parser = {
  name: 'sophos',
  claims: { keys: [] },
  detect,
  parse,
  // UTM's pipeline keeps a request's site out of related.hosts; XG's relates url.domain and source.domain.
  domainsInRelatedHosts: ['sophos.xg'],
};
