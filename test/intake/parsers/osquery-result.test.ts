// The osquery result-log parser on synthetic result lines (differential row, socket row, snapshot, batch):
// detection, the decorated user and host identifier as Elastic's osquery.result pipeline maps them, and that
// the query's columns give no indicator.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { osqueryResultParser } from '../../../src/intake/parsers/osquery-result.js';
import { registryClaims } from './registry-claims.js';

const mountRemoved = {
  action: 'removed',
  calendarTime: 'Tue Feb  6 10:00:00 2024 UTC',
  columns: { device: '/dev/disk1s4', path: '/private/var/vm', type: 'apfs', blocks: '122061322' },
  counter: '1',
  decorations: { host_uuid: '4AB2906D-0000-4000-8000-86D1D7F533F3', username: 'dana.ops' },
  epoch: '0',
  hostIdentifier: 'mac-17.example.test',
  name: 'pack_it-compliance_mounts',
  unixTime: '1707213600',
};

const socketAdded = {
  name: 'pack_incident-response_process_open_sockets',
  hostIdentifier: 'web-01',
  calendarTime: 'Tue Feb  6 10:05:00 2024 UTC',
  unixTime: 1707213900,
  epoch: 0,
  counter: 3,
  numerics: true,
  decorations: { host_uuid: '11111111-2222-3333-4444-555555555555', username: '' },
  columns: {
    pid: '4242',
    family: '2',
    protocol: '6',
    local_address: '192.0.2.10',
    remote_address: '198.51.100.7',
    local_port: '22',
    remote_port: '51022',
  },
  action: 'added',
};

const usersSnapshot = {
  name: 'pack_osquery-snapshots_users',
  hostIdentifier: 'web-02',
  calendarTime: 'Tue Feb  6 10:10:00 2024 UTC',
  unixTime: '1707214200',
  epoch: '0',
  counter: '0',
  decorations: { username: 'root' },
  snapshot: [
    { uid: '0', username: 'root', shell: '/bin/bash' },
    { uid: '1001', username: 'mallory', shell: '/bin/sh' },
  ],
  action: 'snapshot',
};

const batch = {
  name: 'listening_ports',
  hostIdentifier: 'db-03',
  calendarTime: 'Tue Feb  6 10:15:00 2024 UTC',
  unixTime: '1707214500',
  epoch: '0',
  counter: '4',
  diffResults: { added: [{ address: '203.0.113.9', port: '5432' }], removed: [] },
};

describe('osqueryResultParser', () => {
  it('detects differential rows, snapshots and batches', () => {
    for (const [name, sample] of Object.entries({ mountRemoved, socketAdded, usersSnapshot, batch })) {
      expect(osqueryResultParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a differential row: the decorated username as user, the host identifier as host', () => {
    const a = osqueryResultParser.parse(mountRemoved);
    expect(a.format).toBe('osquery.result');
    expect(a.recognizedBy).toBe('parser:osquery.result');
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['dana.ops'],
      hosts: ['mac-17.example.test'],
    });
    expect(a.title).toBe('osquery pack_it-compliance_mounts removed: /private/var/vm on mac-17.example.test');
    expect(a.ruleId).toBe('pack_it-compliance_mounts');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-02-06T10:00:00.000Z');
  });

  it('reports no address from the query columns and no user for an empty decoration', () => {
    expect(ecsIndicators(osqueryResultParser.parse(socketAdded))).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: [],
      hosts: ['web-01'],
    });
  });

  it('reads a snapshot: only the decorated user, not the users its rows list', () => {
    const a = osqueryResultParser.parse(usersSnapshot);
    expect(a.observables.users).toEqual(['root']);
    expect(a.title).toBe('osquery pack_osquery-snapshots_users snapshot (2 rows) on web-02');
    expect(osqueryResultParser.parse(batch).observables.ips).toEqual([]);
  });

  it('does not claim other formats', () => {
    const osqueryStatus = {
      hostIdentifier: 'web-01',
      calendarTime: 'x',
      unixTime: '1',
      severity: '0',
      message: 'ok',
    };
    const falco = { rule: 'x', priority: 'Warning', output: 'y', time: '2024-02-06T10:00:00Z' };
    const line = '<134>1 2024-02-06T10:00:00Z web-01 osqueryd - - - {"name":"x","hostIdentifier":"web-01"}';
    for (const raw of [osqueryStatus, falco, line, null, 42, [], { ...mountRemoved, name: 7 }]) {
      expect(osqueryResultParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any parser already in the registry', () => {
    for (const sample of [mountRemoved, socketAdded, usersSnapshot, batch]) {
      expect(registryClaims(sample, osqueryResultParser.name).others).toEqual([]);
    }
  });
});
