// pfSense syslog: `filterlog` CSV firewall records (source and destination by position), OpenVPN lines (the
// client's real address, the user, the pool address handed out), IPsec (charon: a packet's source and
// destination), Unbound queries (the client asking), sshguard (the attacking address). Every other line of these
// programs (and the rest of a charon, Unbound or sshguard line) is read by the shared text rules, so an address
// in it is still found.
import { canonicalIp, parseAddress } from '../ip.js';
import type { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { parseSyslog, type SyslogLine } from '../syslog.js';
import { collectText, newCollector } from '../text-collector.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const PROGRAMS =
  /^(?:filterlog|openvpn|dhcpleases|dpinger|sshguard|php-fpm|check_reload_status|charon|unbound|radvd|rc\.gateway_alarm|dhcpd|dhclient|dhcp6c)$/;

function asPfsense(raw: unknown): SyslogLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<')) return null;
  const sys = parseSyslog(s);
  return sys?.app && PROGRAMS.test(sys.app) ? sys : null;
}

function filterlog(msg: string, obs: ObservablesBuilder): string {
  const f = msg.split(',');
  const version = f[8];
  const action = f[6] ?? '';
  const offset = version === '6' ? 15 : 18;
  const src = f[offset];
  const dst = f[offset + 1];
  if (src && canonicalIp(src)) obs.srcIp(src);
  if (dst && canonicalIp(dst)) obs.dstIp(dst);
  const proto = version === '6' ? f[12] : f[16];
  return `pfSense ${action} ${f[7] ?? ''} ${proto ?? ''} ${src ?? '?'} -> ${dst ?? '?'} on ${f[4] ?? '?'}`.replace(
    /\s+/g,
    ' ',
  );
}

function openvpn(msg: string, obs: ObservablesBuilder): void {
  const peer = /^(?:([^\s/]+)\/)?(\[?[0-9A-Fa-f:.]+\]?:\d+|\[?[0-9A-Fa-f:.]+\]?) /.exec(msg);
  if (peer) {
    obs.user(peer[1]);
    obs.srcIp(parseAddress(peer[2] ?? ''));
  }
  const named = /^\S+ \[([^\]]+)\] Peer Connection Initiated with \[AF_INET6?\](\S+)/.exec(msg);
  if (named) {
    obs.user(named[1]);
    obs.srcIp(parseAddress(named[2] ?? ''));
  }
  const user = /\buser '([^']+)'/.exec(msg) ?? /\busername '([^']+)'/.exec(msg);
  if (user) obs.user(user[1]);
  const pool = /\bIPv4=([\d.]+)/.exec(msg);
  if (pool) obs.ip(pool[1]);
  const pool6 = /\bIPv6=([0-9A-Fa-f:]+)/.exec(msg);
  if (pool6) obs.ip(pool6[1]);
}

/** charon's `sending packet: from 192.0.2.1[500] to 198.51.100.7[500] (464 bytes)`. */
const IPSEC_PACKET = /\bfrom ([0-9A-Fa-f:.]+)\[\d+\] to ([0-9A-Fa-f:.]+)\[\d+\]/;
/** charon's `IKE_SA con1[3] established between 192.0.2.1[gw]...198.51.100.7[peer]`: this end and the peer. */
const IPSEC_ENDS = /\bbetween ([0-9A-Fa-f:.]+)\[[^\]]*\]\.\.\.([0-9A-Fa-f:.]+)\[/;
/** Unbound's query log: `[77:0] info: 192.0.2.44 www.example.com. A IN`. */
const UNBOUND_QUERY = /^\[\d+:\d+\] \w+: ([0-9A-Fa-f:.]+) \S+\. \w+ \w+/;
/** sshguard's `Attack from "203.0.113.9" on service 100…` and `Blocking "203.0.113.9/32" for 120 secs…`. */
const SSHGUARD_ATTACKER = /^(?:Attack from|Blocking) "([0-9A-Fa-f:.]+)(?:\/\d+)?"/;

/**
 * ISC dhcpd, dhclient and dhcp6c: the client's address is the source (`DHCPACK on 192.0.2.5 to …`, `Advertise NA:
 * address 2001:db8::5 to client …`, `Sending Reply to fe80::1 port 546`); a request names the server after it
 * (`DHCPREQUEST for 192.0.2.5 (192.0.2.1) from …`), the destination.
 */
const DHCP_CLIENT =
  /^(?:DHCP[A-Z]{3,9} (?:on|for|of|from) |(?:Advertise|Reply) NA: address |Picking pool address |(?:add|remove) an address |Sending (?:Advertise|Reply) to )([0-9A-Fa-f:.]{2,45})(?: \(([0-9A-Fa-f:.]{2,45})\))?/;

/**
 * The roles these programs' lines give their addresses; the text rules then find the rest, unless this returns
 * true (the line's addresses are all read).
 */
function roles(app: string, msg: string, obs: ObservablesBuilder): boolean {
  if (app === 'charon') {
    const packet = IPSEC_PACKET.exec(msg);
    if (packet) {
      obs.srcIp(packet[1]);
      obs.dstIp(packet[2]);
    }
    const ends = IPSEC_ENDS.exec(msg);
    if (ends) {
      obs.ip(ends[1]);
      obs.ip(ends[2]);
    }
  } else if (app === 'unbound') obs.srcIp(UNBOUND_QUERY.exec(msg)?.[1]);
  else if (app === 'sshguard') obs.srcIp(SSHGUARD_ATTACKER.exec(msg)?.[1]);
  else if (app === 'dhcpd' || app === 'dhclient' || app === 'dhcp6c') {
    const dhcp = DHCP_CLIENT.exec(msg);
    if (dhcp) {
      obs.srcIp(dhcp[1]);
      obs.dstIp(dhcp[2]);
      return true;
    }
  }
  return false;
}

const detect = (raw: unknown): boolean => asPfsense(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const sys = asPfsense(raw);
  const c = newCollector();
  const obs = c.builder;
  const msg = sys?.message ?? '';
  let title = `${sys?.app ?? 'pfSense'}: ${msg}`;
  if (sys?.app === 'filterlog') title = filterlog(msg, obs);
  else if (sys?.app === 'openvpn') openvpn(msg, obs);
  else if (!roles(sys?.app ?? '', msg, obs)) collectText(msg, c, 'line');
  const failed = /could not authenticate|AUTH_FAILED|TLS Error|block/i.test(msg);
  return parserAlert('pfsense.log', 'pfsense.log', obs, {
    title,
    severity: failed
      ? 'medium'
      : sys?.pri !== null && sys?.pri !== undefined
        ? syslogSeverityOfPri(sys.pri)
        : 'info',
    observedAt: toIsoTime(sys?.timestamp ?? null),
    ruleId: sys?.app === 'filterlog' ? `filterlog:${msg.split(',')[0] ?? ''}` : (sys?.app ?? null),
  });
}

export const pfsenseParser: Parser = {
  name: 'pfsense.log',
  claims: {
    keys: [],
    text: [
      'filterlog',
      'openvpn',
      'dhcpleases',
      'dpinger',
      'sshguard',
      'php-fpm',
      'check_reload_status',
      'charon',
      'unbound',
      'radvd',
      'rc.gateway_alarm',
      'dhcpd',
      'dhclient',
      'dhcp6c',
    ],
  },
  detect,
  parse,
};
