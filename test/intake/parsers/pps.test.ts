// The Pleasant Password Server parser on synthetic syslog lines: detection of each shape (plain and
// octet-counted), the user Elastic keeps (an e-mail's local part or a single-token name, never a service name
// with spaces), no IP or host indicators, the reported facts, and that no other specific parser claims them.
import { describe, expect, it } from 'vitest';
import { ppsParser } from '../../../src/intake/parsers/pps.js';
import { registryClaims } from './registry-claims.js';

const fetched =
  '<134>Mar  5 10:15:42 VAULT-01 Pleasant Password Server:192.0.2.10 - alice@corp.example -  - Success - Password Fetched - User <alice@corp.example> fetched the password for <Infra/Routers/core> - maintenance\t192.0.2.1\t05/03 10:15:42.123\t';
const signInFailed =
  '<134>Mar  5 10:16:00 VAULT-01 Pleasant Password Server:198.51.100.7 - bob@corp.example -  - Error - Sign-in Failed - User <bob@corp.example> sign-in denied\t192.0.2.1\t05/03 10:16:00.001\t';
const entryFailed =
  '<134>Mar  5 10:16:30 VAULT-01 Pleasant Password Server:198.51.100.7 - bob@corp.example -  - Error - Entry Update Failed - User <bob@corp.example> could not update entry <Infra/Routers/core>';
const serviceBackup =
  '<134>Mar  5 02:00:00 VAULT-01 Pleasant Password Server:0.0.0.0 - Nightly Export Job -  - Success - Backup Occurred - User <Nightly Export Job> backing up database to <D:\\Vault\\Backups\\nightly>';
const octetCounted =
  '172 <134>Mar  5 10:17:00 VAULT-01 Pleasant Password Server:203.0.113.5 - carol@corp.example - - Success - Session Log On - User <carol@corp.example> logged on';
const bareUser =
  '<134>Mar  5 10:18:00 VAULT-01 Pleasant Password Server:2001:db8::5 - svc_sync -  - Success - Identity Verified - User <svc_sync> verified via ApplicationBasicOAuth';

const samples = [fetched, signInFailed, entryFailed, serviceBackup, octetCounted, bareUser];

describe('ppsParser', () => {
  it('detects plain and octet-counted Pleasant Password Server lines', () => {
    for (const s of samples) expect(ppsParser.detect(s), s).toBe(true);
  });

  it('does not claim other syslog lines, other shapes, IIS lines or non-text payloads', () => {
    const others = [
      '<134>Mar  5 10:15:42 VAULT-01 sshd[42]: Accepted password for alice from 192.0.2.10 port 22 ssh2',
      '<134>Mar  5 10:15:42 VAULT-01 Pleasant Password Server: service started',
      'Pleasant Password Server:192.0.2.10 - alice@corp.example -  - Success - Session Log On - no header',
      '<134>Mar  5 10:15:42 VAULT-01 Pleasant Password Server:not-an-ip - alice -  - Success - Session Log On - x',
      '2024-03-05 10:15:42 198.51.100.7 51234 192.0.2.20 443 HTTP/1.1 GET / 400 - URL -',
      { message: fetched },
      '',
    ];
    for (const o of others) expect(ppsParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it("reports the local part of the acting user's e-mail and no address or host", () => {
    const a = ppsParser.parse(fetched);
    expect(a.format).toBe('pps.log');
    expect(a.recognizedBy).toBe('parser:pps.log');
    expect(a.observables).toMatchObject({
      srcIps: [],
      dstIps: [],
      ips: [],
      users: ['alice'],
      hosts: [],
      domains: [],
      emails: ['alice@corp.example'],
    });
  });

  it('reports the reason, message, time and rule of a successful event as information', () => {
    const a = ppsParser.parse(fetched);
    expect(a.title).toBe(
      'Pleasant Password Server Password Fetched: User <alice@corp.example> fetched the password for <Infra/Routers/core> - maintenance',
    );
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Password Fetched');
  });

  it('rates a failed sign-in medium and another failure low', () => {
    expect(ppsParser.parse(signInFailed).severity).toBe('medium');
    expect(ppsParser.parse(signInFailed).observables.users).toEqual(['bob']);
    expect(ppsParser.parse(entryFailed).severity).toBe('low');
  });

  it('reports no user for a service name with spaces and no unspecified address', () => {
    const o = ppsParser.parse(serviceBackup).observables;
    expect(o.users).toEqual([]);
    expect(o.ips).toEqual([]);
    expect(o.srcIps).toEqual([]);
  });

  it('reads an octet-counted line and a single-token user', () => {
    expect(ppsParser.parse(octetCounted).observables.users).toEqual(['carol']);
    expect(ppsParser.parse(octetCounted).ruleId).toBe('Session Log On');
    expect(ppsParser.parse(bareUser).observables).toMatchObject({ users: ['svc_sync'], ips: [], emails: [] });
  });

  it('is the only specific parser that claims these lines', () => {
    for (const s of samples) expect(registryClaims(s, ppsParser.name).others, s).toEqual([]);
  });
});
