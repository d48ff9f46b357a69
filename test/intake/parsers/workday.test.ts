// The Workday parser on synthetic sign-on report rows (both column sets) and user-activity entries: detection,
// the indicators Elastic's workday.sign_on / workday.activity pipelines give for the same shapes, and that it
// claims nothing else.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { workdayParser } from '../../../src/intake/parsers/workday.js';
import { registryClaims } from './registry-claims.js';

/** The sign-on report with the worker and address columns. */
const signOnFailed = {
  Authentication_Failure_Message: 'Invalid password',
  Authentication_Type: 'User Name Password',
  Browser_Type: 'Firefox',
  Created_Moment: '2025-05-04T03:02:01.500-07:00',
  Device_Type: 'Desktop',
  Device_is_Trusted: '0',
  'Prompt_-_Positive_Integer': 'orla.fenn / Orla Fenn',
  Request_Originator: 'UI',
  'Sign-on_Time': '2025-05-04T03:02:01-07:00',
  Signon_IP_Address: '203.0.113.61',
  Signon_Worker: 'Orla Fenn (004411)',
  User_Agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  userName: 'orla.fenn',
};

/** An integration account signing on from inside Workday: the address column holds text. */
const signOnInternal = {
  Authentication_Type: 'Trusted',
  Device_is_Trusted: '0',
  Request_Originator: 'Internal',
  Session_ID: 'a1b2c3',
  'Sign-on_Time': '2025-05-04T04:00:00-07:00',
  Signon_IP_Address: 'Workday Internal',
  userName: 'ISU_Payroll_Export',
};

/** The older report columns: System_Account is not mapped to a user. */
const signOnLegacy = {
  Account_Locked__Disabled_or_Expired: '1',
  Active_Session: '0',
  Authentication_Type_for_Signon: 'SAML',
  Device_is_Trusted: '0',
  Failed_Signon: '1',
  Request_Originator: 'UI',
  Session_IP_Address: '198.51.100.81',
  Session_Start: '2025-05-04T05:10:00-07:00',
  System_Account: 'pell.ward / Pell Ward',
};

const activity = {
  activityAction: 'READ',
  deviceType: 'Desktop',
  ipAddress: '192.0.2.44',
  requestTime: '2025-05-04T12:00:00.125Z',
  sessionId: 'f00d01',
  systemAccount: 'hr-auditor',
  target: { descriptor: 'orla.fenn / Orla Fenn', id: '0a'.repeat(16) },
  taskDisplayName: 'View Worker Compensation',
  taskId: 'ab'.repeat(16),
  userAgent: 'Mozilla/5.0',
};

/** A worker report row (the user stream): an inventory record of one worker and their manager. */
const worker = {
  Cost_Center: 'Payroll',
  Employee_ID: '004411',
  Job_Title: 'Payroll Analyst II',
  Last_Account_or_Proxy_Login_Moment: '2025-05-03T17:45:12.250-07:00',
  Manager_Email: 'ines.moor@example.org',
  Manager_ID: '000912',
  User_Name: 'orla.fenn',
  Worker_Type: 'Employee',
  Worker_s_Manager: 'Ines Moor (000912)',
  primaryWorkEmail: 'orla.fenn@example.org',
};

const samples = { signOnFailed, signOnInternal, signOnLegacy, activity, worker };

describe('workdayParser', () => {
  it('detects every sign-on and activity shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(workdayParser.detect(sample), name).toBe(true);
    }
  });

  it('maps a sign-on: the sign-on address as source, user name and worker as related users', () => {
    const a = workdayParser.parse(signOnFailed);
    expect(a.format).toBe('workday.sign_on');
    expect(a.recognizedBy).toBe('parser:workday');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['203.0.113.61'],
      dst_ips: [],
      ips: ['203.0.113.61'],
      users: ['orla.fenn', 'Orla Fenn (004411)'],
      hosts: [],
    });
    expect(a.title).toBe('Workday sign-on by orla.fenn (User Name Password) failed: Invalid password');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-05-04T10:02:01.000Z');
    expect(a.ruleId).toBe('User Name Password');
  });

  it('keeps a sign-on address that is not an IP out of the indicators', () => {
    const a = workdayParser.parse(signOnInternal);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['ISU_Payroll_Export'],
      hosts: [],
    });
    expect(a.severity).toBe('info');
  });

  it('reads the older columns: session address as source, System_Account not a user, lockout raised', () => {
    const a = workdayParser.parse(signOnLegacy);
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['198.51.100.81'],
      dst_ips: [],
      ips: ['198.51.100.81'],
      users: [],
      hosts: [],
    });
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('pell.ward / Pell Ward');
    expect(a.observedAt).toBe('2025-05-04T12:10:00.000Z');
  });

  it('maps an activity entry: ipAddress as source, systemAccount as the user, not the target', () => {
    const a = workdayParser.parse(activity);
    expect(a.format).toBe('workday.activity');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['192.0.2.44'],
      dst_ips: [],
      ips: ['192.0.2.44'],
      users: ['hr-auditor'],
      hosts: [],
    });
    expect(a.title).toBe('Workday read of View Worker Compensation by hr-auditor on orla.fenn / Orla Fenn');
    expect(a.observedAt).toBe('2025-05-04T12:00:00.125Z');
    expect(a.ruleId).toBe('ab'.repeat(16));
  });

  it('maps a worker row: the worker and manager ids and e-mails, and the user name, as related users', () => {
    const a = workdayParser.parse(worker);
    expect(a.format).toBe('workday.user');
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['004411', 'orla.fenn', 'orla.fenn@example.org', '000912', 'ines.moor@example.org'],
      hosts: [],
    });
    expect(a.observables.emails).toEqual(['orla.fenn@example.org', 'ines.moor@example.org']);
    expect(a.title).toBe('Workday worker record: orla.fenn (Employee, Payroll Analyst II)');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-05-04T00:45:12.250Z');
  });

  it('claims no other JSON, text or non-object payload', () => {
    const others: unknown[] = [
      { Request_Originator: 'UI' },
      { activityAction: 'READ', taskId: 'x' },
      { activityAction: '', taskId: 'x', systemAccount: 'y' },
      { Employee_ID: '1', User_Name: 'x' },
      { Employee_ID: '1', User_Name: '', Worker_Type: 'Employee' },
      {
        eventType: 'user.session.start',
        actor: { alternateId: 'a@example.org' },
        client: { ipAddress: '192.0.2.1' },
      },
      { EVENT_TYPE: 'LOGIN', CLIENT_IP: '192.0.2.1', FIRST_AUTHENTICATION_FACTOR: 'PASSWORD' },
      'CEF:0|Workday|Workday|1|signon|Sign-on|3|src=192.0.2.1 suser=orla.fenn',
      '<13>May  4 03:02:01 host workday: sign-on orla.fenn 192.0.2.1',
      JSON.stringify(signOnFailed),
      null,
      42,
      [activity],
    ];
    for (const raw of others) expect(workdayParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, workdayParser.name).others, name).toEqual([]);
    }
  });
});
