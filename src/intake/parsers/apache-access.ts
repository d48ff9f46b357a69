// Apache httpd mod_ssl request-log lines (`[time] client protocol cipher "request" bytes`), as Elastic's
// `apache.access` pipeline reads them: the client is the source (a host name goes to the hosts). Common and
// combined access lines are left to the nginx/Apache access parser, which reads them alike.
import { ObservablesBuilder } from '../observables-builder.js';
import { clfTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `[10/Aug/2018:09:45:56 +0200] 192.0.2.7 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 "GET /x HTTP/1.1" 1375` */
const SSL_REQUEST =
  /^\[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] (\S+) ((?:TLS|SSL)v[\d.]+|-) (\S+) "([A-Z]+) (\S*) HTTP\/([\d.]+)" (\d+|-)$/;
const HOSTNAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  return s !== null && s.startsWith('[') && s.includes('] ') && SSL_REQUEST.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = SSL_REQUEST.exec(textOf(raw, 16_384) ?? '');
  if (!m) throw new Error('not an Apache SSL request-log line');
  const obs = new ObservablesBuilder();
  const client = m[2] ?? '';
  const ip = bareIndicatorIp(client);
  if (ip) obs.srcIp(ip);
  else if (HOSTNAME.test(client) && /[A-Za-z]/.test(client) && client !== '-') obs.host(client);
  const protocol = m[3] && m[3] !== '-' ? ` over ${m[3]}` : '';
  return parserAlert('apache.access', 'apache.access', obs, {
    title: `${m[5] ?? ''} ${m[6] ?? ''}${protocol}`,
    severity: 'info',
    observedAt: clfTime(m[1]),
    ruleId: null,
  });
}

export const apacheAccessParser: Parser = {
  name: 'apache.access',
  claims: { keys: [], text: [' HTTP/'] },
  detect,
  parse,
};
