// Microsoft IIS access lines in the W3C extended format with IIS's default fields (`date time [s-sitename]
// [s-computername] [s-ip] cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip …`): the client address
// is the source, the server's the destination, the server's computer name a host, and an authenticated user
// (without its Windows domain, or the domain of a `user@domain` name) the user. IIS's FTP log (`date time c-ip
// cs-username s-ip s-port cs-method …`) is read the same way.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { domainAccount, localPart, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** An address; an IPv6 link-local one may carry its zone (`fe80::1%3`), which is not part of the address. */
const IP = '([0-9A-Fa-f:.]{2,45})(?:%\\w{1,16})?';
/** An address-looking token, which is the server address and never the (optional) computer name. */
const IP_TOKEN = '(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:%\\w{1,16})?)';
const W3C = new RegExp(
  `^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) (?:W3SVC\\d+ )?(?:(?!${IP_TOKEN} )([\\w.-]+) )?(?:${IP} )?([A-Z][A-Z-]{2,15}) (\\S+) (\\S+) (\\d{1,5}) (\\S+) ${IP}(?= |$)(.*)$`,
);

/** IIS's FTP log: `date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status …`. */
const FTP = new RegExp(
  `^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) ${IP} (\\S+) ${IP} (\\d{1,5}) ([A-Za-z][A-Za-z-]{2,40}) (\\S+) (\\S+) (\\S+) (\\S+)(?= |$)`,
);

interface IisLine {
  date: string;
  time: string;
  client: string;
  server: string | undefined;
  computer: string | undefined;
  user: string | undefined;
  method: string;
  path: string;
  status: number;
}

function asIis(raw: unknown): IisLine | null {
  const s = textOf(raw, 16_384);
  if (s === null || !/^\d{4}-\d{2}-\d{2} /.test(s)) return null;
  const m = W3C.exec(s);
  if (m && (m[4] === undefined || canonicalIp(m[4]) !== null) && canonicalIp(m[10] ?? '') !== null) {
    return {
      date: m[1] ?? '',
      time: m[2] ?? '',
      client: m[10] ?? '',
      server: m[4],
      computer: m[3],
      user: m[9],
      method: m[5] ?? 'HTTP',
      path: m[6] ?? '/',
      // sc-status sc-substatus sc-win32-status, wherever the optional fields before them put them.
      status: Number(/ (\d{3}) \d+ \d+(?= |$)/.exec(m[11] ?? '')?.[1] ?? 0),
    };
  }
  const f = FTP.exec(s);
  if (!f || canonicalIp(f[3] ?? '') === null || canonicalIp(f[5] ?? '') === null) return null;
  return {
    date: f[1] ?? '',
    time: f[2] ?? '',
    client: f[3] ?? '',
    server: f[5],
    computer: undefined,
    user: f[4],
    method: f[7] ?? 'FTP',
    path: f[8] === '-' ? '' : (f[8] ?? ''),
    status: Number(/^\d{3}$/.exec(f[9] ?? '')?.[0] ?? 0),
  };
}

function detect(raw: unknown): boolean {
  return asIis(raw) !== null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = asIis(raw);
  if (!m) throw new Error('not an IIS W3C access line');
  const obs = new ObservablesBuilder();
  obs.srcIp(m.client);
  obs.dstIp(m.server);
  obs.host(m.computer);
  // A Windows account is written `DOMAIN\user`, an e-mail-shaped one `user@domain`: the user is the name.
  if (m.user && m.user !== '-') {
    const name = decodeURIComponentSafe(m.user);
    obs.user(domainAccount(name) ?? localPart(name));
  }
  const { method, path, status } = m;
  return parserAlert('iis.access', 'iis.access', obs, {
    title: status ? `${method} ${path} -> ${status}` : `${method} ${path}`,
    severity: status >= 500 ? 'low' : 'info',
    // W3C logs write UTC.
    observedAt: toIsoTime(`${m.date}T${m.time}Z`),
    ruleId: status ? `http:${status}` : null,
  });
}

/** IIS writes `+` for spaces and may percent-encode the user name. */
function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export const iisW3cParser: Parser = { name: 'iis.access', claims: { keys: [] }, detect, parse };
