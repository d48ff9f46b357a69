// The vSphere parser on synthetic lines: vCenter events (logins, logouts, failed logins, alarms), appliance
// and Update Manager lines, ESXi hostd/shell lines with VMware's structured data, SSO login forms, and negatives.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { vsphereParser } from '../../../src/intake/parsers/vsphere.js';
import { registryClaims } from './registry-claims.js';

const login = String.raw`<14>1 2024-03-05T10:15:42.123456+00:00 vc-lab01 vpxd 4242 - -  Event [1001] [1-1] [2024-03-05T10:15:42.1Z] [vim.event.UserLoginSessionEvent] [info] [CORP.EXAMPLE\jdoe] [] [1001] [User CORP.EXAMPLE\jdoe@192.0.2.10 logged in as pyvmomi Python/3.11]`;
const logout = String.raw`<14>1 2024-03-05T10:16:02.500000+00:00 vc-lab01 vpxd 4242 - -  Event [1002] [1-1] [2024-03-05T10:16:02.4Z] [vim.event.UserLogoutSessionEvent] [info] [CORP.EXAMPLE\jdoe] [] [1002] [User CORP.EXAMPLE\jdoe@192.0.2.10 logged out (login time: Tuesday, 05 March, 2024 10:15:42 AM, number of API invocations: 12, user agent: pyvmomi Python/3.11)]`;
const failed =
  '<12>1 2024-03-05T10:17:00.000000+00:00 vc-lab01 vpxd 4242 - -  Event [1003] [1-1] [2024-03-05T10:17:00Z] [vim.event.EventEx] [warning] [] [] [1003] [Failed login mallory from 198.51.100.7 via web client]';
const alarm =
  "<14>1 2024-03-05T10:18:00.000000+00:00 vc-lab01 vpxd 4242 - -  Event [1004] [1-1] [2024-03-05T10:18:00Z] [vim.event.AlarmActionTriggeredEvent] [error] [] [Lab] [1004] [Alarm 'Host error' on esx-07.lab.example triggered an action]";
const applmgmt =
  '<14>1 2024-03-05T10:19:00.000000+00:00 vc-lab01 applmgmt-audit - - -  2024-03-05T10:19:00.000: INFO Authorization Result: User=operator@vsphere.local, priv=ModifyConfiguration, authorized=True';
const updatemgr =
  "<14>1 2024-03-05T10:19:30.000000+00:00 vc-lab01 updatemgr - - -  2024-03-05T10:19:30:000Z 'Activation' 1401 INFO  [activationValidator, 368] Leave Validate. Succeeded for integrity.VcIntegrity.retrieveHostIPAddresses";
const hostd =
  '<166>2024-03-05T10:20:00.000Z esx-07 Hostd: info hostd[2101] [Originator@6876 sub=Vimsvc.ha-eventmgr opID=abc123 user=root] Event 77 : User root@203.0.113.20 logged in as VMware-client/6.5.0';
const shell =
  '<110>2024-03-05T10:21:00.000Z esx-07 shell[3300]: [shell.cmd@6876 subject="root" object="shell" command="esxcli network firewall get" result="success" status="0"]';
const sharedSecret =
  '<166>1 2024-03-05T10:22:00.000Z esx-08 Hostd: info vsansystem[5100] [vSAN@6876 sub=AccessChecker opId=def456] Shared secret from 192.0.2.30 logged in as VMware-client/6.5.0';
const ssoLoggedIn = String.raw`<14>1 2024-03-05T10:23:00.000000+00:00 vc-lab01 sso - - -  2024-03-05T10:23:00.000: INFO websso User login succeeded. Logged in user: "CORP\alice"`;
const ssoSuccessfully =
  '<14>1 2024-03-05T10:24:00.000000+00:00 vc-lab01 vmware-sts-idmd - - -  2024-03-05T10:24:00.000: INFO User {Name: bob, Domain: corp.example} logged in successfully';
const bsdForwarded =
  '<13>Mar  5 10:25:00 esx-09 fluentd: info hostd[7001] [Originator@6876 sub=Vimsvc.ha-eventmgr opID=ghi789] Event 88 : User carol@198.51.100.40 logged in as VMware-client/6.5.0';
const ipHost =
  '<14>1 2024-03-05T10:26:00.000000+00:00 192.0.2.99 vpxd 4242 - -  Event [1005] [1-1] [2024-03-05T10:26:00Z] [vim.event.UserLoginSessionEvent] [info] [root] [] [1005] [User root@192.0.2.11 logged in as VMware-client/6.5.0]';

const samples: string[] = [
  login,
  logout,
  failed,
  alarm,
  applmgmt,
  updatemgr,
  hostd,
  shell,
  sharedSecret,
  ssoLoggedIn,
  ssoSuccessfully,
  bsdForwarded,
  ipHost,
];

const NONE = { src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] };

describe('vsphereParser', () => {
  it('detects vCenter and ESXi lines by their process names or VMware markers', () => {
    for (const s of samples) expect(vsphereParser.detect(s), s).toBe(true);
  });

  it('does not claim Linux auth lines, generic syslog or non-text payloads', () => {
    const others: unknown[] = [
      '<38>Mar  5 10:00:00 web-01 sshd[123]: Accepted password for alice from 192.0.2.5 port 50000 ssh2',
      '<38>1 2024-03-05T10:00:00Z web-01 sshd 123 - - Accepted password for alice from 192.0.2.5 port 50000 ssh2',
      '<78>Mar  5 10:00:00 web-01 CRON[999]: (root) CMD (run-parts /etc/cron.hourly)',
      '<134>1 2024-03-05T10:00:00Z app-01 nginx 77 - - GET /index.html 200',
      'Event [1] [1-1] [2024-03-05T10:00:00Z] [vim.event.UserLoginSessionEvent] without a syslog header',
      { message: login },
      null,
      42,
    ];
    for (const o of others) expect(vsphereParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads a vCenter login event: the syslog host, the user without its SSO domain, no address', () => {
    const a = vsphereParser.parse(login);
    expect(a.format).toBe('vsphere.log');
    expect(a.recognizedBy).toBe('parser:vsphere.log');
    expect(ecsIndicators(a)).toEqual({ ...NONE, users: ['jdoe'], hosts: ['vc-lab01'] });
    expect(a.ruleId).toBe('vim.event.UserLoginSessionEvent');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
    expect(a.title).toContain('vSphere vpxd vim.event.UserLoginSessionEvent: [CORP.EXAMPLE\\jdoe]');
  });

  it('reads the user of a logout event', () => {
    const a = vsphereParser.parse(logout);
    expect(ecsIndicators(a)).toEqual({ ...NONE, users: ['jdoe'], hosts: ['vc-lab01'] });
    expect(a.ruleId).toBe('vim.event.UserLogoutSessionEvent');
  });

  it('reads the user of a failed login and rates it by the event level', () => {
    const a = vsphereParser.parse(failed);
    expect(ecsIndicators(a)).toEqual({ ...NONE, users: ['mallory'], hosts: ['vc-lab01'] });
    expect(a.severity).toBe('medium');
  });

  it('reports an alarm event with the host only, rated by its level', () => {
    const a = vsphereParser.parse(alarm);
    expect(ecsIndicators(a)).toEqual({ ...NONE, hosts: ['vc-lab01'] });
    expect(a.ruleId).toBe('vim.event.AlarmActionTriggeredEvent');
    expect(a.severity).toBe('high');
  });

  it('takes no user from an appliance authorisation line, as the pipeline does not', () => {
    const a = vsphereParser.parse(applmgmt);
    expect(ecsIndicators(a)).toEqual({ ...NONE, hosts: ['vc-lab01'] });
    expect(a.ruleId).toBe('applmgmt-audit');
    expect(a.title).toBe(
      'vSphere applmgmt-audit: Authorization Result: User=operator@vsphere.local, priv=ModifyConfiguration, authorized=True',
    );
  });

  it('names an Update Manager line by its action', () => {
    const a = vsphereParser.parse(updatemgr);
    expect(ecsIndicators(a)).toEqual({ ...NONE, hosts: ['vc-lab01'] });
    expect(a.ruleId).toBe('Activation');
  });

  it('reads an ESXi hostd login and an ESXi shell command line', () => {
    expect(ecsIndicators(vsphereParser.parse(hostd))).toEqual({
      ...NONE,
      users: ['root'],
      hosts: ['esx-07'],
    });
    const s = vsphereParser.parse(shell);
    expect(ecsIndicators(s)).toEqual({ ...NONE, hosts: ['esx-07'] });
    expect(s.ruleId).toBe('shell');
    expect(s.severity).toBe('info');
  });

  it('names a shared-secret login as the pipeline does', () => {
    expect(ecsIndicators(vsphereParser.parse(sharedSecret))).toEqual({
      ...NONE,
      users: ['shared_secret_login'],
      hosts: ['esx-08'],
    });
  });

  it('reads the SSO login forms without the domain', () => {
    expect(ecsIndicators(vsphereParser.parse(ssoLoggedIn)).users).toEqual(['alice']);
    expect(ecsIndicators(vsphereParser.parse(ssoSuccessfully)).users).toEqual(['bob']);
  });

  it('reads a BSD-dated forwarded ESXi line with VMware markers, without guessing its year', () => {
    const a = vsphereParser.parse(bsdForwarded);
    expect(ecsIndicators(a)).toEqual({ ...NONE, users: ['carol'], hosts: ['esx-09'] });
    expect(a.observedAt).toBeNull();
    expect(a.severity).toBe('low');
  });

  it('reports no host when the syslog host is an address', () => {
    expect(ecsIndicators(vsphereParser.parse(ipHost))).toEqual({ ...NONE, users: ['root'] });
  });

  it('is chosen by the intake ahead of the registry', () => {
    const a = normalizeAlert(login, { parsers: [vsphereParser, ...parsers] });
    expect(a.recognizedBy).toBe('parser:vsphere.log');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, vsphereParser.name).others, s).toEqual([]);
  });
});
