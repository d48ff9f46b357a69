// The Microsoft SQL Server error log parser on synthetic ERRORLOG entries: detection (timestamp with
// centiseconds and a known origin column), no indicators (as Elastic maps none), and the reported facts.
import { describe, expect, it } from 'vitest';
import { microsoftSqlserverLogParser } from '../../../src/intake/parsers/microsoft-sqlserver-log.js';
import { registryClaims } from './registry-claims.js';

const banner =
  '2025-02-03 08:15:20.41 Server      Microsoft SQL Server 2022 (RTM-CU9) (KB0000000) - 16.0.4095.4 (X64) \n' +
  '\tJan  1 2025 10:00:00 \n\tCopyright (C) 2022 Microsoft Corporation\n\tDeveloper Edition (64-bit) on Linux <X64>';
const listening = '2025-02-03 08:15:21.92 spid31s     Server is listening on [ 192.0.2.40 <ipv4> 1433].';
const traceStarted = '2025-02-03 08:15:21.85 spid12s     SQL Trace ID 1 was started by login "svc_dba".';
const loginError = '2025-02-03 09:01:44.07 Logon       Error: 18456, Severity: 14, State: 8.';
const loginFailed =
  "2025-02-03 09:01:44.07 Logon       Login failed for user 'report_ro'. Reason: Password did not match that for the login provided. [CLIENT: 198.51.100.17]";
const fatal = '2025-02-03 09:30:00.12 spid58      Error: 823, Severity: 24, State: 2.';
const backup =
  '2025-02-03 23:00:05.50 Backup      BACKUP DATABASE successfully processed 512 pages in 0.210 seconds.';

const samples = [banner, listening, traceStarted, loginError, loginFailed, fatal, backup];

describe('microsoftSqlserverLogParser', () => {
  it('detects single-line and tab-continued entries of every origin column', () => {
    for (const s of samples) expect(microsoftSqlserverLogParser.detect(s), s).toBe(true);
  });

  it('reports no indicators, as the pipeline maps none (the failed login stays in the title)', () => {
    for (const s of samples) {
      const o = microsoftSqlserverLogParser.parse(s).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts, ...o.domains], s).toEqual([]);
    }
    expect(microsoftSqlserverLogParser.parse(loginFailed).title).toBe(
      "SQL Server Logon: Login failed for user 'report_ro'. Reason: Password did not match that for the login provided. [CLIENT: 198.51.100.17]",
    );
  });

  it('rates a failed login medium and errors by their SQL Server severity level', () => {
    const of = (s: string) => microsoftSqlserverLogParser.parse(s);
    expect(of(loginFailed).severity).toBe('medium');
    expect(of(loginFailed).ruleId).toBe('18456');
    expect(of(loginError).severity).toBe('low');
    expect(of(loginError).ruleId).toBe('18456');
    expect(of(fatal).severity).toBe('high');
    expect(of(fatal).ruleId).toBe('823');
    expect(of(listening).severity).toBe('info');
    expect(of(listening).ruleId).toBeNull();
  });

  it('reads the time as UTC with its centiseconds and titles a multi-line entry by its first line', () => {
    const a = microsoftSqlserverLogParser.parse(banner);
    expect(a.observedAt).toBe('2025-02-03T08:15:20.410Z');
    expect(a.title).toBe(
      'SQL Server Server: Microsoft SQL Server 2022 (RTM-CU9) (KB0000000) - 16.0.4095.4 (X64)',
    );
    expect(a.format).toBe('microsoft_sqlserver.log');
  });

  it('does not claim other timestamped logs, unknown origins or several entries at once', () => {
    const others = [
      '2025-02-03 08:15:20.410 UTC [4242] LOG:  database system is ready to accept connections',
      '2025-02-03 08:15:20,41 Server      three-digit or comma fractions are not this log',
      '2025-02-03 08:15:20.41 Worker      an unknown origin column',
      '2025-02-03 08:15:20 Server      no centiseconds',
      `${listening}\n${traceStarted}`,
      { message: listening },
      '<134>1 2025-02-03T08:15:20.41Z host app - - - Server listening',
    ];
    for (const o of others) expect(microsoftSqlserverLogParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these entries', () => {
    for (const s of samples) {
      expect(registryClaims(s, microsoftSqlserverLogParser.name).others, s).toEqual([]);
    }
  });
});
