// The BeyondTrust PRA access-session parser on synthetic session-report events: detection, the public and
// private addresses, the endpoints' machine names and users (as Elastic's beyondtrust_pra pipeline maps
// them), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { beyondtrustPraParser } from '../../../src/intake/parsers/beyondtrust-pra.js';
import { registryClaims } from './registry-claims.js';

const rep = {
  display_name: 'Rita Rep',
  gsnumber: '7',
  hostname: 'rep-laptop-01',
  id: '41',
  invited: 0,
  os: 'Windows 11',
  private_ip: '10.20.30.40',
  public_ip: '203.0.113.15',
  seconds_involved: 120,
  session_owner: 1,
  type: 'representative',
  username: 'rita.rep',
};
const endpoint = {
  display_name: 'db-server',
  gsnumber: '9',
  hostname: 'db-server-02',
  id: '88',
  private_ip: '172.16.5.9',
  public_ip: '198.51.100.23',
  type: 'customer',
  username: 'svc_db',
};

const sessionStart = {
  body: 'Session started by Rita Rep',
  event_type: 'Session Start',
  timestamp: '2025-03-04T05:06:07Z',
  performed_by: rep,
  destination: endpoint,
  session: { lsid: 'a1b2c3', lseq: '4', session_type: 'support', jumpoint: { id: '3', '#text': 'Branch' } },
};
const injectionFailed = {
  event_type: 'Credential Injection Attempt Failed',
  timestamp: '2025-03-04T05:07:00Z',
  performed_by: { ...rep, public_ip: '2001:db8:0:0:0:0:0:15', private_ip: '' },
  session: { lsid: 'a1b2c3' },
};
const systemEvent = {
  body: 'System information retrieved',
  event_type: 'System Information Retrieved',
  performed_by: { gsnumber: '1', type: 'system', display_name: 'System', public_ip: '0.0.0.0' },
  session: { lsid: 'd4e5f6' },
};

const samples = { sessionStart, injectionFailed, systemEvent };

describe('beyondtrustPraParser', () => {
  it('detects every event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(beyondtrustPraParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a session start: representative as source, endpoint as destination, NAT addresses as related', () => {
    const a = beyondtrustPraParser.parse(sessionStart);
    expect(a.format).toBe('beyondtrust_pra.access_session');
    expect(a.recognizedBy).toBe('parser:beyondtrust_pra');
    expect(a.observables.srcIps).toEqual(['203.0.113.15']);
    expect(a.observables.dstIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23', '172.16.5.9', '10.20.30.40', '203.0.113.15']);
    expect(a.observedAt).toBe('2025-03-04T05:06:07.000Z');
    expect(a.ruleId).toBe('session-start');
    expect(a.severity).toBe('info');
    expect(a.title).toContain('Session started by Rita Rep');
  });

  it('reports the destination then the representative machine names as hosts', () => {
    expect(beyondtrustPraParser.parse(sessionStart).observables.hosts).toEqual([
      'db-server-02',
      'rep-laptop-01',
    ]);
  });

  it('reports destination id and username, then representative display name, id and username as users', () => {
    expect(beyondtrustPraParser.parse(sessionStart).observables.users).toEqual([
      '88',
      'svc_db',
      'Rita Rep',
      '41',
      'rita.rep',
    ]);
  });

  it('rates a failed credential injection medium and writes an IPv6 source canonically', () => {
    const a = beyondtrustPraParser.parse(injectionFailed);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('credential-injection-attempt-failed');
    expect(a.observables.srcIps).toEqual(['2001:db8::15']);
    expect(a.observables.ips).toEqual(['2001:db8::15']);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('never reports the unspecified address', () => {
    const a = beyondtrustPraParser.parse(systemEvent);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['System']);
  });

  it('does not claim other objects, other JSON or text', () => {
    const noSession = { event_type: 'Session Start', body: 'x' };
    const github = { action: 'repo.create', actor: 'kit', '@timestamp': 1714557600000 };
    const sailpoint = { org: 'acme', pod: 'pod1', actor: { name: 'kit' }, technicalName: 'AUTH_PASSED' };
    const line = 'Mar  4 05:06:07 pra01 BG[1]: 1:01:01:event=session_start;site_id=1;when=1';
    for (const raw of [noSession, github, sailpoint, line, null, 3, []]) {
      expect(beyondtrustPraParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, beyondtrustPraParser.name).others, name).toEqual([]);
    }
  });
});
