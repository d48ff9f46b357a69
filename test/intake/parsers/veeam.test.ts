// The Veeam Backup & Replication event-forwarding parser on synthetic lines: detection with and without a syslog
// header or level token, the indicators Elastic's veeam.event pipeline gives for the same shapes, and that it claims
// nothing else.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { veeamParser } from '../../../src/intake/parsers/veeam.js';
import { registryClaims } from './registry-claims.js';

const infectedPoint =
  '<12>1 2025-03-04T05:06:07Z bkp-02 Veeam_MP - - [origin enterpriseId="31023"] [categoryId=0 instanceId=42220 ' +
  'PointID="5a0c2d1e-0000-4000-8000-000000000001" UserName="CORP\\ines.varga" ObjectName="app-db-07" ' +
  'RestorePointTimeStamp="03/04/2025 04:00:00" VbrHostName="bkp-02.corp.example" VbrVersion="13.0.1.1" Version="1" ' +
  'Description="Restore point has been marked as infected by CORP\\ines.varga."]';

const deniedToken =
  '[WRN] [categoryId=0 instanceId=44006 SourceIpAddress="203.0.113.45" ClientId="veeam-rest-public-client" ' +
  'FriendlyName="CORP\\omar.reyes" Subject="S-1-5-21-1-2-3-1001" ResourceId="veeam-rest" VbrHostName="bkp-02" ' +
  'VbrVersion="13.0.1.1" Version="1" Description="Access to the resource was denied."]';

const invalidMfa =
  '[categoryId=0 instanceId=40205 UserName="CORP\\omar.reyes" Endpoint="[2001:db8::7]:50123" ' +
  'SID="S-1-5-21-1-2-3-1001" VbrHostName="bkp-02.corp.example" VbrVersion="13.0.1.1" Version="1" ' +
  'Description="Invalid MFA code has been entered for CORP\\omar.reyes"]';

const fourEyes =
  '[categoryId=0 instanceId=42403 Operation="Disable four-eyes authorization" OperationId="103" ' +
  'InitiatorFullInfo="<ModifiedUserInfo fullName="CORP\\ines.varga" loginType="0" />" ' +
  'SupervisorFullInfo="<ModifiedUserInfo fullName="CORP\\tomas.kral" loginType="0" />" VbrHostName="bkp-02.corp.example" ' +
  'VbrVersion="13.0.1.1" Version="1" Description="Disable four-eyes authorization event initiated by CORP\\ines.varga ' +
  'has been approved by CORP\\tomas.kral."]';

const exclusionAdded =
  '<14>Mar  4 05:10:00 bkp-02 Veeam_MP: [categoryId=0 instanceId=42260 AddedObjectIDs="11111111-2222-4333-8444-555555555555" ' +
  'AddedObjectNames="app-db-07" UserName="CORP\\ines.varga" VbrHostName="bkp-02.corp.example" VbrVersion="13.0.1.1" ' +
  'Version="1" Description="1 objects have been added into the malware detection exclusions list. app-db-07"]';

const warning =
  '2025-03-04T06:00:00.123+01:00 <14> bkp-02 Veeam_MP [WRN] [categoryId=0 instanceId=42 Message="Cannot delete ' +
  'empty directory [D:\\Repo\\Retention]: path not found."]';

const samples = { infectedPoint, deniedToken, invalidMfa, fourEyes, exclusionAdded, warning };

describe('veeamParser', () => {
  it('detects every event-forwarding shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(veeamParser.detect(sample), name).toBe(true);
    }
  });

  it('maps a malware alert: VBR host, syslog host and object as hosts, the user part of DOMAIN\\user', () => {
    const a = veeamParser.parse(infectedPoint);
    expect(a.format).toBe('veeam.event');
    expect(a.recognizedBy).toBe('parser:veeam.event');
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['ines.varga'],
      hosts: ['bkp-02.corp.example', 'bkp-02', 'app-db-07'],
    });
    expect(a.title).toBe('Veeam 42220: Restore point has been marked as infected by CORP\\ines.varga.');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-03-04T05:06:07.000Z');
    expect(a.ruleId).toBe('42220');
  });

  it('takes SourceIpAddress as the source and FriendlyName as the user', () => {
    const a = veeamParser.parse(deniedToken);
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['203.0.113.45'],
      dst_ips: [],
      ips: ['203.0.113.45'],
      users: ['omar.reyes'],
      hosts: ['bkp-02'],
    });
    expect(a.severity).toBe('low');
  });

  it('reads the source from a bracketed Endpoint when SourceIpAddress is absent', () => {
    const a = veeamParser.parse(invalidMfa);
    expect(ecsIndicators(a).src_ips).toEqual(['2001:db8::7']);
    expect(ecsIndicators(a).users).toEqual(['omar.reyes']);
  });

  it('relates both the initiator and the supervisor of a four-eyes request', () => {
    const a = veeamParser.parse(fourEyes);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['ines.varga', 'tomas.kral'],
      hosts: ['bkp-02.corp.example'],
    });
  });

  it('raises malware-exclusion changes and keeps the excluded object names out of the hosts', () => {
    const a = veeamParser.parse(exclusionAdded);
    expect(a.severity).toBe('medium');
    expect(ecsIndicators(a).hosts).toEqual(['bkp-02.corp.example', 'bkp-02']);
    // An RFC 3164 header carries no year, so the time is left unset rather than guessed.
    expect(a.observedAt).toBeNull();
  });

  it('titles a Message record and reads a leading timestamp without a syslog header', () => {
    const a = veeamParser.parse(warning);
    expect(a.title).toBe('Veeam 42: Cannot delete empty directory [D:\\Repo\\Retention]: path not found.');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-03-04T05:00:00.123Z');
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
  });

  it('claims no other text, JSON or non-string payload', () => {
    const others: unknown[] = [
      '[INF] Session Backup-Job-01 (Incremental) has been completed.',
      'this is not a veeam syslog line',
      '[categoryId=0 Description="no instance id"]',
      '<14>1 2025-03-04T05:06:07Z host app - - [meta sequenceId="1"] plain message',
      'CEF:0|Veeam|Backup|13|42220|Restore point infected|8|suser=ines.varga',
      'LEEF:2.0|Veeam|VBR|13|42220|src=192.0.2.1',
      { categoryId: 0, instanceId: 42220 },
      null,
      42,
      [infectedPoint],
    ];
    for (const raw of others) expect(veeamParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, veeamParser.name).others, name).toEqual([]);
    }
  });
});
