// CrowdStrike Falcon host inventory: the device-details JSON of the Hosts API (device_id, hostname, addresses …),
// mapped as Elastic's `crowdstrike` host pipeline maps it: connection, external and local addresses as related
// addresses; the host name and the machine's domain as related hosts.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'crowdstrike.host';

const DeviceDetails = z.object({
  device_id: z.string().regex(/^[0-9a-f]{16,64}$/i),
  cid: TextField,
  hostname: TextField,
  machine_domain: TextField,
  connection_ip: TextField,
  external_ip: TextField,
  local_ip: TextField,
  platform_name: TextField,
  os_version: TextField,
  status: TextField,
  modified_timestamp: TextField,
  last_seen: TextField,
});
type DeviceDetails = z.infer<typeof DeviceDetails>;

/** Fields only a device-details record carries (the sensor and its host), not an event about a device. */
const INVENTORY_KEYS = [
  'agent_version',
  'platform_name',
  'first_seen',
  'last_seen',
  'os_version',
  'product_type_desc',
];

function read(raw: unknown): DeviceDetails | null {
  if (!isObject(raw) || !('device_id' in raw)) return null;
  // Falcon streaming events (metadata + event) and FDR events (event_simpleName) belong to their own parsers.
  if ('metadata' in raw && 'event' in raw) return null;
  if ('event_simpleName' in raw || 'composite_id' in raw) return null;
  if (!('cid' in raw) || !('hostname' in raw || 'local_ip' in raw || 'external_ip' in raw)) return null;
  if (INVENTORY_KEYS.filter((k) => k in raw).length < 2) return null;
  const d = DeviceDetails.safeParse(raw);
  return d.success ? d.data : null;
}

const detect = detectorOf(read);

/** Containment is the state a SOC acts on; an ordinary inventory record is informational. */
function severityOf(status: string | undefined): Severity {
  if (status && /contain/i.test(status)) return 'medium';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const d = read(raw);
  if (d === null) throw new Error('not a CrowdStrike Falcon host record');
  const obs = new ObservablesBuilder();
  // Elastic appends connection_ip, external_ip and local_ip to related.ip in that order.
  for (const ip of [d.connection_ip, d.external_ip, d.local_ip]) obs.ip(bareIndicatorIp(ip));
  obs.host(d.hostname);
  obs.host(d.machine_domain);
  const what = [d.platform_name, d.os_version].filter((v) => v !== undefined).join(' ');
  return parserAlert(NAME, NAME, obs, {
    title: `CrowdStrike Falcon host ${d.hostname ?? d.device_id}${what ? ` (${what})` : ''}${d.status ? `: ${d.status}` : ''}`,
    severity: severityOf(d.status),
    observedAt: toIsoTime(d.modified_timestamp) ?? toIsoTime(d.last_seen),
    ruleId: d.status ?? null,
  });
}

export const crowdstrikeHostParser: Parser = {
  name: NAME,
  claims: { keys: ['device_id'], text: false },
  detect,
  parse,
};
