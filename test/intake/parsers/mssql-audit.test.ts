// The SQL Server audit parser on synthetic event 33205 documents (Security and Application log), and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { mssqlAuditParser } from '../../../src/intake/parsers/mssql-audit.js';
import { windowsEventParser } from '../../../src/intake/parsers/windows-event.js';
import { registryClaims } from './registry-claims.js';

const param1 = (lines: string[]): string => lines.join('\n');

const select = {
  '@timestamp': '2024-05-06T07:08:09.100Z',
  winlog: {
    channel: 'Application',
    provider_name: 'MSSQLSERVER$AUDIT',
    computer_name: 'SQLHOST01.corp.example',
    event_id: '33205',
    event_data: {
      param1: param1([
        'audit_schema_version:1',
        'event_time:2024-05-06 07:08:08.1234567',
        'action_id:SL  ',
        'succeeded:true',
        'client_ip:192.0.2.61',
        'server_principal_name:CORP\\db.reader',
        'server_principal_sid:0105000000000005150000001a2b3c4d',
        'server_instance_name:SQLHOST01',
        'database_name:Finance',
        'schema_name:dbo',
        'object_name:ledger',
        'statement:SELECT *',
        'FROM dbo.ledger',
        'additional_information:',
        'host_name:WS-0042',
      ]),
    },
  },
  host: { name: 'sqlhost01' },
};

const failedLogin = {
  winlog: {
    channel: 'Security',
    provider_name: 'MSSQLSERVER$AUDIT',
    event_id: 33205,
    event_data: {
      param1: param1([
        'event_time:2024-05-06 07:10:00.0000000',
        'action_id:LGIF',
        'succeeded:false',
        'client_ip:local machine',
        'server_principal_name:sa',
        'database_name:',
        'statement:',
        'additional_information:<action_info>bad password</action_info>',
      ]),
    },
  },
  host: { name: 'sqlhost02' },
};

describe('mssqlAuditParser', () => {
  it('detects event 33205 documents from either log', () => {
    expect(mssqlAuditParser.detect(select)).toBe(true);
    expect(mssqlAuditParser.detect(failedLogin)).toBe(true);
  });

  it('does not claim other Windows events, other JSON or text', () => {
    const logon = {
      winlog: {
        channel: 'Security',
        provider_name: 'Microsoft-Windows-Security-Auditing',
        event_id: '4624',
        event_data: { TargetUserName: 'alice' },
      },
    };
    const noAudit = { winlog: { event_id: '33205', event_data: { param1: 'hello world' } } };
    for (const o of [logon, noAudit, { message: 'action_id:SL' }, 'action_id:SL', null])
      expect(mssqlAuditParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the principal without its domain as the user and the agent host, not the client address', () => {
    const a = mssqlAuditParser.parse(select);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['db.reader'],
      hosts: ['sqlhost01'],
    });
    expect(a.ruleId).toBe('SL');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-06T07:08:08.123Z');
    expect(a.title).toBe('SQL Server audit SL by CORP\\db.reader on Finance.dbo.ledger');
  });

  it('rates a failed login medium and reads a principal without a domain', () => {
    const a = mssqlAuditParser.parse(failedLogin);
    expect(a.observables.users).toEqual(['sa']);
    expect(a.observables.hosts).toEqual(['sqlhost02']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('LGIF');
  });

  it('is tried before the Windows event parser, which would otherwise claim the Application-log form', () => {
    expect(windowsEventParser.detect(select)).toBe(true);
    const a = normalizeAlert(select, { parsers: [mssqlAuditParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:microsoft_sqlserver.audit');
  });

  it('is claimed by no other specific parser except the Windows event parser', () => {
    for (const s of [select, failedLogin])
      expect(
        registryClaims(s, mssqlAuditParser.name).others.filter((n) => n !== windowsEventParser.name),
        JSON.stringify(s),
      ).toEqual([]);
  });
});
