// VMware vSphere (vCenter and ESXi) syslog lines, as Elastic's vsphere pipeline reads them: the syslog host
// as the host, vCenter `Event [...] [vim.event.…]` and `applmgmt` lines, and the users its login sub-pipeline
// names (`User DOMAIN\name@client logged in as …`, failed logins, SSO and ESXi login lines), without the domain.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const PRI = String.raw`(?:<(\d{1,3})>(?:\d )?)?`;
const ISO = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)`;
const BSD = String.raw`([A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2})`;
/**
 * The header shapes the pipeline's grok accepts (`host proc pid|- - -`, `host proc[pid]:`, `host proc pid|-`),
 * and a BSD-dated `host proc[pid]:` as forwarders write it.
 */
const HEADERS: readonly RegExp[] = [
  new RegExp(String.raw`^${PRI}${ISO}\s+(\S+)\s+(\S+) (?:(\d+)|-) - -\s*([\s\S]*)$`),
  new RegExp(String.raw`^${PRI}${ISO}\s+(\S+)\s+([^\s[:]+)(?:\[(\d+)\])?: ([\s\S]*)$`),
  new RegExp(String.raw`^${PRI}${ISO}\s+(\S+)\s+(\S+)\s+(?:(\d+)|-)(?: -)?\s+([\s\S]*)$`),
  new RegExp(String.raw`^${PRI}${BSD}\s+(\S+)\s+([^\s[:]+)(?:\[(\d+)\])?: ([\s\S]*)$`),
];

/** vCenter and ESXi services (ESXi writes some capitalised, `Hostd`). */
const VSPHERE_PROCESSES = new Set([
  'vpxd',
  'vpxd-svcs',
  'vpxa',
  'hostd',
  'hostd-probe',
  'vmkernel',
  'vmkwarning',
  'vmkauthd',
  'vobd',
  'fdm',
  'rhttpproxy',
  'applmgmt',
  'applmgmt-audit',
  'updatemgr',
  'vmon',
  'vmcad',
  'vmafdd',
  'vmdird',
  'vmware-sts-idmd',
  'sso',
  'ssoadminserver',
  'sts',
  'vsphere-ui',
  'vsphere-client',
  'vapi-endpoint',
  'vsan-health',
  'vmware-vpostgres',
  'vpxd-main',
  'lookupsvc',
  'vmcam',
  'sps',
  'eam',
  'cis-license',
  'content-library',
  'vmsyslogd',
  'esxupdate',
]);

/** VMware's structured-data ids (`[Originator@6876 …]`, `[shell.cmd@6876 …]`) or a vCenter event class. */
const MARKER = /\[(?:Originator@\d+|[\w.-]+@6876)[\s\]]|\[vim\.event\.\w+\]/;

/** `Event [id] [1-1] [time] [vim.event.Class] [level] rest` (EVENT2 in the pipeline). */
const EVENT = /^Event \[(\d+)\] \S+ \[[^\]]*\] \[([\w.$]+)\] \[(\w+)\] ([\s\S]*)$/;
/** `time: LEVEL rest` or `time 'action' n LEVEL rest` (EVENT1 in the pipeline). */
const TIMED = /^\d{4}-\d{2}-\d{2}T\S+?(?:( '(\S+)' \d+)|:) (\w+)\s+([\s\S]*)$/;

interface VsphereLine {
  pri: number | null;
  timestamp: string;
  host: string;
  process: string;
  message: string;
}

function readHeader(raw: unknown): VsphereLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || s.length < 24) return null;
  for (const re of HEADERS) {
    const m = re.exec(s);
    if (m?.[2] && m[3] && m[4]) {
      return {
        pri: m[1] === undefined ? null : Number(m[1]),
        timestamp: m[2],
        host: m[3],
        process: m[4],
        message: m[6] ?? '',
      };
    }
  }
  return null;
}

function detect(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  const iso = /^(?:<\d{1,3}>(?:\d )?)?\d{4}-\d{2}-\d{2}T/.test(raw);
  if (!iso && !/^(?:<\d{1,3}>)?[A-Z][a-z]{2} /.test(raw)) return false;
  const line = readHeader(raw);
  if (!line) return false;
  // NSX (its distributed firewall's packet log above all) writes VMware's `@6876` structured data too, but is no
  // vSphere component: the generic reader keeps its flow's addresses.
  if (/^nsx/i.test(line.process)) return false;
  // A BSD-dated line (the Linux auth form) only with VMware's own markers.
  const known = iso && VSPHERE_PROCESSES.has(line.process.toLowerCase());
  return known || MARKER.test(line.message.slice(0, 4096));
}

/** Users the pipeline's login sub-pipeline names, in its order; the last match wins, as in the pipeline. */

/**
 * What `/User \{Name: (.*?), Domain: /` captures, by index, line by line: the pattern retried its lazy name
 * from each `User {Name: ` of a long hostile line (quadratic time).
 */
function userNameOf(message: string): string | null {
  for (const line of message.split(/[\n\r\u2028\u2029]/)) {
    const at = line.indexOf('User {Name: ');
    const end = at < 0 ? -1 : line.indexOf(', Domain: ', at + 12);
    if (end >= 0) return line.slice(at + 12, end);
  }
  return null;
}
function loginUser(message: string): string | null {
  let user: string | null = null;
  const after = (marker: string): string | null => {
    const i = message.indexOf(marker);
    return i < 0 ? null : message.slice(i + marker.length);
  };
  if (message.includes('Authenticated user')) {
    const m = /^([^@]*)@/.exec(after(' user ') ?? '');
    if (m) user = m[1] ?? null;
  }
  if (message.includes('logged in as') && message.includes('User ')) {
    const m = /^([^@]*)@\S+ .*? as /.exec(after('User ') ?? '');
    if (m) user = m[1] ?? null;
  }
  if (message.includes('logged in as') && message.includes('Shared secret')) user = 'shared_secret_login';
  if (message.includes('logged in as') && message.includes('SSL thumbprint')) user = 'ssl_thumbprint_login';
  if (message.includes('logged out')) {
    const m = /^([^@]*)@\S+ .*? out \(login time: /.exec(after('User ') ?? '');
    if (m) user = m[1] ?? null;
    const v2 = userNameOf(message);
    if (v2 !== null) user = v2;
  }
  if (message.includes('Failed login')) {
    const m = /^\[[^\]]*\] \[\] \[[^\]]*\] \[\S+ login (\S+) from \S+ /.exec(message);
    if (m) user = m[1] ?? null;
  }
  const loggedIn = /Logged in user: "([^"\\]*)\\([^"]*)"/.exec(message);
  if (loggedIn) user = loggedIn[2] ?? null;
  if (message.includes('logged in successfully')) {
    const m = userNameOf(message);
    if (m !== null) user = m;
  }
  if (user?.includes('\\')) user = user.slice(user.indexOf('\\') + 1);
  return user;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = readHeader(raw);
  if (!line) throw new Error('not a vSphere syslog line');
  const obs = new ObservablesBuilder();
  // The pipeline's HOST is an IP (host.ip) or a host name (host.name); only a name is a host here.
  if (!canonicalIp(line.host)) obs.host(line.host);

  let message = line.message;
  let logger: string | null = null;
  let level: string | null = null;
  let action: string | null = null;
  const event = EVENT.exec(message);
  const timed = event ? null : TIMED.exec(message);
  if (event) {
    logger = event[2] ?? null;
    level = event[3] ?? null;
    message = event[4] ?? '';
  } else if (timed) {
    action = timed[2] ?? null;
    level = timed[3] ?? null;
    message = timed[4] ?? '';
  }

  const isLogin =
    message.includes('logged') ||
    message.toLowerCase().includes('login') ||
    logger === 'vim.event.UserLogoutSessionEvent' ||
    line.process === 'sshd';
  if (isLogin) obs.user(loginUser(message));

  const severity: Severity | null =
    (level ? mapSeverity(level) : null) ?? (line.pri === null ? null : syslogSeverityOfPri(line.pri));
  const subject = message.length > 200 ? `${message.slice(0, 200)}…` : message;
  return parserAlert('vsphere.log', 'vsphere.log', obs, {
    title: `vSphere ${line.process}${logger ? ` ${logger}` : ''}: ${subject}`,
    severity,
    observedAt: toIsoTime(line.timestamp.replace(',', '.')),
    ruleId: logger ?? action ?? line.process,
  });
}

export const vsphereParser: Parser = {
  name: 'vsphere.log',
  claims: {
    keys: [],
    text: ['[Originator@', '@6876', '[vim.event.', ...VSPHERE_PROCESSES],
  },
  detect,
  parse,
};
