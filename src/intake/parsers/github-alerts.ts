// GitHub Advanced Security alerts as the REST and GraphQL APIs return them: secret scanning, code scanning
// and Dependabot. Elastic's `github` pipelines for these streams map no address, user or host, so neither
// does this parser: it reports the alert's title, severity, time and rule, and keeps the extractor off them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert, TextField, type RecordFacts } from './common.js';
import type { Parser } from './parser.js';

type Stream = 'secret_scanning' | 'code_scanning' | 'dependabot';

const Login = z.object({ login: OptionalText }).nullish().catch(undefined);
const Repository = z
  .object({ full_name: OptionalText, name: OptionalText, owner: Login })
  .nullish()
  .catch(undefined);

const SecretAlert = z.object({
  number: TextField,
  created_at: OptionalText,
  updated_at: OptionalText,
  resolved_at: OptionalText,
  url: OptionalText,
  html_url: OptionalText,
  state: OptionalText,
  resolution: OptionalText,
  secret_type: z.string(),
  secret_type_display_name: OptionalText,
  push_protection_bypassed: z.boolean().nullish().catch(undefined),
  repository: Repository,
});

const CodeAlert = z.object({
  number: TextField,
  created_at: OptionalText,
  updated_at: OptionalText,
  url: OptionalText,
  state: OptionalText,
  rule: z.object({
    id: OptionalText,
    name: OptionalText,
    description: OptionalText,
    severity: OptionalText,
    security_severity_level: OptionalText,
  }),
  tool: z.object({ name: OptionalText }).nullish().catch(undefined),
  most_recent_instance: z
    .object({ location: z.object({ path: OptionalText }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  repository: Repository,
});

const Identifier = z.object({ type: OptionalText, value: OptionalText });
const Advisory = z.object({
  summary: OptionalText,
  severity: OptionalText,
  ghsaId: OptionalText,
  ghsa_id: OptionalText,
  cve_id: OptionalText,
  identifiers: z.array(Identifier).nullish().catch(undefined),
});
const Vulnerability = z.object({
  severity: OptionalText,
  package: z.object({ name: OptionalText, ecosystem: OptionalText }).nullish().catch(undefined),
});

/** A Dependabot alert: the GraphQL shape (camelCase, as Elastic's input fetches it) or the REST shape. */
const DependabotAlert = z.object({
  number: TextField,
  state: OptionalText,
  createdAt: OptionalText,
  created_at: OptionalText,
  dismissedAt: OptionalText,
  dismissed_at: OptionalText,
  fixedAt: OptionalText,
  fixed_at: OptionalText,
  securityAdvisory: Advisory.nullish(),
  security_advisory: Advisory.nullish(),
  securityVulnerability: Vulnerability.nullish(),
  security_vulnerability: Vulnerability.nullish(),
  dependency: z
    .object({ package: z.object({ name: OptionalText }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  repository: z
    .object({ name: OptionalText, full_name: OptionalText, owner: Login })
    .nullish()
    .catch(undefined),
});

const ALERT_URL =
  /^https:\/\/[^/]+\/(?:api\/v3\/)?repos\/[^/]+\/[^/]+\/(secret-scanning|code-scanning|dependabot)\/alerts\/\d+$/;

const has = (raw: object, ...keys: string[]): boolean => keys.every((k) => k in raw);

/** The stream an alert belongs to, by the keys each API writes; null for anything else. */
function streamOf(raw: unknown): Stream | null {
  if (!isObject(raw) || !('number' in raw)) return null;
  const url = 'url' in raw && typeof raw.url === 'string' ? (ALERT_URL.exec(raw.url)?.[1] ?? null) : null;
  if ('secret_type' in raw && (url === 'secret-scanning' || has(raw, 'locations_url', 'secret'))) {
    return 'secret_scanning';
  }
  if (has(raw, 'rule', 'tool') && (url === 'code-scanning' || 'most_recent_instance' in raw)) {
    return 'code_scanning';
  }
  if (
    has(raw, 'securityAdvisory', 'securityVulnerability') ||
    (has(raw, 'security_advisory', 'security_vulnerability') && (url === 'dependabot' || 'dependency' in raw))
  ) {
    return 'dependabot';
  }
  return null;
}

const SCHEMAS = {
  secret_scanning: SecretAlert,
  code_scanning: CodeAlert,
  dependabot: DependabotAlert,
} as const;

/** The stream of a payload whose shape its schema accepts, or null. */
function readStream(raw: unknown): Stream | null {
  const stream = streamOf(raw);
  return stream !== null && SCHEMAS[stream].safeParse(raw).success ? stream : null;
}

const detect = detectorOf(readStream);

/** `owner/name` from the repository object, or from the alert's API URL as Elastic's dissect reads it. */
function repoOf(
  repo:
    | { full_name?: string | null; name?: string | null; owner?: { login?: string | null } | null }
    | null
    | undefined,
  url: string | null | undefined,
): string | null {
  if (repo?.full_name) return repo.full_name;
  if (repo?.name) return repo.owner?.login ? `${repo.owner.login}/${repo.name}` : repo.name;
  const m = url ? /\/repos\/([^/]+\/[^/]+)\//.exec(url) : null;
  return m?.[1] ?? null;
}

const CLOSED = /^(?:resolved|dismissed|fixed|auto_dismissed|closed)$/i;

function secretScanning(raw: unknown): RecordFacts {
  const a = SecretAlert.parse(raw);
  const repo = repoOf(a.repository, a.url);
  const what = a.secret_type_display_name ?? a.secret_type;
  const state = a.state?.toLowerCase();
  const bypassed = a.push_protection_bypassed === true ? ', push protection bypassed' : '';
  return {
    // Never the secret itself: only its type.
    title: `GitHub secret scanning: ${what}${repo ? ` in ${repo}` : ''} (${state ?? 'open'}${a.resolution ? `: ${a.resolution}` : ''}${bypassed})`,
    severity: state && CLOSED.test(state) ? 'low' : 'high',
    // @timestamp is resolved_at, else updated_at, else created_at.
    observedAt: toIsoTime(a.resolved_at ?? a.updated_at ?? a.created_at),
    ruleId: a.secret_type,
  };
}

function codeScanning(raw: unknown): RecordFacts {
  const a = CodeAlert.parse(raw);
  const repo = repoOf(a.repository, a.url);
  const state = a.state?.toLowerCase();
  const rated = mapSeverity(a.rule.security_severity_level) ?? mapSeverity(a.rule.severity) ?? 'low';
  const path = a.most_recent_instance?.location?.path;
  const tool = a.tool?.name ?? 'code scanning';
  return {
    title: `GitHub ${tool}: ${a.rule.description ?? a.rule.name ?? a.rule.id ?? 'alert'}${repo ? ` in ${repo}` : ''}${path ? ` (${path})` : ''}`,
    severity: state && CLOSED.test(state) ? 'low' : rated,
    observedAt: toIsoTime(a.updated_at ?? a.created_at),
    ruleId: a.rule.id ?? a.rule.name ?? null,
  };
}

/** Elastic's vulnerability.id: the first identifier that is not a GHSA id, else the last one listed. */
function advisoryId(adv: z.infer<typeof Advisory> | null | undefined): string | null {
  let id: string | null = null;
  for (const i of adv?.identifiers ?? []) {
    id = i.value ?? id;
    if (i.type && i.type !== 'GHSA' && i.value) return i.value;
  }
  return id ?? adv?.cve_id ?? adv?.ghsaId ?? adv?.ghsa_id ?? null;
}

function dependabot(raw: unknown): RecordFacts {
  const a = DependabotAlert.parse(raw);
  const adv = a.securityAdvisory ?? a.security_advisory;
  const vuln = a.securityVulnerability ?? a.security_vulnerability;
  const pkg = vuln?.package?.name ?? a.dependency?.package?.name;
  const repo = a.repository?.full_name ?? repoOf(a.repository, null);
  const state = a.state?.toLowerCase();
  const rated: Severity = mapSeverity(vuln?.severity ?? adv?.severity) ?? 'medium';
  return {
    title: `GitHub Dependabot: ${adv?.summary ?? 'vulnerable dependency'}${pkg ? ` in ${pkg}` : ''}${repo ? ` (${repo})` : ''}`,
    severity: state && CLOSED.test(state) ? 'low' : rated,
    // @timestamp is fixed_at, else dismissed_at, else created_at.
    observedAt: toIsoTime(
      a.fixedAt ?? a.fixed_at ?? a.dismissedAt ?? a.dismissed_at ?? a.createdAt ?? a.created_at,
    ),
    ruleId: advisoryId(adv),
  };
}

function parse(raw: unknown): Alert {
  const stream = streamOf(raw);
  if (stream === null) throw new Error('not a GitHub secret scanning, code scanning or Dependabot alert');
  const facts =
    stream === 'secret_scanning'
      ? secretScanning(raw)
      : stream === 'code_scanning'
        ? codeScanning(raw)
        : dependabot(raw);
  // Elastic maps no indicator from any of these streams.
  return parserAlert('github.alerts', `github.${stream}`, new ObservablesBuilder(), facts);
}

export const githubAlertsParser: Parser = {
  name: 'github.alerts',
  claims: { keys: ['number'], text: false },
  detect,
  parse,
};
