// Nginx / Apache combined access log lines: the client address (or forwarded-for list) as the source
// and the authenticated user.
import { findIps } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/**
 * `[vhost ]client ident user [time] "request" status bytes[ "referrer" "agent"]`; the client is a word, or a
 * forwarded-for list whose later words are addresses (`a, b,c`). Written with a lazy `\S+?` beside `, ?address`
 * parts that could also take its commas, the client split in polynomially many ways (seconds on a 16 KB line).
 */
const ACCESS =
  /^(?:(\S+) )?(\S+(?:, [0-9A-Fa-f:.]+(?:,[0-9A-Fa-f:.]+)*)*) (\S+) (\S+) \[([^\]]+)\] "([^"]*)" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?/;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  return s !== null && s.includes('] "') && ACCESS.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = ACCESS.exec(textOf(raw, 16_384) ?? '');
  const obs = new ObservablesBuilder();
  const client = m?.[2] ?? '';
  // The client whole first: the text scan skips short forms such as IPv6 loopback `::1`.
  const whole = bareIndicatorIp(client);
  const hits = whole ? [whole] : findIps(client).map((h) => h.ip);
  if (hits.length > 0) hits.forEach((ip) => obs.srcIp(ip));
  else obs.domain(client);
  obs.user(m?.[4]);
  const request = m?.[6] ?? '';
  const status = Number(m?.[7] ?? 0);
  return parserAlert('nginx.access', 'nginx.access', obs, {
    title: `${request || 'HTTP request'} -> ${status}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: clfTime(m?.[5] ?? ''),
    ruleId: `http:${status}`,
  });
}

export const nginxAccessParser: Parser = {
  name: 'nginx.access',
  claims: { keys: [], text: ['] "'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
