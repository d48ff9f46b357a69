// The OpenCanary parser on synthetic honeypot log lines (port scan, SSH and HTTP logins, SMB, daemon
// messages, syslog-wrapped): detection, indicators as Elastic's opencanary pipeline maps them, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { opencanaryParser } from '../../../src/intake/parsers/opencanary.js';
import { registryClaims } from './registry-claims.js';

const common = {
  dst_host: '192.0.2.10',
  local_time: '2024-06-01 10:00:00.123456',
  local_time_adjusted: '2024-06-01 12:00:00.123456',
  node_id: 'canary-lab-1',
  src_host: '198.51.100.23',
  utc_time: '2024-06-01 08:00:00.123456',
};

const portScan = {
  ...common,
  dst_port: '3389',
  src_port: '51000',
  logtype: 5001,
  logdata: { IN: 'eth0', MAC: '02:00:00:00:00:01:02:00:00:00:00:02:08:00', PROTO: 'TCP', SYN: '', TTL: '52' },
};

const sshLogin = {
  ...common,
  dst_port: 22,
  src_port: 41000,
  logtype: 4002,
  logdata: {
    LOCALVERSION: 'SSH-2.0-OpenSSH_5.1p1',
    PASSWORD: 'hunter2',
    REMOTEVERSION: 'SSH-2.0-Go',
    USERNAME: 'admin',
  },
};

const httpLogin = {
  ...common,
  dst_port: 80,
  src_port: 41001,
  logtype: '3001',
  logdata: {
    HOSTNAME: 'nas.corp.example',
    PASSWORD: 'x',
    PATH: '/index.html',
    SKIN: 'nasLogin',
    USERAGENT: 'Mozilla/5.0',
    USERNAME: 'jsmith',
  },
};

const smbOpen = {
  ...common,
  dst_port: 445,
  src_port: '-1',
  logtype: 5000,
  logdata: {
    AUDITACTION: 'pread',
    DOMAIN: 'EXAMPLE',
    FILENAME: '/shares/finance/budget.xlsx',
    LOCALNAME: 'FILESRV01',
    REMOTENAME: 'WKSTN-42',
    SHARENAME: 'finance',
    USER: 'kpatel',
  },
};

const daemonMessage = {
  ...common,
  dst_host: '',
  dst_port: -1,
  src_host: '',
  src_port: -1,
  logtype: 1001,
  logdata: { msg: { logdata: 'Canary running!!!' } },
};

const namedEndpoint = { ...sshLogin, dst_host: 'canary-ssh.lab.example', src_host: '2001:db8::5' };

const syslogLine = `<14>Jun  1 08:00:00 canary-lab-1 opencanaryd[812]: ${JSON.stringify(sshLogin)}`;

describe('opencanaryParser', () => {
  it('detects OpenCanary lines of every log type, also inside a syslog line', () => {
    for (const s of [portScan, sshLogin, httpLogin, smbOpen, daemonMessage, namedEndpoint, syslogLine]) {
      expect(opencanaryParser.detect(s)).toBe(true);
    }
  });

  it('reports a port scan with the destination listed first among related addresses', () => {
    const a = opencanaryParser.parse(portScan);
    expect(a.format).toBe('opencanary.events');
    expect(a.recognizedBy).toBe('parser:opencanary.events');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.23']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('LOG_PORT_SYN');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-06-01T08:00:00.123Z');
  });

  it('reads the SSH login user name and raises a login attempt to high severity', () => {
    const a = opencanaryParser.parse(sshLogin);
    expect(a.observables.users).toEqual(['admin']);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('LOG_SSH_LOGIN_ATTEMPT');
  });

  it('reports the HTTP Host header as the host and reads a log type written as text', () => {
    const a = opencanaryParser.parse(httpLogin);
    expect(a.observables.hosts).toEqual(['nas.corp.example']);
    expect(a.observables.users).toEqual(['jsmith']);
    expect(a.ruleId).toBe('LOG_HTTP_POST_LOGIN_ATTEMPT');
  });

  it('keeps a source with port -1 out of source.ip but in related.ip, and reports the SMB names as hosts', () => {
    const a = opencanaryParser.parse(smbOpen);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.23']);
    expect(a.observables.users).toEqual(['kpatel']);
    expect(a.observables.hosts).toEqual(['FILESRV01', 'WKSTN-42']);
  });

  it('reports nothing for a daemon message with empty endpoints, at info severity', () => {
    const a = opencanaryParser.parse(daemonMessage);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('reports an endpoint written as a name as a host, and an IPv6 endpoint canonically', () => {
    const a = opencanaryParser.parse(namedEndpoint);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.hosts).toEqual(['canary-ssh.lab.example']);
  });

  it('never reports the unspecified address 0.0.0.0', () => {
    const a = opencanaryParser.parse({ ...portScan, dst_host: '0.0.0.0' });
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads the line inside a syslog header as the bare line', () => {
    expect(opencanaryParser.parse(syslogLine).observables).toEqual(
      opencanaryParser.parse(sshLogin).observables,
    );
  });

  it('does not claim other JSON or text payloads', () => {
    const suricataLike = {
      src_ip: '198.51.100.23',
      dest_ip: '192.0.2.10',
      event_type: 'alert',
      timestamp: 'x',
    };
    const noNode = Object.fromEntries(Object.entries(sshLogin).filter(([k]) => k !== 'node_id'));
    const badType = { ...sshLogin, logtype: 'ssh' };
    for (const s of [
      suricataLike,
      noNode,
      badType,
      'plain text',
      '<14>Jun  1 08:00:00 h app: {"x":1}',
      null,
    ]) {
      expect(opencanaryParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser that claims these samples', () => {
    for (const s of [portScan, sshLogin, httpLogin, smbOpen, daemonMessage, namedEndpoint, syslogLine]) {
      expect(registryClaims(s, opencanaryParser.name).others).toEqual([]);
    }
  });
});
