// Linux auth.log / secure lines (sshd, sudo, su, PAM, cron, login, useradd …): the syslog host, the
// users acting and acted upon, and the remote address of a login.
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog, type SyslogLine } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const AUTH_PROGRAMS =
  /^(?:sshd|sshd-session|sudo|su|cron|crond|login|systemd-logind|useradd|userdel|usermod|groupadd|groupdel|gpasswd|passwd|chpasswd|chage|chsh|chfn|newusers|polkitd|pkexec|doas|unix_chkpwd|gdm-password|lightdm|sddm|vsftpd|dropbear)$/i;
const IP = '(\\S+?)';

/** Patterns that name the remote source of a login. */
const SOURCE_PATTERNS: readonly RegExp[] = [
  new RegExp(`^(?:Accepted|Failed|Postponed) \\S+ for (?:invalid user )?(\\S+) from ${IP} port \\d+`),
  new RegExp(`^Invalid user (\\S*) from ${IP}(?: port \\d+)?$`),
  new RegExp(
    `^(?:Connection closed|Disconnected) by (?:authenticating |invalid )?user (\\S+) ${IP} port \\d+`,
  ),
  new RegExp(`^User (\\S+) from ${IP} not allowed`),
  new RegExp(`^error: maximum authentication attempts exceeded for (?:invalid user )?(\\S+) from ${IP} port`),
];

function collectUsers(msg: string, obs: ObservablesBuilder): void {
  const sudo = /^\s*(\S+) : (?:.*?;\s*)?(?:TTY|PWD)=.*?;\s*USER=(\S+)\s*;/.exec(msg);
  if (sudo) {
    obs.user(sudo[1]);
    obs.user(sudo[2]);
  }
  const pam =
    /session (?:opened|closed) for user ([^\s(]+)(?:\(uid=\d+\))?(?: by ([^\s(]*)\(uid=\d+\))?/.exec(msg);
  if (pam) {
    obs.user(pam[2]);
    obs.user(pam[1]);
  }
  const authFail = /authentication failure;.*?\blogname=(\S*).*?\bruser=(\S*).*?\buser=(\S+)/.exec(msg);
  if (authFail) {
    obs.user(authFail[3]);
    obs.user(authFail[2]);
  }
  for (const re of [
    /\bby user (\S+)/,
    /^pam_unix\([^)]*\): check pass; user (\S+)/,
    /^Successful su for (\S+) by (\S+)/,
    /^FAILED su for (\S+) by (\S+)/,
    /^new user: name=([^,\s]+)/,
    /^delete user '([^']+)'/,
    /^password changed for (\S+)/,
    /^changed user '([^']+)'/,
    /^\+ \S+ (\S+):(\S+)$/,
    /^Removed session \S+ for user (\S+)|^New session \S+ of user (\S+)/,
  ]) {
    const m = re.exec(msg);
    if (m) for (const u of m.slice(1)) obs.user(u?.replace(/\.$/, ''));
  }
}

function asAuthLine(raw: unknown): SyslogLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const sys = parseSyslog(s);
  return sys?.app && AUTH_PROGRAMS.test(sys.app) ? sys : null;
}

const detect = (raw: unknown): boolean => asAuthLine(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const sys = asAuthLine(raw);
  const obs = new ObservablesBuilder();
  const msg = sys?.message ?? '';
  obs.host(sys?.host ?? undefined);
  for (const re of SOURCE_PATTERNS) {
    const m = re.exec(msg);
    if (!m) continue;
    obs.user(m[1]);
    obs.srcIp(m[2]);
    break;
  }
  const rhost = /\brhost=(\S+)/.exec(msg);
  if (rhost) obs.srcIp(rhost[1]);
  collectUsers(msg, obs);
  const failed = /\b(?:Failed|failure|Invalid|not allowed|FAILED|error|refused|denied)\b/.test(msg);
  return parserAlert('system.auth', 'system.auth', obs, {
    title: `${sys?.app ?? 'auth'}: ${msg}`,
    severity: failed ? 'medium' : 'info',
    observedAt: toIsoTime(sys?.timestamp ?? null),
    ruleId: sys?.app ?? null,
  });
}

export const linuxAuthParser: Parser = {
  name: 'system.auth',
  claims: {
    keys: [],
    text: [
      'sshd',
      'sudo',
      'su[',
      'su:',
      'su ',
      'cron',
      'login',
      'useradd',
      'userdel',
      'usermod',
      'groupadd',
      'groupdel',
      'passwd',
      'chage',
      'chsh',
      'chfn',
      'newusers',
      'polkitd',
      'pkexec',
      'doas',
      'unix_chkpwd',
      'gdm-password',
      'lightdm',
      'sddm',
      'vsftpd',
      'dropbear',
    ],
  },
  detect,
  parse,
};
