// nginx and Apache httpd error-log lines. The client is the source, with no related address, as Elastic's Apache
// pipeline maps `[client …]`. Elastic's nginx error pipeline maps no client at all; Vigil reads nginx's
// `client:` the same way as Apache's, because the client of a failed or refused request is what a SOC looks
// up. nginx's `server:` and `host:` (this server's own names) are no indicators.
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const LEVEL = '(?:emerg|alert|crit|error|warn|notice|info|debug)';
/** `2016/10/25 14:49:34 [error] 54053#0: *1 message` */
const NGINX = new RegExp(
  `^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(${LEVEL})\\] \\d+#\\d+: (?:\\*(\\d+) )?([^\\n]*)`,
);
const APACHE_TIME = '[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})? \\d{4}';
/** `[Mon Dec 26 16:22:08 2016] [error] [client 192.0.2.1] message` (Apache 2.2). */
const APACHE22 = new RegExp(
  `^\\[(${APACHE_TIME})\\] \\[(${LEVEL})\\](?: \\[client ((?:\\[[^\\]\\s]*\\])?[^\\]\\s]*)\\])? ([^\\n]*)`,
);
/** `[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 1:tid 2] [client 192.0.2.1:5] AH00128: message` (2.4). */
const APACHE24 = new RegExp(
  `^(?:\\[(${APACHE_TIME})\\] )?\\[([\\w.-]*):(${LEVEL}|trace[1-8])\\] \\[pid \\d+(?::tid \\d+)?\\](?: \\[client ((?:\\[[^\\]\\s]*\\])?[^\\]\\s]*)\\])? ([^\\n]*)`,
);
/** A bare `AH00558: apache2: …` start-up message, as httpd writes it to stderr. */
const APACHE_BARE = /^(AH\d{5}): ([^\n]*)/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Apache's `Fri Sep 09 10:42:29.902022 2011`, which carries no zone: read as UTC, as the pipeline does. */
function apacheTime(s: string | undefined): string | null {
  const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? (\d{4})$/.exec(s ?? '');
  const month = m ? MONTHS.indexOf(m[1] ?? '') + 1 : 0;
  if (!m || month === 0) return null;
  const frac = m[4] ? m[4].slice(0, 4) : '';
  return toIsoTime(`${m[5]}-${String(month).padStart(2, '0')}-${m[2]}T${m[3]}${frac}Z`);
}

/** Web-server log levels are routine: only the emergency levels rise above low. */
function levelSeverity(level: string | undefined): Severity {
  if (level === 'emerg' || level === 'alert' || level === 'crit') return 'medium';
  if (level === 'error' || level === 'warn') return 'low';
  return 'info';
}

/**
 * Apache's `[client …]` value as the pipeline's grok reads it: the whole value when it is an address (so an
 * unbracketed IPv6 keeps a last group that may be a port), else the address before `:port`; a bracketed
 * IPv6 is read too. A host name becomes a domain.
 */
function apacheClient(obs: ObservablesBuilder, client: string | undefined): void {
  if (!client) return;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(client)?.[1];
  const host = /^(.+?)(?::\d+)?$/.exec(client)?.[1];
  const ip = bareIndicatorIp(client) ?? bareIndicatorIp(bracketed) ?? bareIndicatorIp(host);
  if (ip) obs.srcIp(ip);
  // Up to its first letter the name holds none: with both sides allowed letters, a long run of them was tried
  // at each split (quadratic time).
  else if (host && /^[0-9_.-]*[A-Za-z][A-Za-z0-9_.-]*$/.test(host)) obs.domain(host);
}

const title = (message: string): string => (message.length > 200 ? `${message.slice(0, 197)}...` : message);

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  if (s === null || s.length < 8) return false;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) return s[4] === '/' && NGINX.test(s);
  if (s[0] === '[') return APACHE22.test(s) || APACHE24.test(s);
  return s.startsWith('AH') && APACHE_BARE.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw, 16_384) ?? '';
  const obs = new ObservablesBuilder(false);
  const nginx = NGINX.exec(s);
  if (nginx) {
    const client = /, client: ([^,\s]+)/.exec(nginx[4] ?? '')?.[1];
    if (client) obs.srcIp(bareIndicatorIp(client));
    return parserAlert('web.error', 'nginx.error', obs, {
      title: title(`nginx ${nginx[2] ?? ''}: ${nginx[4] ?? ''}`),
      severity: levelSeverity(nginx[2]),
      observedAt: toIsoTime(nginx[1]),
      ruleId: `nginx:${nginx[2] ?? ''}`,
    });
  }
  const a22 = APACHE22.exec(s);
  if (a22) {
    apacheClient(obs, a22[3]);
    return parserAlert('web.error', 'apache.error', obs, {
      title: title(`apache ${a22[2] ?? ''}: ${a22[4] ?? ''}`),
      severity: levelSeverity(a22[2]),
      observedAt: apacheTime(a22[1]),
      ruleId: `apache:${a22[2] ?? ''}`,
    });
  }
  const a24 = APACHE24.exec(s);
  if (a24) {
    apacheClient(obs, a24[4]);
    const message = a24[5] ?? '';
    const code = /^(AH\d{5}):/.exec(message)?.[1];
    return parserAlert('web.error', 'apache.error', obs, {
      title: title(`apache ${a24[2] ?? ''}:${a24[3] ?? ''}: ${message}`),
      severity: levelSeverity(a24[3]),
      observedAt: apacheTime(a24[1]),
      ruleId: code ?? `apache:${a24[2] ?? ''}:${a24[3] ?? ''}`,
    });
  }
  const bare = APACHE_BARE.exec(s);
  if (!bare) throw new Error('not an nginx or Apache error line');
  return parserAlert('web.error', 'apache.error', obs, {
    title: title(`apache: ${bare[2] ?? ''}`),
    severity: 'info',
    observedAt: null,
    ruleId: bare[1],
  });
}

export const webErrorLogsParser: Parser = {
  name: 'web.error',
  claims: {
    keys: [],
    text: [
      '[emerg]',
      '[alert]',
      '[crit]',
      '[error]',
      '[warn]',
      '[notice]',
      '[info]',
      '[debug]',
      '[pid ',
      'AH',
    ],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
