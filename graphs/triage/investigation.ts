// The investigation note: what triage, enrichment and validation found, as one thread message with a section
// each (the alert's observables and family, every evidence fact with its source, the confidence with its
// reasons and exceptions). Posted once validation is done; the renderer keeps each section within Slack's limits.
import { type Alert, readingOf, subjectUsers } from '../agents/extraction/contract.js';
import { isBlockable } from '../lib/ip-scope.js';
import type { Classification, EvidenceFact, Validation } from './contracts.js';
import type { ThreadNote } from './ports.js';

/** At most this many addresses per case are looked up (an alert listing hundreds is a scan, not a story). */
const MAX_IPS = 20;
/** …and this many hosts and users. */
const MAX_ENTITIES = 10;

/** What enrichment looks up for an alert: its public addresses, its hosts and its users. */
export function lookupSubjects(alert: Pick<Alert, 'observables'> | null): {
  ips: string[];
  hosts: string[];
  users: string[];
} {
  const o = alert?.observables;
  const ips = [...new Set([...(o?.srcIps ?? []), ...(o?.dstIps ?? []), ...(o?.ips ?? [])])]
    .filter(isBlockable)
    .slice(0, MAX_IPS);
  const hosts = (o?.hosts ?? []).slice(0, MAX_ENTITIES);
  // Identity providers know people by login, which is often the e-mail address. The analysts working the alert
  // are not what it is about.
  const users = [...new Set([...(o ? subjectUsers(o) : []), ...(o?.emails ?? [])])].slice(0, MAX_ENTITIES);
  return { ips, hosts, users };
}

function ipLine(ip: string, facts: EvidenceFact[]): string {
  const about = facts.filter((f) => f.subject === `ip ${ip}`);
  const place = about.find((f) => 'country' in f.fact);
  const where = place
    ? [place.fact.country, place.fact.city].filter((v) => typeof v === 'string').join(', ')
    : '';
  const verdicts = about
    .filter((f) => 'verdict' in f.fact)
    .map((f) => {
      const threats =
        Array.isArray(f.fact.threats) && f.fact.threats.length ? ` (${f.fact.threats.join(', ')})` : '';
      return `${f.source}: ${String(f.fact.verdict)}${threats}`;
    });
  return [ip, where || 'location unknown', ...verdicts].join(' · ');
}

/** One line about a host or user from the EDR or identity provider. */
function entityLine(subject: string, facts: EvidenceFact[]): string | null {
  const fact = facts.find((f) => f.subject === subject);
  if (!fact) return null;
  const f = fact.fact;
  if ('error' in f) return `${subject} · ${fact.source}: lookup failed (${String(f.error)})`;
  if (f.hostId === null || f.userId === null) return `${subject} · ${fact.source}: not found`;
  const parts = subject.startsWith('host ')
    ? [
        typeof f.platform === 'string' ? f.platform : null,
        typeof f.containment === 'string' ? `containment ${f.containment}` : null,
        Array.isArray(f.tags) && f.tags.length ? `tags ${f.tags.join(', ')}` : null,
      ]
    : [typeof f.status === 'string' ? f.status : null];
  return [subject, `${fact.source}: ${parts.filter((p) => p !== null).join(', ') || 'known'}`].join(' · ');
}

/** What the evidence says about one subject looked up: its line, the facts behind it. */
export interface SubjectEvidence {
  subject: string;
  line: string;
  facts: EvidenceFact[];
}

/** Each subject looked up that some source answered about, with its line: addresses, then hosts, then users. */
export function evidenceBySubject(
  alert: Pick<Alert, 'observables'> | null,
  evidence: EvidenceFact[],
): SubjectEvidence[] {
  const { ips, hosts, users } = lookupSubjects(alert);
  const about = (subject: string) => evidence.filter((f) => f.subject === subject);
  return [
    ...ips.map((ip) => ({ subject: `ip ${ip}`, line: ipLine(ip, evidence), facts: about(`ip ${ip}`) })),
    ...[...hosts.map((h) => `host ${h}`), ...users.map((u) => `user ${u}`)].flatMap((subject) => {
      const line = entityLine(subject, evidence);
      return line === null ? [] : [{ subject, line, facts: about(subject) }];
    }),
  ].filter((s) => s.facts.length > 0 || s.subject.startsWith('ip '));
}

/** The evidence bundle one line per subject looked up: where an address is and what intelligence says. */
export function evidenceLines(alert: Alert | null, evidence: EvidenceFact[]): string[] {
  const { ips, hosts, users } = lookupSubjects(alert);
  if (!ips.length && !hosts.length && !users.length)
    return ['Nothing to look up: the alert names no public address, host or user.'];
  if (!evidence.length) return ['No source answered a lookup.'];
  return evidenceBySubject(alert, evidence).map((s) => s.line);
}

/** Up to ten values, then how many more (an alert naming hundreds stays readable). */
function listOf(values: string[]): string {
  if (!values.length) return '—';
  const more = values.length > 10 ? ` …and ${values.length - 10} more` : '';
  return `${values.slice(0, 10).join(', ')}${more}`;
}

/**
 * The alert's other indicators, each only when it has some: addresses that are neither source nor destination
 * (an endpoint's own address, often the one the evidence looks up), domains, file hashes, URLs and e-mail
 * addresses. With the six fields above, at most ten: Slack's limit for a section.
 */
function otherIndicators(o: Alert['observables']): Array<{ label: string; value: string }> {
  const sided = new Set([...o.srcIps, ...o.dstIps]);
  return [
    { label: 'Other IPs', values: o.ips.filter((ip) => !sided.has(ip)) },
    { label: 'Domains', values: o.domains },
    { label: 'File hashes', values: o.hashes },
    { label: 'URLs', values: o.urls },
    { label: 'E-mail addresses', values: o.emails },
  ]
    .filter((f) => f.values.length > 0)
    .slice(0, 4)
    .map((f) => ({ label: f.label, value: listOf(f.values) }));
}

export interface InvestigationInput {
  alert: Alert;
  classification: Classification;
  evidence: EvidenceFact[];
  validation: Validation;
}

export function investigationNote({
  alert,
  classification,
  evidence,
  validation,
}: InvestigationInput): ThreadNote {
  const o = alert.observables;
  return {
    kind: 'triage',
    title: 'Investigation',
    text: alert.title,
    sections: [
      {
        title: 'Triage',
        lines: [
          `${classification.family} → ${classification.playbook} playbook`,
          ...classification.reasons.map((r) => `• ${r}`),
        ],
        fields: [
          { label: 'Format', value: `${alert.format} (${readingOf(alert)})` },
          { label: 'Severity', value: alert.severity },
          { label: 'Source IPs', value: listOf(o.srcIps) },
          { label: 'Destination IPs', value: listOf(o.dstIps) },
          { label: 'Users', value: listOf(o.users) },
          { label: 'Hosts', value: listOf(o.hosts) },
          ...otherIndicators(o),
        ],
      },
      { title: 'Evidence', lines: evidenceLines(alert, evidence) },
      {
        title: 'Validation',
        lines: [
          `Confidence ${validation.confidence.toFixed(2)} · ${classification.playbook} playbook · ${validation.environment}`,
          ...validation.reasons.map((r) => `• ${r}`),
          ...validation.exceptions.map((e) => `⚠ ${e.subject}: ${e.detail}`),
        ],
      },
    ],
  };
}
