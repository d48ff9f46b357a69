// ZeroFox alerts from the ZeroFox API (`{"alert_type", "rule_name", "perpetrator", "entity", …}`), mapped as
// Elastic's `zerofox.alerts` pipeline maps them: the assignee is the only user; no addresses or hosts.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const ZerofoxAlert = z.object({
  id: TextField,
  alert_type: TextField,
  rule_name: TextField,
  rule_id: TextField,
  severity: z.union([z.number(), z.string()]).nullish().catch(undefined),
  assignee: TextField,
  network: TextField,
  status: TextField,
  timestamp: TextField,
  offending_content_url: TextField,
  perpetrator: z
    .object({ username: TextField, display_name: TextField })
    .passthrough()
    .nullish()
    .catch(undefined),
  entity: z.object({ name: TextField }).passthrough().nullish().catch(undefined),
});
type ZerofoxAlert = z.infer<typeof ZerofoxAlert>;

/** The alert, or null when the payload is not a ZeroFox alert. */
function read(raw: unknown): ZerofoxAlert | null {
  if (!isObject(raw)) return null;
  if (!('alert_type' in raw && 'rule_group_id' in raw && 'offending_content_url' in raw)) return null;
  if (!('perpetrator' in raw || 'entity' in raw || 'protected_social_object' in raw)) return null;
  const r = ZerofoxAlert.safeParse(raw);
  return r.success ? r.data : null;
}

/** ZeroFox severities run 1 (lowest) to 5 (critical). */
function severityOf(value: number | string | null | undefined): Severity | null {
  const n = typeof value === 'string' ? Number(value) : value;
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  return n >= 5 ? 'critical' : n >= 4 ? 'high' : n >= 3 ? 'medium' : n >= 2 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a ZeroFox alert');
  const obs = new ObservablesBuilder();
  // Elastic maps only the assignee (the analyst working the alert) to user.name; the perpetrator is a
  // social-media account, not a user here.
  obs.analyst(a.assignee);
  obs.url(a.offending_content_url);
  const what = a.rule_name ?? a.alert_type ?? 'alert';
  const where = a.network ? ` on ${a.network}` : '';
  const who = a.perpetrator?.username ? ` by ${a.perpetrator.username}` : '';
  return parserAlert('zerofox.alerts', 'zerofox.alerts', obs, {
    title: `ZeroFox ${a.alert_type ?? 'alert'}: ${what}${who}${where}`,
    severity: severityOf(a.severity),
    observedAt: toIsoTime(a.timestamp),
    ruleId: a.rule_id ?? null,
  });
}

/** ZeroFox API alerts. */
export const zerofoxParser: Parser = {
  name: 'zerofox.alerts',
  claims: { keys: ['rule_group_id'], text: false },
  detect: detectorOf(read),
  parse,
};
