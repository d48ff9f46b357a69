// The Redis log parser on synthetic server log lines (Redis 3+, 1.x, the Windows port, signal handler):
// detection, title, severity and time, and that no address in the message is reported, as Elastic maps none.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { redisLogParser } from '../../../src/intake/parsers/redis-log.js';
import { registryClaims } from './registry-claims.js';

const replicaLost = '7:M 12 Mar 2024 10:05:00.600 # Connection with replica 198.51.100.22:6379 lost.';
const masterStart = '4961:M 30 May 12:50:13.463 # Server started, Redis version 3.0.2';
const accepted = '30 May 10:05:37 . Accepted 192.0.2.44:56742';
const windows = '[2856] 30 May 12:03:22 * The server is now ready to accept connections on port 6379';
const signal = '4961:signal-handler (1496141561) Received SIGINT scheduling shutdown...';
const sentinel = '7:X 12 Mar 2024 10:06:00.000 # +sdown master mymaster 192.0.2.15 6379';

const none = { src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] };

describe('redisLogParser', () => {
  it('detects every Redis log line form', () => {
    for (const line of [replicaLost, masterStart, accepted, windows, signal, sentinel]) {
      expect(redisLogParser.detect(line), line).toBe(true);
    }
  });

  it('reports no indicator for client or replica addresses, as Elastic maps none', () => {
    for (const line of [replicaLost, accepted, sentinel]) {
      const a = redisLogParser.parse(line);
      expect(a.recognizedBy).toBe('parser:redis.log');
      expect(ecsIndicators(a)).toEqual(none);
    }
  });

  it('reads role, level, message and a time with a year', () => {
    const a = redisLogParser.parse(replicaLost);
    expect(a.format).toBe('redis.log');
    expect(a.title).toBe('Redis master warning: Connection with replica 198.51.100.22:6379 lost.');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-12T10:05:00.600Z');
    expect(redisLogParser.parse(sentinel).title).toContain('Redis sentinel warning');
  });

  it('places no year-less stamp, and reads the signal handler epoch', () => {
    const a = redisLogParser.parse(accepted);
    expect(a.title).toBe('Redis debug: Accepted 192.0.2.44:56742');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBeNull();
    const s = redisLogParser.parse(signal);
    expect(s.title).toBe('Redis: Received SIGINT scheduling shutdown...');
    expect(s.observedAt).toBe('2017-05-30T10:52:41.000Z');
    expect(redisLogParser.parse(windows).title).toBe(
      'Redis notice: The server is now ready to accept connections on port 6379',
    );
  });

  it('does not claim other formats', () => {
    const others = [
      '2024-03-12 10:05:00,600 INFO [main] started',
      'May 30 12:50:13 host sshd[4961]: Accepted password for kim from 192.0.2.44 port 22 ssh2',
      '192.0.2.44 - - [30/May/2024:12:50:13 +0000] "GET / HTTP/1.1" 200 5',
      '2024-03-12T10:05:00.600Z 7 [Note] Aborted connection',
      '12 Mar 2024 10:05:00 host app: something',
      { message: masterStart },
      null,
    ];
    for (const raw of others) expect(redisLogParser.detect(raw), String(raw)).toBe(false);
  });

  it('is not claimed by any parser already in the registry', () => {
    for (const line of [replicaLost, masterStart, accepted, windows, signal, sentinel]) {
      expect(registryClaims(line, redisLogParser.name).others, line).toEqual([]);
    }
  });
});
