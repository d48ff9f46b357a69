// Apache Tomcat logs as Elastic's tomcat pipelines read them: the AccessLogValve line with the local address and
// X-Forwarded-For (client, local and forwarded addresses), and catalina/localhost application-log lines (no
// indicators). Plain common/combined lines are left to the nginx/Apache access parser, which reads them alike.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime, toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const HEAD = '^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] "(\\S+) (\\S*) HTTP\\/([^"]*)" (\\d{3}) (\\S+)';
/**
 * `%h %l %u %t "%r" %s %b [%A] [%U] [%X] [%D] "%{Referer}i" "%{User-Agent}i" X-Forwarded-For="%{X-Forwarded-For}i"`:
 * as in the pipeline's grok, the local address, the connection status (`X`, `+`, `-`) and the time taken may
 * each be left out, and the forwarded list may be empty or cut off.
 */
const EXTENDED = new RegExp(
  `${HEAD}(?: ([^\\s"]+))??(?: (\\/[^\\s"]*))?(?: ([-+X]))?(?: +(\\d+(?:\\.\\d+)?))? "([^"]*)" "([^"]*)" X-Forwarded-For="([^"]*)"?$`,
);
/** A combined line whose user-agent quote is never closed, which only Tomcat's pipeline accepts (`(\")*$`). */
const UNCLOSED = new RegExp(`${HEAD} "([^"]*)" "([^"]*)$`);
/** `06-Mar-2023 18:34:17.383 SEVERE [main] org.apache… message` (catalina.out, catalina.*.log, localhost.*.log). */
const APPLOG =
  /^(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}:\d{2}:\d{2}\.\d{3}) (SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST|ALL) \[([^\]\n]*)\] ([^\n]*)/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const title = (message: string): string => (message.length > 200 ? `${message.slice(0, 197)}...` : message);

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  if (s === null || s.length < 24) return false;
  if (s[2] === '-' && s[6] === '-') return APPLOG.test(s);
  if (!s.includes('] "')) return false;
  if (!s.includes(' X-Forwarded-For="')) return !s.endsWith('"') && UNCLOSED.test(s);
  const m = EXTENDED.exec(s);
  // Apache writes the same combined line with X-Forwarded-For appended: only a Tomcat field between the size
  // and the referrer, or a forwarded list cut off (which only Tomcat's pipeline accepts), makes it Tomcat's.
  return m !== null && (m.slice(10, 14).some((v) => v !== undefined) || !s.endsWith('"'));
}

/**
 * An access line: the client as the source (a host name, which the pipeline's grok reads as `source.user.name`,
 * as a user), the local address and each forwarded address as related addresses. The pipeline maps `%u` to a
 * non-ECS field, so the authenticated user is no indicator here.
 */
function access(m: RegExpExecArray, local: string | undefined, forwarded: string | undefined) {
  const obs = new ObservablesBuilder();
  const client = m[1] ?? '';
  const ip = bareIndicatorIp(client);
  if (ip) obs.srcIp(ip);
  else obs.user(client);
  obs.ip(bareIndicatorIp(local));
  for (const f of forwarded ? forwarded.split(/,\s*/) : []) obs.ip(bareIndicatorIp(f.trim()));
  const status = Number(m[8]);
  return parserAlert('tomcat', 'apache_tomcat.access', obs, {
    title: `${m[5] ?? ''} ${m[6] ?? ''} -> ${status}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: clfTime(m[4]),
    ruleId: `http:${status}`,
  });
}

function levelSeverity(level: string | undefined): Severity {
  return level === 'SEVERE' || level === 'WARNING' ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, 16_384) ?? '';
  const app = APPLOG.exec(s);
  if (app) {
    const month = MONTHS.indexOf(app[2] ?? '') + 1;
    return parserAlert('tomcat', 'apache_tomcat.catalina', new ObservablesBuilder(), {
      title: title(`tomcat ${app[5] ?? ''} [${app[6] ?? ''}]: ${app[7] ?? ''}`),
      severity: levelSeverity(app[5]),
      // The line carries no zone: read as UTC, as the pipeline's date processor does.
      observedAt: toIsoTime(`${app[3]}-${String(month).padStart(2, '0')}-${app[1]}T${app[4]}Z`),
      ruleId: `tomcat:${(app[5] ?? '').toLowerCase()}`,
    });
  }
  const ext = EXTENDED.exec(s);
  if (ext) return access(ext, ext[10], ext[16]);
  const unclosed = UNCLOSED.exec(s);
  if (unclosed) return access(unclosed, undefined, undefined);
  throw new Error('not a Tomcat log line');
}

export const tomcatParser: Parser = {
  name: 'tomcat',
  claims: {
    keys: [],
    text: [
      ' HTTP/',
      ' SEVERE [',
      ' WARNING [',
      ' INFO [',
      ' CONFIG [',
      ' FINE [',
      ' FINER [',
      ' FINEST [',
      ' ALL [',
    ],
  },
  detect,
  parse,
};
