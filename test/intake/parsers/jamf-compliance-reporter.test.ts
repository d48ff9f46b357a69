// The Jamf Compliance Reporter parser on synthetic events (audit records, app metrics, print and blocked-app
// events): detection, the Mac's host name, the subject's users and socket addresses, and no double claims.
import { describe, expect, it } from 'vitest';
import { jamfComplianceReporterParser as parser } from '../../../src/intake/parsers/jamf-compliance-reporter.js';
import { registryClaims } from './registry-claims.js';

const HOST = {
  host_name: 'lab-mac-07',
  host_uuid: '00000000-1111-2222-3333-444444444444',
  osversion: 'Version 14.1 (Build 23B74)',
  primary_mac_address: '02:00:5e:10:00:01',
  serial_number: 'C0TESTSERIAL',
};

const subject = (user: string, audit = '-1', terminal = '0.0.0.0') => ({
  audit_id: audit === '-1' ? 4294967295 : 501,
  audit_user_name: audit,
  effective_user_name: user,
  effective_group_name: 'staff',
  process_name: '/usr/libexec/exampled',
  terminal_id: { addr: [0], ip_address: terminal, port: 0, type: 0 },
  user_id: 501,
  user_name: user,
});

const connect = {
  _event_score: 10,
  header: {
    event_id: 32,
    event_name: 'AUE_CONNECT',
    time_milliseconds_offset: 250,
    time_seconds_epoch: 1700000000,
    version: 11,
  },
  host_info: HOST,
  return: { description: 'success', error: 0, return_value: 0 },
  socket_inet: { family: 2, ip_address: '198.51.100.40', port: 443 },
  subject: subject('erin', 'erin'),
};

const chroot = {
  _event_score: 0,
  attributes: { owner_user_name: 'frank', owner_group_name: 'staff' },
  header: { event_id: 24, event_name: 'AUE_CHROOT', time_seconds_epoch: 1700000100 },
  host_info: HOST,
  return: { description: 'success', error: 0, return_value: 0 },
  subject: subject('root'),
};

const bindAny = {
  _event_score: 0,
  header: { event_id: 34, event_name: 'AUE_BIND', time_seconds_epoch: 1700000200 },
  host_info: HOST,
  socket_inet: { family: 2, ip_address: '0.0.0.0', port: 123 },
  subject: subject('_timed'),
};

const appMetrics = {
  _event_score: 0,
  app_metric_info: { cpu_percentage: 1.5 },
  header: { event_name: 'APP_METRICS', time_seconds_epoch: 1700000300 },
  host_info: HOST,
};

const printJob = {
  _event_score: 0,
  event_attributes: { job_id: 7, job_title: 'report', job_user: 'grace' },
  header: { event_name: 'PRINT_EVENT_INFORMATION', time_seconds_epoch: 1700000400 },
  host_info: HOST,
};

const blocked = {
  _event_score: 90,
  header: { action: 'Deny', event_name: 'PROHIBITED_APP_BLOCKED', time_seconds_epoch: 1700000500 },
  host_info: HOST,
  subject: subject('heidi', '-1', '203.0.113.9'),
};

const samples = { connect, chroot, bindAny, appMetrics, printJob, blocked };

describe('jamf compliance reporter parser', () => {
  it('reads an AUE_CONNECT audit record: host, users and the socket address', () => {
    const a = parser.parse(connect);
    expect(a.format).toBe('jamf_compliance_reporter.log');
    expect(a.recognizedBy).toBe('parser:jamf_compliance_reporter.log');
    expect(a.observables.hosts).toEqual(['lab-mac-07']);
    expect(a.observables.users).toEqual(['erin']);
    expect(a.observables.ips).toEqual(['198.51.100.40']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observedAt).toBe('2023-11-14T22:13:20.250Z');
    expect(a.ruleId).toBe('AUE_CONNECT');
    expect(a.title).toBe('Jamf Compliance Reporter: AUE_CONNECT (success)');
    expect(a.severity).toBe('low');
  });

  it('lists the subject user, the file owner and the audit user, as Elastic relates them', () => {
    expect(parser.parse(chroot).observables.users).toEqual(['root', 'frank', '-1']);
  });

  it('never reports the unspecified address 0.0.0.0', () => {
    const a = parser.parse(bindAny);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['_timed', '-1']);
  });

  it('reads app metrics with only the host name', () => {
    const a = parser.parse(appMetrics);
    expect(a.observables.hosts).toEqual(['lab-mac-07']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('takes a print job’s user', () => {
    expect(parser.parse(printJob).observables.users).toEqual(['grace']);
  });

  it('reads a blocked app event: its terminal address and a high score', () => {
    const a = parser.parse(blocked);
    expect(a.observables.ips).toEqual(['203.0.113.9']);
    expect(a.observables.users).toEqual(['heidi', '-1']);
    expect(a.severity).toBe('critical');
  });

  it('does not claim other formats', () => {
    const others = [
      { header: { event_name: 'AUE_CONNECT' } },
      { host_info: HOST },
      { header: 'x', host_info: HOST },
      { eventType: 'user.session.start', actor: { alternateId: 'a@example.org' } },
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      null,
      42,
    ];
    for (const raw of others) expect(parser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these events', () => {
    for (const raw of Object.values(samples)) {
      expect(parser.detect(raw)).toBe(true);
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});
