// Amazon Route 53 query logs: Resolver query logs (JSON, with DNS Firewall verdicts) and public hosted
// zone query logs (space-separated lines): the client as the source, resolved addresses as related,
// the query and CNAME/PTR answers as names, mapped as Elastic's `aws` Route 53 pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.route53';
const RESOLVER = 'aws.route53_resolver_logs';
const PUBLIC = 'aws.route53_public_logs';
const Str = OptionalText;

const Answer = z.object({ Rdata: Str, Type: Str, Class: Str });
const ResolverLog = z.object({
  version: Str,
  query_timestamp: Str,
  query_name: z.string(),
  query_type: Str,
  rcode: Str,
  answers: z.array(Answer).nullish(),
  srcaddr: Str,
  srcids: z.object({ instance: Str, resolver_endpoint: Str }).nullish(),
  firewall_rule_action: Str,
  firewall_rule_group_id: Str,
});
type ResolverLog = z.infer<typeof ResolverLog>;

/** version, time, hosted zone, query name, type, response code, transport, edge location, client, EDNS subnet. */
const PUBLIC_LINE =
  /^(\d+\.\d+) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (Z[A-Z0-9]+) (\S+) ([A-Z0-9]+) ([A-Z0-9]+) (UDP|TCP) ([A-Z0-9-]+) (\S+) (\S+)$/;

function detect(raw: unknown): boolean {
  const line = textOf(raw, 4_096);
  if (line !== null) return PUBLIC_LINE.test(line.trim());
  if (!isObject(raw) || !('query_name' in raw) || !('srcaddr' in raw)) return false;
  if (!('query_timestamp' in raw) && !('srcids' in raw) && !('vpc_id' in raw)) return false;
  return ResolverLog.safeParse(raw).success;
}

/** A DNS name as Elastic writes it: without the root's trailing dot. */
const bare = (name: string): string => name.trim().replace(/\.$/, '');

/** A name with a dot goes to the domains; a single label (or an address in a PTR answer) to the hosts. */
function addName(obs: ObservablesBuilder, name: string): void {
  if (name.includes('.') && !parseAddress(name)) obs.domain(name);
  else obs.host(name);
}

/** The address a reverse-lookup name stands for, as Elastic's pipeline rebuilds it; null when partial. */
function reverseAddress(name: string): string | null {
  const v4 = /^(.+)\.in-addr\.arpa$/i.exec(name);
  if (v4?.[1]) return parseAddress(v4[1].split('.').reverse().join('.'));
  const v6 = /^(.+)\.ip6\.arpa$/i.exec(name);
  if (!v6?.[1]) return null;
  const nibbles = v6[1].split('.').reverse();
  if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/i.test(n))) return null;
  const groups: string[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
  return parseAddress(groups.join(':'));
}

/** BLOCK is DNS Firewall refusing the query; ALERT is a match let through; others are plain lookups. */
function severityOf(action: string): Severity {
  if (action === 'BLOCK') return 'medium';
  if (action === 'ALERT') return 'low';
  return 'info';
}

function parseResolver(e: ResolverLog): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const query = bare(e.query_name);
  const type = (e.query_type ?? '').toUpperCase();
  for (const a of e.answers ?? []) {
    const data = bare(a.Rdata ?? '');
    const t = (a.Type ?? '').toUpperCase();
    if (t === 'A' || t === 'AAAA') obs.ip(data);
    else if ((t === 'CNAME' || t === 'PTR') && data) addName(obs, data);
  }
  const client = obs.srcIp(e.srcaddr);
  if (type === 'PTR') obs.ip(reverseAddress(query));
  else if (query) addName(obs, query);
  const action = (e.firewall_rule_action ?? '').toUpperCase();
  const rcode = e.rcode ?? '';
  return parserAlert(NAME, RESOLVER, obs, {
    title: `${action ? `DNS Firewall ${action}: ` : ''}DNS ${type || 'query'} ${query}${
      client ? ` from ${client}` : ''
    }${rcode ? ` (${rcode})` : ''}`,
    severity: severityOf(action),
    observedAt: toIsoTime(e.query_timestamp),
    ruleId: e.firewall_rule_group_id ?? (rcode ? `route53:${rcode}` : null),
  });
}

function parsePublic(line: string): ReturnType<Parser['parse']> {
  const m = PUBLIC_LINE.exec(line.trim());
  const obs = new ObservablesBuilder();
  const query = bare(m?.[4] ?? '');
  const client = obs.srcIp(m?.[9]);
  if (query) addName(obs, query);
  const rcode = m?.[6] ?? '';
  return parserAlert(NAME, PUBLIC, obs, {
    title: `DNS ${m?.[5] ?? 'query'} ${query}${client ? ` from ${client}` : ''} (${rcode})`,
    severity: 'info',
    observedAt: toIsoTime(m?.[2]),
    ruleId: rcode ? `route53:${rcode}` : null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = textOf(raw, 4_096);
  return line !== null ? parsePublic(line) : parseResolver(ResolverLog.parse(raw));
}

export const awsRoute53Parser: Parser = {
  name: NAME,
  claims: { keys: ['query_name'], text: [' UDP ', ' TCP '] },
  detect,
  parse,
};
