// Oracle WebLogic logs as Elastic's oracle_weblogic pipelines read them: the HTTP access log (common format with
// WebLogic's trailing space), whose client address the pipeline keeps as `host.ip` only, and the server/domain
// `####<…>` log records, whose fields are no indicators (the user is a `user.id`, the machine is not `host.name`).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime, toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `host - authuser [26/Mar/2022:23:40:05 +0530] "GET /x HTTP/1.1" 200 8863 ` (note the trailing space). */
const ACCESS = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"]*)" (\d{3}) (\d+|-) $/;
/** `####<time> <level> <subsystem> <machine> <server> <thread> <> <user id> <txid> <epoch ms> <meta> <id> <text>` */
const SERVER =
  /^####<([^>\n]*)> <([^>\n]*)> <([^>\n]*)> <([^>\n]*)> <([^>\n]*)> <(?:[^<>\n]|<[^>\n]*>)*> <[^>\n]*> <[^>\n]*> <[^>\n]*> <(\d*)> <[^>\n]*> <([^>\n]*)> <([^]*?)>\s*$/;

function levelSeverity(level: string | undefined): Severity {
  const l = (level ?? '').toLowerCase();
  if (l === 'emergency' || l === 'alert' || l === 'critical') return 'medium';
  if (l === 'error' || l === 'warning') return 'low';
  return 'info';
}

const title = (message: string): string => (message.length > 200 ? `${message.slice(0, 197)}...` : message);

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  if (s === null || s.length < 24) return false;
  if (s.startsWith('####<')) return SERVER.test(s);
  return s.endsWith(' ') && s.includes('] "') && ACCESS.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, 65_536) ?? '';
  const server = SERVER.exec(s);
  if (server) {
    const ms = Number(server[6]);
    const name = server[5] ?? '';
    const stream = name === '' || /admin/i.test(name) ? 'admin_server' : 'managed_server';
    return parserAlert('oracle_weblogic', `oracle_weblogic.${stream}`, new ObservablesBuilder(), {
      title: title(`WebLogic ${server[2] ?? ''} ${server[3] ?? ''}: ${(server[8] ?? '').trim()}`),
      severity: levelSeverity(server[2]),
      observedAt: server[6] && Number.isFinite(ms) ? toIsoTime(new Date(ms).toISOString()) : null,
      ruleId: server[7] || `weblogic:${(server[2] ?? '').toLowerCase()}`,
    });
  }
  const m = ACCESS.exec(s);
  if (!m) throw new Error('not a WebLogic log line');
  const status = Number(m[6]);
  return parserAlert('oracle_weblogic', 'oracle_weblogic.access', new ObservablesBuilder(), {
    title: `${m[5] || 'HTTP request'} -> ${status}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: clfTime(m[4]),
    ruleId: `http:${status}`,
  });
}

export const oracleWeblogicParser: Parser = {
  name: 'oracle_weblogic',
  claims: { keys: [], text: ['####<', '] "'] },
  detect,
  parse,
};
