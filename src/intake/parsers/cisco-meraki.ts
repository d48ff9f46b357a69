// Cisco Meraki syslog (`<pri>1 <epoch> <device> <type> …` from MX, MR and MS devices): flows and firewall
// records, ip_flow_start/end, urls, ids-alerts, security_event, airmarshal_events and events, mapped as
// Elastic's `cisco_meraki.log` pipelines map them (the device is the observer, never a host).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { parsePlainKv } from '../kv.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** Message types Meraki devices send; the four firewall types share the flows layout. */
const TYPES = new Set([
  'flows',
  'firewall',
  'vpn_firewall',
  'cellular_firewall',
  'bridge_anyconnect_client_vpn_firewall',
  'ip_flow_start',
  'ip_flow_end',
  'urls',
  'ids-alerts',
  'security_event',
  'airmarshal_events',
  'events',
]);
const EPOCH = /^\d{9,10}(?:\.\d+)?$/;
/** The same header without a PRI, as some relays forward it. */
const BARE_HEADER = /^(\d{9,10}(?:\.\d+)?) (\S+) ([\s\S]*)$/;

interface MerakiLine {
  pri: number | null;
  epoch: string;
  device: string;
  type: string;
  /** The text after the type token. */
  body: string;
  kv: ReadonlyMap<string, string>;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `<pri>1 <digit>` or a bare `<digit>`: the only starts a Meraki line has, checked before any regex. */
function merakiStart(s: string): boolean {
  const c = s.charCodeAt(0);
  if (isDigit(c)) return true;
  if (c !== 60) return false;
  const gt = s.indexOf('>', 2);
  return (
    gt > 1 &&
    gt < 5 &&
    s.charCodeAt(gt + 1) === 49 &&
    s.charCodeAt(gt + 2) === 32 &&
    isDigit(s.charCodeAt(gt + 3))
  );
}

function asMeraki(raw: unknown): MerakiLine | null {
  const text = textOf(raw, 65_536);
  if (!text || !merakiStart(text.charCodeAt(0) <= 32 ? text.trimStart() : text)) return null;
  const s = text.trim();
  let pri: number | null = null;
  let epoch: string;
  let device: string;
  let rest: string;
  if (s.startsWith('<')) {
    const sys = parseSyslog(s);
    if (!sys || sys.app !== null || !sys.timestamp || !EPOCH.test(sys.timestamp) || !sys.host) return null;
    ({ pri } = sys);
    epoch = sys.timestamp;
    device = sys.host;
    rest = sys.message;
  } else {
    const m = BARE_HEADER.exec(s);
    if (!m) return null;
    epoch = m[1] ?? '';
    device = m[2] ?? '';
    rest = m[3] ?? '';
  }
  const sp = rest.indexOf(' ');
  const type = sp < 0 ? rest : rest.slice(0, sp);
  if (!TYPES.has(type)) return null;
  const body = sp < 0 ? '' : rest.slice(sp + 1).trim();
  // Text after `message:` / `request:` is free text, not pairs.
  const pairs = body.split(/\s(?:message|request):/)[0] ?? '';
  const kv = new Map<string, string>();
  for (const { key, value } of parsePlainKv(pairs)) if (!kv.has(key)) kv.set(key, value);
  return { pri, epoch, device, type, body, kv };
}

/** A bare address (Elastic's grok takes no port here), or null; never the unspecified address. */
const bareAddress = (v: string | undefined): string | null => indicatorIp(canonicalIp(v ?? '') ?? undefined);

/** The host of a URL, for a domain indicator. */
const urlHost = (url: string | undefined): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?([^/:?#\s]+)/i.exec(url ?? '')?.[1];

interface Reading {
  title: string;
  severity: Severity;
  ruleId: string | null;
}

/** flows and the firewall types: `[allow|deny] src= dst= [mac=] protocol= [sport= dport=] [pattern: …]`. */
/**
 * The text after `marker` to the end, where no line break follows (`marker(.*)$`): only the last line is searched,
 * from `reach` characters before its break (how far into the marker a break may fall). As one pattern, every
 * marker of a long hostile body was scanned to its end (quadratic time).
 */
function lastLineAfter(body: string, marker: RegExp, reach: number): string | undefined {
  const lastBreak = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((c) => body.lastIndexOf(c)));
  const from = lastBreak < 0 ? 0 : Math.max(0, lastBreak - reach);
  const m = marker.exec(body.slice(from));
  return m ? body.slice(from + m.index + m[0].length) : undefined;
}

function flows(line: MerakiLine, obs: ObservablesBuilder): Reading {
  const { kv } = line;
  obs.srcIp(indicatorIp(kv.get('src')));
  obs.dstIp(indicatorIp(kv.get('dst')));
  const op = /^(allow|deny|block)\b/.exec(line.body)?.[1];
  const pattern = lastLineAfter(line.body, /\spattern: /, 0)?.trim();
  // An older pattern starts with 1 (allowed) or 0 (denied) instead of the word.
  const word = /^(allow|deny|1|0)\b/.exec(pattern ?? '')?.[1];
  const verdict = op ?? (word === '1' ? 'allow' : word === '0' ? 'deny' : (word ?? ''));
  return {
    title: `Meraki ${line.type}: ${verdict} ${kv.get('protocol') ?? ''} ${kv.get('src') ?? '?'} -> ${kv.get('dst') ?? '?'}`,
    severity: /^(?:deny|block)$/.test(verdict) ? 'low' : 'info',
    ruleId: pattern ?? op ?? null,
  };
}

/** ip_flow_start/end: Elastic reports the translated (NAT) address in place of the original one. */
function ipFlow(line: MerakiLine, obs: ObservablesBuilder): Reading {
  const { kv } = line;
  obs.srcIp(indicatorIp(kv.get('translated_src_ip') ?? kv.get('src')));
  obs.dstIp(indicatorIp(kv.get('translated_dst_ip') ?? kv.get('dst')));
  return {
    title: `Meraki ${line.type}: ${kv.get('protocol') ?? ''} ${kv.get('src') ?? '?'} -> ${kv.get('dst') ?? '?'}`,
    severity: 'info',
    ruleId: null,
  };
}

/** urls: `src=ip:port dst=ip:port mac= [agent='…'] request: METHOD URL`; the URL's site is a domain. */
function urls(line: MerakiLine, obs: ObservablesBuilder): Reading {
  const { kv } = line;
  obs.srcIp(indicatorIp(kv.get('src')));
  obs.dstIp(indicatorIp(kv.get('dst')));
  const req = /\srequest: (\S+) (\S+)/.exec(` ${line.body}`);
  const url = req?.[2];
  obs.url(url);
  obs.domain(urlHost(url));
  return {
    title: `Meraki urls: ${req?.[1] ?? ''} ${url ?? ''}`,
    severity: 'info',
    ruleId: null,
  };
}

/** ids-alerts and security_event (ids_alerted, security_filtering_file_scanned, …_disposition_change). */
function security(line: MerakiLine, obs: ObservablesBuilder): Reading {
  const { kv } = line;
  const subtype = line.type === 'ids-alerts' ? 'ids_alerted' : (/^(\S+)/.exec(line.body)?.[1] ?? '');
  if (subtype !== 'security_filtering_disposition_change') {
    obs.srcIp(indicatorIp(kv.get('src')));
    obs.dstIp(indicatorIp(kv.get('dst')));
  }
  const url = kv.get('url');
  obs.url(url);
  obs.domain(urlHost(url));
  obs.hash(kv.get('sha256'));
  const message = lastLineAfter(line.body, /\smessage:\s?/, 9)?.trim();
  if (subtype === 'ids_alerted') {
    const signature = kv.get('signature') ?? null;
    return {
      title: `Meraki IDS alert: ${message ?? signature ?? ''}`,
      severity: mapSeverity(kv.get('priority'), 'rank') ?? 'medium',
      ruleId: signature,
    };
  }
  const disposition = kv.get('disposition');
  const action = kv.get('action');
  return {
    title: `Meraki ${subtype}: ${kv.get('name') ?? ''} (${[disposition, action].filter(Boolean).join(', ')})`,
    severity: mapSeverity(disposition) ?? (action === 'block' ? 'medium' : 'low'),
    ruleId: subtype || null,
  };
}

const AIRMARSHAL_SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  rogue_ssid_detected: 'medium',
  ssid_spoofing_detected: 'high',
  device_packet_flood: 'medium',
});

/** airmarshal_events: wireless threats; only MAC addresses, no IP, user or host indicators. */
function airmarshal(line: MerakiLine): Reading {
  const subtype = line.kv.get('type') ?? '';
  const ssid = line.kv.get('ssid');
  return {
    title: `Meraki Air Marshal ${subtype}${ssid ? `: ${ssid}` : ''} (bssid ${line.kv.get('bssid') ?? '?'})`,
    severity: AIRMARSHAL_SEVERITY[subtype] ?? 'low',
    ruleId: subtype || null,
  };
}

const FAILED_EVENTS =
  /^(?:8021x_eap_failure|8021x_deauth|wpa_deauth|dhcp_no_offer|device_packet_flood|martian_vlan|content_filtering_block)$/;

/**
 * events: blocked ARP senders and competing DHCP servers are the addresses Elastic maps. A client VPN line's user
 * id is `user.name` (the user); its peer address is only `client.ip` (not related), so it stays in the title.
 */
function events(line: MerakiLine, obs: ObservablesBuilder): Reading {
  const { body, kv } = line;
  const first = /^(\S+)/.exec(body)?.[1] ?? '';
  let subtype = kv.get('type') ?? first;
  const arp = /^Blocked ARP Packet from \S+ with IP (\S+) on /.exec(body);
  if (arp) {
    subtype = 'arp_blocked';
    obs.srcIp(bareAddress(arp[1]));
  }
  if (subtype === 'content_filtering_block') {
    // Elastic maps nothing of a blocked site; the URL and its site are kept as URL and domain (not related.hosts).
    obs.url(kv.get('url'));
    obs.domain(urlHost(kv.get('url')));
  }
  const vpnUser = /^client_vpn_(?:connect|disconnect) user id '([^']+)'/.exec(body)?.[1];
  if (vpnUser) obs.user(vpnUser);
  if (subtype === 'multiple_dhcp_servers_detected') {
    obs.ip(bareAddress(kv.get('original_server_ip')));
    obs.ip(bareAddress(kv.get('server_ip')));
  }
  // Subtypes named as Elastic names them (`cisco_meraki.event_subtype`).
  const port = /^port \S+ (changed stp role|status changed)\b/i.exec(body)?.[1];
  if (/^site-to-site$/i.test(first)) subtype = 'Site-to-Site VPN';
  else if (first === 'dhcp')
    subtype = /^dhcp lease\b/.test(body)
      ? 'dhcp_offer'
      : /^dhcp no offers\b/.test(body)
        ? 'dhcp_no_offer'
        : 'dhcp';
  else if (port) subtype = `port_${port.toLowerCase().replace(/ /g, '_')}`;
  const summary = body.length > 160 ? `${body.slice(0, 157)}...` : body;
  return {
    title: `Meraki event ${subtype}: ${summary}`,
    severity: FAILED_EVENTS.test(subtype) ? 'low' : 'info',
    ruleId: subtype || null,
  };
}

function read(line: MerakiLine, obs: ObservablesBuilder): Reading {
  switch (line.type) {
    case 'ip_flow_start':
    case 'ip_flow_end':
      return ipFlow(line, obs);
    case 'urls':
      return urls(line, obs);
    case 'ids-alerts':
    case 'security_event':
      return security(line, obs);
    case 'airmarshal_events':
      return airmarshal(line);
    case 'events':
      return events(line, obs);
    default:
      return flows(line, obs);
  }
}

const detect = (raw: unknown): boolean => asMeraki(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asMeraki(raw);
  if (!line) throw new Error('not a Cisco Meraki syslog line');
  // Elastic relates no flow endpoint: related.ip holds only the DHCP servers an AP reports.
  const obs = new ObservablesBuilder(false);
  const r = read(line, obs);
  const base = line.pri === null ? null : syslogSeverityOfPri(line.pri);
  return parserAlert('cisco_meraki', 'cisco_meraki.log', obs, {
    title: `${r.title} on ${line.device}`.replace(/\s+/g, ' ').trim(),
    severity: r.severity === 'info' && base !== null && base !== 'info' ? base : r.severity,
    observedAt: toIsoTime(line.epoch),
    ruleId: r.ruleId,
  });
}

export const ciscoMerakiParser: Parser = {
  name: 'cisco_meraki',
  claims: {
    keys: [],
    text: [
      ' flows',
      ' firewall',
      ' vpn_firewall',
      ' cellular_firewall',
      ' bridge_anyconnect_client_vpn_firewall',
      ' ip_flow_start',
      ' ip_flow_end',
      ' urls',
      ' ids-alerts',
      ' security_event',
      ' airmarshal_events',
      ' events',
    ],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
