// The Cisco Nexus (NX-OS) parser on synthetic syslog lines of every header shape it reads (with and without a
// sequence number, a syslog time, a switch name or address, a timezone): detection, each indicator's role as
// Elastic's cisco_nexus pipeline maps it (switch address related, switch name as observer only), no collisions.
import { describe, expect, it } from 'vitest';
import { ciscoNexusParser } from '../../../src/intake/parsers/cisco-nexus.js';
import { registryClaims } from './registry-claims.js';

const noHost =
  '<189>: 2024 Mar  5 10:00:00 UTC: %ETHPORT-5-IF_DOWN_ADMIN_DOWN: Interface Ethernet1/7 is down (Administratively down)';
const noHostSpacedZone =
  '<187>: 2024 Mar  5 10:00:01 UTC : %LOG_LOCAL7-3-SYSTEM_MSG: [F1234][raised][link-down][major] port down on leaf-lab-101';
const repeated = '<187>192.0.2.10: 2024 Mar  5 10:00:02 UTC: last message repeated 2 times';
const namedHost =
  '<189>nx-lab-01: 2024 Mar  5 10:00:03 UTC: %ETHPORT-5-SPEED: Interface Ethernet1/9, operational speed changed to 10 Gbps';
const sudo =
  '<189>Mar  5 10:00:04 192.0.2.11 : 2024 Mar  5 10:00:04.250 UTC: %AUTHPRIV-5-SYSTEM_MSG:    alice : TTY=pts/1 ; PWD=/bootflash ; USER=root ; COMMAND=/bin/ls - sudo';
const pamFailure =
  '<189>Mar  5 10:00:05 192.0.2.12 6031594: Mar  5 10:00:05.739 AEST: %AUTHPRIV-5-SYSTEM_MSG: pam_unix(aaa:auth): authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=  user=bob - aaad';
const sshFailed =
  '<187>Mar  5 10:00:06 192.0.2.13 2024 Mar  5 10:00:06.100 AEST: %AUTHPRIV-3-SYSTEM_MSG: pam_aaa:Authentication failed for user carol from 198.51.100.20 - sshd[2001]';
const pamDaemon =
  '<187>Mar  5 10:00:07 nx-lab-02 : 2024 Mar  5 10:00:07.000 UTC: %DAEMON-3-SYSTEM_MSG: error: PAM: Authentication failure for dave from 203.0.113.30 - sshd[2002]';
const vtyConfig =
  '<189>Mar  5 10:00:08 nx-lab-03 2024 Mar  5 10:00:08.900 AEST: %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by erin on 198.51.100.40@pts/2';
const bare =
  '2024 Mar  5 10:00:09 nx-lab-04 %LLDP-3-DETECT_MULTIPLE_PEERS: Multiple peers detected on Eth1/14';
const loginFailed =
  '<189>109692: 192.0.2.14: Mar  5 10:00:10.903: %AUTHPRIV-5-SYSTEM_MSG: Login failed for user frank - sshd[2003]';
const loginSuccess =
  '<189>Mar  5 10:00:11 nx-lab-05 AEST: %SEC_LOGIN-SW2-5-LOGIN_SUCCESS: Login Success [user: grace] [Source: 203.0.113.50] [localport: 22] at 10:00:11 AEST Tue Mar 5 2024';
const logout =
  '<190>Mar  5 10:00:12 nx-lab-06 AEST: %SYS-SW1-6-LOGOUT_C6K: User heidi has exited tty session 2(198.51.100.60)';
const parity =
  '<185>192.0.2.15: 2024 Mar  5 10:00:13 UTC: %EARL-SW2_DFC1-1-EXCESSIVE_PARITY_ERROR: EARL 0: Parity error detected in VRAM';
const accounting =
  '<190>109692: nx-lab-07: Mar  5 10:00:14.000: %AAA-6-AAA_ACCOUNTING_MESSAGE: update:198.51.100.70@ssh.26046:ivan:show version (SUCCESS)';
const cdp =
  '<188>109692: rtr-lab-02: Mar  5 10:00:15.000: %CDP-4-NATIVE_VLAN_MISMATCH: Native VLAN mismatch discovered on GigabitEthernet0/1 (1), with sw-lab GigabitEthernet0/2 (20).';
const ipv6Host =
  '<189>2001:db8::15: 2024 Mar  5 10:00:15 UTC: %SYSMGR-5-CFGWRITE_DONE: Configuration copy successful.';

const samples = [
  noHost,
  noHostSpacedZone,
  repeated,
  namedHost,
  sudo,
  pamFailure,
  sshFailed,
  pamDaemon,
  vtyConfig,
  bare,
  loginFailed,
  loginSuccess,
  logout,
  parity,
  accounting,
  ipv6Host,
];

const parse = (raw: string) => ciscoNexusParser.parse(raw);
const indicators = (raw: string) => {
  const o = parse(raw).observables;
  return { src: o.srcIps, dst: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts };
};

describe('ciscoNexusParser', () => {
  it('detects every NX-OS sample and names the format', () => {
    for (const raw of samples) {
      expect(ciscoNexusParser.detect(raw)).toBe(true);
      const a = parse(raw);
      expect(a.format).toBe('cisco_nexus.log');
      expect(a.recognizedBy).toBe('parser:cisco_nexus.log');
    }
  });

  it('reads a line without a device: no indicators, the tag as rule, its severity and the UTC vendor time', () => {
    const a = parse(noHost);
    expect(indicators(noHost)).toEqual({ src: [], dst: [], ips: [], users: [], hosts: [] });
    expect(a.ruleId).toBe('ETHPORT-5-IF_DOWN_ADMIN_DOWN');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.title).toBe(
      'Cisco Nexus %ETHPORT-5-IF_DOWN_ADMIN_DOWN: Interface Ethernet1/7 is down (Administratively down)',
    );
  });

  it('reads a timezone followed by a space before its colon', () => {
    const a = parse(noHostSpacedZone);
    expect(a.ruleId).toBe('LOG_LOCAL7-3-SYSTEM_MSG');
    expect(a.severity).toBe('high');
    expect(indicators(noHostSpacedZone).ips).toEqual([]);
  });

  it('relates the switch address, and takes the PRI severity when the line has no mnemonic', () => {
    expect(indicators(repeated)).toEqual({ src: [], dst: [], ips: ['192.0.2.10'], users: [], hosts: [] });
    const a = parse(repeated);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBeNull();
  });

  it('reports no host for a switch name, which Elastic keeps as observer.name', () => {
    expect(indicators(namedHost)).toEqual({ src: [], dst: [], ips: [], users: [], hosts: [] });
    expect(indicators(bare)).toEqual({ src: [], dst: [], ips: [], users: [], hosts: [] });
    expect(parse(bare).ruleId).toBe('LLDP-3-DETECT_MULTIPLE_PEERS');
  });

  it('reads sudo lines: the target USER as the user, not the invoking one', () => {
    expect(indicators(sudo)).toEqual({ src: [], dst: [], ips: ['192.0.2.11'], users: ['root'], hosts: [] });
    expect(parse(sudo).observedAt).toBe('2024-03-05T10:00:04.250Z');
  });

  it('reads the user of a PAM authentication failure and not its empty rhost', () => {
    expect(indicators(pamFailure)).toEqual({
      src: [],
      dst: [],
      ips: ['192.0.2.12'],
      users: ['bob'],
      hosts: [],
    });
    // AEST is not UTC: the time is not guessed.
    expect(parse(pamFailure).observedAt).toBeNull();
  });

  it('reads failed SSH logins: user and source address, after the switch address in related IPs', () => {
    expect(indicators(sshFailed)).toEqual({
      src: ['198.51.100.20'],
      dst: [],
      ips: ['192.0.2.13', '198.51.100.20'],
      users: ['carol'],
      hosts: [],
    });
    expect(indicators(pamDaemon)).toEqual({
      src: ['203.0.113.30'],
      dst: [],
      ips: ['203.0.113.30'],
      users: ['dave'],
      hosts: [],
    });
    expect(indicators(loginFailed)).toEqual({
      src: [],
      dst: [],
      ips: ['192.0.2.14'],
      users: ['frank'],
      hosts: [],
    });
  });

  it('reads a vty configuration change: the admin and the address they came from', () => {
    expect(indicators(vtyConfig)).toEqual({
      src: ['198.51.100.40'],
      dst: [],
      ips: ['198.51.100.40'],
      users: ['erin'],
      hosts: [],
    });
  });

  it('reads login success and logout lines with a standby tag', () => {
    expect(indicators(loginSuccess)).toEqual({
      src: ['203.0.113.50'],
      dst: [],
      ips: ['203.0.113.50'],
      users: ['grace'],
      hosts: [],
    });
    expect(parse(loginSuccess).ruleId).toBe('SEC_LOGIN-5-LOGIN_SUCCESS');
    expect(indicators(logout)).toEqual({
      src: ['198.51.100.60'],
      dst: [],
      ips: ['198.51.100.60'],
      users: ['heidi'],
      hosts: [],
    });
  });

  it('maps the tag severity on the syslog scale and reads nothing from mnemonics Elastic does not dissect', () => {
    expect(parse(parity).severity).toBe('critical');
    expect(parse(parity).ruleId).toBe('EARL-1-EXCESSIVE_PARITY_ERROR');
    expect(indicators(parity).ips).toEqual(['192.0.2.15']);
    expect(indicators(ipv6Host).ips).toEqual(['2001:db8::15']);
  });

  it('claims an IOS-shaped header only with a mnemonic NX-OS writes', () => {
    expect(ciscoNexusParser.detect(loginFailed)).toBe(true);
    expect(ciscoNexusParser.detect(cdp)).toBe(false);
    // NX-OS's AAA accounting record: the switch name only, and no address from the record, as in Elastic.
    expect(ciscoNexusParser.detect(accounting)).toBe(true);
    expect(indicators(accounting)).toEqual({ src: [], dst: [], ips: [], users: [], hosts: [] });
  });

  it('does not claim Cisco IOS, WLC, ASA, FTD or ISE lines, plain syslog, JSON, or non-text payloads', () => {
    const others: unknown[] = [
      '<189>1234: Mar  5 10:00:00.081: %TCP-6-BADAUTH: No MD5 digest from 192.0.2.1(179) to 192.0.2.2(11003) (RST) tableid - 0',
      '<189>Mar  5 10:00:00 core-lab.example.org 157475316: *Mar  5 2024 10:00:00.425 UTC: %AUTHMGR-5-SECURITY_VIOLATION: Security violation on the interface GigabitEthernet1/0/13',
      '<189>42: rtr-lab-01: Mar  5 10:00:00: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down',
      "<134>wlc-lab-01: *emWeb: Mar 05 10:06:00.000: %AAA-5-AAA_AUTH_ADMIN_USER: aaa.c:3083 Authentication succeeded for admin user 'carol' on 203.0.113.30",
      '<166>Mar  5 2024 10:00:00 asa-lab-01 : %ASA-6-302013: Built inbound TCP connection 1 for outside:198.51.100.1/443 (198.51.100.1/443) to inside:192.0.2.1/5000 (192.0.2.1/5000)',
      '<166>Mar  5 10:00:00 asa-lab-01 UTC: %ASA-6-302013: Built inbound TCP connection 1 for outside:198.51.100.1/443',
      '<181>Mar  5 10:00:00 ise-lab-01 CISE_Failed_Attempts 0000012345 1 0 2024-03-05 10:00:00.123 +00:00 0000054321 5400 NOTICE Failed-Attempt: Authentication failed, User-Name=alice,',
      '<13>Mar  5 10:00:00 web-lab-01 sshd[123]: Failed password for bob from 198.51.100.9 port 22 ssh2',
      '2024 Mar  5 10:00:09 nx-lab-04 last message repeated 7 time',
      { message: noHost },
      42,
      null,
    ];
    for (const raw of others) expect(ciscoNexusParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const raw of samples) expect(registryClaims(raw, ciscoNexusParser.name).others).toEqual([]);
  });
});
