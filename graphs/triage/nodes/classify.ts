// classify: the triage role. Reads the normalised alert and picks its family and playbook path (network
// indicator, identity compromise, endpoint malware, cloud/misconfiguration). Deterministic rules over the
// alert's format, title and observables; it never acts.
import { type Alert, subjectUsers } from '../../agents/extraction/contract.js';
import { isBlockable } from '../../lib/ip-scope.js';
import { Classification, type Playbook } from '../contracts.js';
import { formatFamily, isPostureFormat } from '../format-families.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

type Family = Classification['family'];

/**
 * Words in a title, and name patterns for formats the family table does not list, that point at a family.
 * Short words match whole words only: "EC2" is not "c2", "repository" not "tor", "get" not "ET".
 */
const SIGNALS: Array<{ family: Family; formats: RegExp; words: RegExp }> = [
  {
    family: 'endpoint',
    formats: /crowdstrike|falcon|defender|sentinel_?one|carbon_?black|sysmon|endpoint|edr|windows/i,
    words:
      /malware|ransom|trojan|virus|backdoor|rootkit|\bworm|spyware|adware|keylogger|stealer|(?:coin|crypto) ?miner|web ?shell|exploit|\bprocess|powershell|mimikatz|credential dump|lsass|persistence|quarantin|suspicious file|\bhash/i,
  },
  {
    family: 'identity',
    formats: /okta|entra|azure_?ad|signin|sign_in|google_workspace|auth0|duo|onelogin|ping/i,
    words:
      /\blog ?in|sign[- ]?in|\blogon|\bmfa\b|multi-factor|password|brute|credential|impossible travel|account|session|token|oauth|privilege|\buser/i,
  },
  {
    family: 'cloud',
    formats: /cloudtrail|guardduty|aws|gcp|azure(?!_?ad)|kubernetes|k8s|securityhub|cloud/i,
    words:
      /bucket|\bs3\b|\biam\b|security group|public access|misconfig|root account|access key|cloudtrail|\bkms\b|exposed|storage account|policy change/i,
  },
  {
    family: 'network',
    formats:
      /suricata|zeek|snort|fortinet|fortigate|palo|pan|checkpoint|cisco|asa|firewall|netflow|ids|cef|leef/i,
    words:
      /\b(?:port)?scan|\bc2\b|command and control|beacon|botnet|ddos|flood|\bports?\b|traffic|connection|\bdns\b|\btor\b|exfil|intrusion|denied|blocked|\bids\b|\bet\b/i,
  },
];

const PLAYBOOK: Record<Family, Playbook> = {
  network: 'network-indicator',
  identity: 'identity-compromise',
  endpoint: 'endpoint-malware',
  cloud: 'cloud-misconfiguration',
  other: 'observe',
};

/** Classifies one alert; exported for unit tests and for the case view. */
export function classifyAlert(alert: Alert): Classification {
  const reasons: string[] = [];
  const score = new Map<Family, number>();
  // Each reason says which family it counts for, so a reader can see how the choice was reached.
  const add = (family: Family, points: number, why: string) => {
    score.set(family, (score.get(family) ?? 0) + points);
    reasons.push(`${why} (${family} +${points})`);
  };
  const listed = formatFamily(alert.format);
  // A posture finding's words describe the resource to fix ("VPN connection", "open port"), not an attack.
  if (isPostureFormat(alert.format)) add('cloud', 10, `format ${alert.format} reports posture findings`);
  else if (listed) add(listed, 2, `format ${alert.format} is ${listed}`);
  for (const signal of SIGNALS) {
    if (listed === undefined && signal.formats.test(alert.format))
      add(signal.family, 2, `format ${alert.format} looks ${signal.family}`);
    const word = signal.words.exec(alert.title);
    if (word) add(signal.family, 3, `title mentions "${word[0].toLowerCase()}"`);
  }
  const o = alert.observables;
  if (o.hashes.length) add('endpoint', 2, `${o.hashes.length} file hash(es)`);
  if (subjectUsers(o).length && !o.hosts.length) add('identity', 1, 'names a user and no host');
  if (o.srcIps.some(isBlockable)) add('network', 1, 'names a source address');

  let family: Family = 'other';
  let best = 0;
  for (const [candidate, points] of score) {
    if (points > best) {
      family = candidate;
      best = points;
    }
  }
  if (family === 'other') reasons.push('no signal points at a family');
  const tied = [...score].filter(([candidate, points]) => points === best && candidate !== family);
  if (family !== 'other' && tied.length) {
    const others = tied.map(([candidate]) => candidate).join(' and ');
    reasons.push(`${family} and ${others} score ${best} each: ${family} is weighed first`);
  }
  return Classification.parse({
    family,
    playbook: PLAYBOOK[family],
    severity: alert.severity,
    reasons,
    by: 'heuristic',
  });
}

export function makeClassify(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    if (!state.alert) return { classification: null };
    const classification = classifyAlert(state.alert);
    deps.audit.record({
      type: 'triage.classified',
      actor: 'vigil',
      caseId: state.caseId,
      data: classification,
    });
    return { classification };
  };
}
