// Microsoft Defender for Endpoint device posture records: security baseline assessments, secure configuration
// assessments and antivirus information gathering (one device each): the device name and id as hosts, as
// Elastic's `baseline`, `configuration` and `information_gathering` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Assessment = z.object({
  deviceId: TextField,
  deviceName: TextField,
  configurationId: TextField,
  configurationName: TextField,
  profileId: TextField,
  isCompliant: z.boolean().nullish().catch(null),
  timestamp: TextField,
  complianceCalculationTimeOffset: TextField,
  dataCollectionTimeOffset: TextField,
});
const GatheredInfo = z.object({
  DeviceId: TextField,
  DeviceName: TextField,
  Timestamp: TextField,
  LastSeenTime: TextField,
});

type Posture =
  | { kind: 'baseline' | 'configuration'; record: z.infer<typeof Assessment> }
  | { kind: 'information_gathering'; record: z.infer<typeof GatheredInfo> };

function read(raw: unknown): Posture | null {
  if (!isObject(raw)) return null;
  if ('DeviceGatheredInfo' in raw && 'DeviceId' in raw && 'DeviceName' in raw) {
    const g = GatheredInfo.safeParse(raw);
    return g.success ? { kind: 'information_gathering', record: g.data } : null;
  }
  if (!('configurationId' in raw && 'deviceId' in raw && 'deviceName' in raw && 'isCompliant' in raw))
    return null;
  const kind = 'profileId' in raw ? 'baseline' : 'configurationName' in raw ? 'configuration' : null;
  const a = Assessment.safeParse(raw);
  return kind && a.success ? { kind, record: a.data } : null;
}

/** `2026-08-31 23:12:21` (UTC, as the export writes it) or an ISO time. */
const exportTime = (value: string | undefined): string | null =>
  toIsoTime(value && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const p = read(raw);
  if (!p) throw new Error('not a Defender for Endpoint device posture record');
  const obs = new ObservablesBuilder();
  if (p.kind === 'information_gathering') {
    const g = p.record;
    obs.host(g.DeviceName);
    obs.host(g.DeviceId);
    return alert(obs, p.kind, {
      title: `Defender for Endpoint device information for ${g.DeviceName ?? g.DeviceId ?? 'unknown device'}`,
      severity: 'info',
      observedAt: exportTime(g.Timestamp ?? g.LastSeenTime),
      ruleId: null,
    });
  }
  const a = p.record;
  obs.host(a.deviceName);
  obs.host(a.deviceId);
  const what = a.configurationName ?? a.configurationId ?? 'unknown check';
  const verdict =
    a.isCompliant === false ? 'not compliant' : a.isCompliant === true ? 'compliant' : 'assessed';
  const severity: Severity = a.isCompliant === false ? 'low' : 'info';
  return alert(obs, p.kind, {
    title: `${p.kind === 'baseline' ? 'Baseline' : 'Configuration'} ${what} ${verdict} on ${a.deviceName ?? a.deviceId ?? 'unknown device'}`,
    severity,
    observedAt: toIsoTime(a.timestamp ?? a.complianceCalculationTimeOffset ?? a.dataCollectionTimeOffset),
    ruleId: a.configurationId ?? null,
  });
}

const alert = (
  obs: ObservablesBuilder,
  kind: Posture['kind'],
  facts: Parameters<typeof parserAlert>[3],
): ReturnType<Parser['parse']> =>
  parserAlert(
    microsoftDefenderEndpointDevicePostureParser.name,
    `microsoft_defender_endpoint.${kind}`,
    obs,
    facts,
  );

export const microsoftDefenderEndpointDevicePostureParser: Parser = {
  name: 'microsoft_defender_endpoint.device_posture',
  claims: { keys: ['DeviceGatheredInfo', 'configurationId'], text: false },
  detect: detectorOf(read),
  parse,
};
