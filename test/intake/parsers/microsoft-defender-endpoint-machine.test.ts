// The Defender for Endpoint machine parser on synthetic API `machines` records: detection, the device names
// and addresses as Elastic's machine pipeline maps them, and no double claims.
import { describe, expect, it } from 'vitest';
import { microsoftDefenderEndpointMachineParser as parser } from '../../../src/intake/parsers/microsoft-defender-endpoint-machine.js';
import { registryClaims } from './registry-claims.js';

const machine = {
  id: '1111aaaa2222bbbb3333cccc4444dddd5555eeee',
  mergedIntoMachineId: null,
  computerDnsName: 'ws-lab-07',
  firstSeen: '2026-01-05T10:00:00.1234567Z',
  lastSeen: '2026-03-02T08:30:00.7654321Z',
  osPlatform: 'Windows11',
  version: '23H2',
  lastIpAddress: '192.0.2.41',
  lastExternalIpAddress: '203.0.113.9',
  healthStatus: 'Active',
  riskScore: 'Medium',
  exposureLevel: 'Low',
  aadDeviceId: 'aaaabbbb-cccc-4ddd-8eee-ffff00001111',
  machineTags: ['lab'],
  ipAddresses: [
    { ipAddress: '192.0.2.41', macAddress: '00005E0053AA', type: 'Ethernet', operationalStatus: 'Up' },
    { ipAddress: '2001:db8::41', macAddress: '00005E0053AA', type: 'Ethernet', operationalStatus: 'Up' },
    { ipAddress: '', macAddress: null, type: 'Other', operationalStatus: 'Down' },
  ],
  vmMetadata: null,
};

describe('microsoft_defender_endpoint.machine parser', () => {
  it('detects a machine record and not an alert, a machine action or other JSON', () => {
    expect(parser.detect(machine)).toBe(true);
    expect(parser.detect({ ...machine, alertCreationTime: '2026-03-02T08:30:00Z' })).toBe(false);
    expect(parser.detect({ ...machine, requestor: 'a@example.org' })).toBe(false);
    expect(parser.detect({ computerDnsName: 'x' })).toBe(false);
    expect(parser.detect('ws-lab-07')).toBe(false);
  });

  it('reports the DNS name, Entra device id and machine id as hosts and every address as related', () => {
    const a = parser.parse(machine);
    expect(a.format).toBe('microsoft_defender_endpoint.machine');
    expect(a.observables.hosts).toEqual([
      'ws-lab-07',
      'aaaabbbb-cccc-4ddd-8eee-ffff00001111',
      '1111aaaa2222bbbb3333cccc4444dddd5555eeee',
    ]);
    expect(a.observables.ips).toEqual(['192.0.2.41', '2001:db8::41', '203.0.113.9']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an inventory record as information with the health and risk in its title', () => {
    const a = parser.parse(machine);
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Defender for Endpoint machine ws-lab-07 (Active, risk Medium)');
    expect(a.observedAt).toBe('2026-03-02T08:30:00.765Z');
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(registryClaims(machine, parser.name).others).toEqual([]);
  });
});
