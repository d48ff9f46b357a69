// Nginx / Apache combined access log lines: the client address (the first public one of a forwarded-for list)
// as the source, the server address some formats put first as the destination, and the authenticated user.
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/**
 * `<head> [time] "request" status bytes[ "referrer" "agent"]`, where the head is `[server ]clients ident user`
 * in space-separated words: Elastic's `(NGINX_HOST )?NGINX_ADDRESS_LIST - user`. The head's words are split
 * below rather than by one pattern: written with optional parts that could each take a word, it split in
 * polynomially many ways on a long line.
 */
const ACCESS = /^([^[\]"\n]{5,1024}?) \[([^\]\n]{1,64})\] "([^"]*)" (\d{3}) (\d+|-)/;
/** A word of the forwarded-for list: an address or a name, with the comma after it. */
const CLIENT_WORD = /^[\w.:%-]{1,64},?$/;
/** The server the request reached (`NGINX_HOST`): an address or a name, with its port. */
const SERVER_WORD = /^[\w.:%-]{1,255}$/;

interface Head {
  server: string | null;
  clients: string[];
  user: string;
}

/** The head's words: at most one server, then one or more clients, then the ident and the user. */
function headOf(head: string): Head | null {
  const words = head.split(' ').filter((w) => w !== '');
  if (words.length < 3 || words.length > 24) return null;
  const user = words.pop() ?? '';
  words.pop();
  // A first word that ends the list with no comma after it, with more words after it, is the server.
  const first = words[0] ?? '';
  const server = words.length >= 2 && !first.endsWith(',') && SERVER_WORD.test(first) ? first : null;
  const clients = server === null ? words : words.slice(1);
  if (!clients.every((w) => CLIENT_WORD.test(w))) return null;
  return { server, clients: clients.map((w) => w.replace(/,$/, '')), user };
}

function read(raw: unknown): { head: Head; m: RegExpExecArray } | null {
  const s = textOf(raw, 16_384);
  if (s === null || !s.includes('] "')) return null;
  const m = ACCESS.exec(s);
  const head = m ? headOf(m[1] ?? '') : null;
  return m && head ? { head, m } : null;
}

/** Elastic's `isPrivate`: 10/8, 172.16/12, 192.168/16 and loopback; anything that is not IPv4 counts as public. */
function privateV4(ip: string): boolean {
  if (!ip.includes('.') || ip.includes(':')) return false;
  const [a, b] = ip.split('.').map(Number);
  return (
    a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b !== undefined && b >= 16 && b <= 31)
  );
}

/** The server word's address without its port, or null when it names the server. */
function serverIp(word: string): string | null {
  return bareIndicatorIp(word) ?? bareIndicatorIp(word.replace(/:\d{1,5}$/, ''));
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  const obs = new ObservablesBuilder();
  const head = r?.head ?? { server: null, clients: [], user: '-' };
  // The client is the first public entry of a forwarded-for list, else its first (Elastic's rule).
  const client = head.clients.find((c) => !privateV4(c)) ?? head.clients[0] ?? '';
  const ip = bareIndicatorIp(client);
  if (ip) obs.srcIp(ip);
  else if (client !== '' && client !== '-') obs.domain(client);
  if (head.server !== null) {
    const dst = serverIp(head.server);
    if (dst) obs.dstIp(dst);
    else obs.domain(head.server.replace(/:\d{1,5}$/, ''));
  }
  obs.user(head.user);
  const m = r?.m;
  const request = m?.[3] ?? '';
  const status = Number(m?.[4] ?? 0);
  return parserAlert('nginx.access', 'nginx.access', obs, {
    title: `${request || 'HTTP request'} -> ${status}`,
    severity: status >= 500 ? 'low' : 'info',
    observedAt: clfTime(m?.[2] ?? ''),
    ruleId: `http:${status}`,
  });
}

export const nginxAccessParser: Parser = {
  name: 'nginx.access',
  claims: { keys: [], text: ['] "'] },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
