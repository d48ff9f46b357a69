// Turns named fields (JSON leaves, key=value pairs, CEF/LEEF extensions) into indicators and alert
// facts using the key-role rules; the engine shared by the heuristic extractor and the parsers.
import type { Severity } from '../../graphs/agents/extraction/contract.js';
import {
  rolesOf,
  segmentsOf,
  type FieldRoles,
  MACHINE_SIBLING,
  type IpRole,
  type Side,
  type UserRole,
} from './field-roles.js';
import { findIps, parseAddress } from './ip.js';
import { collectLeaves, normKey, type WalkLimits } from './json-walk.js';
import { isPlaceholder, ObservablesBuilder } from './observables-builder.js';
import { mapSeverity, type SeverityScale } from './severity.js';
import { scanFreeText } from './text-patterns.js';
import { toIsoTime } from './time.js';
import { isEmailAddress, toTitle } from './text.js';

type Scalar = string | number | boolean | null;

/** Title keys, best first. */
const TITLE_KEYS: ReadonlyArray<RegExp> = [
  /^(?:title|alerttitle|alertname|rulename|ruletitle|searchname|savedsearchname|signature|signaturename|threatname|detectname|detectionname|attackname|incidentname|eventdescription|checkname|policyname|findingtitle)$|(?:rulemessage|rulename|alertname|threatname|signaturename)$/,
  /^(?:displaymessage|eventname|activityname|activity|operationname|methodname|note|subject|eventaction|alerttype)$/,
  /^(?:msg|message|shortmessage|summary|description|reason)$/,
  /^(?:eventtype|action|category|type|operation|logsubtype|subtype|logtype)$/,
];
const NAME_PARENTS =
  /^(?:rule|alert|threat|signature|detection|attack|event|incident|finding|policy|check|malware|virus)$/;
const SEVERITY_KEY =
  /^(?:severity|sev|severitylevel|severityname|severitylabel|level|priority|risk|risklevel|riskscore|threatlevel|threatseverity|urgency|criticality|alertseverity|impact|loglevel|syslogseverity|severityscore|score|confidencelevel)$/;
const TIME_KEY =
  /^(?:timestamp|time|eventtime|datetime|published|createdat|created|creationtime|ts|eventcreationtime|alertcreationtime|starttime|firsteventtime|firstseen|detecttime|detectiontime|generatedtime|receivedtime|logtime|devtime|rt|utctimestamp|isotimestamp|requestreceivedtimestamp|eventtimestamp|occurredat|occurred|happenedat|date|eventdate|timecreated|timegenerated|start|eventstart)$/;
const RULE_ID_KEY =
  /^(?:ruleid|signatureid|sid|alertid|detectionid|threatid|eventid|eventtype|eventcode|logid|pluginid|checkid|policyid|note|msgid|messageid|attackid|vulnid|cveid)$/;
/** Keys that say which way a connection went. */
const DIRECTION_KEY =
  /^(?:direction|dir|connectiondirection|conndirection|netdirection|neteventdirection|networkdirection|trafficdirection|flowdirection|ifdir)$/;

/** A flag that says a connection's direction (`netconn_inbound`, `is_outbound`), not a setting that allows one. */
const DIRECTION_FLAG =
  /^(?:is|net|netconn|conn|connection|flow|traffic)?(inbound|outbound|incoming|outgoing)$/;

function directionOf(value: string): 'inbound' | 'outbound' | null {
  if (/^(?:out|outbound|outgoing|egress)$/i.test(value)) return 'outbound';
  if (/^(?:in|inbound|incoming|ingress)$/i.test(value)) return 'inbound';
  return null;
}

/** A mail's Message-ID (`<id@host>`) looks like an address but names the message, not a mailbox. */
const MESSAGE_ID_KEY = /(?:^|internet|original|parent)(?:message|msg)id$/;
const HASH_KEY = /(?:md5|sha1|sha256|sha512|hash|checksum|imphash)$/;
/** A machine-made id: six or more letters, digits, dashes or underscores (`U04V6RBUPAK`, a GUID). */
const ID_LIKE = /^[A-Za-z0-9][\w-]{5,127}$/;
const URL_KEY = /^(?:url|uri|requesturl|fullurl|link|referrer|referer|href|originalurl)$/;
const DOMAIN_KEY =
  /^(?:domain|domainname|fqdn|sni|servername|rrname|queryname|dnsquery|query|qname|hostname|host|website)$/;

interface Candidate<T> {
  rank: number;
  order: number;
  value: T;
}

function better<T>(cur: Candidate<T> | null, next: Candidate<T>): Candidate<T> {
  if (!cur || next.rank < cur.rank || (next.rank === cur.rank && next.order < cur.order)) return next;
  return cur;
}

/** A Windows security identifier: `S-1-5-18`, `S-1-5-21-…-1001`. */
const WINDOWS_SID = /^S-1-\d+(?:-\d+)+$/i;

/** The addresses of a value that is a list of addresses and nothing else (`a,b`, `a; b`, `a b`); else none. */
function listedAddresses(s: string): string[] {
  if (!/[,; ]/.test(s)) return [];
  const out: string[] = [];
  for (const part of s.split(/[,; ]+/)) {
    if (!part) continue;
    const ip = parseAddress(part);
    if (!ip) return [];
    out.push(ip);
  }
  return out;
}

/** Splits `DOMAIN\user` and `user@domain` logins into the user part. */
export function userPart(value: string): string {
  if (isPlaceholder(value)) return value; // `N\A` is no DOMAIN\user: cleanName drops it whole
  const backslash = value.lastIndexOf('\\');
  if (backslash >= 0 && backslash < value.length - 1) return value.slice(backslash + 1);
  const at = value.indexOf('@');
  if (at > 0 && isEmailAddress(value)) return value.slice(0, at);
  return value;
}

/** Drops a `DOMAIN\` prefix from a user name found in text (e-mail logins stay as written). */
export function stripDomain(value: string): string {
  if (isPlaceholder(value)) return value;
  const backslash = value.lastIndexOf('\\');
  return backslash >= 0 && backslash < value.length - 1 ? value.slice(backslash + 1) : value;
}

/**
 * The machine a host field names: without its port (`bastion-1:9100`), an agent id after a colon
 * (`ws-1:7a7370f8934c4e60b1e7dc5d0c8b0477`, Cortex XDR) or its Windows domain (`CORP\WS-017`, as endpoint
 * products write the device name).
 */
function machineOf(value: string): string {
  const name = /^[^:]+:(?:\d{1,5}|[0-9a-f]{32})$/i.test(value)
    ? value.slice(0, value.lastIndexOf(':'))
    : value;
  const backslash = name.lastIndexOf('\\');
  return backslash > 0 && backslash < name.length - 1 && name.indexOf('\\') === backslash
    ? name.slice(backslash + 1)
    : name;
}

/** How a collector treats free text it cannot read as structured data. */
export interface CollectorOptions {
  /** Adds the addresses of free-text fields even when structured fields named some. */
  alwaysScanText?: boolean;
}

/** Accumulates indicators and alert facts from fields. */
/**
 * Answers of a pure function of a field's key path, kept across alerts: one vendor's alerts repeat the same keys,
 * and working out a path's roles costs more than the rest of the field. Emptied when full, so a stream of
 * payloads with ever-new keys cannot grow it without bound.
 */
class PathMemo<T> {
  private readonly answers = new Map<string, T>();
  constructor(private readonly capacity: number) {}

  get(key: string, work: () => T): T {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = work();
      if (this.answers.size >= this.capacity) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }
}

const segmentsMemo = new PathMemo<readonly string[]>(20_000);
const rolesMemo = new PathMemo<FieldRoles>(20_000);

export class FieldCollector {
  readonly builder: ObservablesBuilder;
  private order = 0;
  private title: Candidate<string> | null = null;
  private severity: Candidate<Severity> | null = null;
  private time: Candidate<string> | null = null;
  private ruleId: Candidate<string> | null = null;
  private readonly ambient: string[] = [];
  /** Whether the fields being added come from a JSON object (not a text line's pairs). */
  private inJson = false;
  /** `local…`/`remote…` addresses, placed in `finish` once the event's direction is known (if it says). */
  private readonly sided: Array<{ ip: string; side: Side; role: IpRole }> = [];
  private direction: 'inbound' | 'outbound' | null = null;
  private readonly freeTexts: string[] = [];
  private textBudget = 262_144;
  /** The sibling keys of the last field added and their memo key: the leaves of one object share them. */
  private lastSiblings: readonly string[] | null = null;
  private lastSiblingsKey = '';
  /** Nested text decoders (syslog, CEF, kv) plug in here; see text-collector. */
  textHandler: ((text: string, collector: FieldCollector, depth: number) => boolean) | null = null;

  constructor(
    builder = new ObservablesBuilder(),
    private readonly options: CollectorOptions = {},
  ) {
    this.builder = builder;
  }

  /** Offers a title candidate at rank (0 best). */
  offerTitle(value: unknown, rank: number): void {
    const t = toTitle(value);
    if (t) this.title = better(this.title, { rank, order: this.order++, value: t });
  }

  offerSeverity(value: unknown, scale: SeverityScale, rank: number): void {
    const sev = mapSeverity(value, scale);
    if (sev) this.severity = better(this.severity, { rank, order: this.order++, value: sev });
  }

  offerTime(value: unknown, rank: number): void {
    const t = toIsoTime(value);
    if (t) this.time = better(this.time, { rank, order: this.order++, value: t });
  }

  offerRuleId(value: unknown, rank: number): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const s = String(value).trim();
    if (s.length > 0 && s.length <= 200)
      this.ruleId = better(this.ruleId, { rank, order: this.order++, value: s });
  }

  private meta(segs: readonly string[], value: Scalar, depth: number, rawLast: string): void {
    const last = segs[segs.length - 1] ?? '';
    const parent = segs[segs.length - 2] ?? '';
    if (typeof value === 'string' || typeof value === 'number') {
      // `@type`-style keys are schema markers, not titles.
      const marker = rawLast.startsWith('@');
      TITLE_KEYS.forEach((re, rank) => {
        if (re.test(last) && (rank < 2 || depth <= 2) && !marker)
          this.offerTitle(value, rank * 2 + Math.min(depth, 4) / 10);
      });
      if (last === 'name' && (NAME_PARENTS.test(parent) || depth === 1))
        this.offerTitle(value, 0.5 + depth / 10);
      if (SEVERITY_KEY.test(last)) {
        const scale: SeverityScale = /score/.test(last)
          ? 'hundred'
          : /priority/.test(last)
            ? 'rank'
            : last === 'level'
              ? // OSSEC and Wazuh alerts rate each `rule` by a level 0-15; Windows events have a level 0-5.
                parent === 'rule'
                ? 'ossec'
                : 'level'
              : 'ten';
        this.offerSeverity(value, scale, depth);
      }
      if (TIME_KEY.test(last) && !/^(?:duration|elapsed)/.test(parent)) this.offerTime(value, depth);
      if (RULE_ID_KEY.test(last) || (last === 'id' && NAME_PARENTS.test(parent)))
        this.offerRuleId(value, depth);
    }
  }

  /** Adds one named field. `path` holds raw keys; `siblings` the normalised keys beside it. */
  addField(
    path: readonly string[],
    value: Scalar,
    siblings: readonly string[] = [],
    depth = path.length,
    textDepth = 0,
  ): void {
    const pathKey = path.join('\u0001');
    const segs = segmentsMemo.get(pathKey, () => segmentsOf(path));
    this.meta(segs, value, depth, path[path.length - 1] ?? '');
    if (typeof value === 'boolean') {
      // `netconn_inbound: true`, `is_outbound: false`: the direction as a flag.
      const flag = DIRECTION_FLAG.exec(segs[segs.length - 1] ?? '')?.[1];
      if (flag) {
        const inbound = flag === 'inbound' || flag === 'incoming';
        this.direction = value === inbound ? 'inbound' : 'outbound';
      }
      return;
    }
    if (typeof value !== 'string') return;
    const s = value.trim();
    if (s.length === 0) return;
    if (siblings !== this.lastSiblings) {
      this.lastSiblings = siblings;
      this.lastSiblingsKey = siblings.join(',');
    }
    const roles = this.machineOwn(
      rolesMemo.get(`${pathKey}\u0002${this.lastSiblingsKey}`, () => rolesOf(path, siblings)),
      siblings,
    );
    const last = segs[segs.length - 1] ?? '';
    const b = this.builder;
    if (DIRECTION_KEY.test(last)) this.direction = directionOf(s) ?? this.direction;
    const addr = s.length <= 80 ? parseAddress(s) : null;
    if (addr && roles.side) {
      this.sided.push({ ip: addr, side: roles.side, role: roles.ip ?? 'related' });
    } else if (addr) {
      this.addIp(addr, roles.ip ?? 'related');
    } else if (
      (roles.ip === 'src' || roles.ip === 'dst' || roles.ip === 'ambient') &&
      /(?:ip|ips|addr|address|addresses|src|dst|source|destination|forwardedfor|xff|ipchain)$/.test(last) &&
      s.length <= 4_096
    ) {
      for (const hit of findIps(s)) this.addIp(hit.ip, roles.ip);
    } else if (
      (/^(?:ips|ipaddresses|addresses|relatedip|relatedips|iplist)$/.test(last) ||
        // A forwarding chain (`X-Forwarded-For: 192.0.2.1, 198.51.100.2`) lists the hops a request came
        // through, also under a qualified key (`x_forwarded_for_header_value`).
        (roles.ip === 'related' && /forwardedfor|^xff|ipchain/.test(last))) &&
      s.length <= 4_096
    ) {
      for (const hit of findIps(s)) this.addIp(hit.ip, 'related');
    } else if (roles.ip === 'related' && s.length <= 4_096) {
      // The machine's own addresses written as one list (`host.ip: "192.168.17.1,fe80::1"`).
      for (const ip of listedAddresses(s)) this.addIp(ip, 'related');
    }
    if (roles.user && s.length <= 256) this.addUser(s, roles.user, last);
    // A host field holding an address (`host: 192.0.2.7`) names the machine by it: the address is reported. A
    // number there is some inventory's id, and a URL or a file path (`/Local/Default`) no machine's name; a
    // cloud resource name (`//compute.googleapis.com/…`) names the asset.
    if (
      roles.host &&
      !addr &&
      !/^\d+$/.test(s) &&
      s.length <= 255 &&
      !/\s/.test(s) &&
      !/^[a-z]+:\/\/|^\/(?!\/)/i.test(s)
    )
      b.host(machineOf(s));
    if (HASH_KEY.test(last)) b.hash(s);
    if (URL_KEY.test(last) || (s.length <= 2_048 && /^https?:\/\/\S+$/i.test(s))) b.url(s);
    if (DOMAIN_KEY.test(last) && !roles.user) b.domain(s);
    if (s.length <= 254 && s.includes('@') && !MESSAGE_ID_KEY.test(last)) b.email(s);
    if (!addr && !roles.user && !roles.host && (roles.text || s.length > 40) && this.textBudget > 0) {
      this.textBudget -= s.length;
      const handled = this.textHandler !== null && textDepth < 3 && this.textHandler(s, this, textDepth + 1);
      if (!handled) this.freeTexts.push(s);
    }
  }

  /**
   * An address that names no side, in a JSON object that also gives a MAC address or an operating system, is
   * that machine's own (an inventory or scan record): related, not the source of anything. A text line's
   * `IP Address: …, MAC Address: …` (an endpoint agent's alert) keeps the usual reading.
   */
  private machineOwn(roles: FieldRoles, siblings: readonly string[]): FieldRoles {
    if (roles.ip !== 'ambient' || !this.inJson || !siblings.some((x) => MACHINE_SIBLING.test(x)))
      return roles;
    return { ...roles, ip: 'related' };
  }

  addIp(ip: string, role: IpRole): void {
    const b = this.builder;
    // The unspecified address in a field is a placeholder (no address known), whatever the field's role.
    if (ip === '0.0.0.0' || ip === '::') return;
    if (role === 'src') b.srcIp(ip);
    else if (role === 'dst') b.dstIp(ip);
    else if (role === 'ambient') this.ambient.push(ip);
    else if (role !== 'ignore') b.ip(ip);
  }

  addUser(value: string, role: UserRole, key = ''): void {
    // An address in a user field (a VPN peer, a device) is not a person; nor is the opening of a serialised
    // object that a key=value reader cut at its first space (`user={'pk': 4, …}` gives `{'pk':`).
    if (parseAddress(value) || /^[{[]/.test(value)) return;
    // A sentence (a policy or rule named where a person would be: `Non-IT Users with Privileged Access : …`)
    // is no one's name.
    if (/ : /.test(value) || (value.match(/\s+/g) ?? []).length >= 5) return;
    // A Windows security identifier (`winlog.user.identifier`, AppLocker's `TargetUser`) is the account's id, which
    // Windows pipelines keep as `user.id`; the account's name is elsewhere in the event.
    if (WINDOWS_SID.test(value)) return;
    // A directory entry (`uid=jdoe,ou=people,dc=example,dc=com`) names its first component.
    const dn = /^(?:cn|uid|id)=((?:\\.|[^,\\])+),\s*(?:ou|dc|o|cn)=/i.exec(value);
    if (dn?.[1]) {
      this.builder.user(dn[1].replace(/\\(.)/g, '$1'));
      return;
    }
    if (role === 'email') {
      // An address in an e-mail field names the person as Elastic's pipelines do (related.user).
      if (/@/.test(value)) this.builder.user(value);
      return;
    }
    if (role === 'id') {
      // Letters and digits (`U04V6RBUPAK`, a GUID): an id. A bare number, a word or a short code is not kept.
      if (ID_LIKE.test(value) && /\d/.test(value) && /[a-z]/i.test(value)) this.builder.user(value);
      return;
    }
    if (role === 'login') {
      // A user's id (a GUID, a SID) names the user as Elastic's pipelines do (related.user); a bare number or a
      // provider-prefixed id (`auth0|123`) does not.
      if (/id$/.test(key) && (/^\d+$/.test(value) || value.includes('|'))) return;
      this.builder.user(userPart(value));
      return;
    }
    this.builder.user(value.includes('\\') ? userPart(value) : value);
  }

  /** Adds every leaf of a JSON-like value. */
  addJson(
    root: unknown,
    limits: Partial<WalkLimits> = {},
    prefix: readonly string[] = [],
    textDepth = 0,
  ): void {
    const outer = this.inJson;
    this.inJson = true;
    for (const leaf of collectLeaves(root, limits)) {
      const path = prefix.length > 0 ? [...prefix, ...leaf.path] : leaf.path;
      this.addField(path, leaf.value, leaf.siblings, leaf.path.length, textDepth);
    }
    this.inJson = outer;
  }

  /** Adds key=value pairs read from text, each under its own key (or `pathOf(key)`). */
  addPairs(
    pairs: ReadonlyArray<{ key: string; value: string }>,
    pathOf: (key: string) => readonly string[] = (k) => [k],
    textDepth = 0,
  ): void {
    const siblings = pairs.map((p) => normKey(p.key));
    const outer = this.inJson;
    this.inJson = false;
    for (const { key, value } of pairs) this.addField(pathOf(key), value, siblings, 1, textDepth);
    this.inJson = outer;
  }

  /** Keeps free text for the fallback scan in `finish`. */
  addFreeText(text: string): void {
    this.freeTexts.push(text);
  }

  /** Resolves deferred choices (unnamed addresses, e-mail users, free text) and returns the facts. */
  finish(): {
    title: string | null;
    severity: Severity | null;
    observedAt: string | null;
    ruleId: string | null;
  } {
    const b = this.builder;
    // Outbound, the local end is the source; inbound, the remote end is. With no direction, a record that
    // names both ends describes a connection seen from the local machine (its own end first); one that
    // names a single end goes as the key says.
    const bothEnds =
      this.sided.some((x) => x.side === 'local') && this.sided.some((x) => x.side === 'remote');
    for (const { ip, side, role } of this.sided) {
      if (ip === '0.0.0.0' || ip === '::') continue;
      if (this.direction === 'outbound' || (this.direction === null && bothEnds))
        this.addIp(ip, side === 'local' ? 'src' : 'dst');
      else if (this.direction === 'inbound') this.addIp(ip, side === 'remote' ? 'src' : 'dst');
      else this.addIp(ip, role);
    }
    const before = b.counts;
    this.ambient.forEach((ip) => {
      // An unspecified address (`0.0.0.0`) in an address field that names no side is no one's source.
      if (before.src === 0 && b.counts.src === 0 && ip !== '0.0.0.0' && ip !== '::') b.srcIp(ip);
      else this.addIp(ip, 'related');
    });
    const scanAll = this.options.alwaysScanText === true;
    if (this.freeTexts.length > 0 && (scanAll || b.counts.ips === 0 || b.counts.users === 0)) {
      const noIps = b.counts.ips === 0;
      const noUsers = b.counts.users === 0;
      let budget = 131_072;
      for (const text of this.freeTexts) {
        if (budget <= 0) break;
        budget -= text.length;
        const found = scanFreeText(text);
        if (scanAll || noIps) {
          found.src.forEach((ip) => b.srcIp(ip));
          found.dst.forEach((ip) => b.dstIp(ip));
          found.other.forEach((ip) => b.ip(ip));
        }
        if (scanAll || noUsers) {
          found.users.forEach((u) => b.user(stripDomain(u)));
          found.hosts.forEach((h) => b.host(h));
        }
      }
    }
    return {
      title: this.title?.value ?? null,
      severity: this.severity?.value ?? null,
      observedAt: this.time?.value ?? null,
      ruleId: this.ruleId?.value ?? null,
    };
  }
}
