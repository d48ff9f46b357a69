// The MySQL log parser on synthetic entries: slow-log blocks (MySQL 5.7/8.0, MariaDB, with and without a
// client address or host, with a leading `# Time:` line), error-log lines in the 5.x, 5.7/8.0 and MariaDB
// layouts, and lines of other formats it must not claim.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { mysqlLogParser } from '../../../src/intake/parsers/mysql-log.js';
import { registryClaims } from './registry-claims.js';

const slowWithIp = [
  '# User@Host: report_app[report_app] @ app-7.example.net [198.51.100.44]  Id: 80211',
  '# Query_time: 12.500100  Lock_time: 0.000210 Rows_sent: 500  Rows_examined: 1200000',
  'use sales;',
  'SET timestamp=1709633742;',
  'SELECT id, total FROM orders',
  '    WHERE created_at < NOW() - INTERVAL 1 YEAR;',
].join('\n');
const slowLocal = [
  '# User@Host: backup_op[backup_op] @ localhost []  Id:    12',
  '# Query_time: 3.000000  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 0',
  'SET timestamp=1709633800;',
  'select sleep(3);',
].join('\n');
const slowNoHost = [
  '# User@Host: etl_job[etl_job] @  [203.0.113.9]  Id:  7001',
  '# Query_time: 6.250000  Lock_time: 0.000100 Rows_sent: 0  Rows_examined: 90000',
  'SET timestamp=1709633900;',
  "call rebuild_stats(1, '2024-03-05');",
].join('\n');
const slowMariadb = [
  '# Time: 240305 10:20:00',
  '# User@Host: analyst.one[analyst.one] @ ws-12 [2001:db8::12]',
  '# Thread_id: 9  Schema: warehouse  QC_hit: No',
  '# Query_time: 2.000652  Lock_time: 0.000000  Rows_sent: 1  Rows_examined: 0',
  'SET timestamp=1709634000;',
  'select sleep(2);',
].join('\n');

const error55 = "240305 10:15:42 [Note] Server hostname (bind-address): '192.0.2.10'; port: 3306";
const error55Innodb = '240305 10:15:42 InnoDB: Compressed tables use zlib 1.2.11';
const error57 =
  "2024-03-05T10:15:42.123456Z 18 [Note] Access denied for user 'mallory'@'192.0.2.66' (using password: YES)";
const error80 =
  '2024-03-05T10:15:42.654321Z 0 [ERROR] [MY-010119] [Server] Aborting because the data directory is in use';
const errorMariadb =
  '2024-03-05 10:15:42 0 [Warning] Aborted connection 31 to db: unconnected user: unauthenticated';

const samples: unknown[] = [
  slowWithIp,
  slowLocal,
  slowNoHost,
  slowMariadb,
  error55,
  error55Innodb,
  error57,
  error80,
  errorMariadb,
];

describe('mysqlLogParser', () => {
  it('detects slow-log entries and error-log lines', () => {
    for (const s of samples) expect(mysqlLogParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim other formats, bare stamps, JSON or non-text payloads', () => {
    const others: unknown[] = [
      '2024-01-01 00:00:00.000 UTC [123] report_svc@sales LOG:  connection authorized: user=report_svc',
      '2024-03-05 10:15:42 [ERROR] some application failed',
      '2024-03-05T10:15:42Z INFO service ready',
      '# Time: 2024-03-05T10:15:42.000000Z',
      '# comment line',
      '<134>1 2024-01-01T00:00:00Z host app - - - [Note] hi',
      { message: slowWithIp },
      42,
      null,
    ];
    for (const o of others) expect(mysqlLogParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the slow-log user and client address as Elastic does, relating nothing', () => {
    const a = mysqlLogParser.parse(slowWithIp);
    expect(ecsIndicators(a)).toMatchObject({
      src_ips: ['198.51.100.44'],
      dst_ips: [],
      ips: [],
      users: ['report_app'],
    });
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['app-7.example.net']);
    expect(a.format).toBe('mysql.slowlog');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('slowlog');
    expect(a.title).toBe(
      'MySQL slow query (12.500100 s) by report_app@198.51.100.44: SELECT id, total FROM orders',
    );
  });

  it('reads a local client with no address as the user alone', () => {
    const a = mysqlLogParser.parse(slowLocal);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['backup_op'], hosts: [] });
  });

  it('reads an entry with an address but no host name', () => {
    const a = mysqlLogParser.parse(slowNoHost);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.users).toEqual(['etl_job']);
  });

  it('reads a MariaDB entry after its `# Time:` line, with an IPv6 client', () => {
    const a = mysqlLogParser.parse(slowMariadb);
    expect(a.observables.srcIps).toEqual(['2001:db8::12']);
    expect(a.observables.users).toEqual(['analyst.one']);
    expect(a.observedAt).toBe('2024-03-05T10:20:00.000Z');
  });

  it('maps no indicator from error-log lines, as Elastic does, even where the message names addresses', () => {
    for (const line of [error55, error55Innodb, error57, error80, errorMariadb]) {
      const a = mysqlLogParser.parse(line);
      expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
      expect(a.format).toBe('mysql.error');
    }
  });

  it('reads the error-log level, code and time of each layout', () => {
    const old = mysqlLogParser.parse(error55);
    expect(old.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(old.ruleId).toBe('Note');
    expect(old.severity).toBe('info');
    const v8 = mysqlLogParser.parse(error80);
    expect(v8.ruleId).toBe('MY-010119');
    expect(v8.severity).toBe('low');
    expect(v8.title).toBe('MySQL ERROR: Aborting because the data directory is in use');
    expect(v8.observedAt).toBe('2024-03-05T10:15:42.654Z');
    expect(mysqlLogParser.parse(errorMariadb).observedAt).toBe('2024-03-05T10:15:42.000Z');
  });

  it('rates an access-denied line medium', () => {
    expect(mysqlLogParser.parse(error57).severity).toBe('medium');
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(parsers.includes(mysqlLogParser)).toBe(true);
    for (const s of samples) expect(registryClaims(s, 'mysql.log').others, JSON.stringify(s)).toEqual([]);
  });
});
