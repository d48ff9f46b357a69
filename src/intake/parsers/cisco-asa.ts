// Cisco ASA / FTD / PIX syslog (`%ASA-6-302013: …`): endpoints by message shape (`for … to …`,
// `src … dst …`, `faddr/gaddr/laddr`, `a -> b`, `between a and b`), mapped addresses, AAA users.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { scanFreeText } from '../text-patterns.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const TAG = /%(?:ASA|FTD|PIX|FWSM)-(?:[a-z_]+-)?([0-7])-(\d{6}):?\s*([\s\S]*)$/;
const IPV = '(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*[0-9A-Fa-f])';
/** `iface:ip/port (mapped/port)(user)` as in 302013 and 106023. */
const SLASH_EP = new RegExp(
  `(?:\\b([\\w.-]+):)?(${IPV})\\/(\\d+)(?:\\s?\\((${IPV})\\/\\d+\\))?(?:\\s?\\(([^)\\s]+)\\))?`,
  'g',
);
/** `iface/ip(port)` as in 106100. */
const PAREN_EP = new RegExp(`\\b([\\w.-]+)\\/(${IPV})\\((\\d+)\\)`, 'g');
const FADDR = new RegExp(`\\b([fgl])addr (${IPV})\\/\\d+(?:\\(([^)\\s]+)\\))?(?:\\s\\(([^)\\s]+)\\))?`, 'g');
const BETWEEN = new RegExp(`\\bbetween (${IPV}) and (${IPV})`);

interface Endpoint {
  ip: string;
  mapped: string | null;
  user: string | null;
}

function endpointsOf(
  re: RegExp,
  msg: string,
  ipGroup: number,
  mappedGroup: number | null,
  userGroup: number | null,
): Endpoint[] {
  const out: Endpoint[] = [];
  for (const m of msg.matchAll(re)) {
    const ip = canonicalIp(m[ipGroup] ?? '');
    if (!ip) continue;
    out.push({
      ip,
      mapped: mappedGroup === null ? null : canonicalIp(m[mappedGroup] ?? ''),
      user: userGroup === null ? null : (m[userGroup] ?? null),
    });
  }
  return out;
}

function addUser(obs: ObservablesBuilder, token: string | null): void {
  if (!token || token.includes('@') || /^\d+$/.test(token) || canonicalIp(token)) return;
  const parts = token.split('\\');
  const user = parts[parts.length - 1];
  if (parts.length >= 2) {
    const domain = parts[parts.length - 2];
    if (domain && domain.toUpperCase() !== 'LOCAL') obs.host(domain);
  }
  obs.user(user);
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 4_096);
  return s !== null && s.includes('%') && TAG.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const m = TAG.exec(s);
  const level = Number(m?.[1] ?? 6);
  const id = m?.[2] ?? '';
  const msg = (m?.[3] ?? '').trim();
  const prefix = s.slice(0, m?.index ?? 0).trim();
  const header = prefix ? parseSyslog(`${prefix.replace(/\s*:\s*$/, '')} : x`) : null;
  const obs = new ObservablesBuilder();
  obs.host(header?.host ?? undefined);

  const faddr = [...msg.matchAll(FADDR)];
  const between = BETWEEN.exec(msg);
  if (faddr.length > 0) {
    const by = (k: string): RegExpMatchArray | undefined => faddr.find((f) => f[1] === k);
    const l = by('l');
    const f = by('f');
    obs.srcIp(l?.[2]);
    obs.dstIp(f?.[2]);
    obs.ip(by('g')?.[2]);
    for (const x of faddr) {
      addUser(obs, x[3] ?? null);
      addUser(obs, x[4] ?? null);
    }
  } else if (between) {
    obs.srcIp(between[1]);
    obs.dstIp(between[2]);
  } else {
    const arrow = msg.includes('->') ? endpointsOf(PAREN_EP, msg, 2, null, null) : [];
    const eps = arrow.length >= 2 ? arrow : endpointsOf(SLASH_EP, msg, 2, 4, 5);
    if (eps.length >= 2) {
      const [a, b] = /\bBuilt outbound\b/.test(msg) ? [eps[1], eps[0]] : [eps[0], eps[1]];
      obs.srcIp(a?.ip);
      obs.dstIp(b?.ip);
      for (const e of eps) {
        obs.ip(e.ip);
        obs.ip(e.mapped ?? undefined);
        addUser(obs, e.user);
      }
    } else {
      const found = scanFreeText(msg);
      found.src.forEach((ip) => obs.srcIp(ip));
      found.dst.forEach((ip) => obs.dstIp(ip));
      found.other.forEach((ip) => obs.ip(ip));
      eps.forEach((e) => addUser(obs, e.user));
    }
  }
  for (const t of msg.matchAll(/\(([\w.$-]+(?:\\[\w.$-]+)+)\)/g)) addUser(obs, t[1] ?? null);
  for (const u of msg.matchAll(/\b(?:user|username|uname)\s*[=:]\s*'?([^\s,)']+)|\bUser <([^>]+)>/gi)) {
    const name = u[1] ?? u[2] ?? null;
    // ASA writes the peer address as the user of a LAN-to-LAN tunnel (`user= 81.2.69.193`).
    if (name && canonicalIp(name)) obs.user(name);
    else addUser(obs, name);
  }
  const ipTag = /\bIP <([^>]+)>/.exec(msg);
  if (ipTag) obs.srcIp(ipTag[1]);

  return parserAlert('cisco_asa.log', 'cisco_asa.log', obs, {
    title: msg.length > 0 ? msg : `ASA message ${id}`,
    severity: mapSeverity(level, 'syslog'),
    observedAt: toIsoTime(header?.timestamp?.replace(/ [A-Z]{3,4}$/, '') ?? null),
    ruleId: id ? `ASA-${id}` : null,
  });
}

export const ciscoAsaParser: Parser = { name: 'cisco_asa.log', detect, parse };
