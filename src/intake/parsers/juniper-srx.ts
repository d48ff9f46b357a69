// Juniper SRX (Junos) syslog: structured-data records (`[junos@… key="value" …]`) of RT_FLOW/AppTrack, RT_UTM,
// RT_IDP, RT_IDS (screens), RT_AAMW, RT_SECINTEL and system daemons, plus BSD-syslog firewall-filter (`FW:`)
// lines, mapped per process as Elastic's `juniper_srx` pipelines map them; the SRX itself is the observer.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { parseSyslog, type SyslogLine } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The processes Elastic routes to their own pipelines; any other process is a system message. */
const SECURITY_PROCESSES = new Set(['RT_FLOW', 'RT_UTM', 'RT_IDP', 'RT_IDS', 'RT_AAMW', 'RT_SECINTEL']);
/** Values Elastic's pipeline drops as empty. */
const EMPTY = new Set(['None', 'UNKNOWN', 'N/A', '-']);
/** A firewall-filter log line: interface, action (Accept/Discard/Reject), protocol, addresses, ports. */
const FW_LINE = /^FW: (\S+) ([A-Za-z]) (\S+) (\S+) (\S+) (\d+) (\d+)/;
/** A BSD-syslog program that is a Junos security (`RT_…`) or packet-forwarding process. */
const JUNOS_PROGRAM = /^(?:RT_[A-Z]+|PFE_FW_SYSLOG_IP)$/;
/** Junos system event tags written as `TAG: text` by kernel and daemons (ARP changes, probes, log streams). */
const JUNOS_TEXT_TAG = /^(?:KERN_[A-Z_]+|PING_TEST_[A-Z_]+|RTLOG_[A-Z_]+): /;
/** Key-management (VPN) daemon messages, which carry gateway addresses Elastic does not report. */
const KMD_TEXT = /^(?:IKE|IPSec) negotiation /;
/** An IDP attack in BSD-syslog text: `Attack log <source/port->destination/port>`. */
const IDP_TEXT_FLOW = /Attack log <([0-9A-Fa-f:.]{2,39})\/\d{1,5}->([0-9A-Fa-f:.]{2,39})\/\d{1,5}>/;
/** The translation an IDP attack text reports after the attack: `NAT <source:port->destination:port>`. */
const IDP_TEXT_NAT = /, NAT <([0-9A-Fa-f:.]{2,39}):\d{1,5}->([0-9A-Fa-f:.]{2,39}):\d{1,5}>/;
/** The attack's name in that text (`name=HTTP:SQL:INJ:GENERIC,`). */
const IDP_TEXT_NAME = /[\s,]name=([^,\s]+)/;

interface SrxRecord {
  sys: SyslogLine;
  /** The Junos process: the RFC 5424 APP-NAME or the BSD program. */
  process: string;
  /** The event tag (RFC 5424 MSGID, e.g. `RT_FLOW_SESSION_CREATE`), or null. */
  tag: string | null;
  /** Structured-data parameters with snake_case keys, empty values dropped. */
  fields: ReadonlyMap<string, string>;
  /** Text after the structured data (or the whole message when there is none). */
  text: string;
}

/** The `[junos@… …]` element's parameters, split as Elastic's `kv` processor splits them. */
function structuredData(line: string): { fields: Map<string, string>; end: number } | null {
  const start = line.indexOf('[junos@');
  if (start < 0) return null;
  let end = start + 1;
  while (end < line.length && line[end] !== ']') end += line[end] === '\\' ? 2 : 1;
  const body = line.slice(start + 1, Math.min(end, line.length));
  const space = body.indexOf(' ');
  const params = space < 0 ? '' : body.slice(space + 1);
  const fields = new Map<string, string>();
  const keys = [...params.matchAll(/(?:^|\s)([a-z0-9_-]+)=/g)];
  keys.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const next = keys[i + 1];
    const to = next ? (next.index ?? params.length) : params.length;
    // A closing run of quotes is matched from its first quote only: from every quote of a long run, quadratic.
    const value = params.slice(from, to).replace(/^"+|(?<!")"+$/g, '');
    const key = (m[1] ?? '').replace(/-/g, '_');
    if (!EMPTY.has(value) && !fields.has(key)) fields.set(key, value);
  });
  return { fields, end: Math.min(end + 1, line.length) };
}

/**
 * FW_LINE at the first `FW: ` that opens the text or follows whitespace and reads as one. It is tried only there
 * (found with `indexOf`): searched for as `(?:^|\s)FW: …` along the text, recheck could not prove it linear.
 */
function fwLine(text: string): RegExpExecArray | null {
  for (let at = text.indexOf('FW: '); at >= 0; at = text.indexOf('FW: ', at + 1)) {
    if (at > 0 && !/\s/.test(text.charAt(at - 1))) continue;
    const m = FW_LINE.exec(text.slice(at));
    if (m) return m;
  }
  return null;
}

function asSrx(raw: unknown): SrxRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<')) return null;
  const sd = s.includes('[junos@') ? structuredData(s) : null;
  // Cheap exits: a Junos structured-data element, an RT_ tag, or a firewall-filter line must be present.
  if (!sd && !/RT_[A-Z]|FW: |negotiation |KERN_[A-Z]|PING_TEST_/.test(s)) return null;
  const sys = parseSyslog(s);
  if (!sys) return null;
  if (sys.rfc === '5424' && sys.app) {
    // The four header fields as one repeat: spelled out, recheck could not always prove the pattern linear in time.
    const tag = /^<\d{1,3}>1 (?:\S+ ){4}([A-Za-z0-9_]+) /.exec(s)?.[1] ?? null;
    const text = sd ? s.slice(sd.end).trim() : sys.message.trim();
    const rec = { sys, process: sys.app, tag, fields: sd?.fields ?? new Map<string, string>(), text };
    if (sd || SECURITY_PROCESSES.has(sys.app)) return rec;
    if (sys.app === 'kmd' && KMD_TEXT.test(text)) return rec;
    return fwLine(text) !== null && /(?:^|\s)(?:kernel|PFE_FW_SYSLOG_IP)\b/.test(`${sys.app} ${text}`)
      ? rec
      : null;
  }
  // BSD syslog (and RFC 5424 lines without an APP-NAME): RT_ programs and firewall-filter lines.
  const text = sys.message.trim();
  const fw = fwLine(text);
  if (fw && (sys.app === 'kernel' || /(?:^|\s)PFE_FW_SYSLOG_IP: FW: /.test(text))) {
    return { sys, process: sys.app ?? 'PFE_FW_SYSLOG_IP', tag: 'FW', fields: new Map(), text };
  }
  if ((sys.app && JUNOS_PROGRAM.test(sys.app)) || JUNOS_TEXT_TAG.test(text)) {
    const tag = /^([A-Z][A-Z0-9_]+)(?::|\s|$)/.exec(text)?.[1] ?? null;
    return {
      sys,
      process: sys.app ?? tag ?? 'system',
      tag,
      fields: sd?.fields ?? new Map<string, string>(),
      text,
    };
  }
  return null;
}

/** Reports a name as a domain when it is one, else as a host (Elastic puts both in `related.hosts`). */
function hostOrDomain(obs: ObservablesBuilder, value: string | undefined): void {
  if (value === undefined) return;
  if (/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i.test(value) && bareIndicatorIp(value) === null) obs.domain(value);
  else obs.host(value);
}

interface IdpText {
  source: string | undefined;
  destination: string | undefined;
  natSource: string | undefined;
  natDestination: string | undefined;
  attack: string | undefined;
}

/**
 * An IDP attack logged as BSD-syslog text (`RT_IDP: IDP_ATTACK_LOG_EVENT: IDP: at …, … Attack log <…>`), which
 * Elastic's juniper_srx pipeline (structured data only) cannot read and its Junos text reader (the juniper
 * package's junos stream) maps as the flow's source and destination, with the NAT pair related only.
 */
function idpText(rec: SrxRecord): IdpText | null {
  if (rec.process !== 'RT_IDP' || rec.fields.size > 0) return null;
  const flow = IDP_TEXT_FLOW.exec(rec.text);
  if (!flow) return null;
  const nat = IDP_TEXT_NAT.exec(rec.text.slice(flow.index + flow[0].length));
  return {
    source: flow[1],
    destination: flow[2],
    natSource: nat?.[1],
    natDestination: nat?.[2],
    attack: IDP_TEXT_NAME.exec(rec.text)?.[1],
  };
}

function observablesOf(rec: SrxRecord): ObservablesBuilder {
  const f = rec.fields;
  const obs = new ObservablesBuilder();
  const ip = (key: string): string | null => bareIndicatorIp(f.get(key));
  const idp = idpText(rec);
  if (idp) {
    obs.srcIp(bareIndicatorIp(idp.source));
    obs.dstIp(bareIndicatorIp(idp.destination));
    obs.ip(bareIndicatorIp(idp.natSource));
    obs.ip(bareIndicatorIp(idp.natDestination));
    return obs;
  }
  if (SECURITY_PROCESSES.has(rec.process)) {
    obs.srcIp(ip('source_address') ?? ip('sourceip') ?? ip('client_ip'));
    obs.dstIp(ip('destination_address'));
    obs.ip(ip('nat_source_address'));
    obs.ip(ip('nat_destination_address'));
    obs.user(f.get('username'));
    if (rec.process === 'RT_UTM') hostOrDomain(obs, f.get('url'));
    if (rec.process === 'RT_AAMW' || rec.process === 'RT_SECINTEL') hostOrDomain(obs, f.get('http_host'));
    // RT_AAMW's `hostname` is the infected client (source.domain); RT_SECINTEL's is only source.address.
    if (rec.process === 'RT_AAMW') hostOrDomain(obs, f.get('hostname'));
    return obs;
  }
  // System messages: VPN gateways first (Elastic lists them first), then the structured-data endpoints.
  const gateways = /^Local gateway: ([^,\s]+), Remote gateway: ([^,\s]+)/.exec(rec.text);
  if (gateways) {
    obs.ip(bareIndicatorIp(gateways[1]));
    obs.ip(bareIndicatorIp(gateways[2]));
  }
  const fw = rec.tag === 'FW' || f.size === 0 ? fwLine(rec.text) : null;
  obs.srcIp(ip('local_address') ?? ip('source_address') ?? ip('sourceip') ?? bareIndicatorIp(fw?.[4]));
  obs.dstIp(ip('remote_address') ?? ip('destination_address') ?? bareIndicatorIp(fw?.[5]));
  obs.ip(ip('nat_local_address'));
  obs.ip(ip('nat_remote_address'));
  obs.user(f.get('username'));
  return obs;
}

function severityOf(rec: SrxRecord): Severity {
  const f = rec.fields;
  const tag = rec.tag ?? '';
  const stated = mapSeverity(f.get('threat_severity'));
  if (stated && stated !== 'info') return stated;
  if (rec.process === 'RT_IDP' && /ATTACK/.test(tag)) return 'high';
  if (/^(?:AV_VIRUS_DETECTED|AAMW_MALWARE|AAMW_HOST_INFECTED)/.test(tag)) return 'high';
  if (f.get('action') === 'BLOCK' && (rec.process === 'RT_AAMW' || rec.process === 'RT_SECINTEL'))
    return 'high';
  if (/^(?:WEBFILTER_URL_BLOCKED|ANTISPAM_SPAM_DETECTED|CONTENT_FILTERING_BLOCKED)/.test(tag))
    return 'medium';
  if (rec.process === 'RT_IDS' || tag.startsWith('RT_SCREEN')) return 'medium';
  if (/DENY|LOGIN_FAILED|AUTH_FAILURE/.test(tag)) return 'low';
  return rec.sys.pri !== null ? syslogSeverityOfPri(rec.sys.pri) : 'info';
}

function titleOf(rec: SrxRecord): { title: string; ruleId: string | null } {
  const f = rec.fields;
  const head = `Juniper SRX ${rec.tag ?? rec.process}`;
  const flow = `${f.get('source_address') ?? '?'} -> ${f.get('destination_address') ?? '?'}`;
  switch (rec.process) {
    case 'RT_FLOW':
      return {
        title: `${head}: ${f.get('service_name') ?? f.get('application') ?? ''} ${flow}${f.get('reason') ? ` (${f.get('reason')})` : ''}`,
        ruleId: f.get('policy_name') ?? null,
      };
    case 'RT_IDP':
    case 'RT_IDS': {
      const idp = idpText(rec);
      if (idp)
        return {
          title: `${head}: ${idp.attack ?? ''} ${idp.source ?? '?'} -> ${idp.destination ?? '?'}`,
          ruleId: idp.attack ?? null,
        };
      return {
        title: `${head}: ${f.get('attack_name') ?? f.get('message') ?? ''} ${flow}`,
        ruleId: f.get('attack_name') ?? f.get('rule_name') ?? null,
      };
    }
    case 'RT_UTM':
      return {
        title: `${head}: ${f.get('url') ?? f.get('filename') ?? f.get('name') ?? ''} ${flow}`,
        ruleId: f.get('profile') ?? f.get('profile_name') ?? f.get('category') ?? null,
      };
    case 'RT_AAMW':
    case 'RT_SECINTEL':
      return {
        title: `${head}: ${f.get('action') ?? ''} ${f.get('malware_info') ?? f.get('feed_name') ?? f.get('http_host') ?? ''} ${flow}`,
        ruleId: f.get('policy_name') ?? f.get('feed_name') ?? null,
      };
    default:
      return {
        title: `${head}: ${f.get('message') ?? rec.text}`.slice(0, 300),
        ruleId: rec.tag,
      };
  }
}

const detect = (raw: unknown): boolean => {
  try {
    return asSrx(raw) !== null;
  } catch {
    return false;
  }
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asSrx(raw);
  if (!rec) throw new Error('not a Juniper SRX syslog line');
  const { title, ruleId } = titleOf(rec);
  return parserAlert('juniper_srx.log', 'juniper_srx.log', observablesOf(rec), {
    title: title.replace(/\s+/g, ' ').trim(),
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.sys.timestamp),
    ruleId,
  });
}

export const juniperSrxParser: Parser = {
  name: 'juniper_srx.log',
  claims: { keys: [], text: ['[junos@', 'RT_', 'FW: ', 'negotiation ', 'KERN_', 'PING_TEST_'] },
  detect,
  parse,
};
