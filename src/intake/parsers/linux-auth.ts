// Linux auth.log / secure lines (sshd, sudo, su, PAM, cron, login, useradd …): the syslog host, the
// users acting and acted upon, and the remote address of a login.
import type { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog, type SyslogLine } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { collectText, newCollector } from '../text-collector.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const AUTH_PROGRAMS =
  /^(?:sshd|sshd-session|sudo|su|cron|crond|login|systemd-logind|useradd|userdel|usermod|groupadd|groupdel|gpasswd|passwd|chpasswd|chage|chsh|chfn|newusers|polkitd|pkexec|doas|unix_chkpwd|gdm-password|lightdm|sddm|vsftpd|dropbear)$/i;
const IP = '(?<ip>\\S+?)';

const USER = '(?<user>\\S+)';

/** Patterns that name the remote source of a login, and the account it was for when they name one. */
const SOURCE_PATTERNS: readonly RegExp[] = [
  new RegExp(`^(?:Accepted|Failed|Postponed) \\S+ for (?:invalid user )?${USER} from ${IP} port \\d+`),
  new RegExp(`^Invalid user (?<user>\\S*) from ${IP}(?: port \\d+)?$`),
  new RegExp(
    `^(?:Connection closed|Disconnected) by (?:authenticating |invalid )?user ${USER} ${IP} port \\d+`,
  ),
  new RegExp(`^User ${USER} from ${IP} not allowed`),
  new RegExp(
    `^error: maximum authentication attempts exceeded for (?:invalid user )?${USER} from ${IP} port`,
  ),
  // A client that connected and sent nothing (a port scan, a health check): the address is the source.
  new RegExp(`^Did not receive identification string from ${IP}(?: port \\d+)?$`),
];

/** A character `.` does not match: the lazy `.*?` of the patterns these functions replace stopped at one. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * sudo's `user : [reason ; ]TTY=… ; PWD=… ; USER=target ; COMMAND=…`: the user and the first `USER=` field after
 * the first `TTY=` or `PWD=` field (after the reason, else opening the fields). Read field by field: as one
 * pattern (`(?:.*?;\s*)?(?:TTY|PWD)=.*?;\s*USER=(\S+)\s*;`), a long hostile line took polynomial time.
 */
function sudoUsers(msg: string): [string, string] | null {
  const head = /^\s*(\S+) : /.exec(msg);
  if (!head?.[1]) return null;
  const fields = msg.slice(head[0].length).split(';');
  const opens = (field: string): boolean => /^(?:TTY|PWD)=/.test(field);
  /** The `USER=` value of the first such field after `from`, the fields before it on one line. */
  const userAfter = (from: number): string | undefined => {
    if (LINE_END.test(fields[from]?.trimStart() ?? '')) return undefined;
    for (let i = from + 1; i < fields.length - 1; i++) {
      const target = /^\s*USER=(\S+)\s*$/.exec(fields[i] ?? '')?.[1];
      if (target) return target;
      if (LINE_END.test(fields[i] ?? '')) return undefined;
    }
    return undefined;
  };
  let target: string | undefined;
  for (let i = 1; i < fields.length && !LINE_END.test(fields[i - 1] ?? ''); i++) {
    if (!opens(fields[i]?.trimStart() ?? '')) continue;
    target = userAfter(i);
    break;
  }
  if (target === undefined && opens(fields[0] ?? '')) target = userAfter(0);
  return target === undefined ? null : [head[1], target];
}

/**
 * PAM's `authentication failure; logname=… ruser=… user=…`: each key searched for after the one before it, on
 * one line. As one pattern with a lazy `.*?` between the keys, a long hostile line took quadratic time.
 */
function pamFailureUsers(msg: string): [logname: string, ruser: string, user: string] | null {
  for (const line of msg.split(LINE_END)) {
    // `authentication failure;`, and sshd's summary `PAM 2 more authentication failures;`.
    const at = /authentication failures?;/.exec(line);
    if (!at) continue;
    let from = at.index + at[0].length;
    const values: string[] = [];
    for (const key of [/\blogname=(\S*)/g, /\bruser=(\S*)/g, /\buser=(\S+)/g]) {
      key.lastIndex = from;
      const m = key.exec(line);
      if (!m) break;
      values.push(m[1] ?? '');
      from = key.lastIndex;
    }
    if (values.length === 3) return [values[0] ?? '', values[1] ?? '', values[2] ?? ''];
  }
  return null;
}

function collectUsers(msg: string, obs: ObservablesBuilder): void {
  const sudo = sudoUsers(msg);
  if (sudo) {
    obs.user(sudo[0]);
    obs.user(sudo[1]);
  }
  const pam =
    /session (?:opened|closed) for user ([^\s(]+)(?:\(uid=\d+\))?(?: by ([^\s(]*)\(uid=\d+\))?/.exec(msg);
  if (pam) {
    obs.user(pam[2]);
    obs.user(pam[1]);
  }
  // The account, the remote user, and the login session that asked (`logname=alice … user=bob`: alice tried bob's).
  const authFail = pamFailureUsers(msg);
  if (authFail) {
    obs.user(authFail[2]);
    obs.user(authFail[1]);
    obs.user(authFail[0]);
  }
  for (const re of [
    /\bby user "?([^\s"]+)"?/,
    /^pam_unix\([^)]*\): check pass; user (\S+)/,
    /^Successful su for (\S+) by (\S+)/,
    /^FAILED su for (\S+) by (\S+)/,
    /^new user: name=([^,\s]+)/,
    /^(?:delete|failed adding) user '([^']+)'/,
    /^(?:pam_\w+\([\w-]+:\w+\): )?password changed for (\S+)/,
    /^password check failed for user \(([^\s()]+)\)/,
    /^(?:pam_\w+\([\w-]+:\w+\): )?user "([^\s"]+)" does not exist/,
    /^change(?:d)? user '([^']+)'/,
    // gpasswd and usermod on group membership: the member, and who changed it.
    /^user (\S+) (?:added|removed) by (\S+) (?:to|from) group /,
    /^(?:add|delete) '([^']+)' (?:to|from) (?:shadow )?group /,
    // userdel removing a user's own group.
    /^removed (?:shadow )?group '[^']+' owned by '([^']+)'/,
    // pam_faillock: `Consecutive login failures for user test account temporarily locked`.
    /\blogin failures for user (\S+) account /,
    // `+ tty from:to`; `to` holds no colon but a last one, so the `:` that splits is found once (not quadratic).
    /^\+ \S+ (\S+):([^\s:]+:?|:)$/,
    /^Removed session \S+ for user (\S+)|^New session \S+ of user (\S+)/,
  ]) {
    const m = re.exec(msg);
    if (m) for (const u of m.slice(1)) obs.user(u?.replace(/\.$/, ''));
  }
}

/**
 * A message of sshd, sudo or PAM without its syslog header (journald's `MESSAGE`, an agent that split the header
 * off): recognised by wording only these programs use.
 */
const BARE_AUTH_MESSAGE =
  /^(?:pam_[a-z_]{1,32}\([\w-]{1,32}:\w{1,16}\): |(?:Accepted|Failed|Postponed) (?:password|publickey|keyboard-interactive(?:\/pam)?|none|gssapi-with-mic|hostbased) for |Invalid user \S{0,64} from |Did not receive identification string from |\s{0,32}[\w.@\\-]{1,64} : (?:[^;\n]{1,80} ; )?(?:TTY|PWD)=)/;

function asAuthLine(raw: unknown): SyslogLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const sys = parseSyslog(s);
  if (sys?.app) return AUTH_PROGRAMS.test(sys.app) ? sys : null;
  if (!BARE_AUTH_MESSAGE.test(s)) return null;
  return {
    pri: null,
    timestamp: null,
    host: null,
    app: null,
    pid: null,
    message: s,
    structuredData: null,
    rfc: '3164',
  };
}

const detect = (raw: unknown): boolean => asAuthLine(raw) !== null;

/**
 * A message that opens with an event tag (`SSHD_LOGIN_FAILED: Login failed for user 'bob' from host '…'`) is
 * not OpenSSH's or PAM's own wording but a network OS's (Junos) logging for its sshd: the shared text rules
 * read it.
 */
const EVENT_TAG = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+:\s/;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const sys = asAuthLine(raw);
  const c = newCollector();
  const obs = c.builder;
  const msg = sys?.message ?? '';
  obs.host(sys?.host ?? undefined);
  if (EVENT_TAG.test(msg)) collectText(msg.slice(msg.indexOf(':') + 1), c, 'line');
  for (const re of SOURCE_PATTERNS) {
    const m = re.exec(msg);
    if (!m) continue;
    obs.user(m.groups?.user);
    obs.srcIp(m.groups?.ip);
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
      // Header-less messages (`BARE_AUTH_MESSAGE`).
      'pam_',
      'accepted ',
      'failed ',
      'postponed ',
      'invalid user ',
      'identification string',
      'tty=',
      'pwd=',
    ],
  },
  detect,
  parse,
};
