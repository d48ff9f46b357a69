// The Tetragon parser on synthetic export events: detection, the node as the only indicator (as Elastic's
// tetragon.log pipeline maps it), titles and severities, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { tetragonParser } from '../../../src/intake/parsers/tetragon.js';
import { registryClaims } from './registry-claims.js';

const pod = { namespace: 'shop', name: 'web-5d9c', container: { id: 'containerd://abc', name: 'web' } };
const exec = {
  process_exec: {
    process: {
      exec_id: 'ZXhlYzE=',
      pid: 4100,
      uid: 0,
      cwd: '/',
      binary: '/usr/bin/curl',
      arguments: '-s http://198.51.100.9/x',
      pod,
    },
    parent: { exec_id: 'cGFyZW50', pid: 4000, binary: '/bin/sh', pod },
  },
  node_name: 'worker-node-a',
  time: '2025-01-02T10:00:00.123456789Z',
};
const kprobe = {
  process_kprobe: {
    process: { exec_id: 'a3Byb2Jl', pid: 4200, uid: 1000, binary: '/usr/bin/cat', pod },
    parent: { exec_id: 'cGFyZW50', pid: 4000, binary: '/bin/sh' },
    function_name: 'security_file_permission',
    args: [{ file_arg: { path: '/etc/shadow' } }, { int_arg: 4 }],
    action: 'KPROBE_ACTION_SIGKILL',
    policy_name: 'protect-shadow',
  },
  node_name: 'worker-node-b',
  cluster_name: 'lab',
  time: '2025-01-02T10:00:01Z',
};
const connect = {
  process_kprobe: {
    process: { exec_id: 'Y29ubg==', pid: 4300, binary: '/usr/bin/nc' },
    function_name: 'tcp_connect',
    args: [
      {
        sock_arg: { family: 'AF_INET', saddr: '192.0.2.4', daddr: '203.0.113.80', sport: 40000, dport: 443 },
      },
    ],
    action: 'KPROBE_ACTION_POST',
    policy_name: 'monitor-network',
  },
  node_name: 'worker-node-a',
  time: '2025-01-02T10:00:02Z',
};
const exit = {
  process_exit: { process: { exec_id: 'ZXhlYzE=', pid: 4100, binary: '/usr/bin/curl' }, status: 0 },
  time: '2025-01-02T10:00:03Z',
};
const tracepoint = {
  process_tracepoint: {
    process: { exec_id: 'dHA=', pid: 4400, binary: '/usr/bin/python3' },
    subsys: 'syscalls',
    event: 'sys_enter_ptrace',
  },
  node_name: 'worker-node-c',
  time: '2025-01-02T10:00:04Z',
};
const all = [exec, kprobe, connect, exit, tracepoint];

describe('tetragonParser', () => {
  it('detects Tetragon events, and not other JSON', () => {
    for (const e of all) expect(tetragonParser.detect(e)).toBe(true);
    expect(tetragonParser.detect({ process_exec: { process: {} } })).toBe(false);
    expect(tetragonParser.detect({ node_name: 'n', time: '2025-01-02T10:00:00Z', rate_limit_info: {} })).toBe(
      false,
    );
    expect(
      tetragonParser.detect({ output: 'x', priority: 'Warning', rule: 'r', time: '2025-01-02T10:00:00Z' }),
    ).toBe(false);
    expect(tetragonParser.detect(JSON.stringify(exec))).toBe(false);
    expect(tetragonParser.detect(null)).toBe(false);
  });

  it('reports the node as the host and nothing else, as Elastic maps it', () => {
    const a = tetragonParser.parse(exec);
    expect(a.observables.hosts).toEqual(['worker-node-a']);
    expect([...a.observables.ips, ...a.observables.srcIps, ...a.observables.users]).toEqual([]);
    expect(a.format).toBe('tetragon.log');
    expect(a.recognizedBy).toBe('parser:tetragon.log');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Tetragon process_exec /usr/bin/curl in pod shop/web-5d9c');
    expect(a.observedAt).toBe('2025-01-02T10:00:00.123Z');
  });

  it('rates an enforcing kprobe high and names its policy', () => {
    const a = tetragonParser.parse(kprobe);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('protect-shadow');
    expect(a.title).toBe(
      'Tetragon process_kprobe security_file_permission /usr/bin/cat in pod shop/web-5d9c (policy protect-shadow)',
    );
    expect(a.observables.hosts).toEqual(['worker-node-b']);
  });

  it('keeps socket arguments out of the addresses, as Elastic does', () => {
    const a = tetragonParser.parse(connect);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('medium');
  });

  it('reads an exit without a node and a tracepoint by its subsystem and event', () => {
    expect(tetragonParser.parse(exit).observables.hosts).toEqual([]);
    const t = tetragonParser.parse(tracepoint);
    expect(t.title).toBe('Tetragon process_tracepoint syscalls/sys_enter_ptrace /usr/bin/python3');
    expect(t.severity).toBe('low');
    expect(t.ruleId).toBe('process_tracepoint');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const e of all) expect(registryClaims(e, 'tetragon.log').others).toEqual([]);
  });
});
