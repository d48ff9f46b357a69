// pfSense syslog: `filterlog` CSV firewall records (source and destination by position) and OpenVPN
// lines (the client's real address, the user, the pool address handed out).
import { canonicalIp, parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { parseSyslog, type SyslogLine } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const PROGRAMS =
  /^(?:filterlog|openvpn|dhcpleases|dpinger|sshguard|php-fpm|check_reload_status|charon|unbound|radvd|rc\.gateway_alarm)$/;

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

const detect = (raw: unknown): boolean => asPfsense(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const sys = asPfsense(raw);
  const obs = new ObservablesBuilder();
  const msg = sys?.message ?? '';
  let title = `${sys?.app ?? 'pfSense'}: ${msg}`;
  if (sys?.app === 'filterlog') title = filterlog(msg, obs);
  else if (sys?.app === 'openvpn') openvpn(msg, obs);
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
    ],
  },
  detect,
  parse,
};
