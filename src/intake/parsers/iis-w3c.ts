// Microsoft IIS access lines in the W3C extended format with IIS's default fields (`date time [s-sitename]
// [s-computername] [s-ip] cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip …`): the client address
// is the source, the server's the destination, the server's computer name a host, and an authenticated user
// (without its Windows domain) the user.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { domainAccount, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** An address; an IPv6 link-local one may carry its zone (`fe80::1%3`), which is not part of the address. */
const IP = '([0-9A-Fa-f:.]{2,45})(?:%\\w{1,16})?';
/** An address-looking token, which is the server address and never the (optional) computer name. */
const IP_TOKEN = '(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:%\\w{1,16})?)';
const W3C = new RegExp(
  `^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) (?:W3SVC\\d+ )?(?:(?!${IP_TOKEN} )([\\w.-]+) )?(?:${IP} )?([A-Z][A-Z-]{2,15}) (\\S+) (\\S+) (\\d{1,5}) (\\S+) ${IP}(?= |$)(.*)$`,
);

function detect(raw: unknown): boolean {
  const s = textOf(raw, 16_384);
  if (s === null || !/^\d{4}-\d{2}-\d{2} /.test(s)) return false;
  const m = W3C.exec(s);
  return (
    m !== null && (m[4] === undefined || canonicalIp(m[4]) !== null) && canonicalIp(m[10] ?? '') !== null
  );
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = W3C.exec(textOf(raw, 16_384) ?? '');
  const obs = new ObservablesBuilder();
  obs.srcIp(m?.[10]);
  obs.dstIp(m?.[4]);
  obs.host(m?.[3]);
  const user = m?.[9];
  // A Windows account is written `DOMAIN\user`; the user is the name after the domain.
  if (user && user !== '-') {
    const name = decodeURIComponentSafe(user);
    obs.user(domainAccount(name) ?? name);
  }
  const method = m?.[5] ?? 'HTTP';
  const path = m?.[6] ?? '/';
  // sc-status sc-substatus sc-win32-status, wherever the optional fields before them put them.
  const status = Number(/ (\d{3}) \d+ \d+(?= |$)/.exec(m?.[11] ?? '')?.[1] ?? 0);
  return parserAlert('iis.access', 'iis.access', obs, {
    title: status ? `${method} ${path} -> ${status}` : `${method} ${path}`,
    severity: status >= 500 ? 'low' : 'info',
    // W3C logs write UTC.
    observedAt: toIsoTime(`${m?.[1] ?? ''}T${m?.[2] ?? ''}Z`),
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
