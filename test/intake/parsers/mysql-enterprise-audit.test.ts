// The MySQL Enterprise Audit parser on synthetic JSON records (connection, general, audit classes; text with
// the array's trailing comma and parsed objects), and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { mysqlEnterpriseAuditParser } from '../../../src/intake/parsers/mysql-enterprise-audit.js';
import { registryClaims } from './registry-claims.js';

const connect = {
  timestamp: '2024-06-01 10:11:12',
  id: 0,
  class: 'connection',
  event: 'connect',
  connection_id: 41,
  account: { user: 'app_rw', host: 'web-07.example.net' },
  login: { user: 'app_rw', os: 'deploy', ip: '198.51.100.23', proxy: '' },
  connection_data: { connection_type: 'tcp/ip', status: 1045, db: 'shop' },
};
const createUser = `${JSON.stringify({
  timestamp: '2024-06-01 10:12:00',
  id: 3,
  class: 'general',
  event: 'status',
  connection_id: 42,
  account: { user: 'dba_admin', host: 'localhost' },
  login: { user: 'dba_admin', os: '', ip: '', proxy: '' },
  general_data: {
    command: 'Query',
    sql_command: 'create_user',
    query: "CREATE USER IF NOT EXISTS 'report_ro'@'%' IDENTIFIED BY '***'",
    status: 0,
  },
})},`;
const startup = JSON.stringify({
  timestamp: '2024-06-01 09:00:00',
  id: 0,
  class: 'audit',
  event: 'startup',
  connection_id: 0,
  account: { user: 'skip-grants user', host: '' },
  login: { user: '', os: '', ip: '', proxy: '' },
  startup_data: { server_id: 1, mysql_version: '8.0.36-commercial' },
});

describe('mysqlEnterpriseAuditParser', () => {
  it('detects records as objects and as text with the trailing comma', () => {
    for (const s of [connect, createUser, startup]) expect(mysqlEnterpriseAuditParser.detect(s)).toBe(true);
  });

  it('does not claim other JSON or text', () => {
    const others: unknown[] = [
      { timestamp: '2024-06-01 10:11:12', class: 'connection', user: 'x' },
      '{"class": "general", "id": 1}',
      'connection_id=4 class=general',
      null,
    ];
    for (const o of others) expect(mysqlEnterpriseAuditParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the account and OS users, the login address as related and the account host', () => {
    const a = mysqlEnterpriseAuditParser.parse(connect);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['198.51.100.23'],
      users: ['app_rw', 'deploy'],
      hosts: ['web-07.example.net'],
    });
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('mysql-connect');
    expect(a.observedAt).toBe('2024-06-01T10:11:12.000Z');
  });

  it('reads the user a CREATE USER statement names', () => {
    const a = mysqlEnterpriseAuditParser.parse(createUser);
    expect(a.observables.users).toEqual(['dba_admin', 'report_ro']);
    expect(a.observables.hosts).toEqual(['localhost']);
    expect(a.severity).toBe('medium');
    expect(a.title).toBe('MySQL audit general/create_user by dba_admin@localhost');
  });

  it('reports the startup record with its account user and no host', () => {
    const a = mysqlEnterpriseAuditParser.parse(startup);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['skip-grants user'],
      hosts: [],
    });
    expect(a.severity).toBe('info');
  });

  it('is chosen by the intake when placed before the registry', () => {
    const a = normalizeAlert(createUser, { parsers: [mysqlEnterpriseAuditParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:mysql_enterprise.audit');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of [connect, createUser, startup])
      expect(registryClaims(s, mysqlEnterpriseAuditParser.name).others, JSON.stringify(s)).toEqual([]);
  });
});
