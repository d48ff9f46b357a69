// The Auditd Manager parser on synthetic agent-decoded auditd events (logins, account changes, sockets), and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { auditdParser } from '../../../src/intake/parsers/auditd.js';
import { auditdManagerParser } from '../../../src/intake/parsers/auditd-manager.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const sshLogin = {
  auditd: {
    data: { acct: 'dana', hostname: 'jump-01.example', op: 'login', terminal: 'ssh' },
    message_type: 'user_login',
    result: 'fail',
    sequence: 9001,
    summary: {
      actor: { primary: 'unset', secondary: 'dana' },
      how: '/usr/sbin/sshd',
      object: { primary: 'ssh', secondary: '198.51.100.77', type: 'user-session' },
    },
  },
  event: {
    action: 'logged-in',
    category: ['authentication'],
    kind: 'event',
    original: [
      'type=USER_LOGIN msg=audit(1717000000.500:9001): pid=4242 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="dana" exe="/usr/sbin/sshd" hostname=jump-01.example addr=198.51.100.77 terminal=ssh res=failed\'',
    ],
    outcome: 'fail',
    type: ['start'],
  },
  network: { direction: 'ingress' },
  process: { executable: '/usr/sbin/sshd', pid: 4242 },
  related: { user: ['dana'] },
  service: { type: 'auditd' },
  source: { ip: '198.51.100.77' },
  user: { effective: { name: 'dana' } },
};

const userAdd = {
  '@timestamp': '2024-05-30T12:00:01.250Z',
  auditd: {
    data: { addr: '127.0.0.1', hostname: 'build-07', id: '1050', op: 'adding', terminal: 'pts/0' },
    message_type: 'add_user',
    result: 'success',
    summary: {
      actor: { primary: 'erin', secondary: 'root' },
      how: '/usr/sbin/useradd',
      object: { primary: '1050', type: 'account' },
    },
  },
  data_stream: { dataset: 'auditd_manager.auditd', namespace: 'default', type: 'logs' },
  event: {
    action: 'added-user-account',
    module: 'auditd',
    outcome: 'success',
    original:
      'type=ADD_USER msg=audit(1717070401.250:77): pid=900 uid=0 auid=1001 ses=5 msg=\'op=adding user id=1050 exe="/usr/sbin/useradd" hostname=build-07 addr=127.0.0.1 terminal=pts/0 res=success\'',
  },
  host: { name: 'build-07' },
  related: { user: ['erin', 'root', 'svc-backup'] },
  user: {
    audit: { id: '1001', name: 'erin' },
    effective: { id: '0', name: 'root' },
    id: '1001',
    name: 'erin',
    target: { id: '1050', name: 'svc-backup' },
  },
};

const connect = {
  auditd: {
    data: { syscall: 'connect', exit: '0' },
    message_type: 'syscall',
    result: 'success',
    summary: {
      actor: { primary: 'frank', secondary: 'frank' },
      how: '/usr/bin/curl',
      object: { primary: '203.0.113.80', secondary: '443', type: 'socket' },
    },
  },
  destination: { ip: '203.0.113.80', port: 443 },
  event: { action: 'connected-to', category: ['network'], module: 'auditd', outcome: 'success' },
  host: { name: 'dev-box-3' },
  related: { user: ['frank'], ip: ['203.0.113.80'], hosts: ['dev-box-3'] },
  service: { type: 'auditd' },
  user: { id: '1002', name: 'frank' },
};

const avc = {
  auditd: { message_type: 'avc', result: 'fail', data: {} },
  event: { action: 'violated-selinux-policy', outcome: 'failure', module: 'auditd' },
  host: { name: 'web-02' },
  service: { type: 'auditd' },
  '@timestamp': '2024-06-01T00:00:00Z',
};

describe('auditdManagerParser', () => {
  it('detects agent-decoded auditd events by their auditd object and service', () => {
    for (const e of [sshLogin, userAdd, connect, avc]) expect(auditdManagerParser.detect(e)).toBe(true);
  });

  it('does not claim raw audit.log lines, unrelated JSON or an auditd object from elsewhere', () => {
    for (const o of [
      sshLogin.event.original[0],
      { auditd: { message_type: 'user_login' } },
      { auditd: 'x', service: { type: 'auditd' } },
      { message: 'hello', service: { type: 'auditd' } },
      null,
    ])
      expect(auditdManagerParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('keeps the source address out of related IPs and reads the peer hostname as no host', () => {
    const a = auditdManagerParser.parse(sshLogin);
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['198.51.100.77'],
      dst_ips: [],
      ips: [],
      users: ['dana'],
      hosts: [],
    });
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-05-29T16:26:40.500Z');
    expect(a.ruleId).toBe('USER_LOGIN');
    expect(a.title).toBe('auditd user_login logged-in by dana on ssh (fail)');
  });

  it('reads user.name then related.user, and the agent host', () => {
    const a = auditdManagerParser.parse(userAdd);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['erin', 'root', 'svc-backup'],
      hosts: ['build-07'],
    });
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-30T12:00:01.250Z');
  });

  it('reads the names of the user’s audit roles when an export has dropped related.*', () => {
    const { related: _related, ...exported } = userAdd;
    expect(ecsIndicators(auditdManagerParser.parse(exported)).users).toEqual(['erin', 'root', 'svc-backup']);
  });

  it('reads a socket event: destination and related addresses as the agent wrote them', () => {
    const a = auditdManagerParser.parse(connect);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: ['203.0.113.80'],
      ips: ['203.0.113.80'],
      users: ['frank'],
      hosts: ['dev-box-3'],
    });
  });

  it('rates an SELinux denial medium', () => {
    expect(auditdManagerParser.parse(avc).severity).toBe('medium');
  });

  it('is read directly, before the raw auditd parser could read its wrapped event.original', () => {
    expect(auditdParser.detect(sshLogin)).toBe(false);
    for (const e of [sshLogin, userAdd, connect, avc])
      expect(normalizeAlert(e, { parsers: [...parsers, auditdManagerParser] }).recognizedBy).toBe(
        'parser:auditd_manager.auditd',
      );
  });

  it('is claimed directly by no other specific parser', () => {
    for (const e of [sshLogin, userAdd, connect, avc])
      expect(registryClaims(e, auditdManagerParser.name).others, JSON.stringify(e)).toEqual([]);
  });
});
