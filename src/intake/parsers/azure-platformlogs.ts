// Any other Azure Monitor resource log (diagnostic setting export: a `category` and an Azure `resourceId`), read as
// Elastic's `azure` platformlogs and springcloudlogs pipelines read them: the caller (or event) address as the
// source and related address when it is a bare address, the emitting machine (`Host`) as host.name; no user.
// A catch-all for the family (`generic`): it claims every Azure resource log, so it sits after each specific
// Azure parser in the registry and is never tried on content wrapped inside another record.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { usTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'azure.platformlogs';

const ResourceLog = z.object({
  category: z.string().min(1),
  resourceId: TextField,
  ResourceId: TextField,
  time: TextField,
  EventTimeString: TextField,
  operationName: TextField,
  EventName: TextField,
  callerIpAddress: TextField,
  EventIpAddress: TextField,
  Host: TextField,
  level: TextField,
  Level: TextField,
  resultType: TextField,
  Status: TextField,
});
type ResourceLog = z.infer<typeof ResourceLog>;

/** An Azure Resource Manager path (`/SUBSCRIPTIONS/…`) or an Entra tenant path (`/tenants/…`). */
const AZURE_RESOURCE = /^\/(?:subscriptions|tenants)\/[^/]+\//i;

/**
 * A JSON payload carried in `properties.log`, as text or as an object (an AKS audit event, a shipped record):
 * another parser's to read.
 */
const Carrier = z.object({
  properties: z.object({ log: z.union([z.string().regex(/^\s*[{[]/), z.record(z.string(), z.unknown())]) }),
});

function read(raw: unknown): ResourceLog | null {
  if (!isObject(raw) || !('category' in raw) || !('resourceId' in raw || 'ResourceId' in raw)) return null;
  if (Carrier.safeParse(raw).success) return null;
  const r = ResourceLog.safeParse(raw);
  if (!r.success) return null;
  return AZURE_RESOURCE.test(r.data.resourceId ?? r.data.ResourceId ?? '') ? r.data : null;
}

const detect = detectorOf(read);

/** Spring Apps console and system logs have their own data stream; the pipeline maps them alike. */
function formatOf(e: ResourceLog): string {
  const spring = /\/providers\/microsoft\.appplatform\/spring\//i.test(e.resourceId ?? e.ResourceId ?? '');
  return spring && /^(?:ApplicationConsole|SystemLogs)$/.test(e.category)
    ? 'azure.springcloudlogs'
    : 'azure.platformlogs';
}

/** Azure's level: a word (`Warning`) or its number (1 critical … 5 verbose). */
function severityOf(level: string | undefined): ReturnType<typeof mapSeverity> {
  return level && /^\d+$/.test(level) ? mapSeverity(Number(level), 'level') : mapSeverity(level);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an Azure resource log');
  const obs = new ObservablesBuilder();
  // Elastic reads EventIpAddress (App Service, Functions) as the caller address; a value that is not a bare
  // address (with a port, masked) becomes source.address only.
  obs.srcIp(bareIndicatorIp(e.callerIpAddress ?? e.EventIpAddress));
  obs.host(e.Host);
  const action = e.operationName ?? e.EventName;
  const outcome = e.Status ?? e.resultType;
  return parserAlert(NAME, formatOf(e), obs, {
    title: `Azure ${e.category}${action ? `: ${action}` : ''}${outcome ? ` (${outcome})` : ''}`,
    severity: severityOf(e.level ?? e.Level) ?? (/^fail/i.test(outcome ?? '') ? 'low' : 'info'),
    observedAt: usTime(e.time ?? e.EventTimeString),
    ruleId: action ?? e.category,
  });
}

export const azurePlatformlogsParser: Parser = {
  name: NAME,
  claims: { keys: ['category'], text: false },
  generic: true,
  detect,
  parse,
};
