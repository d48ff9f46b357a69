// Google Security Command Center findings: a Pub/Sub notification (`notificationConfigName`, `finding`,
// `resource`), one ListFindings result, or a whole ListFindings response: connection endpoints, the caller
// and indicator addresses, the database user, as Elastic's google_scc finding pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'google_scc.finding';
/** `organizations|folders|projects/<id>/sources/<id>[/locations/<l>]/findings/<id>` (API v1 and v2). */
const FINDING_NAME =
  /^(?:organizations|folders|projects)\/[^/]+\/sources\/[^/]+\/(?:locations\/[^/]+\/)?findings\/./;
const SOURCE_NAME = /^(?:organizations|folders|projects)\/[^/]+\/sources\/[^/]+(?:\/locations\/[^/]+)?$/;

const Str = z.string().nullish().catch(null);
const StrList = z.array(z.unknown()).nullish().catch(null);
const Sha = z.object({ sha256: Str }).partial().nullish().catch(null);

const Connection = z.object({ sourceIp: Str, destinationIp: Str }).partial();
const Process = z
  .object({ binary: Sha, script: Sha, libraries: z.array(Sha).nullish().catch(null) })
  .partial();

/** One SCC finding (the fields Vigil reads). */
export const SccFinding = z.object({
  name: Str,
  parent: Str,
  category: Str,
  description: Str,
  resourceName: Str,
  severity: Str,
  findingClass: Str,
  eventTime: Str,
  createTime: Str,
  access: z.object({ callerIp: Str, principalEmail: Str }).partial().nullish().catch(null),
  connections: z.array(Connection).nullish().catch(null),
  indicator: z
    .object({ ipAddresses: StrList, domains: StrList, uris: StrList })
    .partial()
    .nullish()
    .catch(null),
  database: z.object({ userName: Str }).partial().nullish().catch(null),
  files: z.array(Sha).nullish().catch(null),
  processes: z.array(Process).nullish().catch(null),
});
export type SccFinding = z.infer<typeof SccFinding>;

/** A notification or ListFindings result: the finding and the resource it is about. */
const FindingResult = z.object({
  finding: SccFinding,
  resource: z.object({ name: Str, displayName: Str }).partial().nullish().catch(null),
});
type FindingResult = z.infer<typeof FindingResult>;

const isFindingResult = (v: unknown): boolean => {
  if (!isObject(v) || !('finding' in v) || !isObject(v.finding)) return false;
  const f = v.finding;
  const name = 'name' in f && typeof f.name === 'string' ? f.name : '';
  const parent = 'parent' in f && typeof f.parent === 'string' ? f.parent : '';
  return (FINDING_NAME.test(name) || SOURCE_NAME.test(parent)) && FindingResult.safeParse(v).success;
};

/** The finding results a payload carries: itself, or a ListFindings response's `listFindingsResults`. */
function resultsOf(raw: unknown): unknown[] {
  if (!isObject(raw)) return [];
  if ('finding' in raw) return [raw];
  if ('listFindingsResults' in raw && Array.isArray(raw.listFindingsResults)) return raw.listFindingsResults;
  return [];
}

function detect(raw: unknown): boolean {
  try {
    const list = resultsOf(raw);
    return list.length > 0 && list.every(isFindingResult);
  } catch {
    return false;
  }
}

const texts = (list: readonly unknown[] | null | undefined): string[] =>
  (list ?? []).filter((v): v is string => typeof v === 'string');

function readFinding(f: SccFinding, obs: ObservablesBuilder): void {
  const conns = f.connections ?? [];
  // related.ip in the pipeline's order: connection destinations, sources, the caller, indicator addresses.
  for (const c of conns) {
    const ip = bareIndicatorIp(c.destinationIp);
    obs.dstIp(ip);
    obs.ip(ip);
  }
  for (const c of conns) {
    const ip = bareIndicatorIp(c.sourceIp);
    obs.srcIp(ip);
    obs.ip(ip);
  }
  obs.ip(bareIndicatorIp(f.access?.callerIp));
  for (const v of texts(f.indicator?.ipAddresses)) obs.ip(bareIndicatorIp(v));
  // The database user is user.name; the access principal stays out of related.user in Elastic's pipeline.
  obs.user(f.database?.userName);
  obs.email(f.access?.principalEmail);
  // Indicator domains and URIs are indicators, but the pipeline keeps them out of related.hosts.
  for (const d of texts(f.indicator?.domains)) obs.domain(d);
  for (const u of texts(f.indicator?.uris)) obs.url(u);
  for (const file of f.files ?? []) obs.hash(file?.sha256);
  for (const p of f.processes ?? []) {
    obs.hash(p.binary?.sha256);
    obs.hash(p.script?.sha256);
    for (const lib of p.libraries ?? []) obs.hash(lib?.sha256);
  }
}

function titleOf(r: FindingResult): string {
  const f = r.finding;
  const what = f.category ?? f.description ?? 'Security Command Center finding';
  const where = r.resource?.displayName ?? r.resource?.name ?? f.resourceName;
  return where ? `${what} on ${where}` : what;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const results = resultsOf(raw).map((r) => FindingResult.parse(r));
  const first = results[0];
  if (!first) throw new Error('no Security Command Center finding');
  const obs = new ObservablesBuilder(false);
  for (const r of results) readFinding(r.finding, obs);
  const f = first.finding;
  return parserAlert(NAME, NAME, obs, {
    title: titleOf(first),
    severity: mapSeverity(f.severity) ?? (f.findingClass === 'THREAT' ? 'medium' : 'info'),
    observedAt: toIsoTime(f.eventTime ?? f.createTime),
    ruleId: f.category,
  });
}

export const googleSccParser: Parser = {
  name: NAME,
  claims: { keys: ['finding', 'listFindingsResults'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
