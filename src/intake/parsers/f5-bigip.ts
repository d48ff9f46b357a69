// F5 BIG-IP Telemetry Streaming JSON events (LTM, AFM, APM, ASM, AVR, systemInfo, ihealthInfo) and ASM Bot
// Defense / DoS key=value lines, read as Elastic's `f5_bigip.log` pipelines read them: per-module address fields
// by role, the appliance `hostname` as the host, ASM's raw HTTP request for the Host header and X-Forwarded-For.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** Telemetry Streaming's categories; each has its own pipeline in Elastic's package. */
const CATEGORIES = new Set(['LTM', 'AFM', 'APM', 'ASM', 'AVR', 'systemInfo', 'ihealthInfo']);

const F5Event = z.object({ telemetryEventCategory: z.string().min(1).max(16) }).catchall(z.unknown());
type F5Event = z.infer<typeof F5Event>;

/** A non-empty string field, or undefined. */
function str(e: F5Event, key: string): string | undefined {
  const v = e[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function detect(raw: unknown): boolean {
  if (typeof raw === 'string') return raw.includes('device_product=') && asKvLine(raw) !== null;
  if (!isObject(raw) || !('telemetryEventCategory' in raw)) return false;
  const parsed = F5Event.safeParse(raw);
  return parsed.success && CATEGORIES.has(parsed.data.telemetryEventCategory);
}

/** An ASM Bot Defense (`key="value",…`) or L7 DoS (`key=value;…`) line, as Elastic's kv processors split it. */
interface KvLine {
  kind: 'bot' | 'dos';
  text: string;
  kv: ReadonlyMap<string, string>;
}

const BOT_MARK = 'device_product="Application Security Module"';
const DOS_MARK = 'device_product=ASM';

function asKvLine(raw: unknown): KvLine | null {
  const text = textOf(raw, 65_536);
  if (text === null || !text.includes('device_product=')) return null;
  const kind = text.includes(BOT_MARK) ? 'bot' : text.includes(DOS_MARK) ? 'dos' : null;
  if (kind === null || text.startsWith('{') || text.includes('CEF:') || text.includes('LEEF:')) return null;
  const kv = new Map<string, string>();
  for (const part of text.split(kind === 'bot' ? ',' : ';')) {
    const eq = part.indexOf('=');
    // A relay's syslog header glued to the first key (`… ASM:hostname=`) leaves the key its last word.
    const key = eq > 0 ? lastKey(part.slice(0, eq).trim()) : undefined;
    if (key === undefined || kv.has(key)) continue;
    let value = part.slice(eq + 1);
    if (kind === 'bot') value = value.replace(/^["'([<]/, '').replace(/["')\]>]$/, '');
    if (value !== '' && value !== 'N/A' && value !== 'NA' && value !== 'null') kv.set(key, value);
  }
  return kv.size >= 3 ? { kind, text, kv } : null;
}

/**
 * The longest `[A-Za-z_][\w-]*` that ends the text (a key), or undefined. Read from the end in code: as a regex
 * searched along the text, a long hostile run of word characters was rescanned from each of them (quadratic).
 */
function lastKey(text: string): string | undefined {
  let start = text.length;
  while (start > 0 && /[\w-]/.test(text[start - 1] ?? '')) start -= 1;
  const tail = text.slice(start);
  const first = tail.search(/[A-Za-z_]/);
  return first < 0 ? undefined : tail.slice(first);
}

/**
 * The Host of a Bot Defense `http_request`, which Elastic's dissect reads only from a request whose headers start
 * Host, Connection (the line writes its CRLFs as two-character escapes); Elastic relates it when it is an address.
 */
function botRequestHost(text: string): string | undefined {
  const at = text.indexOf('http_request="');
  if (at < 0) return undefined;
  const end = text.indexOf('"', at + 14);
  const request = text.slice(at + 14, end < 0 ? undefined : end);
  return /^\S+ \S+ \S+(?:\\r\\n|\r\n)Host: (.*?)(?:\\r\\n|\r\n)Connection: /.exec(request)?.[1];
}

function botOrDos(line: KvLine, obs: ObservablesBuilder): void {
  const v = (key: string): string | undefined => line.kv.get(key);
  for (const key of ['bigip_mgmt_ip', 'bigip_mgmt_ip2', 'bigip_mgmt_ip_2']) obs.ip(bareIndicatorIp(v(key)));
  const client = bareIndicatorIp(v('client_ip'));
  obs.srcIp(client);
  obs.ip(client);
  const dest = bareIndicatorIp(v('dest_ip'));
  obs.dstIp(dest);
  obs.ip(dest);
  obs.ip(bareIndicatorIp(botRequestHost(line.text)));
  const source = bareIndicatorIp(v('source_ip'));
  obs.srcIp(source);
  obs.ip(source);
  obs.host(v('hostname'));
}

function kvFacts(line: KvLine): ReturnType<typeof facts> {
  const v = (key: string): string => line.kv.get(key) ?? '';
  const observedAt = toIsoTime(line.kv.get('timestamp')) ?? toIsoTime(line.kv.get('date_time'));
  if (line.kind === 'dos') {
    return {
      title:
        `F5 DoS ${v('dos_attack_name') || 'event'}: ${v('dos_attack_event')} ${v('source_ip')} (${v('action')})`
          .replace(/\s+/g, ' ')
          .replace(/ \(\)$/, '')
          .trim(),
      severity: mapSeverity(line.kv.get('severity'), 'syslog') ?? 'medium',
      observedAt,
      ruleId: line.kv.get('dos_attack_id') ?? line.kv.get('errdefs_msgno') ?? null,
    };
  }
  const verdict = `${v('action')} ${v('request_status')} ${v('actual_mitigation_action')}`;
  return {
    title:
      `F5 Bot Defense ${v('class') || v('bot_name') || 'event'}: ${v('client_ip') || '?'} -> ${v('dest_ip') || '?'} ${v('http_method')} ${v('client_request_uri')} (${v('request_status') || v('action')})`
        .replace(/\s+/g, ' ')
        .trim(),
    severity: /block/i.test(verdict) ? 'medium' : /illegal|captcha|alarm/i.test(verdict) ? 'low' : 'info',
    observedAt,
    ruleId: line.kv.get('bot_signature') ?? line.kv.get('errdefs_msgno') ?? null,
  };
}

const SystemInfo = z.object({
  hostname: TextField,
  description: TextField,
  baseMac: TextField,
  machineId: TextField,
  systemTimestamp: TextField,
  failoverStatus: TextField,
  version: TextField,
});

/** systemInfo: Elastic relates the description, host name, base MAC (as `AA-BB-…`) and machine id as hosts. */
function systemInfo(e: F5Event, obs: ObservablesBuilder): z.infer<typeof SystemInfo> | null {
  const sys = SystemInfo.safeParse(e['system']);
  if (!sys.success) return null;
  obs.host(sys.data.description);
  obs.host(sys.data.hostname);
  obs.host(sys.data.baseMac?.replace(/[:.]/g, '-').toUpperCase());
  obs.host(sys.data.machineId);
  return sys.data;
}

const IhealthInfo = z.object({
  system: z
    .object({ hostname: TextField, qkviewNumber: TextField })
    .catch({ hostname: undefined, qkviewNumber: undefined }),
  diagnostics: z
    .array(
      z
        .object({ importance: TextField, name: TextField, header: TextField })
        .catch({ importance: undefined, name: undefined, header: undefined }),
    )
    .catch([]),
  telemetryServiceInfo: z.object({ cycleEnd: TextField }).catch({ cycleEnd: undefined }),
});

const IMPORTANCE: Readonly<Record<string, number>> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

/** ihealthInfo: qkview diagnostics (vulnerabilities and advisories); Elastic relates no indicator. */
function ihealthFacts(e: F5Event): ReturnType<typeof facts> {
  const r = IhealthInfo.safeParse(e);
  const info = r.success
    ? r.data
    : {
        system: { hostname: undefined, qkviewNumber: undefined },
        diagnostics: [],
        telemetryServiceInfo: { cycleEnd: undefined },
      };
  let worst: (typeof info.diagnostics)[number] | undefined;
  for (const d of info.diagnostics) {
    const rank = IMPORTANCE[d.importance?.toUpperCase() ?? ''] ?? 0;
    if (rank > (IMPORTANCE[worst?.importance?.toUpperCase() ?? ''] ?? 0)) worst = d;
  }
  const rank = IMPORTANCE[worst?.importance?.toUpperCase() ?? ''] ?? 0;
  const where = info.system.hostname ? ` on ${info.system.hostname}` : '';
  return {
    title:
      `F5 iHealth qkview ${info.system.qkviewNumber ?? ''}: ${info.diagnostics.length} diagnostics${worst?.header ? `, worst: ${worst.header}` : ''}${where}`
        .replace(/\s+/g, ' ')
        .trim(),
    severity: rank === 3 ? 'medium' : rank === 2 ? 'low' : 'info',
    observedAt: toIsoTime(info.telemetryServiceInfo.cycleEnd),
    ruleId: worst?.name ?? null,
  };
}

/** A requested site: a domain name when it is one, else the raw value Elastic keeps in `related.hosts`. */
function site(obs: ObservablesBuilder, value: string | undefined): void {
  if (value === undefined) return;
  const v = value.toLowerCase();
  if (/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/.test(v) && canonicalIp(v) === null) obs.domain(v);
  else obs.host(v);
}

/** Splits a comma-separated forwarded-for chain; only entries that are addresses count. */
function forwardedIps(obs: ObservablesBuilder, chain: string | undefined): void {
  for (const part of (chain ?? '').split(/,\s*/)) obs.ip(bareIndicatorIp(part));
}

/**
 * The request line and headers of ASM's raw `request` (lines end in CRLF or its two-character escape),
 * as Elastic's script reads them: first value of Host, every value of X-Forwarded-For.
 */
function requestHeaders(request: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const lines = request.split(/\\r\\n|\r\n|\r|\n/);
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (value === '') continue;
    const seen = headers.get(name);
    if (!seen) headers.set(name, [value]);
    else if (name !== 'host' && name !== 'user-agent') seen.push(value);
  }
  return headers;
}

/** The text Elastic's ASM script searches for directory user names (`sAMAccountName=`, up to `\` or `)`;
 * here also up to the `"` that ends the JSON string, where Elastic's match would run on into later fields). */
function originalText(raw: unknown): string {
  try {
    return typeof raw === 'string' ? raw : JSON.stringify(raw);
  } catch {
    return '';
  }
}

function asm(e: F5Event, raw: unknown, obs: ObservablesBuilder): void {
  const client = bareIndicatorIp(str(e, 'ip_client'));
  obs.srcIp(client);
  obs.ip(client);
  const dest = bareIndicatorIp(str(e, 'dest_ip'));
  obs.dstIp(dest);
  obs.ip(dest);
  obs.host(str(e, 'device_id'));
  obs.user(str(e, 'username'));
  obs.ip(bareIndicatorIp(str(e, 'management_ip_address')));
  obs.ip(bareIndicatorIp(str(e, 'management_ip_address_2')));
  const sam = /sAMAccountName=([^\\)"]+)/.exec(originalText(raw));
  if (sam) obs.user(sam[1]);
  const request = str(e, 'request');
  if (request !== undefined) {
    const headers = requestHeaders(request);
    site(obs, headers.get('host')?.[0]);
    forwardedIps(obs, headers.get('x-forwarded-for')?.join(', '));
  }
  forwardedIps(obs, str(e, 'x_forwarded_for_header_value'));
  for (const key of ['ip_route_domain', 'unit_host', 'ip_with_route_domain', 'unit_hostname']) {
    obs.host(str(e, key));
  }
}

function afm(e: F5Event, obs: ObservablesBuilder): void {
  const dest = bareIndicatorIp(str(e, 'dest_ip'));
  obs.dstIp(dest);
  obs.ip(dest);
  const src = bareIndicatorIp(str(e, 'source_ip'));
  obs.srcIp(src);
  obs.ip(src);
  obs.user(str(e, 'source_user'));
  obs.ip(bareIndicatorIp(str(e, 'bigip_mgmt_ip')));
  obs.host(str(e, 'dest_fqdn'));
  obs.host(str(e, 'route_domain'));
  obs.host(str(e, 'source_fqdn'));
  obs.ip(bareIndicatorIp(str(e, 'translated_dest_ip')));
  obs.host(str(e, 'translated_route_domain'));
  obs.ip(bareIndicatorIp(str(e, 'translated_source_ip')));
}

function ltm(e: F5Event, obs: ObservablesBuilder): void {
  // The client is Elastic's client.ip (related); the pool member it reached is the destination.
  obs.ip(bareIndicatorIp(str(e, 'client_ip')));
  const server = bareIndicatorIp(str(e, 'server_ip'));
  obs.dstIp(server);
  obs.ip(server);
  const src = bareIndicatorIp(str(e, 'src_ip'));
  obs.srcIp(src);
  obs.ip(src);
  obs.ip(bareIndicatorIp(str(e, 'node')));
  obs.user(str(e, 'user'));
}

function apm(e: F5Event, obs: ObservablesBuilder): void {
  obs.ip(bareIndicatorIp(str(e, 'Client_IP')));
  obs.ip(bareIndicatorIp(str(e, 'Virtual_IP')));
}

function avr(e: F5Event, obs: ObservablesBuilder): void {
  obs.ip(bareIndicatorIp(str(e, 'ClientIP')));
  const pool = bareIndicatorIp(str(e, 'POOLIP'));
  obs.dstIp(pool);
  obs.ip(pool);
  obs.host(str(e, 'DeviceId'));
  const src = bareIndicatorIp(str(e, 'SourceIP'));
  obs.srcIp(src);
  obs.ip(src);
  obs.user(str(e, 'UserName'));
  obs.host(str(e, 'ClientIPRouteDomain'));
  obs.host(str(e, 'POOLIPRouteDomain'));
  obs.ip(bareIndicatorIp(str(e, 'SubnetIP')));
  obs.host(str(e, 'SubnetRouteDomain'));
  obs.host(str(e, 'SourceIpRouteDomain'));
}

/** LTM's `2019-01-01:06:54:30.000Z` (a colon between date and time) as ISO 8601. */
const ltmTime = (v: string | undefined): string | undefined => v?.replace(/^(\d{4}-\d{2}-\d{2}):/, '$1T');

function facts(e: F5Event): {
  title: string;
  severity: Severity;
  observedAt: string | null;
  ruleId: string | null;
} {
  const cat = e.telemetryEventCategory;
  const s = (key: string): string => str(e, key) ?? '';
  const telemetryTime = toIsoTime(str(e, 'f5telemetry_timestamp'));
  switch (cat) {
    case 'ASM': {
      const blocked = /block/i.test(s('request_status'));
      const what = str(e, 'attack_type') ?? str(e, 'violations') ?? str(e, 'sig_names') ?? 'request';
      return {
        title:
          `F5 ASM ${s('request_status')} ${what}: ${s('ip_client') || '?'} -> ${s('dest_ip') || '?'} ${s('method')} ${s('uri')}`
            .replace(/\s+/g, ' ')
            .trim(),
        severity: mapSeverity(str(e, 'severity')) ?? (blocked ? 'medium' : 'low'),
        observedAt: toIsoTime(str(e, 'date_time')) ?? telemetryTime,
        ruleId: str(e, 'sig_ids') ?? str(e, 'policy_name') ?? null,
      };
    }
    case 'AFM': {
      const denied = /reject|drop|deny/i.test(s('action'));
      return {
        title:
          `F5 AFM ${s('action')} ${s('ip_protocol')} ${s('source_ip') || '?'} -> ${s('dest_ip') || '?'}:${s('dest_port')} ${s('acl_rule_name')}`
            .replace(/\s+/g, ' ')
            .trim(),
        severity: denied ? 'low' : 'info',
        observedAt: toIsoTime(str(e, 'date_time')) ?? telemetryTime,
        ruleId: str(e, 'acl_rule_name') ?? str(e, 'errdefs_msgno') ?? null,
      };
    }
    case 'LTM':
      return {
        title:
          `F5 LTM ${s('http_method')} ${s('http_host')}${s('http_uri')} from ${s('client_ip') || s('src_ip') || '?'}`
            .replace(/\s+/g, ' ')
            .trim(),
        severity: 'info',
        observedAt: toIsoTime(ltmTime(str(e, 'event_timestamp'))) ?? telemetryTime,
        ruleId: str(e, 'virtual_name') ?? str(e, 'virtual_server') ?? null,
      };
    case 'APM': {
      const denied = /deny|fail/i.test(s('Access_Policy_Result'));
      return {
        title:
          `F5 APM ${str(e, 'Access_Policy_Result') ?? str(e, 'errdefs_msgno') ?? 'event'} ${s('Access_Profile')}`.trim(),
        severity: denied ? 'low' : 'info',
        observedAt: telemetryTime,
        ruleId: str(e, 'errdefs_msgno') ?? null,
      };
    }
    default: {
      // A DoS report says `AttackId: 0` and `Not attacked` when nothing was attacked.
      const named = str(e, 'AttackVectorName');
      const vector = named !== undefined && !/^not attacked$/i.test(named) ? named : undefined;
      const attackId = str(e, 'AttackId');
      const attacked = attackId !== undefined && attackId !== '0' && vector === named;
      return {
        title: `F5 AVR ${vector ?? str(e, 'Entity') ?? str(e, 'Module') ?? 'report'} ${s('VSName')}`.trim(),
        severity: mapSeverity(str(e, 'Severity')) ?? (attacked ? 'medium' : 'info'),
        observedAt: toIsoTime(str(e, 'EOCTimestamp')) ?? telemetryTime,
        ruleId: (attacked ? attackId : undefined) ?? str(e, 'Entity') ?? null,
      };
    }
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  if (typeof raw === 'string') {
    const line = asKvLine(raw);
    if (!line) throw new Error('not an F5 BIG-IP ASM Bot Defense or DoS line');
    const kvObs = new ObservablesBuilder(false);
    botOrDos(line, kvObs);
    return parserAlert('f5_bigip', 'f5_bigip.log', kvObs, kvFacts(line));
  }
  const e = F5Event.parse(raw);
  // Related addresses are added in the pipelines' order; not every endpoint address is a related one.
  const obs = new ObservablesBuilder(false);
  obs.host(str(e, 'hostname'));
  switch (e.telemetryEventCategory) {
    case 'ASM':
      asm(e, raw, obs);
      break;
    case 'AFM':
      afm(e, obs);
      break;
    case 'LTM':
      ltm(e, obs);
      break;
    case 'APM':
      apm(e, obs);
      break;
    case 'AVR':
      avr(e, obs);
      break;
    case 'systemInfo': {
      const sys = systemInfo(e, obs);
      const name = sys?.hostname ?? sys?.description ?? '';
      return parserAlert('f5_bigip', 'f5_bigip.log', obs, {
        title: `F5 system info ${name} ${sys?.failoverStatus ?? ''} ${sys?.version ?? ''}`
          .replace(/\s+/g, ' ')
          .trim(),
        severity: 'info',
        observedAt: toIsoTime(sys?.systemTimestamp),
        ruleId: null,
      });
    }
    case 'ihealthInfo':
      return parserAlert('f5_bigip', 'f5_bigip.log', obs, ihealthFacts(e));
  }
  return parserAlert('f5_bigip', 'f5_bigip.log', obs, facts(e));
}

export const f5BigipParser: Parser = {
  name: 'f5_bigip',
  claims: {
    keys: ['telemetryEventCategory'],
    text: ['device_product="Application Security Module"', 'device_product=ASM'],
  },
  detect,
  parse,
};
