// Elasticsearch security audit records (JSON lines with dotted keys: `event.action`, `origin.address`, …) and
// Kibana's ECS audit records (`log.logger: plugins.security.audit.ecs`), mapped as Elastic's `elasticsearch`
// and `kibana` package `audit` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'elastic_stack.audit';

const Str = OptionalText;
/** A nested `{ user: { name } }` object, as the security-config-change records write their target user. */
const TargetUser = z
  .object({ user: z.object({ name: Str }).passthrough().nullish() })
  .passthrough()
  .nullish();

/** The audit layers Elasticsearch writes as `event.type` (records without `type: audit` are older ones). */
const LAYERS = ['rest', 'transport', 'ip_filter', 'security_config_change'];

const EsAudit = z
  .object({
    type: Str,
    timestamp: Str,
    '@timestamp': Str,
    'event.type': Str,
    'event.action': z.string(),
    'user.name': Str,
    'user.run_as.name': Str,
    'origin.address': Str,
    'node.name': Str,
    'url.path': Str,
    'request.method': Str,
    action: Str,
    put: TargetUser,
    delete: TargetUser,
    change: z
      .object({ password: TargetUser, enable: TargetUser, disable: TargetUser })
      .passthrough()
      .nullish(),
    invalidate: z.object({ apikeys: TargetUser }).passthrough().nullish(),
  })
  .passthrough();
type EsAudit = z.infer<typeof EsAudit>;

const KibanaAudit = z
  .object({
    '@timestamp': Str,
    message: Str,
    event: z
      .object({ action: Str, outcome: Str, category: z.union([z.string(), z.array(z.string())]).nullish() })
      .passthrough(),
    user: z.object({ name: Str }).passthrough().nullish(),
    log: z.object({ logger: Str }).passthrough().nullish(),
    kibana: z.object({}).passthrough().nullish(),
  })
  .passthrough();
type KibanaAudit = z.infer<typeof KibanaAudit>;

const KIBANA_LOGGER = 'plugins.security.audit.ecs';
const KIBANA_KEYS = ['space_id', 'session_id', 'saved_object', 'authentication_provider'];

function readEs(raw: unknown): EsAudit | null {
  if (!isObject(raw) || !('event.action' in raw)) return null;
  const r = EsAudit.safeParse(raw);
  if (!r.success) return null;
  const e = r.data;
  // Elastic's pipeline drops any other `type`, and typeless (older) records outside the audit layers.
  if (e.type != null ? e.type !== 'audit' : !LAYERS.includes(e['event.type'] ?? '')) return null;
  return 'node.id' in raw || 'request.id' in raw || 'origin.type' in raw || 'cluster.uuid' in raw ? e : null;
}

function readKibana(raw: unknown): KibanaAudit | null {
  if (!isObject(raw) || !('event' in raw) || !isObject(raw.event)) return null;
  const r = KibanaAudit.safeParse(raw);
  if (!r.success || !r.data.event.action) return null;
  const k = r.data;
  if (k.log?.logger === KIBANA_LOGGER) return k;
  return k.kibana && KIBANA_KEYS.some((key) => k.kibana != null && key in k.kibana) && k['@timestamp']
    ? k
    : null;
}

const detect = detectorOf((raw) => readEs(raw) ?? readKibana(raw));

/** Elasticsearch writes `2022-09-04T22:54:53,028+0000` (or no zone, read as UTC). */
function esTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim().replace(',', '.');
  return toIsoTime(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`) ?? toIsoTime(s);
}

const FAILURES = /denied|failed|tampered/;

function severityOf(action: string, outcome?: string | null): Severity {
  if (outcome === 'failure' || FAILURES.test(action)) return 'low';
  return 'info';
}

function parseEs(e: EsAudit): ReturnType<Parser['parse']> {
  // Elastic emits `source.ip` from `origin.address` but no `related.ip`.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(indicatorIp(e['origin.address']) ?? undefined);
  // The user named by a security-config change is the destination user; the acting user is `user.name`
  // when present, otherwise the changed user is.
  const target =
    e.put?.user?.name ??
    e.delete?.user?.name ??
    e.change?.password?.user?.name ??
    e.change?.enable?.user?.name ??
    e.change?.disable?.user?.name ??
    e.invalidate?.apikeys?.user?.name;
  obs.user(e['user.name'] ?? target);
  obs.user(e['user.run_as.name']);
  obs.user(target);
  obs.host(e['node.name']);
  const action = e['event.action'];
  const what = e.action ?? (e['url.path'] ? `${e['request.method'] ?? ''} ${e['url.path']}`.trim() : null);
  return parserAlert(NAME, 'elasticsearch.audit', obs, {
    title: `Elasticsearch audit ${action}${what ? `: ${what}` : ''}`,
    severity: severityOf(action),
    observedAt: esTime(e.timestamp ?? e['@timestamp']),
    ruleId: action,
  });
}

function parseKibana(k: KibanaAudit): ReturnType<Parser['parse']> {
  // Elastic's pipeline keeps only `user` among the indicators (no client or host address).
  const obs = new ObservablesBuilder(false);
  obs.user(k.user?.name);
  const action = k.event.action ?? 'event';
  return parserAlert(NAME, 'kibana.audit', obs, {
    title: k.message || `Kibana audit ${action}`,
    severity: severityOf(action, k.event.outcome),
    observedAt: toIsoTime(k['@timestamp']),
    ruleId: action,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = readEs(raw);
  if (e) return parseEs(e);
  const k = readKibana(raw);
  if (k) return parseKibana(k);
  throw new Error('not an Elasticsearch or Kibana audit record');
}

export const elasticStackAuditParser: Parser = {
  name: NAME,
  claims: { keys: ['event.action', 'event'], text: false },
  detect,
  parse,
};
