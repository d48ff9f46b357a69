// Qualys VMDR JSON: user activity log rows (CSV columns as keys), host detections (one host with one
// detection) and knowledge-base entries: the user and their address, the scanned host's address and names,
// as Elastic's `qualys_vmdr` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** A user activity log row: the activity-log CSV with its header names as keys. */
const UserActivity = z.object({
  Action: TextField,
  Date: TextField,
  Details: TextField,
  Module: TextField,
  'User IP': TextField,
  'User Name': TextField,
  'User Role': TextField,
});

const Detection = z.object({
  QID: TextField,
  SEVERITY: TextField,
  STATUS: TextField,
  TYPE: TextField,
  LAST_FOUND_DATETIME: TextField,
});

/** A host detection: the host list entry, with its `DETECTION_LIST` holding one detection. */
const HostDetection = z.object({
  ID: TextField,
  IP: TextField,
  IPV6: TextField,
  DNS: TextField,
  DNS_DATA: z.object({ HOSTNAME: TextField, FQDN: TextField, DOMAIN: TextField }).nullish().catch(undefined),
  NETBIOS: TextField,
  DETECTION_LIST: Detection,
  KNOWLEDGE_BASE: z.object({ TITLE: TextField }).nullish().catch(undefined),
  LAST_SCAN_DATETIME: TextField,
});

/** A knowledge-base entry (a QID's description); Elastic maps no indicator from it. */
const KnowledgeBase = z.object({
  QID: TextField,
  TITLE: TextField,
  SEVERITY_LEVEL: TextField,
  VULN_TYPE: TextField,
  LAST_SERVICE_MODIFICATION_DATETIME: TextField,
  PUBLISHED_DATETIME: TextField,
});

type Row =
  | { kind: 'user_activity'; row: z.infer<typeof UserActivity> }
  | { kind: 'asset_host_detection'; row: z.infer<typeof HostDetection> }
  | { kind: 'knowledge_base'; row: z.infer<typeof KnowledgeBase> };

function read(raw: unknown): Row | null {
  if (!isObject(raw)) return null;
  if ('User Name' in raw && 'User Role' in raw && 'Module' in raw && 'Action' in raw) {
    const r = UserActivity.safeParse(raw);
    return r.success ? { kind: 'user_activity', row: r.data } : null;
  }
  if ('DETECTION_LIST' in raw && 'ID' in raw && ('IP' in raw || 'TRACKING_METHOD' in raw)) {
    const r = HostDetection.safeParse(raw);
    return r.success && isObject(raw.DETECTION_LIST) ? { kind: 'asset_host_detection', row: r.data } : null;
  }
  if ('QID' in raw && 'TITLE' in raw && 'VULN_TYPE' in raw && 'SEVERITY_LEVEL' in raw && !('IP' in raw)) {
    const r = KnowledgeBase.safeParse(raw);
    return r.success && r.data.QID ? { kind: 'knowledge_base', row: r.data } : null;
  }
  return null;
}

/** Elastic: source.ip is the user's address; user.name the user name. */
function userActivity(r: z.infer<typeof UserActivity>): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r['User IP']));
  obs.user(r['User Name']);
  const what = [r.Module, r.Action].filter(Boolean).join(' ');
  return parserAlert('qualys_vmdr', 'qualys_vmdr.user_activity', obs, {
    title: `Qualys VMDR: ${what || 'activity'}${r['User Name'] ? ` by ${r['User Name']}` : ''}${r.Details ? `: ${r.Details}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.Date),
    ruleId: what || null,
  });
}

/** Qualys severity levels 1 (minimal) to 5 (urgent). */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  '1': 'info',
  '2': 'low',
  '3': 'medium',
  '4': 'high',
  '5': 'critical',
});

/** Elastic: host.name is the FQDN (else the DNS host name); related.hosts the DNS host name, the FQDN, the
 * host id and the NetBIOS name; related.ip the host's addresses. */
function hostDetection(r: z.infer<typeof HostDetection>): Alert {
  const obs = new ObservablesBuilder();
  obs.ip(bareIndicatorIp(r.IP));
  obs.ip(bareIndicatorIp(r.IPV6));
  const dns = r.DNS_DATA;
  obs.host(dns?.FQDN ?? dns?.HOSTNAME);
  obs.host(dns?.HOSTNAME);
  obs.host(dns?.FQDN);
  // Elastic also puts the numeric host ID in related.hosts; an ID is no host name and would link unrelated
  // cases, so it stays out.
  obs.host(r.NETBIOS);
  const d = r.DETECTION_LIST;
  const where = dns?.FQDN ?? r.DNS ?? r.IP ?? r.ID ?? 'a host';
  return parserAlert('qualys_vmdr', 'qualys_vmdr.asset_host_detection', obs, {
    title: `Qualys VMDR: ${r.KNOWLEDGE_BASE?.TITLE ?? `QID ${d.QID ?? '?'}`} on ${where}`,
    severity: SEVERITY[d.SEVERITY ?? ''] ?? 'info',
    observedAt: toIsoTime(d.LAST_FOUND_DATETIME ?? r.LAST_SCAN_DATETIME),
    ruleId: d.QID ?? null,
  });
}

function knowledgeBase(r: z.infer<typeof KnowledgeBase>): Alert {
  return parserAlert('qualys_vmdr', 'qualys_vmdr.knowledge_base', new ObservablesBuilder(), {
    title: `Qualys VMDR knowledge base QID ${r.QID}${r.TITLE ? `: ${r.TITLE}` : ''}`,
    severity: SEVERITY[r.SEVERITY_LEVEL ?? ''] ?? 'info',
    observedAt: toIsoTime(r.LAST_SERVICE_MODIFICATION_DATETIME ?? r.PUBLISHED_DATETIME),
    ruleId: r.QID ?? null,
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Qualys VMDR user activity row, host detection or knowledge-base entry');
  if (r.kind === 'user_activity') return userActivity(r.row);
  if (r.kind === 'asset_host_detection') return hostDetection(r.row);
  return knowledgeBase(r.row);
}

export const qualysVmdrParser: Parser = {
  name: 'qualys_vmdr',
  claims: { keys: ['User Role', 'DETECTION_LIST', 'VULN_TYPE'], text: false },
  detect: detectorOf(read),
  parse,
};
