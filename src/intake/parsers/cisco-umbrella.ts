// Cisco Umbrella S3 log exports (DNS, proxy, IP, cloud firewall, intrusion, DLP and admin audit CSV lines),
// told apart by column count and content, and read by column as Elastic's `cisco_umbrella.log` pipeline
// reads them: source, NAT and destination addresses; identities typed as user, host or network.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The log types Umbrella writes to its S3 folders (`dnslogs/`, `proxylogs/`, …). */
type Kind = 'dns' | 'proxy' | 'ip' | 'firewall' | 'intrusion' | 'dlp' | 'audit';

interface UmbrellaRecord {
  kind: Kind;
  /** The CSV columns, trimmed. */
  c: readonly string[];
}

const TIME = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
const QUOTED_HEAD = new RegExp(`^"${TIME}"\\s*,`);
/** Audit lines start with the event id (empty in Umbrella's documented example), then the time. */
const AUDIT_HEAD = new RegExp(`^"\\d*"\\s*,\\s*"${TIME}"\\s*,`);
/** Cloud firewall lines are also written unquoted: time, `[origin id]`, … */
const BARE_FIREWALL_HEAD = new RegExp(`^${TIME},\\[[\\d, ]*\\],`);

const PORT = /^\d{1,5}$/;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const SEVERITY = /^(?:LOW|MEDIUM|HIGH|CRITICAL)$/i;

const isIp = (v: string | undefined): boolean => v !== undefined && canonicalIp(v) !== null;
const ipOrEmpty = (v: string | undefined): boolean => v === '' || isIp(v);
/** An address column: empty, an IP or a name (Elastic then sets `*.domain`). */
const addressOrEmpty = (v: string | undefined): boolean => v !== undefined && !/\s/.test(v);
const urlOrEmpty = (v: string | undefined): boolean => v === '' || (v !== undefined && URL_LIKE.test(v));

/**
 * Splits a line in which every column is double-quoted (`""` escapes, blanks around the commas), or
 * returns null when a column is not quoted.
 */
function quotedCells(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '"') return null;
    let cell = '';
    for (i++; ; i++) {
      if (i >= line.length) return null;
      if (line[i] === '"') {
        if (line[i + 1] !== '"') break;
        i++;
      }
      cell += line[i];
    }
    out.push(cell.trim());
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) return out;
    if (line[i] !== ',') return null;
    i++;
  }
}

/** The log type a row's shape says it is, or null when it fits no Umbrella layout. */
function kindOf(c: readonly string[]): Kind | null {
  const n = c.length;
  if (n === 7 && isIp(c[2]) && PORT.test(c[3] ?? '') && isIp(c[4]) && PORT.test(c[5] ?? '')) return 'ip';
  if (
    n >= 14 &&
    /^(?:\[[\d,\s]*\]|\d+)$/.test(c[1] ?? '') &&
    /^(?:INBOUND|OUTBOUND|BOTH)$/i.test(c[4] ?? '') &&
    ipOrEmpty(c[7]) &&
    ipOrEmpty(c[9])
  )
    return 'firewall';
  if (
    n >= 10 &&
    /^\d+ \([^)]*\)$/.test(c[6] ?? '') &&
    /^[A-Za-z-]+$/.test(c[5] ?? '') &&
    addressOrEmpty(c[3]) &&
    ipOrEmpty(c[4])
  )
    return 'dns';
  if (
    n >= 21 &&
    /^[A-Z_-]+$/.test(c[6] ?? '') &&
    urlOrEmpty(c[7]) &&
    addressOrEmpty(c[2]) &&
    ipOrEmpty(c[3]) &&
    addressOrEmpty(c[4])
  )
    return 'proxy';
  if (
    n >= 17 &&
    /^\d+$/.test(c[3] ?? '') &&
    /^\d+$/.test(c[4] ?? '') &&
    SEVERITY.test(c[7] ?? '') &&
    ipOrEmpty(c[12]) &&
    ipOrEmpty(c[14])
  )
    return 'intrusion';
  if (n >= 17 && SEVERITY.test(c[3] ?? '') && (c[1] ?? '') !== '' && urlOrEmpty(c[8])) return 'dlp';
  return null;
}

/**
 * The last line read and its reading: the web reader's detector and the main one ask about the same line one
 * after the other, and reading is pure, so the second asks the first's answer.
 */
let last: { raw: unknown; rec: UmbrellaRecord | null } = { raw: undefined, rec: null };

function asUmbrella(raw: unknown): UmbrellaRecord | null {
  if (typeof raw === 'string' && last.raw === raw) return last.rec;
  const rec = readUmbrella(raw);
  if (typeof raw === 'string') last = { raw, rec };
  return rec;
}

function readUmbrella(raw: unknown): UmbrellaRecord | null {
  const s = textOf(raw, 65_536)?.trim();
  if (!s) return null;
  if (AUDIT_HEAD.test(s)) {
    const c = quotedCells(s);
    const ok =
      c !== null &&
      (c.length === 9 || c.length === 10) &&
      /^(?:create|update|delete)$/i.test(c[5] ?? '') &&
      addressOrEmpty(c[6]);
    return ok ? { kind: 'audit', c } : null;
  }
  if (BARE_FIREWALL_HEAD.test(s)) {
    const c = splitQuotedCsv(s).map((v) => v.trim());
    return kindOf(c) === 'firewall' ? { kind: 'firewall', c } : null;
  }
  if (!QUOTED_HEAD.test(s)) return null;
  const c = quotedCells(s);
  const kind = c && kindOf(c);
  return c && kind ? { kind, c } : null;
}

/** Java's `String.split(regex)` as Elastic's split processor runs it: trailing empty parts dropped. */
function javaSplit(s: string): string[] {
  if (!/,\s*/.test(s)) return [s];
  const parts = s.split(/,\s*/);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const HOST_TYPES = new Set([
  'AD Computers',
  'Roaming Computers',
  'Anyconnect Roaming Client',
  'Mobile Devices',
]);

/**
 * The user and host among a row's identities, by their identity types, as Elastic's pipeline picks them:
 * the first `AD Users` identity is the user, the first computer or device the host (networks, sites and
 * tunnels are neither); nothing when the two lists differ in length. An identity written first may hold
 * commas (`Last, First (a@b)`), so it is taken whole when the list starts with it.
 */
function typedIdentities(
  identity: string | undefined,
  identities: string | undefined,
  types: string | undefined,
): { user?: string; host?: string } {
  if (!identities || !types) return {};
  let list: string[];
  if (identity?.includes(',') && identities.startsWith(identity)) {
    const tail = identities.slice(identity.length).replace(/^,/, '');
    list = [identity, ...javaSplit(tail)];
  } else list = javaSplit(identities);
  const typeList = javaSplit(types);
  if (list.length !== typeList.length) return {};
  const out: { user?: string; host?: string } = {};
  typeList.forEach((type, i) => {
    if (type === 'AD Users') out.user ??= list[i];
    if (HOST_TYPES.has(type)) out.host ??= list[i];
  });
  return out;
}

/** `Full Name (name@domain)` becomes `name`, as the pipeline's grok on a user name with an `@` does. */
function userName(v: string | undefined): string | undefined {
  if (v === undefined || v === 'null') return undefined;
  if (!v.includes('@')) return v;
  // The grok `^(.*) (?:\((.*?)@(.*?)\))?$` read with `lastIndexOf`: the last ` (` before an `@` that precedes a
  // closing `)`. As a regex, every ` (` of a long hostile value was retried against every `@` (cubic time).
  if (!v.endsWith(')')) return v;
  const lastAt = v.lastIndexOf('@', v.length - 2);
  const open = lastAt < 2 ? -1 : v.lastIndexOf(' (', lastAt - 2);
  return open < 0 ? v : v.slice(open + 2, v.indexOf('@', open + 2));
}

function urlHost(url: string | undefined): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#[\]]+)/i.exec(url ?? '')?.[1];
}

/** An address column: an IP is the endpoint; a name is a `*.domain` (a host for the source). */
function endpoint(obs: ObservablesBuilder, v: string | undefined, role: 'src' | 'dst'): void {
  if (!v) return;
  if (canonicalIp(v) !== null) {
    if (role === 'src') obs.srcIp(bareIndicatorIp(v));
    else obs.dstIp(bareIndicatorIp(v));
  } else if (role === 'src') obs.host(v);
  else obs.domain(v);
}

function observablesOf({ kind, c }: UmbrellaRecord): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const typed = (identity: string | undefined, identities: string | undefined, types: string | undefined) => {
    const { user, host } = typedIdentities(identity, identities, types);
    obs.user(userName(user));
    obs.host(host?.toLowerCase());
  };
  switch (kind) {
    case 'dns':
      typed(c[1], c[2], c[11]);
      endpoint(obs, c[3], 'src');
      obs.ip(bareIndicatorIp(c[4]));
      obs.domain(c[8]);
      break;
    case 'proxy':
      typed(c[1], c[23], c[24]);
      endpoint(obs, c[2], 'src');
      obs.ip(bareIndicatorIp(c[3]));
      endpoint(obs, c[4], 'dst');
      obs.url(c[7]);
      obs.domain(urlHost(c[7]));
      obs.hash(c[14]);
      break;
    case 'ip':
      // Elastic's pipeline (ECS 8.2 to 8.5) took this identity as user.name; IP logs carry no identity type.
      obs.user(c[1]);
      endpoint(obs, c[2], 'src');
      endpoint(obs, c[4], 'dst');
      break;
    case 'firewall':
      typed(undefined, c[2], c[3]);
      endpoint(obs, c[7], 'src');
      obs.ip(bareIndicatorIp(c[34]));
      endpoint(obs, c[9], 'dst');
      for (const fqdn of javaSplit(c[14] ?? '')) obs.domain(fqdn);
      break;
    case 'intrusion':
      typed(undefined, c[1], c[2]);
      endpoint(obs, c[12], 'src');
      endpoint(obs, c[14], 'dst');
      break;
    case 'dlp':
      obs.url(c[8]);
      obs.domain(urlHost(c[8]));
      obs.hash(c[15]);
      break;
    case 'audit':
      obs.user(userName(c[3]));
      endpoint(obs, c[6], 'src');
      obs.email(c[2]);
      break;
  }
  return obs;
}

const BLOCKED = /^(?:blocked|block|denied|deny|would[ -]block)$/i;

function factsOf({ kind, c }: UmbrellaRecord): {
  title: string;
  severity: Severity;
  ruleId: string | null;
} {
  const v = (i: number): string => c[i] ?? '';
  const blockedOrInfo = (action: string): Severity => (BLOCKED.test(action) ? 'low' : 'info');
  switch (kind) {
    case 'dns':
      return {
        title: `Umbrella DNS ${v(5)}: ${v(8).replace(/\.$/, '')} ${v(6)} from ${v(3) || v(4)}`,
        severity: blockedOrInfo(v(5)),
        ruleId: null,
      };
    case 'proxy': {
      const malicious = /^malicious$/i.test(v(18)) || v(16) !== '' || v(19) !== '';
      return {
        title: `Umbrella proxy ${v(6)} ${v(25)} ${v(7) || v(4)}`,
        severity: malicious ? 'high' : blockedOrInfo(v(6)),
        ruleId: v(30) || null,
      };
    }
    case 'ip':
      return {
        title: `Umbrella IP ${v(2)}:${v(3)} -> ${v(4)}:${v(5)} ${v(6)}`,
        severity: 'low',
        ruleId: null,
      };
    case 'firewall':
      return {
        title: `Umbrella firewall ${v(13)} ${v(4)} ${v(7)} -> ${v(9)}`,
        severity: blockedOrInfo(v(13)),
        ruleId: v(12) || null,
      };
    case 'intrusion':
      return {
        title: `Umbrella IPS ${v(16)}: ${v(5)}`,
        severity: mapSeverity(v(7)) ?? 'medium',
        ruleId: `${v(3)}:${v(4)}`,
      };
    case 'dlp':
      return {
        title: `Umbrella DLP ${v(9)}: ${v(10)} ${v(6)}`,
        severity: mapSeverity(v(3)) ?? 'medium',
        ruleId: v(10) || null,
      };
    case 'audit':
      return {
        title: `Umbrella admin audit: ${v(5)} ${v(4)} by ${[v(2), v(3)].find((x) => x && x !== 'null') ?? '?'}`,
        severity: 'info',
        ruleId: v(4) || null,
      };
  }
}

const detect = (raw: unknown): boolean => asUmbrella(raw) !== null;

/** Reads a line as the reader named `name` (the alert's `recognizedBy`). */
function read(name: string, raw: unknown): ReturnType<Parser['parse']> {
  const rec = asUmbrella(raw);
  if (!rec) throw new Error('not a Cisco Umbrella log line');
  const { title, severity, ruleId } = factsOf(rec);
  const time = rec.kind === 'audit' ? rec.c[1] : rec.c[0];
  return parserAlert(name, 'cisco_umbrella.log', observablesOf(rec), {
    title: title.replace(/\s+/g, ' ').trim(),
    severity,
    observedAt: time ? toIsoTime(`${time.replace(' ', 'T')}Z`) : null,
    ruleId,
  });
}

const parse = (raw: unknown): ReturnType<Parser['parse']> => read('cisco_umbrella.log', raw);

export const ciscoUmbrellaParser: Parser = {
  name: 'cisco_umbrella.log',
  claims: { keys: [], text: ['"', ',['] },
  detect,
  parse,
};

/**
 * Proxy (SWG) and DLP lines alone, read exactly as above: Elastic's pipeline keeps their URL site in url.domain,
 * out of related.hosts (unlike a DNS query name or a firewall FQDN), so this reader says so. Registered before
 * the main one.
 */
export const ciscoUmbrellaWebParser: Parser = {
  name: 'cisco_umbrella.log.web',
  claims: { keys: [], text: ['"'] },
  detect: (raw) => {
    const kind = asUmbrella(raw)?.kind;
    return kind === 'proxy' || kind === 'dlp';
  },
  parse: (raw) => read('cisco_umbrella.log.web', raw),
  domainsInRelatedHosts: false,
};
