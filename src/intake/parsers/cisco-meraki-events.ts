// Cisco Meraki Dashboard alerts (webhook / API JSON: `alertTypeId`, `alertType`, `alertLevel`, `deviceSerial` …),
// mapped as Elastic's `cisco_meraki.events` pipeline maps them: the device is the observer, the alert data
// carries no ECS indicator, so only the title, level, time and alert type are reported.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const MerakiAlert = z.object({
  alertTypeId: z.string().min(1),
  alertType: TextField,
  alertLevel: TextField,
  alertId: TextField,
  occurredAt: TextField,
  sentAt: TextField,
  organizationId: TextField,
  networkId: TextField,
  networkName: TextField,
  deviceSerial: TextField,
  deviceName: TextField,
});
type MerakiAlert = z.infer<typeof MerakiAlert>;

function asMerakiAlert(raw: unknown): MerakiAlert | null {
  if (!isObject(raw) || !('alertTypeId' in raw) || !('organizationId' in raw)) return null;
  if (!('occurredAt' in raw) && !('sentAt' in raw)) return null;
  const r = MerakiAlert.safeParse(raw);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = asMerakiAlert(raw);
  if (!e) throw new Error('not a Cisco Meraki alert');
  const where = e.deviceName ?? e.networkName;
  return parserAlert('cisco_meraki.events', 'cisco_meraki.events', new ObservablesBuilder(), {
    title: `Meraki: ${e.alertType ?? e.alertTypeId}${where ? ` (${where})` : ''}`,
    severity: mapSeverity(e.alertLevel) ?? 'info',
    observedAt: toIsoTime(e.occurredAt ?? e.sentAt),
    ruleId: e.alertTypeId,
  });
}

export const ciscoMerakiEventsParser: Parser = {
  name: 'cisco_meraki.events',
  claims: { keys: ['alertTypeId'], text: false },
  detect: detectorOf(asMerakiAlert),
  parse,
};
