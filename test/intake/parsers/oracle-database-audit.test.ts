// The Oracle Database audit parser on synthetic OS audit-file records (database and object forms), and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { oracleDatabaseAuditParser } from '../../../src/intake/parsers/oracle-database-audit.js';
import { registryClaims } from './registry-claims.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const select = lines(
  'Tue Mar  5 09:15:42 2024 +01:00',
  "LENGTH : '301'",
  "ACTION :[64] 'select owner, table_name",
  "                from dba_tables where owner = 'HR''",
  "DATABASE USER:[6] 'APPSVC'",
  "PRIVILEGE :[4] 'NONE'",
  "CLIENT USER:[5] 'jdoe'",
  "CLIENT TERMINAL:[7] 'UNKNOWN'",
  "STATUS:[1] '0'",
  "DBID:[10] '1234567890'",
  "SESSIONID:[6] '424242'",
  "USERHOST:[17] 'ws-finance-07.example'",
  "CLIENT ADDRESS:[11] '192.0.2.44'",
  "ACTION NUMBER:[1] '3'",
);

const sysdba = lines(
  'Sat Feb 10 23:01:02 2024 -05:00',
  "LENGTH : '250'",
  "ACTION :[7] 'CONNECT'",
  "DATABASE USER:[1] '/'",
  "PRIVILEGE :[6] 'SYSDBA'",
  "CLIENT USER:[6] 'oracle'",
  "CLIENT TERMINAL:[5] 'pts/1'",
  "STATUS:[1] '0'",
  "DBID:[10] '1234567890'",
  "SESSIONID:[10] '4294967295'",
  "USERHOST:[9] 'dbhost-01'",
  "CLIENT ADDRESS:[0] ''",
  "ACTION NUMBER:[3] '100'",
);

const failedLogon = lines(
  'Mon Jan  8 07:00:00 2024 +00:00',
  "LENGTH : '260'",
  "ACTION :[7] 'CONNECT'",
  "DATABASE USER:[5] 'SCOTT'",
  "PRIVILEGE :[4] 'NONE'",
  "CLIENT USER:[5] 'mallo'",
  "STATUS:[4] '1017'",
  "USERHOST:[11] 'laptop-3141'",
  "CLIENT ADDRESS:[46] '(PROTOCOL=tcp)(HOST=198.51.100.23)(PORT=50112)'",
  "ACTION NUMBER:[3] '100'",
);

const objectAudit = lines(
  'Thu Jun 13 18:20:30 2024 -04:00',
  'LENGTH: "300"',
  'SESSIONID:[5] "77777" ENTRYID:[1] "1" STATEMENT:[1] "7" USERID:[8] "APP_USER" USERHOST:[12] "app-node-2" TERMINAL:[7] "unknown" ACTION:[3] "103" RETURNCODE:[1] "0" OBJ$CREATOR:[2] "HR" OBJ$NAME:[9] "EMPLOYEES" OS$USERID:[6] "svcapp" DBID:[10] "1234567890" CURRENT_USER:[8] "HR_ADMIN"',
);

const objectWithoutCurrentUser = lines(
  'Fri Jun 14 01:02:03 2024 -04:00',
  'LENGTH: "200"',
  'SESSIONID:[5] "77778" ENTRYID:[1] "1" STATEMENT:[1] "1" USERID:[8] "APP_USER" USERHOST:[11] "203.0.113.9" ACTION:[3] "100" RETURNCODE:[1] "0" OS$USERID:[6] "svcapp"',
);

describe('oracleDatabaseAuditParser', () => {
  it('detects both forms of audit-file record', () => {
    for (const s of [select, sysdba, failedLogon, objectAudit, objectWithoutCurrentUser])
      expect(oracleDatabaseAuditParser.detect(s), s).toBe(true);
  });

  it('does not claim other text or JSON', () => {
    for (const o of [
      'type=USER_AUTH msg=audit(1700000000.123:42): pid=1 uid=0 auid=1000 ses=3 msg=\'op=PAM:authentication acct="alice" res=success\'',
      "LENGTH : '300'\nACTION :[7] 'CONNECT'",
      'Tue Mar  5 09:15:42 2024 some other log line',
      '<134>Mar  5 09:15:42 dbhost Oracle Audit[123]: LENGTH: "300" ACTION:[7] "CONNECT"',
      { message: select },
      null,
    ])
      expect(oracleDatabaseAuditParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the database and client users, the client address and the user host as Elastic relates them', () => {
    const a = oracleDatabaseAuditParser.parse(select);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.44'],
      users: ['APPSVC', 'jdoe'],
      hosts: ['ws-finance-07.example'],
    });
    expect(a.observedAt).toBe('2024-03-05T08:15:42.000Z');
    expect(a.ruleId).toBe('3');
    expect(a.severity).toBe('info');
    expect(a.title).toBe(
      "Oracle audit by APPSVC: select owner, table_name from dba_tables where owner = 'HR'",
    );
  });

  it('drops the OS-authenticated "/" user and an empty client address, and rates a SYSDBA session low', () => {
    const a = oracleDatabaseAuditParser.parse(sysdba);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['oracle'],
      hosts: ['dbhost-01'],
    });
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-02-11T04:01:02.000Z');
    expect(a.title).toBe('Oracle audit by / as SYSDBA: CONNECT');
  });

  it('reads the HOST of an Oracle Net client address and rates a failed logon medium', () => {
    const a = oracleDatabaseAuditParser.parse(failedLogon);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.hosts).toEqual(['laptop-3141']);
    expect(a.observables.users).toEqual(['SCOTT', 'mallo']);
    expect(a.severity).toBe('medium');
  });

  it('reads the object form: CURRENT_USER as the user and USERHOST as the host, not USERID or OS$USERID', () => {
    const a = oracleDatabaseAuditParser.parse(objectAudit);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['HR_ADMIN'],
      hosts: ['app-node-2'],
    });
    expect(a.ruleId).toBe('103');
    expect(a.observedAt).toBe('2024-06-13T22:20:30.000Z');
    expect(a.title).toBe('Oracle audit by HR_ADMIN: action 103 on HR.EMPLOYEES');
  });

  it('reports a user host written as an address as a related IP', () => {
    const a = oracleDatabaseAuditParser.parse(objectWithoutCurrentUser);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['203.0.113.9'],
      users: [],
      hosts: [],
    });
  });

  it('is claimed by no other specific parser and wins through normalizeAlert', () => {
    for (const s of [select, sysdba, failedLogon, objectAudit, objectWithoutCurrentUser]) {
      expect(registryClaims(s, oracleDatabaseAuditParser.name).others, s).toEqual([]);
      expect(normalizeAlert(s, { parsers: [...parsers, oracleDatabaseAuditParser] }).recognizedBy).toBe(
        'parser:oracle.database_audit',
      );
    }
  });
});
