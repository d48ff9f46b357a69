// The Cisco WLC (Aironet) parser on synthetic syslog lines of every shape it reads (AireOS task lines, tracebacks,
// AP lines, Catalyst 9800 `wncd` lines with and without a host): detection, each indicator's role as Elastic's
// cisco_aironet pipeline maps it (controller as host, users by mnemonic, MACs and client IPs never), no collisions.
import { describe, expect, it } from 'vitest';
import { ciscoAironetParser } from '../../../src/intake/parsers/cisco-aironet.js';
import { registryClaims } from './registry-claims.js';

const userCreated =
  '<134>wlc-lab-01: *apfMsConnTask_2: Mar 05 10:00:00.123: %APF-6-USER_NAME_CREATED: [SS]apf_ms.c:8996 Username entry (alice) with length (5) created for mobile 00:00:5e:00:53:01';
const userDeleted =
  '<134>wlc-lab-01: *haSSOServiceTask0: Mar 05 10:01:00.456: %APF-6-USER_NAME_DELETED: [SS]apf_ms.c:8798 Username entry (alice) is deleted for mobile 00:00:5e:00:53:01';
const arp =
  '<132>wlc-lab-01: *Dot1x_NW_MsgTask_4: Mar 05 10:02:00.789: %LOG-4-Q_IND: [PA]dtl_net.c:3393 STA(Target MAC Address) [00:00:5e:00:53:02, 192.0.2.20] ARP (op ARP REQUEST) received with invalid SPA(Source IP Address) 198.51.100.21/TPA(Destination IP Address) 192.0.2.20';
const orphan =
  '<132>wlc-lab-01: *dtlArpTask: Mar 05 10:03:00.000: %DTL-4-ARP_ORPHANPKT_DETECTED: [PA]dtl_net.c:3174 STA(Target MAC Address) [00:00:5e:00:53:03, 0.0.0.0] ARP (op ARP REQUEST) received with invalid SPA(Source IP Address) 198.51.100.22/TPA(Destination IP Address) 192.0.2.20';
const sisf =
  '<134>wlc-lab-01: *SISF BT Process: Mar 05 10:04:00.000: %SISF-6-ENTRY_CREATED: sisf_shim_utils.c:485 Entry created A=2001:db8::1 V=0 I=wired:1 P=0000 M=';
const qindUser =
  '<134>wlc-lab-01: *dtlArpTask: Mar 05 10:05:00.000: %LOG-6-Q_IND: [PA]apf_ms.c:8996 Username entry (bob) with length (3) created for mobile 00:00:5e:00:53:04';
const adminLogin =
  "<133>wlc-lab-01: *emWeb: Mar 05 10:06:00.000: %AAA-5-AAA_AUTH_ADMIN_USER: aaa.c:3083 Authentication succeeded for admin user 'carol' on 203.0.113.30";
const abortAuth =
  '<131>wlc-lab-01: *Dot1x_NW_MsgTask_0: Mar 05 10:07:00.000: %DOT1X-3-ABORT_AUTH: [PA]1x_bauth_sm.c:487  Authentication Aborted for  client 00:00:5e:00:53:05 Abort Reason:DOT1X RESTARTED';
const withYear =
  '<132>wlc-lab-02: *spamApTask1: Mar 05 2024 10:08:00.250 UTC: %LWAPP-3-REPLAY_ERR: [PA]spam_lrad.c:49337 The system has received replay error on slot 0 from AP 00:00:5e:00:53:06';
const traceback = '<132>wlc-lab-01: -Traceback: 0x11759554 0x1175b0f0 0x1175d2b8';
const apLine =
  '<6>1216: AP:0000.5e00.5307: *Mar  5 10:09:00.000: %WIDS-6-SIG_ALARM_OFF: Attack is cleared on Sig:Standard Id:9 Channel:6';
const runState =
  '<190>201477: Mar 5 2024 10:10:00.500 UTC: %CLIENT_ORCH_LOG-6-CLIENT_ADDED_TO_RUN_STATE: Chassis 1 R0/3: wncd: Username entry (dave) joined with ssid (LAB-WLAN) for device with MAC: 0000.5e00.5308 on channel (1)';
const dot1xFail =
  '<157>27716581: wlc-9800-lab.example.org: 27823373: Mar  5 10:11:00.263 SGT: %DOT1X-5-FAIL: Chassis 2 R0/5: wncd: Authentication failed for client (0000.5e00.5309) with reason (Timeout) on Interface capwap_91400a75 AuditSessionID 000000000000000000000004 Username: LAB\\erin';
const apJoin =
  '<189>6961707: Mar  5 10:12:00.173 SGT: %CAPWAPAC_SMGR_TRACE_MESSAGE-5-AP_JOIN_DISJOIN: Chassis 1 R0/4: wncd: AP Event: AP Name: lab-ap-13 Mac: 0000.5e00.5310 Session-IP: 192.0.2.40[5256] 198.51.100.41[5246] Disjoined AP Auth Failure';
const handoff =
  '<140>604804: wlc-9800-lab.example.org: 606507: Mar  5 10:13:00.180 SGT: %MM_LOG-4-RETRIES_FAILED: Chassis 1 R0/0: mobilityd: MAC: 00:00:5e:00:53:11: All retries of handoff_end (XID: 1265558) to ipv4: 198.51.100.50  have been exhausted';
const loadBalance =
  '<157>27716024: wlc-9800-lab.example.org: 27822816: Mar  5 10:14:00.669 SGT: %LOADBALANCE_TRACE_MESSAGE-5-LB_LOG_MSG: Chassis 2 R0/0: wncmgrd: Loadbalancer Log : AP ( 192.0.2.60 ) : Loadbalancer algorithm assigned Instance (5) for site tag (lab-site)';
const multicast =
  '<187>6961749: Mar  5 10:15:00.418 SGT: %MCAST_ERROR_MESSAGE-3-MCAST_GRP_JOIN_LEAVE_FAILED: Chassis 1 R0/4: wncd: Failed to handle IGMP join. No MAC address for client IP: 192.0.2.70, group IP: 233.252.0.1, vlan: 990 for client 0000.5e00.5312  multicast group join, mgid 4166';

const samples = [
  userCreated,
  userDeleted,
  arp,
  orphan,
  sisf,
  qindUser,
  adminLogin,
  abortAuth,
  withYear,
  traceback,
  apLine,
  runState,
  dot1xFail,
  apJoin,
  handoff,
  loadBalance,
  multicast,
];

const parse = (raw: string) => ciscoAironetParser.parse(raw);

describe('ciscoAironetParser', () => {
  it('detects every Cisco WLC sample and names the format', () => {
    for (const raw of samples) {
      expect(ciscoAironetParser.detect(raw)).toBe(true);
      const a = parse(raw);
      expect(a.format).toBe('cisco_aironet.log');
      expect(a.recognizedBy).toBe('parser:cisco_aironet.log');
    }
  });

  it('reads an APF user-name entry: the controller as host, the user name, and the mobile MAC as nothing', () => {
    for (const raw of [userCreated, userDeleted]) {
      const a = parse(raw);
      expect(a.observables.users).toEqual(['alice']);
      expect(a.observables.hosts).toEqual(['wlc-lab-01']);
      expect(a.observables.ips).toEqual([]);
      expect(a.observables.srcIps).toEqual([]);
    }
    const a = parse(userCreated);
    expect(a.title).toBe(
      'Cisco WLC %APF-6-USER_NAME_CREATED: Username entry (alice) with length (5) created for mobile 00:00:5e:00:53:01',
    );
    expect(a.ruleId).toBe('APF-6-USER_NAME_CREATED');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBeNull();
  });

  it('reports no address for ARP messages, whose STA, SPA and TPA Elastic keeps as client and server IPs', () => {
    for (const raw of [arp, orphan]) {
      const a = parse(raw);
      expect(a.observables.srcIps).toEqual([]);
      expect(a.observables.dstIps).toEqual([]);
      expect(a.observables.ips).toEqual([]);
      expect(a.observables.hosts).toEqual(['wlc-lab-01']);
    }
    expect(parse(arp).severity).toBe('medium');
    expect(parse(arp).ruleId).toBe('LOG-4-Q_IND');
  });

  it('reports no address or user for a SISF binding entry (an IPv6 client address only)', () => {
    const a = parse(sisf);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['wlc-lab-01']);
  });

  it('reads the user name of a LOG-6-Q_IND user-name entry', () => {
    expect(parse(qindUser).observables.users).toEqual(['bob']);
  });

  it('reads the admin of a web login as the user, without the client address', () => {
    const a = parse(adminLogin);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('maps the mnemonic severity on the syslog scale and reads no user from a client MAC', () => {
    const a = parse(abortAuth);
    expect(a.severity).toBe('high');
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe(
      'Cisco WLC %DOT1X-3-ABORT_AUTH: Authentication Aborted for client 00:00:5e:00:53:05 Abort Reason:DOT1X RESTARTED',
    );
  });

  it('reads the header time when it names a year and UTC', () => {
    const a = parse(withYear);
    expect(a.observedAt).toBe('2024-03-05T10:08:00.250Z');
    expect(a.observables.hosts).toEqual(['wlc-lab-02']);
  });

  it('reads a traceback line: the controller as host, the syslog priority as severity', () => {
    const a = parse(traceback);
    expect(a.observables.hosts).toEqual(['wlc-lab-01']);
    expect(a.ruleId).toBe('Traceback');
    expect(a.severity).toBe('medium');
  });

  it('reports no host for an AP line, whose AP is named by its MAC only', () => {
    const a = parse(apLine);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('WIDS-6-SIG_ALARM_OFF');
    expect(a.title).toBe('Cisco WLC %WIDS-6-SIG_ALARM_OFF: Attack is cleared on Sig:Standard Id:9 Channel:6');
  });

  it('reads a Catalyst 9800 run-state line without a host: the user, the year-stamped time', () => {
    const a = parse(runState);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-03-05T10:10:00.500Z');
    expect(a.title).toBe(
      'Cisco WLC %CLIENT_ORCH_LOG-6-CLIENT_ADDED_TO_RUN_STATE: Username entry (dave) joined with ssid (LAB-WLAN) for device with MAC: 0000.5e00.5308 on channel (1)',
    );
  });

  it('reads a Catalyst 9800 802.1X failure: the controller as host and the user name as written', () => {
    const a = parse(dot1xFail);
    expect(a.observables.users).toEqual(['LAB\\erin']);
    expect(a.observables.hosts).toEqual(['wlc-9800-lab.example.org']);
    expect(a.observedAt).toBeNull();
  });

  it('reads the CAPWAP session addresses of an AP join as source and destination, not related', () => {
    const a = parse(apJoin);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.41']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads the mobility peer, the load-balanced AP and the multicast group as Elastic does', () => {
    expect(parse(handoff).observables.dstIps).toEqual(['198.51.100.50']);
    expect(parse(handoff).observables.hosts).toEqual(['wlc-9800-lab.example.org']);
    expect(parse(loadBalance).observables.srcIps).toEqual(['192.0.2.60']);
    const m = parse(multicast).observables;
    expect(m.dstIps).toEqual(['233.252.0.1']);
    expect(m.srcIps).toEqual([]);
    expect(m.ips).toEqual([]);
  });

  it('does not claim Cisco IOS, Nexus, ASA, FTD or ISE lines, JSON, or non-text payloads', () => {
    const others: unknown[] = [
      '<189>2360957: Mar  5 2024 10:00:00.861: %SYS-5-CONFIG_I: Configured from console by frank on vty0 (192.0.2.80)',
      '<189>387448: router-lab: Mar 5 10:00:00.123 UTC: %DOT1X-5-FAIL: Authentication failed for client (0000.5e00.5313) on Interface Gi1/0/16 AuditSessionID 0000000000000001',
      '<174>15162564: edge-lab: 29391555: Mar  5 10:00:00.802 CEST: %FMANFP-6-IPACCESSLOGP: F0/0: fman_fp_image: list acl_in denied tcp 198.51.100.10(56279) -> 203.0.113.20(45240), 1 packet',
      '<165>7433: edge-lab: 007439: 2y10w: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: grace] [Source: 192.0.2.81] [localport: 22] at 10:00:00 UTC Tue Mar 5 2024',
      '<190>9004: Mar 5 10:00:00.081: %TCP-6-BADAUTH: No MD5 digest from 192.0.2.82(64999) to 198.51.100.83(15448)',
      '<189>109692: 192.0.2.84: Mar 5 10:00:00.903: %AUTHPRIV-5-SYSTEM_MSG: Login failed for user heidi - sshd[10021]',
      '<166>Mar 05 2024 10:00:00 asa-lab : %ASA-6-302020: Built inbound ICMP connection for faddr 203.0.113.20/1 gaddr 198.51.100.10/0 laddr 192.0.2.30/0',
      '<166>Mar 05 2024 10:00:00 ftd-lab : %FTD-6-302020: Built inbound ICMP connection for faddr 203.0.113.20/1 gaddr 198.51.100.10/0 laddr 192.0.2.30/0',
      '<181>Mar  5 10:00:00 ise-lab-01 CISE_Failed_Attempts 0000012345 1 0 2024-03-05 10:00:00.123 +00:00 0000054321 5400 NOTICE Failed-Attempt: Authentication failed, User-Name=ivan,',
      { message: userCreated },
      null,
      42,
      `<134>${'x'.repeat(300_000)}: *t: Mar 05 10:00:00.000: %APF-6-X: y`,
    ];
    for (const raw of others) expect(ciscoAironetParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const raw of samples) expect(registryClaims(raw, ciscoAironetParser.name).others).toEqual([]);
  });
});
