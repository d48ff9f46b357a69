// CoreDNS logs, as Elastic's coredns pipeline reads them: `log` plugin query lines (the client as source, the
// query name as a domain, a PTR name that is an address as related), `errors` plugin lines (the query name),
// other `[LEVEL] plugin/<name>:` lines; bare, after a syslog header, or in the container JSON `message`.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** An optional ISO timestamp (and a CRI `stdout F` tag) before the level, as some collectors write it. */
const PREFIX = String.raw`(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))\s+(?:(?:stdout|stderr) [FP] )?)?`;
const LEVEL = String.raw`\[(INFO|WARNING|WARN|ERROR|DEBUG|FATAL)\]`;

/**
 * The `log` plugin's default line: `[LEVEL] client:port - id "type class name. proto size do bufsize" rcode
 * flags rsize duration` and an optional `"opcode"`; the client in brackets when it is IPv6.
 */
const QUERY = new RegExp(
  String.raw`^${PREFIX}${LEVEL} \[?([0-9A-Fa-f:.]+?)\]?:(\d+) - (\d+) "(\S+) (\S+) (\S+) (\S+) \d+ (?:true|false) \d+" ([A-Z]+|\d+) (\S+) \d+ (\d+(?:\.\d+)?)s(?: "\d+")?\s*$`,
);
/** The `errors` plugin's line: `[ERROR] plugin/errors: rcode name. type: message`. */
const ERROR = new RegExp(
  String.raw`^${PREFIX}${LEVEL} (plugin/[\w.-]+): (\d+|[A-Z]+) (\S+)\. ([A-Z0-9]+): (.*)$`,
  's',
);
/** Any other plugin line (`[WARNING] plugin/reload: …`, consolidated error counts): no indicators. */
const PLUGIN = new RegExp(String.raw`^${PREFIX}${LEVEL} (plugin/[\w.-]+): (.*)$`, 's');

/** Numeric DNS response codes as the pipeline names them. */
const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'XRRSET',
  'NOTAUTH',
  'NOTZONE',
];

/** The JSON form a container runtime writes (`{"message": "[INFO] …", "time": …, "kubernetes": …}`). */
const JsonLine = z.object({
  message: z.string(),
  time: z.string().optional(),
});

interface Line {
  text: string;
  /** The time a JSON wrapper or syslog header gives, if any. */
  time: string | null;
}

/** A cheap look at the text before the regular expressions run. */
const LOOKS_LIKE =
  /^(?:\d{4}-\d{2}-\d{2}T\S+\s+(?:(?:stdout|stderr) [FP] )?)?\[(?:INFO|WARNING|WARN|ERROR|DEBUG|FATAL)\] (?:\[|\d|plugin\/)/;

/** The CoreDNS line: the text itself, or a syslog line's message (Elastic's grok is not anchored). */
function coreText(s: string): Line | null {
  if (s.length > 8_192) return null;
  if (LOOKS_LIKE.test(s)) return { text: s.trimEnd(), time: null };
  if (!/\[(?:INFO|WARNING|WARN|ERROR|DEBUG|FATAL)\] /.test(s)) return null;
  const sys = parseSyslog(s);
  return sys && LOOKS_LIKE.test(sys.message) ? { text: sys.message.trimEnd(), time: sys.timestamp } : null;
}

function asLine(raw: unknown): Line | null {
  const s = textOf(raw, 8_192);
  if (s !== null) return coreText(s);
  if (!isObject(raw) || !('message' in raw)) return null;
  const parsed = JsonLine.safeParse(raw);
  const line = parsed.success ? coreText(parsed.data.message) : null;
  return parsed.success && line !== null ? { text: line.text, time: parsed.data.time ?? line.time } : null;
}

const matches = (s: string): boolean => QUERY.test(s) || ERROR.test(s) || PLUGIN.test(s);

function detect(raw: unknown): boolean {
  const line = asLine(raw);
  return line !== null && matches(line.text);
}

const rcodeName = (code: string): string => (/^\d+$/.test(code) ? (RCODES[Number(code)] ?? code) : code);

/** The query name without its trailing dot: a domain, or a host when it has one label or is an address. */
function questionName(obs: ObservablesBuilder, name: string, type: string): void {
  const bare = name.replace(/\.$/, '');
  if (!bare) return;
  // The pipeline puts a PTR query's name in related.ip, which holds only an address.
  if (type.toUpperCase() === 'PTR') {
    const ip = bareIndicatorIp(bare);
    if (ip) obs.ip(ip);
    return;
  }
  if (bare.includes('.') && bareIndicatorIp(bare) === null) obs.domain(bare);
  else obs.host(bare);
}

/** Plugin lines are operational: errors and warnings are low, the rest informational. */
const levelSeverity = (level: string): Severity => (level === 'INFO' || level === 'DEBUG' ? 'info' : 'low');

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asLine(raw);
  if (!line) throw new Error('not a CoreDNS line');
  const obs = new ObservablesBuilder();
  const query = QUERY.exec(line.text);
  if (query) {
    const [, ts, , client, , , type = '', , name = '', proto, rcode = ''] = query;
    const ip = bareIndicatorIp(client);
    if (ip) obs.srcIp(ip);
    questionName(obs, name, type);
    const code = rcodeName(rcode);
    return parserAlert('coredns.log', 'coredns.log', obs, {
      title: `DNS ${type} ${name.replace(/\.$/, '') || '.'} from ${client ?? '?'} over ${proto ?? '?'}: ${code}`,
      severity: code === 'NOERROR' || code === 'NXDOMAIN' ? 'info' : 'low',
      observedAt: toIsoTime(line.time ?? ts ?? null),
      ruleId: `dns:${code}`,
    });
  }
  const error = ERROR.exec(line.text);
  if (error) {
    const [, ts, level = '', logger, rcode = '', name = '', type = '', message = ''] = error;
    questionName(obs, name, type);
    return parserAlert('coredns.log', 'coredns.log', obs, {
      title: `CoreDNS ${type} ${name} failed (${rcodeName(rcode)}): ${message}`,
      severity: levelSeverity(level),
      observedAt: toIsoTime(line.time ?? ts ?? null),
      ruleId: logger ?? null,
    });
  }
  const plugin = PLUGIN.exec(line.text);
  if (!plugin) throw new Error('not a CoreDNS line');
  const [, ts, level = '', logger, message = ''] = plugin;
  return parserAlert('coredns.log', 'coredns.log', obs, {
    title: `CoreDNS ${logger ?? ''}: ${message}`,
    severity: levelSeverity(level),
    observedAt: toIsoTime(line.time ?? ts ?? null),
    ruleId: logger ?? null,
  });
}

export const corednsParser: Parser = {
  name: 'coredns.log',
  claims: {
    keys: ['message'],
    text: ['[INFO] ', '[WARNING] ', '[WARN] ', '[ERROR] ', '[DEBUG] ', '[FATAL] '],
  },
  detect,
  parse,
};
