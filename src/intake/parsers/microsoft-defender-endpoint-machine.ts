// Microsoft Defender for Endpoint machine records (API `machines`: the device inventory): the device name,
// id and Entra device id as hosts and every address it reports, as Elastic's `machine` pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

/** The machine fields the machine and vulnerability (`affectedMachine`) records share. */
export const MachineFields = z.object({
  id: TextField,
  machineId: TextField,
  aadDeviceId: TextField,
  computerDnsName: TextField,
  osPlatform: TextField,
  healthStatus: TextField,
  riskScore: TextField,
  exposureLevel: TextField,
  lastSeen: TextField,
  firstSeen: TextField,
  lastIpAddress: TextField,
  lastExternalIpAddress: TextField,
  ipAddresses: z
    .array(z.object({ ipAddress: TextField }).catch({ ipAddress: undefined }))
    .nullish()
    .catch(null),
});
export type MachineFields = z.infer<typeof MachineFields>;

/**
 * The pipeline's indicators of a machine: host.name is the DNS name; related.hosts the Entra device id, the
 * DNS name and the machine id; related.ip the interface addresses, then the last external and last address.
 */
export function addMachine(obs: ObservablesBuilder, m: MachineFields, machineId: string | undefined): void {
  obs.host(m.computerDnsName);
  obs.host(m.aadDeviceId);
  obs.host(machineId);
  for (const a of m.ipAddresses ?? []) obs.ip(a.ipAddress);
  obs.ip(m.lastExternalIpAddress);
  obs.ip(m.lastIpAddress);
}

/** A machine record: the inventory keys together, and none of an alert's or a machine action's. */
function read(raw: unknown): MachineFields | null {
  if (!isObject(raw)) return null;
  if (!('computerDnsName' in raw && 'healthStatus' in raw && 'lastSeen' in raw && 'osPlatform' in raw))
    return null;
  if ('alertCreationTime' in raw || 'requestor' in raw || 'affectedMachine' in raw) return null;
  const m = MachineFields.safeParse(raw);
  return m.success && m.data.id !== undefined ? m.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = read(raw);
  if (!m) throw new Error('not a Defender for Endpoint machine record');
  const obs = new ObservablesBuilder();
  addMachine(obs, m, m.id);
  const name = m.computerDnsName ?? m.id ?? 'unknown';
  const risk = m.riskScore && m.riskScore !== 'None' ? `, risk ${m.riskScore}` : '';
  return parserAlert(
    microsoftDefenderEndpointMachineParser.name,
    'microsoft_defender_endpoint.machine',
    obs,
    {
      title: `Defender for Endpoint machine ${name} (${m.healthStatus ?? 'unknown health'}${risk})`,
      severity: 'info',
      observedAt: toIsoTime(m.lastSeen ?? m.firstSeen),
      ruleId: null,
    },
  );
}

export const microsoftDefenderEndpointMachineParser: Parser = {
  name: 'microsoft_defender_endpoint.machine',
  claims: { keys: ['healthStatus'], text: false },
  detect: detectorOf(read),
  parse,
};
