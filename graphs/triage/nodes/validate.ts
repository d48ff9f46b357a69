// validate: the validation role. Weighs the alert and its evidence into a confidence score with its reasons,
// flags exceptions (allow-listed observables, hosts in a maintenance window, known-benign patterns) and finds
// the environment of the affected assets from their tags and names, then posts the investigation note (triage,
// evidence and validation together) in the thread, once. Deterministic; it never acts.
import { type Alert, refinedBy } from '../../agents/extraction/contract.js';
import { isBlockable } from '../../lib/ip-scope.js';
import {
  Validation,
  type Classification,
  type EvidenceFact,
  type ValidationException,
} from '../contracts.js';
import { investigationNote } from '../investigation.js';
import type { TriageDeps, ValidationRules } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

const SEVERITY_BASE: Record<Alert['severity'], number> = {
  info: 0.2,
  low: 0.35,
  medium: 0.55,
  high: 0.7,
  critical: 0.8,
};

const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;

/** Tags the EDR reported for each host it knows. */
function assetTags(evidence: EvidenceFact[]): Validation['assetTags'] {
  return evidence.flatMap((f) => {
    if (!f.subject.startsWith('host ') || !Array.isArray(f.fact.tags)) return [];
    const tags = f.fact.tags.filter((t): t is string => typeof t === 'string');
    return [{ host: f.subject.slice('host '.length), tags, source: f.source }];
  });
}

export interface ValidateInput {
  alert: Alert;
  classification: Classification;
  evidence: EvidenceFact[];
  rules: ValidationRules;
  now: Date;
}

/** The validation verdict for one case; exported for unit tests. */
export function validateCase({ alert, classification, evidence, rules, now }: ValidateInput): Validation {
  const reasons: string[] = [];
  const exceptions: ValidationException[] = [];
  const o = alert.observables;

  let confidence = SEVERITY_BASE[alert.severity];
  reasons.push(`${alert.severity} severity: base ${SEVERITY_BASE[alert.severity]}`);
  if (alert.recognizedBy.startsWith('parser:')) {
    confidence += 0.05;
    reasons.push(`read by a known-format parser (${alert.recognizedBy}): +0.05`);
  } else {
    confidence -= 0.1;
    const model = refinedBy(alert);
    reasons.push(
      model
        ? `read by the generic extractor and refined by model ${model}, not a parser: -0.10`
        : 'read by the generic extractor, not a parser: -0.10',
    );
  }
  const flagged = (verdict: string) =>
    evidence.filter((f) => f.subject.startsWith('ip ') && f.fact.verdict === verdict);
  const malicious = flagged('malicious');
  const suspicious = flagged('suspicious');
  if (malicious.length) {
    confidence += 0.2;
    reasons.push(`threat intelligence lists ${malicious[0]?.subject} as malicious: +0.20`);
  } else if (suspicious.length) {
    confidence += 0.1;
    reasons.push(`threat intelligence lists ${suspicious[0]?.subject} as suspicious: +0.10`);
  }
  if (classification.family === 'other') {
    confidence -= 0.1;
    reasons.push('no playbook fits the alert: -0.10');
  }

  for (const ip of [...new Set([...o.srcIps, ...o.dstIps, ...o.ips])].filter(isBlockable)) {
    if (rules.ipAllowed(ip))
      exceptions.push({ kind: 'allow_list', subject: `ip ${ip}`, detail: 'on the allow-list' });
  }
  for (const user of new Set([...o.users, ...o.emails])) {
    if (rules.userAllowed(user))
      exceptions.push({ kind: 'allow_list', subject: `user ${user}`, detail: 'on the allow-list' });
  }
  for (const host of o.hosts) {
    if (rules.hostAllowed(host))
      exceptions.push({ kind: 'allow_list', subject: `host ${host}`, detail: 'on the allow-list' });
    const window = rules.maintenanceFor(host, now);
    if (window)
      exceptions.push({
        kind: 'maintenance_window',
        subject: `host ${host}`,
        detail: `in maintenance: ${window}`,
      });
  }
  const benign = rules.benignPatternFor(alert.title);
  if (benign)
    exceptions.push({ kind: 'benign_pattern', subject: 'alert', detail: `known benign: ${benign}` });
  if (exceptions.length) {
    confidence -= 0.3;
    reasons.push(`${exceptions.length} exception(s): -0.30`);
  }

  // A host takes an environment by its asset tags or its name only when the EDR knows it: a name typed into
  // an alert (a test host's prefix, say) must not pick a looser environment, where auto-run may be allowed.
  // A host the EDR does not know counts as the default environment.
  const tags = assetTags(evidence);
  const known = (host: string) => tags.find((t) => t.host.toLowerCase() === host.toLowerCase());
  const environments = o.hosts.map((host) => {
    const asset = known(host);
    return asset ? rules.environmentOf(host, asset.tags) : rules.defaultEnvironment;
  });
  const environment = rules.strictest(environments);
  const unknown = o.hosts.filter((host) => !known(host)).length;
  reasons.push(
    !o.hosts.length
      ? `environment ${environment}: no host named, so the default`
      : unknown === o.hosts.length
        ? `environment ${environment}: the default, as the EDR knows none of the ${o.hosts.length} host(s) named`
        : `environment ${environment} from the asset tags and names of ${o.hosts.length - unknown} host(s) the EDR knows${unknown ? ` (${unknown} it does not know count as the default)` : ''}`,
  );
  return Validation.parse({
    confidence: clamp(confidence),
    reasons,
    exceptions,
    environment,
    assetTags: tags,
  });
}

/** Validates the case under `rules` and records the verdict with the hash of the policy it was worked out under. */
export function validateAndRecord(
  deps: Pick<TriageDeps, 'audit' | 'clock'>,
  state: Pick<TriageStateValue, 'caseId' | 'evidence'>,
  input: { alert: Alert; classification: Classification; rules: ValidationRules },
): Validation {
  const validation = validateCase({ ...input, evidence: state.evidence, now: deps.clock() });
  deps.audit.record({
    type: 'validation.decided',
    actor: 'vigil',
    caseId: state.caseId,
    data: { ...validation, policyHash: input.rules.policyHash },
  });
  return validation;
}

export function makeValidate(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    if (!state.alert || !state.classification) return { validation: null };
    const rules = deps.policy.validationRules();
    const validation = validateAndRecord(deps, state, {
      alert: state.alert,
      classification: state.classification,
      rules,
    });
    // The thread hears about triage, evidence and validation once, together, now that all three are known.
    // Posted once: a run started again after a stop looks for the note its cut-off first run may have posted.
    await deps.notifier.threadNote(state.caseId, {
      ...investigationNote({
        alert: state.alert,
        classification: state.classification,
        evidence: state.evidence,
        validation,
      }),
      once: { key: `investigation:${state.caseId}`, lookFirst: state.restarted },
    });
    return { validation, validatedUnder: rules.policyHash };
  };
}
