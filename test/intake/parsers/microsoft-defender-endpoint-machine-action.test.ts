// The Defender for Endpoint machine action parser on synthetic API `machineactions` records: detection, the
// requestor and canceller as users, the machine as host, the quarantined file's hash, and no double claims.
import { describe, expect, it } from 'vitest';
import { microsoftDefenderEndpointMachineActionParser as parser } from '../../../src/intake/parsers/microsoft-defender-endpoint-machine-action.js';
import { registryClaims } from './registry-claims.js';

const quarantine = {
  id: '0c0c0c0c-1111-4222-8333-444455556666',
  type: 'StopAndQuarantineFile',
  title: null,
  requestor: 'analyst@example.org',
  requestorComment: 'Quarantine dropper',
  status: 'Succeeded',
  machineId: '9999aaaa8888bbbb7777cccc6666dddd5555eeee',
  computerDnsName: 'ws-fin-03',
  creationDateTimeUtc: '2026-02-10T09:00:00.1234567Z',
  lastUpdateDateTimeUtc: '2026-02-10T09:01:00Z',
  cancellationRequestor: null,
  relatedFileInfo: { fileIdentifier: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', fileIdentifierType: 'Sha1' },
  commands: [],
};
const cancelledIsolation = {
  ...quarantine,
  id: '0d0d0d0d-1111-4222-8333-444455556666',
  type: 'Isolate',
  status: 'Cancelled',
  cancellationRequestor: 'automation-7f00@example.org',
  relatedFileInfo: null,
};

describe('microsoft_defender_endpoint.machine_action parser', () => {
  it('detects machine actions and nothing else', () => {
    expect(parser.detect(quarantine)).toBe(true);
    expect(parser.detect(cancelledIsolation)).toBe(true);
    expect(parser.detect({ machineId: 'x', requestor: 'y' })).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('reports the requestor, the machine and the file hash', () => {
    const a = parser.parse(quarantine);
    expect(a.format).toBe('microsoft_defender_endpoint.machine_action');
    expect(a.observables.users).toEqual(['analyst@example.org']);
    expect(a.observables.hosts).toEqual(['ws-fin-03', '9999aaaa8888bbbb7777cccc6666dddd5555eeee']);
    expect(a.observables.hashes).toEqual(['a94a8fe5ccb19ba61c4c0873d391e987982fbbd3']);
    expect(a.title).toBe('Defender for Endpoint action StopAndQuarantineFile on ws-fin-03: Succeeded');
    expect(a.ruleId).toBe('StopAndQuarantineFile');
    expect(a.observedAt).toBe('2026-02-10T09:00:00.123Z');
  });

  it('adds whoever cancelled the action as a related user', () => {
    expect(parser.parse(cancelledIsolation).observables.users).toEqual([
      'analyst@example.org',
      'automation-7f00@example.org',
    ]);
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(registryClaims(quarantine, parser.name).others).toEqual([]);
  });
});
