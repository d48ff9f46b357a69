// The PostgreSQL log parser on synthetic lines: stderr lines with `[pid] user@db`, `[user]@[db]` and
// `user=…,db=…` prefixes, csvlog rows, AWS RDS prefixes, time zones, and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { postgresqlLogParser } from '../../../src/intake/parsers/postgresql-log.js';
import { registryClaims } from './registry-claims.js';

const authorized =
  '2024-01-01 00:00:00.000 UTC [123] report_svc@sales LOG:  connection authorized: user=report_svc database=sales';
const passwordFailed =
  '2024-01-01 08:15:30.250 CEST [4410] mallory@payroll FATAL:  password authentication failed for user "mallory"';
const kvPrefix =
  '2024-02-03 10:00:00.100 +01:00 [5120]: [3-1] db=inventory,user=etl_job,app=[unknown],client=192.0.2.44 FATAL:  28P01: password authentication failed for user "etl_job"';
const bracketed = '2024-02-03 10:01:00.000 EST [5121] [unknown]@[unknown] LOG:  incomplete startup packet';
const bracketedUser =
  '2024-02-03 10:02:00.000 UTC [5122] [analyst.one]@[warehouse] ERROR:  permission denied for table payroll';
const server = '2024-02-03 10:03:00.000 UTC [88] LOG:  database system is ready to accept connections';
const multiLine =
  '2024-02-03 10:04:00.000 UTC [5123] app_user@orders LOG:  duration: 12.500 ms  statement: SELECT id,\n\t  total\n\tFROM orders;';
const csv =
  '2024-03-04 05:06:07.890 UTC,"backup_op","archive",7001,"198.51.100.20:51234",65e5a1b2.1b59,2,"authentication",2024-03-04 05:06:07 UTC,3/1,0,FATAL,28P01,"password authentication failed for user ""backup_op""",,,,,,,,,"","client backend",,0';
const csvServer =
  '2024-03-04 05:06:00.000 UTC,,,6999,,65e5a1b0.1b57,1,,2024-03-04 05:05:59 UTC,,0,LOG,00000,"database system is ready to accept connections",,,,,,,,,"","postmaster",,0';
const aws =
  '2024-04-05 06:07:08 UTC:203.0.113.15(50432):dbadmin@crm:[20175]:ERROR:  relation "leads_old" does not exist at character 15';
const awsLocal = '2024-04-05 06:08:00 UTC:[local]:rdsadmin@rdsadmin:[9193]:LOG:  statement: SELECT 1;';
const awsServer = '2024-04-05 06:09:00 UTC::@:[7770]:LOG:  checkpoint starting: time';

const samples: unknown[] = [
  authorized,
  passwordFailed,
  kvPrefix,
  bracketed,
  bracketedUser,
  server,
  multiLine,
  csv,
  csvServer,
  aws,
  awsLocal,
  awsServer,
];

describe('postgresqlLogParser', () => {
  it('detects stderr, csvlog and AWS RDS lines', () => {
    for (const s of samples) expect(postgresqlLogParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim lines of other formats, JSON or non-text payloads', () => {
    const others: unknown[] = [
      '<134>1 2024-01-01T00:00:00Z host app - - - LOG: something',
      '2024-01-01 00:00:00 UTC some application started',
      '2024-01-01T00:00:00Z INFO: service ready',
      '192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
      { timestamp: '2024-01-01 00:00:00.000 UTC', user: 'alice', error_severity: 'LOG', message: 'x' },
      42,
      null,
    ];
    for (const o of others) expect(postgresqlLogParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the session user of a `%m [%p] %q%u@%d` line and no addresses', () => {
    const a = postgresqlLogParser.parse(authorized);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['report_svc'], hosts: [] });
    expect(a.observedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('LOG');
    expect(a.title).toBe('PostgreSQL LOG: connection authorized: user=report_svc database=sales');
  });

  it('rates a password failure medium and reads a zone abbreviation', () => {
    const a = postgresqlLogParser.parse(passwordFailed);
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-01-01T06:15:30.250Z');
  });

  it('reads the user of a `user=…,db=…,client=…` prefix but not the client address, and the SQLSTATE as the rule', () => {
    const a = postgresqlLogParser.parse(kvPrefix);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['etl_job'], hosts: [] });
    expect(a.ruleId).toBe('28P01');
    expect(a.observedAt).toBe('2024-02-03T09:00:00.100Z');
  });

  it('reads a bracketed user and reports no placeholder user', () => {
    expect(postgresqlLogParser.parse(bracketedUser).observables.users).toEqual(['analyst.one']);
    expect(postgresqlLogParser.parse(bracketed).observables.users).toEqual([]);
  });

  it('reports server lines without indicators', () => {
    const a = postgresqlLogParser.parse(server);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.title).toBe('PostgreSQL LOG: database system is ready to accept connections');
  });

  it('titles a multi-line statement by its first line', () => {
    const a = postgresqlLogParser.parse(multiLine);
    expect(a.observables.users).toEqual(['app_user']);
    expect(a.title).toBe('PostgreSQL LOG: duration: 12.500 ms statement: SELECT id,');
  });

  it('reads the user of a csvlog row but not its connection address', () => {
    const a = postgresqlLogParser.parse(csv);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['backup_op'], hosts: [] });
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('28P01');
    expect(a.observedAt).toBe('2024-03-04T05:06:07.890Z');
    const b = postgresqlLogParser.parse(csvServer);
    expect(b.observables.users).toEqual([]);
    expect(b.ruleId).toBe('LOG');
  });

  it('reads the user of AWS RDS lines, with a client, a local socket or nothing before it', () => {
    const a = postgresqlLogParser.parse(aws);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['dbadmin'], hosts: [] });
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-04-05T06:07:08.000Z');
    expect(postgresqlLogParser.parse(awsLocal).observables.users).toEqual(['rdsadmin']);
    expect(postgresqlLogParser.parse(awsServer).observables.users).toEqual([]);
  });

  it('is chosen by the intake when placed before the registry', () => {
    const a = normalizeAlert(aws, { parsers: [postgresqlLogParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:postgresql.log');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of samples)
      expect(registryClaims(s, postgresqlLogParser.name).others, JSON.stringify(s)).toEqual([]);
  });
});
