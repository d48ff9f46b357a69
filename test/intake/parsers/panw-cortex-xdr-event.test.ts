// The Cortex XDR raw-event parser on synthetic exported events: local/remote addresses as source and
// destination, agent addresses related, accounts and SIDs as users, agent host names, and what it must not claim.
import { describe, expect, it } from 'vitest';
import { panwCortexXdrEventParser } from '../../../src/intake/parsers/panw-cortex-xdr-event.js';
import { registryClaims } from './registry-claims.js';

const event = {
  _id: 'evt-lab-0001',
  event_id: 'evt-lab-0001',
  event_timestamp: ['2025-04-16T09:15:30Z'],
  event_type: ['NETWORK'],
  event_sub_type: ['connect'],
  agent_hostname: 'ws-lab-07.corp.example',
  agent_id: 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0',
  agent_ip_addresses: ['192.0.2.70', '192.0.2.71'],
  agent_ip_addresses_v6: ['2001:db8::70'],
  host_metadata_domain: 'corp.example',
  host_metadata_hostname: 'ws-lab-07',
  action_local_ip: ['192.0.2.70'],
  action_local_port: [50123],
  action_remote_ip: ['198.51.100.80'],
  action_remote_port: ['443'],
  action_username: 'CORP\\frank',
  action_process_username: 'frank',
  action_process_user_sid: 'S-1-5-21-1000-2000-3000-1107',
  action_remote_process_username: 'NT AUTHORITY\\SYSTEM',
  action_remote_process_user_sid: 'S-1-5-18',
  action_process_image_sha256: 'a'.repeat(64),
  os_actor_local_ip: '192.0.2.72',
  os_actor_remote_ip: '203.0.113.90',
  os_actor_primary_username: 'CORP\\frank',
};

describe('Cortex XDR event parser', () => {
  it('detects an exported event, as an object or a JSON line', () => {
    expect(panwCortexXdrEventParser.detect(event)).toBe(true);
    expect(panwCortexXdrEventParser.detect(JSON.stringify(event))).toBe(true);
  });

  it('takes local addresses as sources, remote ones as destinations and agent addresses as related', () => {
    const o = panwCortexXdrEventParser.parse(event).observables;
    expect(o.srcIps).toEqual(['192.0.2.70', '192.0.2.72']);
    expect(o.dstIps).toEqual(['198.51.100.80', '203.0.113.90']);
    expect(o.ips).toEqual([
      '192.0.2.70',
      '198.51.100.80',
      '192.0.2.71',
      '2001:db8::70',
      '192.0.2.72',
      '203.0.113.90',
    ]);
  });

  it('keeps accounts and SIDs as written: the action user first, then process and remote-process users', () => {
    expect(panwCortexXdrEventParser.parse(event).observables.users).toEqual([
      'CORP\\frank',
      'S-1-5-21-1000-2000-3000-1107',
      'frank',
      'S-1-5-18',
      'NT AUTHORITY\\SYSTEM',
    ]);
  });

  it('reports the agent host name, its domain and short name as hosts, and the process hashes', () => {
    const a = panwCortexXdrEventParser.parse(event);
    expect(a.observables.hosts).toEqual(['ws-lab-07.corp.example', 'corp.example', 'ws-lab-07']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
  });

  it('titles the event by type and host, with its time and id', () => {
    const a = panwCortexXdrEventParser.parse(event);
    expect(a.title).toBe('Cortex XDR NETWORK connect on ws-lab-07.corp.example');
    expect(a.observedAt).toBe('2025-04-16T09:15:30.000Z');
    expect(a.ruleId).toBe('evt-lab-0001');
    expect(a.severity).toBe('info');
  });

  it('reads a minimal event with only a host', () => {
    const a = panwCortexXdrEventParser.parse({
      event_id: 'e2',
      event_timestamp: [1744794930000],
      agent_hostname: 'ws-lab-08',
    });
    expect(a.observables.hosts).toEqual(['ws-lab-08']);
    expect(a.observables.ips).toEqual([]);
  });

  it('relates the session and actor SIDs too, in the pipeline order, and lists each account once', () => {
    const users = panwCortexXdrEventParser.parse({
      ...event,
      action_user_status_sid: 'S-1-5-21-1000-2000-3000-1200',
      os_actor_primary_user_sid: 'S-1-5-21-1000-2000-3000-1300',
      os_actor_primary_username: 'CORP\\grace',
    }).observables.users;
    expect(users).toEqual([
      'CORP\\frank',
      'S-1-5-21-1000-2000-3000-1107',
      'frank',
      'S-1-5-18',
      'NT AUTHORITY\\SYSTEM',
      'S-1-5-21-1000-2000-3000-1200',
      'S-1-5-21-1000-2000-3000-1300',
      'CORP\\grace',
    ]);
  });

  it('adds host.name, composed from the short name and domain in lower case, to the hosts', () => {
    const hosts = panwCortexXdrEventParser.parse({
      ...event,
      agent_hostname: 'WS-LAB-07',
      host_metadata_hostname: 'WS-LAB-07',
      host_metadata_domain: 'Corp.Example',
    }).observables.hosts;
    expect(hosts).toEqual(['WS-LAB-07', 'Corp.Example', 'ws-lab-07.corp.example']);
  });

  it('reads numeric exports: epoch times, numeric types and a single agent address as text', () => {
    const a = panwCortexXdrEventParser.parse({
      event_type: 6,
      event_sub_type: 1,
      event_timestamp: 1744794930000,
      event_id: 'evt-lab-0003',
      agent_hostname: 'ws-lab-09',
      agent_interface_map: [{ ipv4: ['192.0.2.90'], ipv6: ['2001:db8::90'], mac: '00:00:5e:00:53:01' }],
      agent_ip_addresses: '192.0.2.90',
      os_actor_primary_user_sid: 'S-1-5-18',
      os_actor_primary_username: 'NT AUTHORITY\\SYSTEM',
    });
    expect(a.observables.ips).toEqual(['192.0.2.90']);
    expect(a.observables.users).toEqual(['NT AUTHORITY\\SYSTEM', 'S-1-5-18']);
    expect(a.observables.hosts).toEqual(['ws-lab-09']);
    expect(a.observedAt).toBe('2025-04-16T09:15:30.000Z');
  });

  it('does not claim Cortex XDR alerts or incidents, nor other JSON', () => {
    expect(panwCortexXdrEventParser.detect({ ...event, alert_id: '7' })).toBe(false);
    expect(panwCortexXdrEventParser.detect({ ...event, incident_id: '7' })).toBe(false);
    expect(panwCortexXdrEventParser.detect({ event_id: 'x', event_timestamp: 1 })).toBe(false);
    expect(panwCortexXdrEventParser.detect('event_id=1 agent_hostname=x')).toBe(false);
  });

  it('is not claimed by any specific parser already in the registry', () => {
    for (const raw of [event, JSON.stringify(event)])
      expect(registryClaims(raw, 'panw_cortex_xdr.event')).toEqual({
        first: 'panw_cortex_xdr.event',
        others: [],
      });
  });
});
