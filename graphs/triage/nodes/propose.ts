// propose: the proposal role. From the playbook path, the evidence and the validation verdict it lists the
// response actions for the case (disable the user, quarantine the file, isolate the host, block the source
// IP), each with its parameters, rationale, evidence references, blast radius and reversibility, before any
// approval. It chooses only among the actions the connectors in use can carry out, and never targets an
// allow-listed observable. Alert text is data: it only fills in the targets, never which actions are possible.
import { type ActionRequest, type Alert, subjectUsers } from '../../agents/extraction/contract.js';
import { isBlockable } from '../../lib/ip-scope.js';
import { mention } from '../../lib/mention.js';
import type { EvidenceFact, ProposedAction, Validation } from '../contracts.js';
import type { TriageDeps, ValidationRules } from '../ports.js';
import { blastRadiusOf, canRevert, canRun } from '../responders.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** At most this many actions per case. */
const MAX_PROPOSALS = 3;

/** What threat intelligence said about the address, for the rationale people read on the card. */
function reputation(ip: string, evidence: EvidenceFact[]): { text: string; subjects: string[] } {
  const bad = evidence.filter(
    (f) => f.subject === `ip ${ip}` && (f.fact.verdict === 'malicious' || f.fact.verdict === 'suspicious'),
  );
  return {
    text: bad.map((f) => ` ${f.source} lists it as ${String(f.fact.verdict)}.`).join(''),
    subjects: bad.length ? [`ip ${ip}`] : [],
  };
}

/** The id a connector knows an entity by, from the enrichment facts (null when it does not know it). */
function idFromEvidence(evidence: EvidenceFact[], subject: string, key: 'hostId' | 'userId'): string | null {
  const fact = evidence.find((f) => f.subject.toLowerCase() === subject.toLowerCase())?.fact;
  const id = fact?.[key];
  return typeof id === 'string' && id ? id : null;
}

const excepted = (validation: Validation, subject: string) =>
  validation.exceptions.some((e) => e.kind === 'allow_list' && e.subject === subject);

/** What proposing needs: the connectors that could act, and which addresses are the organisation's own. */
export type ProposeDeps = Pick<TriageDeps, 'responders'> & {
  rules: Pick<ValidationRules, 'ipInternal' | 'ipAllowed'>;
};

/** Source addresses a firewall block could target: remote parties (not loopback…) that are not allow-listed. */
function blockableSources(alert: Alert, validation: Validation): string[] {
  return alert.observables.srcIps.filter(
    (candidate) => isBlockable(candidate) && !excepted(validation, `ip ${candidate}`),
  );
}

/** Whether the playbook blocks a source at all (not for a cloud misconfiguration, which has no attacker). */
const blocksSources = (deps: ProposeDeps, playbook: string) =>
  playbook !== 'cloud-misconfiguration' && canRun(deps.responders, 'block_ip');

/**
 * The alert's sources that a block was not proposed for only because they are inside the organisation's
 * networks (policy `validation.internal_networks`); empty when an outside source is blocked or none fits.
 */
export function internalSourcesSpared(
  deps: ProposeDeps,
  alert: Alert | null,
  playbook: string | null,
  validation: Validation | null,
): string[] {
  if (!alert || !playbook || !validation || !blocksSources(deps, playbook)) return [];
  const sources = blockableSources(alert, validation);
  return sources.some((ip) => !deps.rules.ipInternal(ip)) ? [] : sources;
}

/** The sentence that says why no block was proposed for internal sources. */
export function sparedReason(ips: string[]): string {
  return `${ips.join(', ')} ${ips.length === 1 ? 'is' : 'are'} inside your own networks (policy validation.internal_networks), and an internal machine is contained by isolating it in the EDR, not blocked at the firewall`;
}

/** A TTL in seconds as people write it: `90m`, `2h`, `3d`. */
function ttlWords(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * Why a person's request gets no proposal under the policy in force (the address is allow-listed or inside the
 * organisation's networks, or no firewall is connected), or null when it gets its block.
 */
export function requestRefusedBy(
  deps: ProposeDeps,
  request: ActionRequest,
  validation: Validation,
): string | null {
  const { ip } = request;
  if (!isBlockable(ip)) return `${ip} is not a remote party, so a firewall block of it would do nothing`;
  if (excepted(validation, `ip ${ip}`) || deps.rules.ipAllowed(ip)) return `ip ${ip} is on the allow-list`;
  if (deps.rules.ipInternal(ip)) return sparedReason([ip]);
  if (!canRun(deps.responders, 'block_ip')) return 'no firewall is connected to carry out a block';
  return null;
}

/**
 * The one proposal for a person's request: block the address they named, for the TTL they gave (bound into the
 * approval with the other parameters), whatever the validation confidence; none when the policy refuses it.
 */
function requestedProposal(
  deps: ProposeDeps,
  request: ActionRequest,
  evidence: EvidenceFact[],
  validation: Validation,
): ProposedAction[] {
  if (requestRefusedBy(deps, request, validation)) return [];
  const { ip, ttlSeconds, by } = request;
  const rep = reputation(ip, evidence);
  const lasting = ttlSeconds ? ` for ${ttlWords(ttlSeconds)}` : '';
  return [
    {
      confidence: validation.confidence,
      environment: validation.environment,
      id: `block_ip:${ip}`,
      kind: 'block_ip',
      target: ip,
      parameters: ttlSeconds ? { ip, ttlSeconds } : { ip },
      rationale: `${mention(by)} asked for ${ip} to be blocked${lasting} with /vigil block.${rep.text}`,
      blastRadius: blastRadiusOf({ kind: 'block_ip', target: ip }),
      reversible: canRevert(deps.responders, 'block_ip'),
      evidence: rep.subjects,
    },
  ];
}

export function proposalsFor(
  deps: ProposeDeps,
  alert: Alert,
  playbook: string,
  evidence: EvidenceFact[],
  validation: Validation,
): ProposedAction[] {
  if (alert.request) return requestedProposal(deps, alert.request, evidence, validation);
  const common = { confidence: validation.confidence, environment: validation.environment };
  const because = `"${alert.title}" (severity ${alert.severity}, ${playbook} playbook, confidence ${validation.confidence.toFixed(2)})`;
  const proposals: ProposedAction[] = [];
  const o = alert.observables;

  // The first account the identity provider knows, by user name or e-mail address; never an analyst working it.
  const user = [...subjectUsers(o), ...o.emails].find(
    (u) => !excepted(validation, `user ${u}`) && idFromEvidence(evidence, `user ${u}`, 'userId'),
  );
  const userId = user ? idFromEvidence(evidence, `user ${user}`, 'userId') : null;
  if (playbook === 'identity-compromise' && user && userId && canRun(deps.responders, 'disable_user')) {
    proposals.push({
      ...common,
      id: `disable_user:${user}`,
      kind: 'disable_user',
      target: user,
      parameters: { user, userId },
      rationale: `${user} is the account in ${because}.`,
      blastRadius: blastRadiusOf({ kind: 'disable_user', target: user }),
      reversible: canRevert(deps.responders, 'disable_user'),
      evidence: [`user ${user}`],
    });
  }

  const host = o.hosts.find((h) => !excepted(validation, `host ${h}`));
  const hostId = host ? idFromEvidence(evidence, `host ${host}`, 'hostId') : null;
  // The least disruptive step first: quarantine the file (when the EDR can and the alert names its SHA-1).
  const sha1 = o.hashes.find((h) => /^[a-f0-9]{40}$/.test(h));
  if (
    playbook === 'endpoint-malware' &&
    host &&
    hostId &&
    sha1 &&
    canRun(deps.responders, 'quarantine_file')
  ) {
    proposals.push({
      ...common,
      id: `quarantine_file:${host}:${sha1}`,
      kind: 'quarantine_file',
      target: host,
      parameters: { host, hostId, sha1 },
      rationale: `File ${sha1} on ${host} is the file in ${because}.`,
      blastRadius: blastRadiusOf({ kind: 'quarantine_file', target: host }),
      reversible: canRevert(deps.responders, 'quarantine_file'),
      evidence: [`host ${host}`],
    });
  }
  if (playbook === 'endpoint-malware' && host && hostId && canRun(deps.responders, 'isolate_host')) {
    proposals.push({
      ...common,
      id: `isolate_host:${host}`,
      kind: 'isolate_host',
      target: host,
      parameters: { host, hostId },
      rationale: `${host} is the host in ${because}.`,
      blastRadius: blastRadiusOf({ kind: 'isolate_host', target: host }),
      reversible: canRevert(deps.responders, 'isolate_host'),
      evidence: [`host ${host}`],
    });
  }

  // An outside source address is blocked on every path except a cloud misconfiguration, which has no attacker.
  const ip = blockableSources(alert, validation).find((candidate) => !deps.rules.ipInternal(candidate));
  if (ip && blocksSources(deps, playbook)) {
    const rep = reputation(ip, evidence);
    proposals.push({
      ...common,
      id: `block_ip:${ip}`,
      kind: 'block_ip',
      target: ip,
      parameters: { ip },
      rationale: `${ip} is the source of ${because}.${rep.text}`,
      blastRadius: blastRadiusOf({ kind: 'block_ip', target: ip }),
      reversible: canRevert(deps.responders, 'block_ip'),
      evidence: rep.subjects,
    });
  }
  return proposals.slice(0, MAX_PROPOSALS);
}

/**
 * Why the policy says nothing is to be proposed for a case, or null when it may be: the alert matches one of
 * the policy's known-benign patterns (`validation.benign_patterns`: the whole alert is benign, so no response
 * fits), or validation is too unsure of it to put a decision in front of a person (`propose_min_confidence`).
 */
export function policyHoldsProposals(
  validation: Validation | null,
  floor: number,
  alert: Alert | null = null,
): string | null {
  // A person asked for it: neither the floor nor a benign pattern (matched on Vigil's own title) holds it.
  if (!validation || alert?.request) return null;
  const benign = validation.exceptions.find((e) => e.kind === 'benign_pattern');
  if (benign) return `the policy lists the alert as ${benign.detail}`;
  if (validation.confidence >= floor) return null;
  return `validation confidence ${validation.confidence.toFixed(2)} is below the policy's ${floor.toFixed(2)} floor for proposing a response`;
}

export function makePropose(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { alert, classification, validation } = state;
    const rules = deps.policy.validationRules();
    const held = policyHoldsProposals(validation, rules.proposeMinConfidence, alert);
    const proposals =
      alert && classification && validation && !held
        ? proposalsFor({ ...deps, rules }, alert, classification.playbook, state.evidence, validation)
        : [];
    if (!proposals.length) {
      const spared = held
        ? []
        : internalSourcesSpared({ ...deps, rules }, alert, classification?.playbook ?? null, validation);
      const refused =
        alert?.request && validation ? requestRefusedBy({ ...deps, rules }, alert.request, validation) : null;
      deps.audit.record({
        type: 'proposal.none',
        actor: 'vigil',
        caseId: state.caseId,
        data: {
          reason:
            held ??
            refused ??
            (spared.length
              ? sparedReason(spared)
              : 'no response action fits: no actionable target, or no connector that could act on it'),
          playbook: classification?.playbook ?? null,
          ...(held ? { policyHash: rules.policyHash } : {}),
        },
      });
      const at = deps.clock().toISOString();
      deps.cases.update(state.caseId, { triagedAt: deps.cases.get(state.caseId)?.triagedAt ?? at }, at);
      return { proposals: [], proposal: null };
    }
    for (const proposal of proposals)
      deps.audit.record({ type: 'proposal.made', actor: 'vigil', caseId: state.caseId, data: { proposal } });
    // Proposed under another policy than validation ran under (policy.yml changed in between): the gate sends
    // the case through revalidate before it decides anything.
    const validatedUnder = rules.policyHash === state.validatedUnder ? state.validatedUnder : null;
    return { proposals, proposal: proposals[0] ?? null, validatedUnder };
  };
}
