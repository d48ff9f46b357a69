// The offline analyst notes: the case's timeline from the times it stored (seen first and last, each lookup, the
// ticket, approvals asked and decided, actions run, failed or rolled back), and next steps from its playbook and
// what became of each proposal. Deterministic, labelled `heuristic`.
import { subjectUsers } from '../extraction/contract.js';
import { mention } from '../../lib/mention.js';
import { evidenceBySubject } from '../../triage/investigation.js';
import {
  AnalystNotes,
  clipNote,
  MAX_STEPS,
  MAX_TIMELINE,
  type RemediationStep,
  type TimelineEntry,
  type TimelineInput,
  type TimelineOutcome,
} from './contract.js';

/** The label of notes the heuristic wrote. */
export const HEURISTIC = 'heuristic';

const iso = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

function entry(at: string | null | undefined, event: string, source: string): TimelineEntry[] {
  const when = iso(at);
  return when ? [{ at: when, event: clipNote(event), source: clipNote(source) }] : [];
}

function outcomeEntries(o: TimelineOutcome): TimelineEntry[] {
  const action = `${o.kind} ${o.target}`;
  const d = o.decision;
  const x = o.execution;
  return [
    ...entry(o.approvalRequestedAt, `Approval requested: ${action}`, 'policy'),
    ...(d
      ? entry(
          d.decidedAt,
          `${action} ${d.decision}${d.decision === 'expired' ? '' : ` by ${mention(d.decidedBy)}`}${d.reason ? `: ${d.reason}` : ''}`,
          'approval',
        )
      : []),
    ...(x && x.status !== 'skipped'
      ? entry(
          x.at,
          x.status === 'done' ? `${x.detail}` : `${action} failed: ${x.detail}`,
          o.gate?.mode === 'auto' ? 'vigil (policy: auto)' : 'vigil',
        )
      : []),
    ...(x?.revertedAt ? entry(x.revertedAt, `${action} rolled back`, 'vigil') : []),
  ];
}

const byTime = (a: TimelineEntry, b: TimelineEntry) => Date.parse(a.at) - Date.parse(b.at);

/**
 * The case's moments, oldest first (moments at the same time in the order the case went through them), at most
 * MAX_TIMELINE: lookups give way to everything else, and the close is always kept.
 */
export function heuristicTimeline(input: TimelineInput): TimelineEntry[] {
  const { alert } = input;
  const opening: TimelineEntry[] = [
    ...(alert.observedAt && iso(alert.observedAt) !== iso(alert.firstSeenAt)
      ? entry(alert.observedAt, `Event reported by the source: ${alert.title}`, alert.format)
      : []),
    ...entry(
      alert.firstSeenAt,
      `Alert received: ${alert.title} (${alert.severity}), read by ${alert.reading}`,
      'intake',
    ),
  ];
  const later: TimelineEntry[] = [
    ...(alert.occurrences > 1
      ? entry(alert.lastSeenAt, `Last repeat received (${alert.occurrences} alerts in all)`, 'intake')
      : []),
    ...(input.ticket ? entry(input.ticket.openedAt, `Ticket ${input.ticket.key} opened`, 'ticketing') : []),
    ...input.outcomes.flatMap(outcomeEntries),
    ...entry(input.closedAt, 'Case closed', 'vigil'),
  ];
  const lookups = evidenceBySubject(alert, input.evidence)
    .filter((s) => s.facts.length > 0)
    .flatMap((s) => {
      const first = s.facts.map((f) => f.observedAt).sort()[0];
      const sources = [...new Set(s.facts.map((f) => f.source))].join(', ');
      return entry(first, `Looked up ${s.subject.startsWith('ip ') ? 'ip ' : ''}${s.line}`, sources);
    })
    .sort(byTime)
    .slice(0, Math.max(0, MAX_TIMELINE - opening.length - later.length));
  // A stable sort: ties keep the order above.
  const all = [...opening, ...lookups, ...later].sort(byTime);
  // Too many moments: the first ones and the close.
  return all.length > MAX_TIMELINE ? [...all.slice(0, MAX_TIMELINE - 1), ...all.slice(-1)] : all;
}

const done = (input: TimelineInput, kind: TimelineOutcome['kind'], target: string) =>
  input.outcomes.find(
    (o) =>
      o.kind === kind && o.target.toLowerCase() === target.toLowerCase() && o.execution?.status === 'done',
  );

/** The identity provider that looked `user` up and found no such account (its evidence says so), if one did. */
function unknownTo(input: TimelineInput, user: string): string | undefined {
  const subject = `user ${user}`.toLowerCase();
  return input.evidence.find(
    (f) => f.subject.toLowerCase() === subject && 'userId' in f.fact && f.fact.userId === null,
  )?.source;
}

const step = (text: string, why: string): RemediationStep => ({ step: clipNote(text), why: clipNote(why) });

/** The manual follow-up each proposal that was not carried out needs. */
function followUps(input: TimelineInput): RemediationStep[] {
  return input.outcomes.flatMap((o) => {
    const action = `${o.kind} ${o.target}`;
    if (o.gate?.mode === 'forbidden')
      return [
        step(`Decide by hand whether to ${action}`, `policy does not let Vigil do it: ${o.gate.reason}`),
      ];
    const d = o.decision;
    const x = o.execution;
    if (x?.status === 'failed') return [step(`Carry out ${action} by hand`, `it failed: ${x.detail}`)];
    if (d?.decision === 'denied')
      return [
        step(
          `Follow up ${action} by hand, or record why it is not needed`,
          `denied by ${mention(d.decidedBy)}${d.reason ? `: ${d.reason}` : ''}`,
        ),
      ];
    if (d?.decision === 'expired')
      return [step(`Decide on ${action} by hand`, 'nobody decided before the request expired')];
    return [];
  });
}

function playbookSteps(input: TimelineInput): RemediationStep[] {
  const o = input.alert.observables;
  const playbook = input.classification?.playbook ?? 'observe';
  switch (playbook) {
    case 'identity-compromise': {
      const users = subjectUsers(o);
      // Where the sign-ins came from: a guessing or spraying source tries other accounts too.
      const sources = o.srcIps
        .slice(0, 2)
        .map((ip) =>
          step(
            `Look for sign-ins to other accounts from ${ip}${done(input, 'block_ip', ip) ? '' : ', and block it if they failed too'}`,
            'a source that tries one account often tries others',
          ),
        );
      if (!users.length)
        return [
          step(
            'Find the account this alert is about and reset its credentials',
            'identity compromise, and the alert names no user',
          ),
          ...sources,
        ];
      const perUser = users.map((user) =>
        unknownTo(input, user)
          ? step(
              `Find where ${user} exists (a local or service account?) and, if the sign-in succeeded, reset ${user}’s credentials there and end its sessions`,
              `${unknownTo(input, user)} has no such account: a local or service account, or a guessed name`,
            )
          : done(input, 'disable_user', user)
            ? step(
                `Reset ${user}’s credentials and revoke their sessions before the account is enabled again`,
                'Vigil disabled the account; that neither changes its credentials nor ends sessions already issued',
              )
            : step(
                `Reset ${user}’s credentials and revoke their active sessions`,
                'identity compromise, and the account was not disabled',
              ),
      );
      return [...perUser, ...sources];
    }
    case 'endpoint-malware':
      return [
        ...o.hosts.map((host) =>
          done(input, 'isolate_host', host)
            ? step(
                `Scan ${host} with the EDR or reimage it, then release it from isolation`,
                'Vigil isolated the host; the malware may still be on it',
              )
            : step(
                `Scan ${host} with the EDR, or reimage it`,
                'endpoint malware on a host that was not isolated',
              ),
        ),
        ...o.hashes.map((hash) =>
          step(`Search the fleet for the file ${hash}`, 'the same file may be on other hosts'),
        ),
      ];
    case 'network-indicator': {
      const ips = o.srcIps.length ? o.srcIps : o.ips;
      return ips.flatMap((ip) => {
        const block = done(input, 'block_ip', ip);
        const expires = block?.execution?.expiresAt;
        return [
          step(`Review other traffic to and from ${ip}`, 'other hosts may have talked to the same address'),
          ...(block
            ? [
                expires
                  ? step(
                      `Confirm the block on ${ip} may lapse at ${expires}, or extend it`,
                      'a block lasts its TTL; it contains, it does not explain',
                    )
                  : step(`Confirm the block on ${ip} should stay with no expiry`, 'the block has no TTL'),
              ]
            : []),
        ];
      });
    }
    case 'cloud-misconfiguration':
      return [
        step(
          `Review the change behind “${input.alert.title}”: who made it, and whether it is still in place`,
          'cloud misconfiguration: Vigil takes no action on cloud configuration',
        ),
        ...subjectUsers(o).map((user) =>
          step(`Ask ${user} whether the change was intended`, 'the alert names them'),
        ),
      ];
    case 'observe':
      return [
        step(
          'Review the alert, and tune or retire its rule if it is noise',
          'no playbook fits it, so Vigil proposed nothing',
        ),
      ];
  }
}

/** Exceptions validation raised: worth a look, since they kept Vigil from acting. */
function exceptionChecks(input: TimelineInput): RemediationStep[] {
  return (input.validation?.exceptions ?? []).map((e) =>
    step(`Confirm the exception for ${e.subject} still holds`, `${e.kind.replace('_', ' ')}: ${e.detail}`),
  );
}

/** The next steps: what was not carried out first, then the playbook's, then the exceptions to confirm. */
export function heuristicRemediation(input: TimelineInput): RemediationStep[] {
  const seen = new Set<string>();
  return [...followUps(input), ...playbookSteps(input), ...exceptionChecks(input)]
    .filter((s) => {
      if (seen.has(s.step)) return false;
      seen.add(s.step);
      return true;
    })
    .slice(0, MAX_STEPS);
}

/** The heuristic's notes for a closing case; `by` says why they are the heuristic's when a model was asked. */
export function heuristicNotes(input: TimelineInput, by: string = HEURISTIC): AnalystNotes {
  return AnalystNotes.parse({
    timeline: heuristicTimeline(input),
    remediation: heuristicRemediation(input),
    by,
  });
}
