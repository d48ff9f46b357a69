// The HID Bravura Monitor parser on synthetic records: idmsuite log lines (plain, request id, Perf) and the
// Windows event log JSON, the indicators Elastic's pipelines map, a negative, and no double claims.
import { describe, expect, it } from 'vitest';
import { hidBravuraMonitorParser } from '../../../src/intake/parsers/hid-bravura-monitor.js';
import { registryClaims } from './registry-claims.js';

const debugLine =
  '2024-02-01 10:20:30.123.4567 - [] idapi.exe [1200,3400] Debug: Thread: 3400, session opened';
const errorLine =
  '2024-02-01 10:21:00.500.0001 - [3f2b8c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f] pamlws.exe [1500,1600] Error: LWS [LAB] computer record not found';
const perfLine =
  '2024-02-01 10:22:00.000.0002 - [] ajaxsvc.exe [1700,1800] Perf: PerfAjax. Duration: {12} | Function: {session:expiry} | User: {pat.example}';
const userLine =
  '2024-02-01 10:23:00.000.0003 - [pat.example] psn.exe [1900,2000] Warning: password expires soon';

const winlogEvent = {
  '@timestamp': '2024-02-01T11:00:00.000Z',
  winlog: {
    time_created: '2024-02-01T11:00:00.000Z',
    provider_name: 'Bravura Security-Bravura Security Fabric',
    computer_name: 'idm-01.corp.example',
    channel: 'Bravura Security-Bravura Security Fabric/Operational',
    event_id: '64',
    level: 'error',
    record_id: 42,
  },
  host: { name: 'idm-01.corp.example' },
  log: { level: 'error' },
  event: {
    code: '64',
    original: 'Self-service password reset failed.|Profile=someone|ClientIPs=192.0.2.10,198.51.100.11',
    kind: 'event',
  },
};

const otherWinlog = {
  '@timestamp': '2024-02-01T11:00:00.000Z',
  winlog: { provider_name: 'Microsoft-Windows-Security-Auditing', event_id: '4625', computer_name: 'dc-01' },
  host: { name: 'dc-01' },
};

describe('hidBravuraMonitorParser', () => {
  it('reads a log line with no indicators, its level as severity and its timestamp', () => {
    const a = hidBravuraMonitorParser.parse(debugLine);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2024-02-01T10:20:30.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('idapi.exe');
    expect(a.format).toBe('hid_bravura_monitor.log');
  });

  it('reports an error line as medium and keeps the request id and Perf user out of the users', () => {
    expect(hidBravuraMonitorParser.parse(errorLine).severity).toBe('medium');
    expect(hidBravuraMonitorParser.parse(errorLine).title).toContain('computer record not found');
    expect(hidBravuraMonitorParser.parse(perfLine).observables.users).toEqual([]);
    expect(hidBravuraMonitorParser.parse(userLine).observables.users).toEqual([]);
  });

  it('reads a Windows event with the computer as host and the client addresses left out', () => {
    const a = hidBravuraMonitorParser.parse(winlogEvent);
    expect(a.observables.hosts).toEqual(['idm-01.corp.example']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.title).toContain('Self-service password reset failed.');
    expect(a.ruleId).toBe('64');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-02-01T11:00:00.000Z');
    expect(a.format).toBe('hid_bravura_monitor.winlog');
  });

  it('does not claim other Windows events or other log lines', () => {
    expect(hidBravuraMonitorParser.detect(otherWinlog)).toBe(false);
    expect(hidBravuraMonitorParser.detect('2024-02-01 10:20:30,123 INFO [main] app started')).toBe(false);
    expect(
      hidBravuraMonitorParser.detect('<14>Feb  1 10:20:30 host sshd[1]: Accepted password for bob'),
    ).toBe(false);
    expect(hidBravuraMonitorParser.detect(42)).toBe(false);
  });

  it('is the only specific parser to claim its log lines', () => {
    for (const s of [debugLine, errorLine, perfLine, userLine]) {
      expect(hidBravuraMonitorParser.detect(s)).toBe(true);
      expect(registryClaims(s, 'hid_bravura_monitor').others).toEqual([]);
    }
  });

  it('shares its Windows events only with the broad Windows event parser, which it must precede', () => {
    expect(hidBravuraMonitorParser.detect(winlogEvent)).toBe(true);
    expect(registryClaims(winlogEvent, 'hid_bravura_monitor').others).toEqual(['windows.event']);
  });
});
