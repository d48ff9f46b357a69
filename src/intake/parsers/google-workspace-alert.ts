// Google Workspace Alert Center alerts (`alertcenter.alerts.list`): what Elastic's google_workspace.alert pipeline
// relates. The address a phishing or whitelist alert names is the source; a leaked password's login address is
// related; the malicious sender's local part and the acting admin are users. The account an alert is about
// (`data.email`, a leaked password's or a state-sponsored attack's target) is kept as an e-mail: Elastic relates
// no user for it.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, localPart, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const TYPE_PREFIX = 'type.googleapis.com/google.apps.alertcenter.type.';

const AlertRecord = z.object({
  alertId: z.string(),
  type: Str,
  source: Str,
  createTime: Str,
  startTime: Str,
  metadata: z.object({ severity: Str }).passthrough().nullish().catch(undefined),
  data: z
    .object({
      '@type': z.string().startsWith(TYPE_PREFIX),
      sourceIp: Str,
      email: Str,
      actorEmail: Str,
      loginDetails: z.object({ ipAddress: Str }).passthrough().nullish().catch(undefined),
      maliciousEntity: z
        .object({ entity: z.object({ emailAddress: Str }).passthrough().nullish().catch(undefined) })
        .passthrough()
        .nullish()
        .catch(undefined),
    })
    .passthrough(),
});
type AlertRecord = z.infer<typeof AlertRecord>;

function read(raw: unknown): AlertRecord | null {
  if (!isObject(raw) || !('alertId' in raw) || !('data' in raw)) return null;
  const r = AlertRecord.safeParse(raw);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a Google Workspace Alert Center alert');
  const d = a.data;
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(d.sourceIp));
  obs.ip(bareIndicatorIp(d.loginDetails?.ipAddress));
  const sender = d.maliciousEntity?.entity?.emailAddress ?? undefined;
  obs.user(sender ? localPart(sender) : undefined);
  obs.email(sender);
  obs.user(d.actorEmail ?? undefined);
  obs.email(d.actorEmail);
  obs.email(d.email);
  const kind = d['@type'].slice(TYPE_PREFIX.length);
  return parserAlert('google_workspace.alert', 'google_workspace.alert', obs, {
    title: `Google Workspace alert: ${a.type ?? kind}${d.email ? ` for ${d.email}` : ''}`,
    severity: mapSeverity(a.metadata?.severity) ?? 'medium',
    observedAt: toIsoTime(a.startTime) ?? toIsoTime(a.createTime),
    ruleId: kind,
  });
}

export const googleWorkspaceAlertParser: Parser = {
  name: 'google_workspace.alert',
  claims: { keys: ['alertId'], text: false },
  detect: detectorOf(read),
  parse,
};
