// Tenable Security Center (SC) API JSON: assets (`/asset` analysis rows) and vulnerabilities (`vulndetails`
// rows): the scanned host's address, DNS and NetBIOS names, mapped as Elastic's `tenable_sc` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  OptionalNumber,
  OptionalText,
  parserAlert,
} from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Num = OptionalNumber;

/** SC's repository object: `sciID` and `dataFormat` are specific to Security Center. */
const Repository = z
  .object({ id: Num, name: Str, sciID: Num, dataFormat: Str })
  .refine((r) => r.sciID != null || r.dataFormat != null);

const Common = z.object({
  ip: z.string(),
  dnsName: Str,
  netbiosName: Str,
  macAddress: Str,
  repository: Repository,
});

const Asset = Common.extend({
  uuid: Str,
  score: Num,
  severityCritical: Num,
  severityHigh: Num,
  severityMedium: Num,
  policyName: Str,
});

const Vulnerability = Common.extend({
  pluginID: z.union([z.string(), z.number()]),
  pluginName: Str,
  severity: z.object({ id: Num, name: Str }),
  port: Num,
  protocol: Str,
  lastSeen: Num,
  firstSeen: Num,
});

type Row =
  | { kind: 'asset'; row: z.infer<typeof Asset> }
  | { kind: 'vulnerability'; row: z.infer<typeof Vulnerability> };

/** The row when `raw` is an SC asset or vulnerability row (an `ip` and an SC `repository`); else null. */
function read(raw: unknown): Row | null {
  if (!isObject(raw) || !('ip' in raw) || !('repository' in raw)) return null;
  if ('pluginID' in raw) {
    const v = Vulnerability.safeParse(raw);
    return v.success ? { kind: 'vulnerability', row: v.data } : null;
  }
  if (!('uniqueness' in raw || 'hostUniqueness' in raw)) return null;
  const a = Asset.safeParse(raw);
  return a.success ? { kind: 'asset', row: a.data } : null;
}

/** Elastic: related.ip is the row's address; host.name the first label of dnsName; related.hosts the DNS
 * name, that label and the NetBIOS name. */
function observe(row: z.infer<typeof Common>): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const ip = bareIndicatorIp(row.ip);
  // 0.0.0.0/8 ("this network") is never a scanned host's address: SC's anonymised exports use it.
  if (ip && !/^0\./.test(ip)) obs.ip(ip);
  const dns = row.dnsName?.trim();
  if (dns) {
    obs.host(dns.split('.')[0]);
    obs.host(dns);
  }
  obs.host(row.netbiosName ?? undefined);
  return obs;
}

/** SC's severity ids: 0 info, 1 low, 2 medium, 3 high, 4 critical. */
const SEVERITY: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

const fromEpoch = (v: string | number | null | undefined): string | null => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? toIsoTime(new Date(n * 1000).toISOString()) : null;
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Tenable SC asset or vulnerability');
  const who = r.row.dnsName || r.row.ip;
  if (r.kind === 'vulnerability') {
    const v = r.row;
    const sev = SEVERITY[Number(v.severity.id)] ?? mapSeverity(v.severity.name) ?? 'info';
    return parserAlert('tenable_sc', 'tenable_sc.vulnerability', observe(v), {
      title: `Tenable SC: ${v.pluginName ?? `plugin ${v.pluginID}`} on ${who}${v.port && v.port !== '0' ? `:${v.port}` : ''}`,
      severity: sev,
      observedAt: fromEpoch(v.lastSeen ?? v.firstSeen),
      ruleId: v.pluginID,
    });
  }
  const a = r.row;
  const sev: Severity =
    Number(a.severityCritical ?? 0) > 0
      ? 'critical'
      : Number(a.severityHigh ?? 0) > 0
        ? 'high'
        : Number(a.severityMedium ?? 0) > 0
          ? 'medium'
          : 'info';
  return parserAlert('tenable_sc', 'tenable_sc.asset', observe(a), {
    title: `Tenable SC asset ${who}${a.score ? ` (score ${a.score})` : ''}`,
    severity: sev,
    observedAt: null,
    ruleId: a.policyName ?? null,
  });
}

export const tenableScParser: Parser = {
  name: 'tenable_sc',
  claims: { keys: ['repository'], text: false },
  detect: detectorOf(read),
  parse,
};
