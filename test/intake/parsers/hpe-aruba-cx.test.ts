// The HPE Aruba CX parser on synthetic AOS-CX event lines (SSH, REST, telnet and console sessions, firmware,
// NAE, DHCP leases, BFD, IP tunnels, Central, LLDP): detection, indicators per event ID as Elastic's
// hpe_aruba_cx.log pipeline maps them (nothing related), and that other syslog formats are not claimed.
import { describe, expect, it } from 'vitest';
import { hpeArubaCxParser } from '../../../src/intake/parsers/hpe-aruba-cx.js';
import { registryClaims } from './registry-claims.js';

const TS = '2025-01-15T10:20:30.123456+01:00';
const line = (app: string, code: number, message: string, level = 'LOG_INFO', category = 'CDTR') =>
  `${TS} core-sw1 ${app}[1201]: Event|${code}|${level}|${category}|1|${message}`;

const sshLogin = line('hpe-sshd', 5209, 'User alice logged in from 192.0.2.15 through SSH session.');
const sshLogout = line('hpe-sshd', 5211, 'User alice logged out of SSH session from 192.0.2.15.');
const sshDenied = line(
  'hpe-sshd',
  5215,
  'SSH session from 192.0.2.16 for user bob denied. The allowed user management interfaces are: mgmt.',
  'LOG_WARN',
);
const restAuth = line('hpe-restd', 4601, 'Authentication failed for user carol in session 0x5a17');
const naeAgent = line('hpe-policyd', 4626, 'NAE Agent cpu-watch has been created by user dave.');
const firmware = line(
  'hpe-restd',
  4401,
  'User erin: primary image updated via tftp from fw.example.net. Firmware version, Before Update: FL.10.13 After Update: FL.10.14',
);
const consoleLogout = line(
  'hpe-consoled',
  13003,
  'User frank logged out of CONSOLE session from 192.0.2.17.',
);
const dhcp = line(
  'hpe-dhcp-server',
  1901,
  'DHCP Lease added 12:00:00 aa:bb:cc:dd:ee:01 192.0.2.70 printer-3f eng-42',
);
const tunnel = line(
  'hpe-tunneld',
  9603,
  'Tunnel Created - Name (tun1) Type (gre) VRF (default) Local IP (192.0.2.1) Remote IP (198.51.100.9)',
);
const bfd = line(
  'bfdd',
  7307,
  'BFD session is down. session_id=12, vrf=default, op_mode=async, src_port=1/1/1, dest_ip=198.51.100.3, local_state=down, local_diag=timeout, remote_state=up, remote_diag=none',
  'LOG_ERR',
);
const central = line(
  'hpe-restd',
  4632,
  'Connected to HPE Aruba Networking Central location central.example.net on VRF mgmt with Source IP 192.0.2.99',
);
const lldp = `<190>${TS} edge-sw2 lldpd[2864]: Event|104|LOG_INFO|AMM|1/1|LLDP neighbor aa:bb:cc:dd:ee:ff added on 1/1/15`;
const activate = line(
  'hpe-restd',
  4645,
  'Aruba Activate server https://activate.example.org/x is reachable via VRF default.',
);

const samples = [
  sshLogin,
  sshLogout,
  sshDenied,
  restAuth,
  naeAgent,
  firmware,
  consoleLogout,
  dhcp,
  tunnel,
  bfd,
  central,
  lldp,
  activate,
];
const parse = (raw: string) => hpeArubaCxParser.parse(raw);

describe('hpeArubaCxParser', () => {
  it('detects AOS-CX event lines, with or without a syslog priority', () => {
    for (const raw of samples) expect(hpeArubaCxParser.detect(raw)).toBe(true);
  });

  it('reports the user of an SSH login and logout, but not the client address', () => {
    for (const raw of [sshLogin, sshLogout]) {
      const alert = parse(raw);
      expect(alert.observables.users).toEqual(['alice']);
      expect([...alert.observables.srcIps, ...alert.observables.ips]).toEqual([]);
    }
    const alert = parse(sshLogin);
    expect(alert.format).toBe('hpe_aruba_cx.log');
    expect(alert.recognizedBy).toBe('parser:hpe_aruba_cx.log');
    expect(alert.ruleId).toBe('5209');
    expect(alert.observedAt).toBe('2025-01-15T09:20:30.123Z');
  });

  it('reads users from denied SSH sessions, REST, NAE, firmware and console events', () => {
    expect(parse(sshDenied).observables.users).toEqual(['bob']);
    expect(parse(restAuth).observables.users).toEqual(['carol']);
    expect(parse(naeAgent).observables.users).toEqual(['dave']);
    expect(parse(firmware).observables.users).toEqual(['erin']);
    expect(parse(consoleLogout).observables.users).toEqual(['frank']);
  });

  it('reports a DHCP lease client host name, not its address', () => {
    const o = parse(dhcp).observables;
    expect(o.hosts).toEqual(['printer-3f']);
    expect([...o.srcIps, ...o.ips, ...o.users]).toEqual([]);
  });

  it('reads tunnel ends as source and destination, and a BFD peer as destination, with no related address', () => {
    const t = parse(tunnel).observables;
    expect(t.srcIps).toEqual(['192.0.2.1']);
    expect(t.dstIps).toEqual(['198.51.100.9']);
    expect(t.ips).toEqual([]);
    const b = parse(bfd).observables;
    expect(b.dstIps).toEqual(['198.51.100.3']);
    expect(b.srcIps).toEqual([]);
    expect(parse(central).observables.srcIps).toEqual(['192.0.2.99']);
  });

  it('reads a line with a BSD timestamp, which has no year to place it by', () => {
    const alert = parse(sshLogin.replace(TS, 'Jan 15 10:20:30'));
    expect(alert.observables.users).toEqual(['alice']);
    expect(alert.observedAt).toBeNull();
  });

  it('reports nothing for events without mapped indicators', () => {
    for (const raw of [lldp, activate]) {
      const o = parse(raw).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts, ...o.domains]).toEqual([]);
    }
  });

  it('takes the severity from the AOS-CX level and raises failed logins', () => {
    expect(parse(sshLogin).severity).toBe('info');
    expect(parse(sshDenied).severity).toBe('medium');
    expect(parse(bfd).severity).toBe('high');
    expect(parse(restAuth).severity).toBe('low');
    expect(parse(bfd).title).toContain('bfdd Event 7307 on core-sw1');
  });

  it('reads 64 KB hostile lines at once (a backtracking pattern took minutes over each)', () => {
    const fill = (head: string, unit: string, tail = '', size = 64_000) =>
      head + unit.repeat(Math.floor((size - head.length) / unit.length)) + tail;
    const hostile = [
      line(
        'hpe-tunneld',
        9605,
        fill('Tunnel Source IP Modified - Name (', ') Type () VRF () Local IP (::5', '\x00'),
      ),
      line(
        'hpe-tunneld',
        9707,
        fill('UBT ', 'Gre Key () VRF () Source IP (::6.6.5.36) Des', '', 32_000) +
          '5) Destination IP (::3.0'.repeat(1400),
      ),
      line('hpe-restd', 4632, fill('Connected to Central ', 'location  on VRF :')),
      line('hpe-restd', 4659, fill('REST', ' session from ', '', 32_000) + ' with User '.repeat(2900)),
      line('hpe-policyd', 6001, fill('NAE agent cpu', 'e ', 't')),
      line(
        'bfdd',
        7318,
        fill(
          'IP Version mismatch for BFD. session_id=1, vrf=a, op_mode=m, src_port=1, dest_ip=2.5.5.0',
          '5, local_state=, local_diag=, remote_state=, remote_diag=, from=, ip_version=, ',
        ),
      ),
    ];
    for (const raw of hostile) {
      const o = parse(raw).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.users]).toEqual([]);
    }
  });

  it('reads a tunnel end that follows a field holding the text before it, as the pipeline does', () => {
    const t = parse(
      line(
        'hpe-tunneld',
        9603,
        'Tunnel Created - Name (a) Type (b) VRF (c) Local IP (x) Remote IP (y) VRF (d) Local IP (192.0.2.1) Remote IP (198.51.100.9)',
      ),
    ).observables;
    expect(t.srcIps).toEqual(['192.0.2.1']);
    expect(t.dstIps).toEqual(['198.51.100.9']);
  });

  it('does not claim other syslog formats', () => {
    const others = [
      '2025-01-15T10:20:30+01:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      `${TS} core-sw1 hpe-sshd[1201]: Event|User alice logged in`,
      '<189>45: core-rtr: *Mar  1 00:00:45.123: %SYS-5-CONFIG_I: Configured from console by alice on vty0 (192.0.2.1)',
      '{"message":"Event|5209|LOG_INFO|CDTR|1|User alice logged in"}',
    ];
    for (const raw of others) expect(hpeArubaCxParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser that claims its samples', () => {
    for (const raw of samples) expect(registryClaims(raw, hpeArubaCxParser.name).others).toEqual([]);
  });
});
