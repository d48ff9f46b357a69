// Microsoft Defender for Endpoint machine actions (API `machineactions`: isolate, scan, quarantine …): the
// requestor and canceller as users, the machine as host and the file's hash, as Elastic's pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const MachineAction = z.object({
  id: TextField,
  type: TextField,
  requestor: TextField,
  requestorComment: TextField,
  status: TextField,
  machineId: TextField,
  computerDnsName: TextField,
  creationDateTimeUtc: TextField,
  lastUpdateDateTimeUtc: TextField,
  cancellationRequestor: TextField,
  relatedFileInfo: z
    .object({ fileIdentifier: TextField, fileIdentifierType: TextField })
    .nullish()
    .catch(null),
});
type MachineAction = z.infer<typeof MachineAction>;

function read(raw: unknown): MachineAction | null {
  if (!isObject(raw)) return null;
  if (!('machineId' in raw && 'requestor' in raw && 'type' in raw && 'creationDateTimeUtc' in raw))
    return null;
  const a = MachineAction.safeParse(raw);
  return a.success && a.data.type !== undefined ? a.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a Defender for Endpoint machine action');
  const obs = new ObservablesBuilder();
  // user.name is the requestor; related.user adds whoever cancelled the action.
  obs.user(a.requestor);
  obs.user(a.cancellationRequestor);
  obs.host(a.computerDnsName);
  obs.host(a.machineId);
  obs.hash(a.relatedFileInfo?.fileIdentifier);
  const on = a.computerDnsName ?? a.machineId;
  return parserAlert(
    microsoftDefenderEndpointMachineActionParser.name,
    'microsoft_defender_endpoint.machine_action',
    obs,
    {
      title: `Defender for Endpoint action ${a.type ?? 'unknown'}${on ? ` on ${on}` : ''}: ${a.status ?? 'unknown'}`,
      severity: 'info',
      observedAt: toIsoTime(a.creationDateTimeUtc ?? a.lastUpdateDateTimeUtc),
      ruleId: a.type ?? null,
    },
  );
}

export const microsoftDefenderEndpointMachineActionParser: Parser = {
  name: 'microsoft_defender_endpoint.machine_action',
  claims: { keys: ['creationDateTimeUtc'], text: false },
  detect: detectorOf(read),
  parse,
};
