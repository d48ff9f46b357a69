// The Defender for Endpoint device posture parser on synthetic baseline assessments, secure configuration
// assessments and information-gathering rows: detection, the device name and id as hosts, no double claims.
import { describe, expect, it } from 'vitest';
import { microsoftDefenderEndpointDevicePostureParser as parser } from '../../../src/intake/parsers/microsoft-defender-endpoint-device-posture.js';
import { registryClaims } from './registry-claims.js';

const baseline = {
  id: '3333cccc_profile-1_2.3.4',
  configurationId: '2.3.4',
  deviceId: '3333cccc4444dddd5555eeee6666ffff77770000',
  deviceName: 'srv-db-01.corp.example',
  profileId: 'profile-1',
  osPlatform: 'WindowsServer2022',
  isApplicable: true,
  isCompliant: false,
  dataCollectionTimeOffset: '2026-02-01T08:00:00.000Z',
  complianceCalculationTimeOffset: '2026-02-01T09:00:00.000Z',
  recommendedValue: ['Enabled'],
  currentValue: ['Disabled'],
};
const configuration = {
  deviceId: '4444dddd5555eeee6666ffff7777000011112222',
  deviceName: 'ws-hr-04.corp.example',
  osPlatform: 'Windows11',
  timestamp: '2026-02-02T10:00:00.000Z',
  configurationId: 'scid-9999',
  configurationCategory: 'Network',
  configurationName: 'Disable a made-up legacy protocol',
  isCompliant: true,
  isApplicable: true,
};
const gathered = {
  RbacGroupName: 'Lab',
  Timestamp: '2026-02-03 11:12:13',
  LastSeenTime: '2026-02-03 10:00:00',
  DeviceName: 'lab-linux-02',
  OsPlatform: 'Linux',
  DeviceGatheredInfo: '{"AvMode":"0","AvIsSignatureUpToDate":"False"}',
  DeviceId: '5555eeee6666ffff777700001111222233334444',
  RbacGroupId: 5,
};

describe('microsoft_defender_endpoint device posture parser', () => {
  it('detects the three posture shapes and nothing else', () => {
    for (const raw of [baseline, configuration, gathered]) expect(parser.detect(raw)).toBe(true);
    expect(parser.detect({ deviceId: 'x', deviceName: 'y' })).toBe(false);
    expect(parser.detect([baseline])).toBe(false);
  });

  it('names each shape by its Elastic data stream', () => {
    expect(parser.parse(baseline).format).toBe('microsoft_defender_endpoint.baseline');
    expect(parser.parse(configuration).format).toBe('microsoft_defender_endpoint.configuration');
    expect(parser.parse(gathered).format).toBe('microsoft_defender_endpoint.information_gathering');
  });

  it('reports the device name and id as hosts and nothing else', () => {
    const a = parser.parse(baseline);
    expect(a.observables.hosts).toEqual([
      'srv-db-01.corp.example',
      '3333cccc4444dddd5555eeee6666ffff77770000',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(parser.parse(gathered).observables.hosts).toEqual([
      'lab-linux-02',
      '5555eeee6666ffff777700001111222233334444',
    ]);
  });

  it('rates a failed check low and a passed one as information', () => {
    const failed = parser.parse(baseline);
    expect(failed.severity).toBe('low');
    expect(failed.title).toBe('Baseline 2.3.4 not compliant on srv-db-01.corp.example');
    expect(failed.ruleId).toBe('2.3.4');
    const passed = parser.parse(configuration);
    expect(passed.severity).toBe('info');
    expect(passed.title).toBe(
      'Configuration Disable a made-up legacy protocol compliant on ws-hr-04.corp.example',
    );
    expect(parser.parse(gathered).observedAt).toBe('2026-02-03T11:12:13.000Z');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [baseline, configuration, gathered])
      expect(registryClaims(raw, parser.name).others).toEqual([]);
  });
});
