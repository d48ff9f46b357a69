// The Digital Guardian ARC parser on synthetic incident and alert exports: detection, the users Elastic's
// digital_guardian arc pipeline keeps, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { digitalGuardianParser } from '../../../src/intake/parsers/digital-guardian.js';
import { registryClaims } from './registry-claims.js';

const incident = {
  dg_comment: '-',
  dg_description: 'Customer list copied to removable drive',
  dg_guid: '00000000-1111-4222-8333-444444444444',
  dg_name: 'Removable media copy of sensitive data',
  dg_tenant: '55555555-6666-4777-8888-999999999999',
  dg_utype: 'Incident',
  inc_assign: 'analyst@dlp-demo',
  inc_creator: 'policy-bot',
  inc_id: '240601-DEMO1',
  inc_mtime: '2024-06-01 14:05:09',
  inc_sev: 'Minor',
  inc_state: 'Created',
};

const alert = {
  dg_guid: 'aaaaaaaa-1111-4222-8333-444444444444',
  dg_utype: 'Alert',
  dg_name: 'Upload to personal cloud storage',
  dg_time: '2024-06-02 03:04:05 PM',
  dg_processed_time: '1717340000000',
  dg_tenant: '55555555-6666-4777-8888-999999999999',
  dg_src_file_name: 'plan.xlsx',
  dg_tgt_file_name: 'plan.xlsx',
  inc_creator: 'None',
  inc_assign: '-',
};

const samples = { incident, alert };

describe('digitalGuardianParser', () => {
  it('detects ARC incident and alert exports', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(digitalGuardianParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the incident creator, then its assignee, as users and no address or host', () => {
    const a = digitalGuardianParser.parse(incident);
    expect(a.format).toBe('digital_guardian.arc');
    expect(a.recognizedBy).toBe('parser:digital_guardian.arc');
    expect(a.observables.users).toEqual(['policy-bot', 'analyst@dlp-demo']);
    expect(a.observables).toMatchObject({ srcIps: [], dstIps: [], ips: [], hosts: [] });
  });

  it('reads the incident name as title and rule, Minor as low, and the modification time as UTC', () => {
    const a = digitalGuardianParser.parse(incident);
    expect(a.title).toBe('Digital Guardian Incident: Removable media copy of sensitive data');
    expect(a.ruleId).toBe('Removable media copy of sensitive data');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-06-01T14:05:09.000Z');
  });

  it('drops the placeholders Elastic drops and reads a 12-hour dg_time first', () => {
    const a = digitalGuardianParser.parse(alert);
    expect(a.observables.users).toEqual([]);
    expect(a.observedAt).toBe('2024-06-02T15:04:05.000Z');
  });

  it('claims no other JSON or text', () => {
    const lonely = { dg_guid: 'x' };
    const other = { guid: 'x', utype: 'Incident', creator: 'a' };
    const line = 'dg_utype=Incident inc_creator=a';
    for (const raw of [lonely, other, line, null, 42, []])
      expect(digitalGuardianParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, digitalGuardianParser.name).others, name).toEqual([]);
    }
  });
});
