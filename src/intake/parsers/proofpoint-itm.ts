// Proofpoint ITM (ObserveIT) report records, as its `report;realm=observeit` API returns them: the remote client's
// address and host name, the login, secondary and SQL users, and the accessed URL's site, mapped as Elastic's
// `proofpoint_itm.report` pipeline maps them (host.ip/related.ip, host.name/related.hosts, user.name/related.user).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'proofpoint_itm';

const ItmReport = z.object({
  _time: TextField,
  risingValue: TextField,
  observedAt: TextField,
  createdAt: TextField,
  id: TextField,
  collectorId: TextField,
  endpointId: TextField,
  endpointName: TextField,
  sessionId: TextField,
  playbackUrl: TextField,
  loginName: TextField,
  domainName: TextField,
  secondaryLoginName: TextField,
  sqlUserName: TextField,
  remoteAddress: TextField,
  remoteHostName: TextField,
  accessedUrl: TextField,
  applicationName: TextField,
  windowTitle: TextField,
  ruleName: TextField,
  ruleCategoryName: TextField,
  details: TextField,
  severity: TextField,
});
type ItmReport = z.infer<typeof ItmReport>;

/** Keys only ObserveIT's report records carry (the collector, the monitored endpoint, the session replay). */
const OBSERVEIT_KEYS = [
  'collectorId',
  'collectorUrl',
  'endpointId',
  'playbackUrl',
  'secondaryLoginName',
] as const;

function read(raw: unknown): ItmReport | null {
  // Every record has `risingValue` (the API's paging cursor) and at least two ObserveIT-specific keys.
  if (!isObject(raw) || !('risingValue' in raw)) return null;
  if (OBSERVEIT_KEYS.filter((k) => k in raw).length < 2) return null;
  const r = ItmReport.safeParse(raw);
  return r.success && r.data.risingValue ? r.data : null;
}

const detect = detectorOf(read);

function titleOf(e: ItmReport): string {
  const what = e.ruleName ?? e.details ?? e.applicationName ?? 'activity';
  const who = e.loginName ? ` by ${e.domainName ? `${e.domainName}\\` : ''}${e.loginName}` : '';
  const where = e.endpointName ? ` on ${e.endpointName}` : '';
  return `ObserveIT: ${what}${who}${where}`;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Proofpoint ITM report record');
  const obs = new ObservablesBuilder();
  // The remote (client) address is host.ip and related.ip, neither source nor destination; Elastic's `convert`
  // to ip takes bare addresses only.
  obs.ip(bareIndicatorIp(e.remoteAddress) ?? undefined);
  obs.host(e.remoteHostName);
  // user.name, then related.user: login, secondary login, SQL user.
  obs.user(e.loginName);
  obs.user(e.secondaryLoginName);
  obs.user(e.sqlUserName);
  // url.domain, which Elastic keeps out of related.hosts.
  obs.url(e.accessedUrl);
  obs.domain(urlHostname(e.accessedUrl));
  // A record without a severity is an alert when a rule fired, else plain recorded activity.
  const severity: Severity = mapSeverity(e.severity) ?? (e.ruleName ? 'medium' : 'info');
  return parserAlert(NAME, 'proofpoint_itm.report', obs, {
    title: titleOf(e),
    severity,
    observedAt: toIsoTime(e.risingValue) ?? toIsoTime(e.observedAt ?? e._time ?? e.createdAt),
    ruleId: e.ruleName ?? null,
  });
}

export const proofpointItmParser: Parser = {
  name: NAME,
  claims: { keys: ['risingValue'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
