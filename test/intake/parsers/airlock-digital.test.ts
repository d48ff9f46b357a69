// The Airlock Digital parser on synthetic API records (a blocked and a trusted execution, a server activity, an
// agent): detection, the indicators Elastic's airlock_digital pipelines keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { airlockDigitalParser } from '../../../src/intake/parsers/airlock-digital.js';
import { registryClaims } from './registry-claims.js';

const SHA256 = 'f'.repeat(64);

const blocked = {
  checkpoint: '6650a1b2c3d4e5f60718293a',
  type: 1,
  username: 'dana.lee',
  hostname: 'ws-demo-01',
  netdomain: 'corp.example',
  filename: 'C:\\Users\\dana.lee\\Downloads\\tool.exe',
  ppolicy: 'Airlock Groups',
  policyname: 'Workstations',
  policyver: 'v12',
  commandline: 'tool.exe --run',
  publisher: 'Unknown',
  pprocess: 'explorer.exe',
  sha256: SHA256,
  datetime: '2025-02-03T04:05:06Z',
  md5: '',
  sha128: '',
  sha384: '',
  sha512: '',
};

const trusted = {
  ...blocked,
  checkpoint: '6650a1b2c3d4e5f60718293b',
  type: 5,
  username: 'root',
  hostname: 'mac-demo.local',
  filename: '/tmp/demo/preinstall',
  pprocess: 'sh',
};

const serverActivity = {
  checkpoint: '65b1f05387bacb6955a3aaaa',
  datetime: '2025-01-25T05:23:31.77Z',
  task: 'Repository Add',
  user: 'SYSTEM',
  description: 'demo.exe added to repository',
};

const agent = {
  agentid: '11111111-2222-4333-8444-555555555555',
  clientversion: '5.3.0.0',
  domain: 'CORP',
  freespace: '54',
  groupid: '66666666-7777-4888-8999-000000000000',
  hostname: 'WS-DEMO-02',
  ip: '203.0.113.40',
  localip: '192.0.2.40',
  lastcheckin: '2025-04-29T16:03:39.507Z',
  os: 'Windows 11 x64',
  policyversion: '9.1',
  status: 1,
  username: 'sam.new',
  policy_details: {
    commlist: [
      { ip: '198.51.100.7', name: 'airlock.example.org' },
      { ip: 'not-an-ip', name: 'x' },
    ],
    name: 'Demo Workstations',
    proxyuser: '',
  },
};

const samples = { blocked, trusted, serverActivity, agent };

describe('airlockDigitalParser', () => {
  it('detects execution histories, server activities and agents', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(airlockDigitalParser.detect(sample), name).toBe(true);
  });

  it('reads a blocked execution: user, host and hashes, as a medium alert', () => {
    const a = airlockDigitalParser.parse(blocked);
    expect(a.format).toBe('airlock_digital.execution_histories');
    expect(a.recognizedBy).toBe('parser:airlock_digital');
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['dana.lee'],
      hosts: ['ws-demo-01'],
    });
    expect(a.observables.hashes).toEqual([SHA256]);
    expect(a.title).toBe('Airlock Digital: Blocked Execution of tool.exe on ws-demo-01 by dana.lee');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-02-03T04:05:06.000Z');
    expect(a.ruleId).toBe('Workstations');
  });

  it('rates a trusted execution info', () => {
    const a = airlockDigitalParser.parse(trusted);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['root'],
      hosts: ['mac-demo.local'],
    });
    expect(a.title).toBe(
      'Airlock Digital: Trusted Publisher Execution of preinstall on mac-demo.local by root',
    );
    expect(a.severity).toBe('info');
  });

  it('reads a server activity: the acting user only', () => {
    const a = airlockDigitalParser.parse(serverActivity);
    expect(a.format).toBe('airlock_digital.server_activities');
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['SYSTEM'], hosts: [] });
    expect(a.title).toBe('Airlock Digital server activity: Repository Add: demo.exe added to repository');
    expect(a.observedAt).toBe('2025-01-25T05:23:31.770Z');
  });

  it('reads an agent: domain and host name, its addresses and the communication list as related, no source', () => {
    const a = airlockDigitalParser.parse(agent);
    expect(a.format).toBe('airlock_digital.agent');
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['203.0.113.40', '192.0.2.40', '198.51.100.7'],
      users: ['sam.new'],
      hosts: ['CORP', 'WS-DEMO-02'],
    });
    expect(a.title).toBe('Airlock Digital agent WS-DEMO-02 (Online)');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-04-29T16:03:39.507Z');
  });

  it('claims no other JSON, text or non-objects', () => {
    const otherCheckpoint = { checkpoint: 'abc', task: 'x', datetime: '2025-01-01T00:00:00Z' };
    const noKind = { checkpoint: '65b1f05387bacb6955a3aaaa', user: 'x' };
    const otherAgent = { agentid: 'x', hostname: 'h', ip: '192.0.2.1' };
    const okta = { eventType: 'user.session.start', actor: { alternateId: 'x@example.org' }, uuid: 'u' };
    for (const raw of [otherCheckpoint, noKind, otherAgent, okta, JSON.stringify(blocked), null, 7, []])
      expect(airlockDigitalParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(registryClaims(sample, airlockDigitalParser.name).others, name).toEqual([]);
  });
});
