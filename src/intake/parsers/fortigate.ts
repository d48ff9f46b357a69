// Fortinet FortiGate firewall syslog: FortiOS `key=value` records (traffic, utm, dns, event) with indicators mapped
// as Elastic's fortinet_fortigate.log pipelines map them: per-type source/destination (VPN: remote peer as source),
// NAT and tunnel addresses as related, users from user/unauthuser/eapuser/xauthuser, srcname as the host.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import { fortinetRecord, type FortinetFields } from './fortinet-kv.js';
import type { Parser } from './parser.js';

const NAME = 'fortinet_fortigate.log';

interface FortigateRecord {
  /** The syslog `<pri>`, when the line has one. */
  pri: number | null;
  fields: FortinetFields;
}

/** FortiGate (FG…, FGT…, FGVM…) and FortiWiFi (FW…) serials; not FortiAnalyzer, FortiManager or FortiMail. */
const DEVID = /(?:^|\s)devid="?F(?!AZ|MG|ML|E)[0-9A-Z]/;
const LOGID = /(?:^|\s)logid="?\d{10}"?(?:\s|$)/;
/** FortiGate can also send CEF or LEEF; those lines belong to the cef / leef parsers. */
const CEF_OR_LEEF = /(?:^|[\s>|])(?:CEF|LEEF):\d/;
const TYPE = /(?:^|\s)type="?[a-z-]+"?(?:\s|$)/;
/** Serials of the other Fortinet products that send FortiOS-style records: FortiAnalyzer, FortiManager, FortiMail
 * and FortiEDR (FortiProxy's FPX serials are read by the FortiProxy parser, which comes first). */
const OTHER_DEVID = /(?:^|\s)devid="?F(?:AZ|MG|ML|E)/;
/** A record whose serial is no FortiGate's (a lab box, a stripped or absent devid) is read when it has FortiOS's
 * header, `date=… time=…` first after at most a syslog prefix without pairs, and names its subtype (FortiProxy's
 * `date time tz` header and FortiAnalyzer's forwarded `logver=… timestamp=…` records are read before us). */
const FORTIOS_HEAD = /^(?:[^=]{0,120}[\s>])?date="?\d{4}-\d{2}-\d{2}"? time="?\d{2}:\d{2}:\d{2}"? /;
const SUBTYPE = /(?:^|\s)subtype="?[a-z0-9-]+"?(?:\s|$)/;

function asFortigate(raw: unknown): FortigateRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('logid=') || !s.includes('type=')) return null;
  if (!LOGID.test(s) || !TYPE.test(s) || CEF_OR_LEEF.test(s.slice(0, 400))) return null;
  const fortigate = DEVID.test(s);
  if (!fortigate && (OTHER_DEVID.test(s) || !FORTIOS_HEAD.test(s.trimStart()) || !SUBTYPE.test(s)))
    return null;
  return fortinetRecord(fortigate ? s : s.trimStart());
}

/** `user.name` and `source.ip` that the login pipeline reads from an administrator or SSH login message. */
function loginMessage(msg: string): { user: string | null; ip: string | null } | null {
  if (!/login|logged in/i.test(msg)) return null;
  const ssh = /^Login from ssh: \S+ for (\S+) from (\S+) port /.exec(msg);
  if (ssh) return { user: ssh[1] ?? null, ip: ssh[2] ?? null };
  const admin = msg.startsWith('Administrator')
    ? /logged in/i.test(msg)
      ? /^\S+ (\S+) logged in \S+ from [^(]*\(([^)]*)\)/.exec(msg)
      : // The address holds no parenthesis: with `[^)]*`, recheck could not prove the pattern linear.
        /^\S+ (\S+) login \S+ from [^(]*\(([^()]*)\) /.exec(msg)
    : null;
  return admin ? { user: admin[1] ?? null, ip: admin[2] ?? null } : null;
}

interface Roles {
  src: string | null;
  dst: string | null;
  srcUser: string | null;
  dstUser: string | null;
}

function rolesOf(f: FortinetFields, type: string, subtype: string): Roles {
  if (type === 'traffic') {
    return {
      src: f.get('srcip') ?? null,
      dst: f.get('dstip') ?? null,
      srcUser: f.get('unauthuser') ?? f.get('user') ?? null,
      dstUser: f.get('dstunauthuser') ?? null,
    };
  }
  if (type === 'utm' || type === 'dns') {
    return {
      src: f.get('locip') ?? f.get('srcip') ?? null,
      dst: f.get('dstip') ?? f.get('remip') ?? null,
      srcUser: f.get('unauthuser') ?? f.get('user') ?? null,
      dstUser: null,
    };
  }
  if (type === 'event') {
    const src = f.get('srcip') ?? f.get('locip') ?? null;
    const dst = f.get('dstip') ?? f.get('remip') ?? null;
    if (subtype === 'vpn') {
      // VPN: the remote peer (remip) is the source, the FortiGate's own address (locip) the destination.
      const user = f.get('eapuser') ?? f.get('xauthuser') ?? f.get('user') ?? null;
      return { src: dst, dst: src, srcUser: user, dstUser: null };
    }
    return { src, dst, srcUser: f.get('user') ?? null, dstUser: null };
  }
  return { src: null, dst: null, srcUser: null, dstUser: null };
}

function observables(f: FortinetFields, type: string, subtype: string): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const roles = rolesOf(f, type, subtype);
  const login = loginMessage(f.get('msg') ?? '');
  let src = bareIndicatorIp(roles.src);
  if (!src && login?.ip) src = bareIndicatorIp(login.ip);
  if (!src && f.get('userfrom')?.startsWith('JSON('))
    src = bareIndicatorIp(/^JSON\(([^)]*)\)/.exec(f.get('userfrom') ?? '')?.[1]);
  obs.srcIp(src);
  obs.dstIp(bareIndicatorIp(roles.dst));
  if (type === 'traffic') {
    obs.ip(bareIndicatorIp(f.get('transip')));
    obs.ip(bareIndicatorIp(f.get('tranip')));
  }
  obs.ip(bareIndicatorIp(f.get('ip')));
  obs.ip(bareIndicatorIp(f.get('assignip')));
  obs.ip(bareIndicatorIp(f.get('tunnelip')));
  if (type === 'utm' || type === 'dns') {
    for (const a of (f.get('ipaddr') ?? '').split(', ')) obs.ip(bareIndicatorIp(a));
  }
  // user.name (login messages) first, then related.user: the source user, then the destination user.
  obs.user(login?.user ?? roles.srcUser);
  obs.user(roles.srcUser);
  obs.user(roles.dstUser);
  // related.hosts: destination.address, source.address, host.name (srcname, lower-cased), the DNS query.
  const srcname = f.get('srcname');
  if (type === 'traffic') obs.host(f.get('dstname'));
  if (type === 'event') obs.host(f.get('daddr') ?? f.get('dst_host'));
  if (type === 'event') obs.host(f.get('saddr'));
  obs.host(srcname?.toLowerCase());
  const qname = type === 'utm' || type === 'dns' ? f.get('qname') : undefined;
  obs.host(qname);
  // Web sites and TLS server names are url.domain / destination.domain, not related.hosts.
  obs.domain(qname);
  obs.domain(f.get('hostname'));
  obs.domain(f.get('sni'));
  const url = f.get('url');
  const host = f.get('hostname');
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) obs.url(url);
  else if (url?.startsWith('/') && host)
    obs.url(`${f.get('service')?.toLowerCase() === 'http' ? 'http' : 'https'}://${host}${url}`);
  return obs;
}

/** Detections (utm, anomalies, blocked traffic) are at least medium; FortiOS levels otherwise. */
function severityOf(f: FortinetFields, type: string, subtype: string, pri: number | null): Severity {
  const level = f.get('level');
  const stated = mapSeverity(level) ?? (pri === null ? 'info' : syslogSeverityOfPri(pri));
  const action = (f.get('action') ?? '').toLowerCase();
  const detection =
    type === 'utm' && ['virus', 'ips', 'anomaly', 'dlp', 'waf'].includes(subtype) && action !== 'pass';
  if (detection && (stated === 'info' || stated === 'low')) return 'medium';
  if (action === 'blocked' || action === 'block' || action === 'dropped')
    return stated === 'info' ? 'low' : stated;
  return stated;
}

/** `tz="-0700"` / `"+02:00"` / `"UTC+2:00"` as an ISO offset; `Z` when absent or unreadable. */
function offsetOf(tz: string | undefined): string {
  const m = /([+-])(\d{1,2}):?(\d{2})$/.exec(tz ?? '');
  return m ? `${m[1]}${(m[2] ?? '').padStart(2, '0')}:${m[3]}` : 'Z';
}

function titleOf(f: FortinetFields, type: string, subtype: string): string {
  const what =
    f.get('attack') ??
    f.get('virus') ??
    f.get('msg') ??
    f.get('logdesc') ??
    f.get('catdesc') ??
    f.get('action') ??
    '';
  const flow =
    f.get('srcip') || f.get('dstip') ? ` ${f.get('srcip') ?? '?'} -> ${f.get('dstip') ?? '?'}` : '';
  const action = f.get('action');
  return `FortiGate ${type || 'log'}${subtype ? `/${subtype}` : ''}: ${what}${action && action !== what ? ` (${action})` : ''}${flow}`;
}

const detect = (raw: unknown): boolean => asFortigate(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortigate(raw);
  if (!rec) throw new Error('not a FortiGate record');
  const f = rec.fields;
  const type = (f.get('type') ?? '').toLowerCase();
  const subtype = (f.get('subtype') ?? '').toLowerCase();
  const date = f.get('date');
  const time = f.get('time');
  return parserAlert(NAME, NAME, observables(f, type, subtype), {
    title: titleOf(f, type, subtype).replace(/\s+/g, ' ').trim(),
    severity: severityOf(f, type, subtype, rec.pri),
    observedAt: date && time ? toIsoTime(`${date}T${time}${offsetOf(f.get('tz'))}`) : null,
    ruleId: f.get('attackid') ?? f.get('logid') ?? null,
  });
}

export const fortigateParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['logid='] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
