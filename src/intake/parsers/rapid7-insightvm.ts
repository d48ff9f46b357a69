// Rapid7 InsightVM cloud API JSON: assets (with their new/same/remediated findings), asset vulnerabilities (an
// asset joined with one `vulnerability`) and vulnerability catalogue entries, with the asset's address and
// names mapped as Elastic's `rapid7_insightvm` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(undefined);
const Num = z.number().nullish().catch(undefined);

/** The fields every asset record carries (`/vm/v4/integration/assets`). */
const AssetFields = {
  id: TextField,
  host_name: Str,
  ip: Str,
  risk_score: Num,
  critical_vulnerabilities: Num,
  severe_vulnerabilities: Num,
  total_vulnerabilities: Num,
  last_scan_end: Str,
  last_assessed_for_vulnerabilities: Str,
};

const Finding = z.object({ vulnerability_id: Str });

/** An asset with its findings grouped as `new`, `same` and `remediated`. */
const Asset = z.object({
  ...AssetFields,
  new: z.array(Finding).nullish().catch(undefined),
  same: z.array(Finding).nullish().catch(undefined),
  remediated: z.array(Finding).nullish().catch(undefined),
});

/** The vulnerability attached to an asset-vulnerability record (finding and catalogue fields merged). */
const Vulnerability = z.object({
  id: TextField,
  vulnerability_id: Str,
  title: Str,
  severity: Str,
  severity_score: Num,
  cvss_v3_score: Num,
  last_found: Str,
  first_found: Str,
  status: Str,
});

const AssetVulnerability = z.object({ ...AssetFields, vulnerability: Vulnerability });

/** A vulnerability catalogue entry (`/vm/v4/integration/vulnerabilities`): no asset, no indicators. */
const CatalogueEntry = z.object({
  id: z.string(),
  title: Str,
  severity: Str,
  severity_score: Num,
  cvss_v3_score: Num,
  modified: Str,
  published: Str,
  added: Str,
});

type Record =
  | { kind: 'asset'; asset: z.infer<typeof Asset> }
  | { kind: 'asset_vulnerability'; row: z.infer<typeof AssetVulnerability> }
  | { kind: 'vulnerability'; entry: z.infer<typeof CatalogueEntry> };

/** The record when `raw` is one of the InsightVM shapes; else null. */
function read(raw: unknown): Record | null {
  if (!isObject(raw)) return null;
  const asset = 'assessed_for_vulnerabilities' in raw && 'risk_score' in raw && 'id' in raw;
  if (asset && 'vulnerability' in raw && isObject(raw.vulnerability)) {
    const r = AssetVulnerability.safeParse(raw);
    return r.success ? { kind: 'asset_vulnerability', row: r.data } : null;
  }
  if (asset && ('total_vulnerabilities' in raw || 'new' in raw || 'remediated' in raw)) {
    const r = Asset.safeParse(raw);
    return r.success ? { kind: 'asset', asset: r.data } : null;
  }
  if (
    'id' in raw &&
    'title' in raw &&
    'severity_score' in raw &&
    'cvss_v3_score' in raw &&
    ('pci_status' in raw || 'denial_of_service' in raw) &&
    !('ip' in raw)
  ) {
    const r = CatalogueEntry.safeParse(raw);
    return r.success ? { kind: 'vulnerability', entry: r.data } : null;
  }
  return null;
}

/** InsightVM severities (`critical`, `severe`, `moderate`) on Vigil's scale. */
function severityOf(label: string | null | undefined, score: number | null | undefined): Severity | null {
  const l = label?.toLowerCase();
  if (l === 'critical') return 'critical';
  if (l === 'severe') return 'high';
  if (l === 'moderate') return 'medium';
  return mapSeverity(l) ?? (typeof score === 'number' ? mapSeverity(score) : null);
}

/** Elastic: host.name is the lower-cased host name, then related.hosts also gets its first label
 * (host.hostname); the address is host.ip and related.ip. */
function asset(a: z.infer<typeof Asset>): Alert {
  const obs = new ObservablesBuilder();
  const name = a.host_name?.trim().toLowerCase();
  if (name) {
    obs.host(name);
    const dot = name.indexOf('.');
    obs.host(dot === -1 ? name : name.slice(0, dot));
  }
  obs.ip(bareIndicatorIp(a.ip));
  const where = a.host_name || a.ip || a.id || 'an asset';
  const findings = [...(a.new ?? []), ...(a.same ?? [])];
  const severity: Severity =
    (a.critical_vulnerabilities ?? 0) > 0 ? 'high' : (a.severe_vulnerabilities ?? 0) > 0 ? 'medium' : 'info';
  return parserAlert('rapid7_insightvm', 'rapid7_insightvm.asset', obs, {
    title: `Rapid7 InsightVM asset ${where}: ${a.total_vulnerabilities ?? findings.length} vulnerabilities`,
    severity,
    observedAt: toIsoTime(a.last_scan_end ?? a.last_assessed_for_vulnerabilities),
    ruleId: findings[0]?.vulnerability_id ?? null,
  });
}

/** Elastic: host.name and related.hosts are the host name as written, then related.hosts gets the asset id;
 * the address is host.ip and related.ip. */
function assetVulnerability(row: z.infer<typeof AssetVulnerability>): Alert {
  const obs = new ObservablesBuilder();
  obs.host(row.host_name);
  obs.host(row.id);
  obs.ip(bareIndicatorIp(row.ip));
  const v = row.vulnerability;
  const where = row.host_name || row.ip || row.id || 'an asset';
  return parserAlert('rapid7_insightvm', 'rapid7_insightvm.asset_vulnerability', obs, {
    title: `Rapid7 InsightVM: ${v.title ?? v.vulnerability_id ?? v.id ?? 'vulnerability'} on ${where}`,
    severity: severityOf(v.severity, v.cvss_v3_score) ?? 'info',
    observedAt: toIsoTime(v.last_found ?? row.last_scan_end ?? v.first_found),
    ruleId: v.vulnerability_id ?? v.id ?? null,
  });
}

function vulnerability(e: z.infer<typeof CatalogueEntry>): Alert {
  return parserAlert('rapid7_insightvm', 'rapid7_insightvm.vulnerability', new ObservablesBuilder(), {
    title: `Rapid7 InsightVM vulnerability: ${e.title ?? e.id}`,
    severity: severityOf(e.severity, e.cvss_v3_score) ?? 'info',
    observedAt: toIsoTime(e.modified ?? e.published ?? e.added),
    ruleId: e.id,
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Rapid7 InsightVM asset, asset vulnerability or vulnerability');
  if (r.kind === 'asset') return asset(r.asset);
  if (r.kind === 'asset_vulnerability') return assetVulnerability(r.row);
  return vulnerability(r.entry);
}

export const rapid7InsightvmParser: Parser = {
  name: 'rapid7_insightvm',
  claims: { keys: ['assessed_for_vulnerabilities', 'cvss_v3_score'], text: false },
  detect: detectorOf(read),
  parse,
};
