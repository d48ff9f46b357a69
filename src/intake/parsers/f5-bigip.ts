// F5 BIG-IP Telemetry Streaming JSON events (LTM, AFM, APM, ASM, AVR), read as Elastic's `f5_bigip.log`
// pipelines read them: per-module address fields by role, the appliance `hostname` as the host, ASM's raw
// HTTP request for the Host header (a site) and X-Forwarded-For chain.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

/** Telemetry Streaming's module names; each has its own pipeline in Elastic's package. */
const CATEGORIES = new Set(['LTM', 'AFM', 'APM', 'ASM', 'AVR']);

const F5Event = z.object({ telemetryEventCategory: z.string().min(1).max(16) }).catchall(z.unknown());
type F5Event = z.infer<typeof F5Event>;

/** A non-empty string field, or undefined. */
function str(e: F5Event, key: string): string | undefined {
  const v = e[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('telemetryEventCategory' in raw)) return false;
  const parsed = F5Event.safeParse(raw);
  return parsed.success && CATEGORIES.has(parsed.data.telemetryEventCategory);
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
  obs.ip(bareIndicatorIp(str(e, 'client_ip')));
  obs.ip(bareIndicatorIp(str(e, 'server_ip')));
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
    default:
      return {
        title:
          `F5 AVR ${str(e, 'AttackVectorName') ?? str(e, 'Entity') ?? str(e, 'Module') ?? 'report'} ${s('VSName')}`.trim(),
        severity: mapSeverity(str(e, 'Severity')) ?? (str(e, 'AttackId') ? 'medium' : 'info'),
        observedAt: toIsoTime(str(e, 'EOCTimestamp')) ?? telemetryTime,
        ruleId: str(e, 'AttackId') ?? str(e, 'Entity') ?? null,
      };
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
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
  }
  return parserAlert('f5_bigip', 'f5_bigip.log', obs, facts(e));
}

export const f5BigipParser: Parser = { name: 'f5_bigip', detect, parse };
