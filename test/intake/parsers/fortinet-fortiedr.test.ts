// The FortiEDR parser on synthetic `Key: value;` syslog messages (security event with RFC 5424 or RFC 3164
// headers or none, system event, audit trail): detection, indicators as Elastic's fortinet_fortiedr.log pipeline
// maps them (Users, device name and RFC 5424 host; no addresses; nothing where the pipeline fails), and that other
// formats are not claimed.
import { describe, expect, it } from 'vitest';
import { fortinetFortiedrParser } from '../../../src/intake/parsers/fortinet-fortiedr.js';
import { registryClaims } from './registry-claims.js';

const SECURITY_BODY =
  'Organization: Lab;Organization ID: 1001;Event ID: 5551; Raw Data ID: 9990001;Device Name: LAB-WS-07;Operating System: Windows 11 Pro; Process Name: updater.exe;Process Path: \\Device\\HarddiskVolume3\\Tools\\updater.exe; Process Type: 64bit;Severity: High;Classification: Malicious;Destination: 198.51.100.77; First Seen: 05-Mar-2024, 09:58:00;Last Seen: 05-Mar-2024, 09:59:30;Action: Blocked;Count: 3; Certificate: no;Rules List: Suspicious Connection - Malicious destination;Users: LAB-WS-07\\dana; MAC Address: 00-00-5E-00-53-01;Script: N/A;Script Path: N/A;Autonomous System: N/A;Country: N/A';

const rfc5424 = `<133>1 2024-03-05T10:00:00.000Z 192.0.2.5 enSilo - - - ${SECURITY_BODY}`;
const rfc5424Pid = `<133>1 2024-03-05T10:00:00.000Z edr-mgr.example.org enSilo 4242 - - ${SECURITY_BODY.replace('Destination: 198.51.100.77', 'Destination: https://drop.example.net/x.bin')}`;
const rfc3164 = `<133>Mar  5 10:00:00 edr-mgr enSilo: ${SECURITY_BODY.replace('Users: LAB-WS-07\\dana', 'Users: N/A')}`;
const noApp = `<133>Mar  5 10:00:00 edr-mgr ${SECURITY_BODY}`;
const bare = SECURITY_BODY.replace('Device Name: LAB-WS-07', 'Device Name: N/A').replace(
  'Severity: High',
  'Severity: N/A',
);
const systemEvent =
  '<134>1 2024-03-05T10:05:00.000Z 192.0.2.6 enSilo - - - Organization: Lab;Date: 05-03-2024, 10:05:00;Component: Collector;Component Name: LAB-WS-09;Description: Collector disconnected';
const audit =
  '<134>1 2024-03-05T10:06:00.000Z 192.0.2.6 enSilo - - - Organization: Lab;Message Type: Audit;Server Name: edr-mgr;Date and Time: 05-03-2024, 10:06:00;Sub-system: Administration;User Name: erin;Description: Policy updated';

const samples = [rfc5424, rfc5424Pid, rfc3164, noApp, bare, systemEvent, audit];
const parse = (raw: string) => fortinetFortiedrParser.parse(raw);

describe('fortinetFortiedrParser', () => {
  it('detects FortiEDR messages with an RFC 5424 or RFC 3164 header or none', () => {
    for (const raw of samples) expect(fortinetFortiedrParser.detect(raw)).toBe(true);
  });

  it('reports Users as the user and the device name then the syslog host as hosts, with no addresses', () => {
    const alert = parse(rfc5424);
    expect(alert.format).toBe('fortinet_fortiedr.log');
    expect(alert.recognizedBy).toBe('parser:fortinet_fortiedr.log');
    expect(alert.observables.users).toEqual(['LAB-WS-07\\dana']);
    expect(alert.observables.hosts).toEqual(['LAB-WS-07', '192.0.2.5']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
  });

  it('reads the header with a process id and keeps a web destination as a URL and domain only', () => {
    const alert = parse(rfc5424Pid);
    expect(alert.observables.hosts).toEqual(['LAB-WS-07', 'edr-mgr.example.org']);
    expect(alert.observables.urls).toEqual(['https://drop.example.net/x.bin']);
    expect(alert.observables.domains).toEqual(['drop.example.net']);
    expect(fortinetFortiedrParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports no host or user behind an RFC 3164 header, which the pipeline does not strip and fails on', () => {
    for (const raw of [rfc3164, noApp]) {
      const alert = parse(raw);
      expect(alert.observables.hosts).toEqual([]);
      expect(alert.observables.users).toEqual([]);
      expect(alert.title).toContain('updater.exe on LAB-WS-07');
    }
  });

  it('reports no host or user when a field the pipeline renames is missing', () => {
    const alert = parse(rfc5424.replace('; Certificate: no', ''));
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('high');
  });

  it('reads a message without a header: no host but the device, and N/A values dropped', () => {
    const alert = parse(bare);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.users).toEqual(['LAB-WS-07\\dana']);
    expect(alert.observedAt).toBe('2024-03-05T09:59:30.000Z');
    expect(alert.severity).toBe('high');
  });

  it('reports the title, severity, time and rule of a security event', () => {
    const alert = parse(rfc5424);
    expect(alert.title).toContain('Malicious');
    expect(alert.title).toContain('Suspicious Connection - Malicious destination');
    expect(alert.title).toContain('updater.exe on LAB-WS-07');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(alert.ruleId).toBe('Suspicious Connection - Malicious destination');
  });

  it('reads system events: informational, no host (the pipeline fails on their missing fields)', () => {
    const alert = parse(systemEvent);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('info');
    expect(alert.title).toContain('Collector disconnected');
  });

  it('reads audit trails: the acting user in the title only, as the pipeline maps no user for them', () => {
    const alert = parse(audit);
    expect(alert.observables.users).toEqual([]);
    expect(alert.title).toContain('Policy updated by erin');
  });

  it('does not claim CEF, LEEF, FortiGate or other key/value text', () => {
    const others = [
      'CEF:0|Fortinet|FortiEDR|5.0|5551|Security Event|8|cs1Label=Organization cs1=Lab',
      'LEEF:1.0|Fortinet|FortiEDR|5.0|5551|Organization: Lab;Event ID: 5551',
      'date=2024-03-05 time=10:00:00 devid="FGT60F0000000001" logid="0000000013" type="traffic" srcip=192.0.2.1',
      'Note: Organization: Lab;Event ID: 1',
      'Organization: Lab;Team: blue;Owner: alice',
      '{"Organization":"Lab","Event ID":5551}',
    ];
    for (const raw of others) expect(fortinetFortiedrParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser that claims its samples', () => {
    for (const raw of samples) {
      expect(registryClaims(raw, fortinetFortiedrParser.name).others).toEqual([]);
    }
  });
});
