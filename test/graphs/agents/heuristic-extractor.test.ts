// The heuristic extractor on vendors no parser knows (synthetic samples written for this test):
// it finds addresses, users and hosts with the right roles and rejects look-alikes.
import { describe, expect, it } from 'vitest';
import { Alert } from '../../../graphs/agents/extraction/contract.js';
import { heuristicExtractor } from '../../../graphs/agents/extraction/heuristic-extractor.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';

const extract = (raw: unknown): Alert => Alert.parse(heuristicExtractor.extract(raw));

describe('heuristic extractor on vendors without a parser', () => {
  it('reads a Palo Alto threat log (CSV behind syslog): source, destination, NAT address, domain user', () => {
    const line =
      '<14>May  1 10:00:00 PA-5220 1,2023/05/01 10:00:00,001122334455,THREAT,vulnerability,2561,2023/05/01 10:00:00,10.20.1.5,198.51.100.10,203.0.113.40,198.51.100.10,Outbound,acme\\lee,,web-browsing,vsys1,trust,untrust,ethernet1/1,ethernet1/2,fwd,2023/05/01 10:00:00,777,1,50123,80,41000,80,0x2000,tcp,reset-both,"evil.example/x",Exploit Kit Landing(40000),any,critical,client-to-server';
    const a = normalizeAlert(line);
    expect(a.observables.srcIps).toEqual(['10.20.1.5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.10']);
    expect(a.observables.ips).toContain('203.0.113.40');
    expect(a.observables.users).toEqual(['lee']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('takes a wildcard address a service listens on for no address, but keeps one a flow names', () => {
    expect(extract('Listening on: https://0.0.0.0:8443').observables.ips).toEqual([]);
    expect(extract('server listening on IPv4 address "0.0.0.0", port 5432').observables.ips).toEqual([]);
    const flow = extract('UDP 0.0.0.0:68 -> 255.255.255.255:67 dhcp discover');
    expect(flow.observables.srcIps).toEqual(['0.0.0.0']);
  });

  it('reads the name of a `user: name=…` record, not the pair, as the user', () => {
    const a = extract('new user: name=testuser, UID=16004, GID=16004, home=/home/testuser, shell=/bin/bash');
    expect(a.observables.users).toEqual(['testuser']);
    expect(extract('group changed user: role=admin by 192.0.2.4').observables.users).toEqual([]);
  });

  it('reads a Windows principal whose domain has a space (NT AUTHORITY, NT SERVICE) as the account, not the first word', () => {
    const kv = extract('suser=NT SERVICE\\MSSQLSERVER act=logon dst=198.51.100.1 spath=Program Files\\App');
    expect(kv.observables.users).toEqual(['MSSQLSERVER']);
    const text = extract('Logon succeeded. Account Name: NT AUTHORITY\\SYSTEM Source Address: 198.51.100.7');
    expect(text.observables.users).toEqual(['SYSTEM']);
    // A one-word value followed by another pair or by plain words stays as it was.
    expect(extract('user=bob domain=CORP\\x src=203.0.113.5').observables.users).toEqual(['bob']);
    expect(extract('msg=denied user=carol reason=Access denied').observables.users).toEqual(['carol']);
  });

  it('takes no user from a Windows security identifier (the account’s id), and keeps the name beside it', () => {
    const a = extract({
      winlog: { channel: 'Microsoft-Windows-AppLocker/EXE and DLL', user: { identifier: 'S-1-5-18' } },
      user: { id: 'S-1-5-21-2202811333-351044183-798744757-500', name: 'Administrator' },
      TargetUser: 'S-1-5-21-1133191089-1850170202-1535859923-1001',
    });
    expect(a.observables.users).toEqual(['Administrator']);
  });

  it('reads Windows’ `N\\A` (not applicable) as no user, not as a user `A` of a domain `N`', () => {
    expect(extract({ user: 'N\\A', src_ip: '203.0.113.5' }).observables.users).toEqual([]);
    expect(extract('user=N\\A src=203.0.113.5 msg=started').observables.users).toEqual([]);
    expect(
      extract('Service stopped. Account Name: N\\A Source Address: 198.51.100.7').observables.users,
    ).toEqual([]);
    expect(extract({ user: 'CORP\\alice' }).observables.users).toEqual(['alice']);
  });

  it('reads a FortiGate key=value log: srcip/dstip roles, the user as given, the appliance name not a host', () => {
    const a = extract(
      'date=2023-05-01 time=10:00:00 devname="FGT-EDGE" devid="FGT60F000" logid="0419016384" type="utm" subtype="ips" level="alert" srcip=10.30.0.7 srcport=50000 dstip=203.0.113.66 dstport=445 user="m.jones@corp.example" attack="SMB.Login.Brute.Force" msg="SMB brute force detected" hostname="files.example"',
    );
    expect(a.observables.srcIps).toEqual(['10.30.0.7']);
    expect(a.observables.dstIps).toEqual(['203.0.113.66']);
    expect(a.observables.users).toEqual(['m.jones@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.format).toBe('kv');
  });

  it('reads a Sophos firewall key=value log with underscores', () => {
    const a = extract(
      'device="SFW" date=2023-05-01 time=10:00:00 device_name="XG230" log_type="Firewall" log_subtype="Denied" user_name="priya" src_ip=172.16.5.5 dst_ip=198.51.100.12 src_port=1000 dst_port=3389',
    );
    expect(a.observables.srcIps).toEqual(['172.16.5.5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.12']);
    expect(a.observables.users).toEqual(['priya']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a SentinelOne-style threat JSON: endpoint name as host, logged-in user without domain, agent address related', () => {
    const a = extract({
      agentDetectionInfo: {
        agentIpV4: '10.40.0.9',
        agentLastLoggedInUserName: 'ACME\\omar',
        agentVersion: '23.1.2.3',
      },
      agentRealtimeInfo: { agentComputerName: 'WS-0042', agentOsName: 'Windows 11' },
      threatInfo: {
        threatName: 'Trojan.Generic',
        confidenceLevel: 'malicious',
        sha256: 'a'.repeat(64),
        createdAt: '2023-05-01T10:00:00Z',
      },
    });
    expect(a.observables.hosts).toEqual(['WS-0042']);
    expect(a.observables.users).toEqual(['omar']);
    expect(a.observables.ips).toEqual(['10.40.0.9']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(a.title).toBe('Trojan.Generic');
    expect(a.severity).toBe('high');
  });

  it('reads a Proofpoint-style message event: the sending address as the source, no users from mail recipients', () => {
    const a = extract({
      messageID: '<x1@mail.example>',
      senderIP: '198.51.100.25',
      sender: 'billing@evil.example',
      recipient: ['finance@corp.example'],
      subject: 'Invoice overdue',
      messageTime: '2023-05-01T10:00:00Z',
      threatsInfoMap: [{ classification: 'phish', threat: 'http://evil.example/pay' }],
    });
    expect(a.observables.srcIps).toEqual(['198.51.100.25']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.urls).toContain('http://evil.example/pay');
  });

  it('reads a Windows 4625 event: target and subject users, the caller address as the source, the computer as host', () => {
    const a = extract({
      EventID: 4625,
      Computer: 'DC01.corp.example',
      TimeCreated: '2023-05-01T10:00:00Z',
      EventData: {
        SubjectUserName: '-',
        TargetUserName: 'administrator',
        TargetDomainName: 'CORP',
        IpAddress: '198.51.100.31',
        IpPort: '50123',
        LogonType: '3',
        ProcessName: '-',
      },
      Message: 'An account failed to log on. Source Network Address: 198.51.100.31',
    });
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.users).toEqual(['administrator']);
    expect(a.observables.hosts).toEqual(['DC01.corp.example']);
    expect(a.ruleId).toBe('4625');
  });

  it('reads a Juniper-style flow with a NAT translation: the first arrow is the flow, the second related only', () => {
    const a = normalizeAlert(
      'May  1 10:00:00 srx1 RT_FLOW: RT_FLOW_SESSION_CREATE: session created 10.0.0.5/40000->198.51.100.50/443 0x0 junos-https 203.0.113.5/20000->198.51.100.50/443 0x0',
    );
    expect(a.observables.srcIps).toEqual(['10.0.0.5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.50']);
    expect(a.observables.ips).toContain('203.0.113.5');
  });

  it('reads Check Point style key:"value" pairs in RFC 5424 structured data', () => {
    const a = normalizeAlert(
      '<134>1 2023-05-01T10:00:00Z gw1 CheckPoint 100 - [action:"Drop"; src:"10.60.0.2"; dst:"198.51.100.60"; user:"nadia"] ',
    );
    expect(a.observables.srcIps).toEqual(['10.60.0.2']);
    expect(a.observables.dstIps).toEqual(['198.51.100.60']);
    expect(a.observables.users).toEqual(['nadia']);
  });

  it('unwraps JSON held in a string field and reads roles inside it', () => {
    const a = extract({
      source: 'shipper',
      payload: JSON.stringify({
        client: { ip: '198.51.100.70' },
        server: { ip: '10.0.0.70' },
        user: { name: 'quinn' },
      }),
    });
    expect(a.observables.srcIps).toEqual(['198.51.100.70']);
    expect(a.observables.dstIps).toEqual(['10.0.0.70']);
    expect(a.observables.users).toEqual(['quinn']);
  });

  it('rejects look-alikes: versions, OIDs, observer and gateway addresses, MACs', () => {
    const a = extract({
      os_version: '10.0.19041.1',
      agent: { version: '7.1.2.3' },
      snmp: { oid: '1.3.6.1.4.1.2021' },
      observer: { ip: '10.255.0.1' },
      gateway: '10.0.0.254',
      netmask: '255.255.255.0',
      mac: '00:11:22:33:44:55',
      message: 'build 1.2.3.4 installed',
      src_ip: '198.51.100.80',
    });
    expect(a.observables.ips).toEqual(['198.51.100.80']);
  });

  it("does not take the opening of a serialised object for a user name (`user={'pk': 4, …}`)", () => {
    const a = extract({
      action: 'login_failed',
      message: "Event action=login_failed user={'pk': 4, 'email': 'ops@example.com', 'username': 'ops'} ok",
      client_ip: '203.0.113.5',
    });
    expect(a.observables.users.some((u) => u.includes('{'))).toBe(false);
    expect(extract({ message: 'login failed user=mallory from 203.0.113.5' }).observables.users).toEqual([
      'mallory',
    ]);
  });

  it('reads a connection that names both ends by qualified local/remote keys: local source, remote destination', () => {
    const a = extract({
      event_type: 'NETWORK',
      action_local_ip: '192.0.2.14',
      action_local_port: 50211,
      action_remote_ip: '203.0.113.77',
      action_remote_port: 443,
    });
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.dstIps).toEqual(['203.0.113.77']);
    // A stated direction still decides; a lone remote end is still the source.
    const inbound = extract({
      direction: 'inbound',
      actorLocalIp: '192.0.2.14',
      actorRemoteIp: '203.0.113.77',
    });
    expect(inbound.observables.srcIps).toEqual(['203.0.113.77']);
    expect(inbound.observables.dstIps).toEqual(['192.0.2.14']);
    expect(extract({ remoteIp: '203.0.113.78', localPort: 22 }).observables.srcIps).toEqual(['203.0.113.78']);
  });

  it('reads `Key Words=value,` lists with spaced keys whole (`Device IP Address` is the device, no source)', () => {
    const a = extract(
      '<181>Mar  2 09:09:13 nac-01 NAC_Failed_Attempts 0000075134 1 0 2026-03-02 09:09:13.790 +00:00 5405 NOTICE Failed-Attempt: request dropped, ConfigVersionId=1364, Device IP Address=192.0.2.40, Device Port=42946, DestinationIPAddress=198.51.100.9, DestinationPort=1812, User-Name=kiosk-07, Model Name=Unknown,',
    );
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['198.51.100.9']);
    expect(a.observables.ips).toContain('192.0.2.40');
    expect(a.observables.users).toEqual(['kiosk-07']);
  });

  it('reads semicolon-separated `Label: value` fields (an EDR syslog body): the device name and the user', () => {
    const a = extract(
      '<133>1 2026-03-02T06:42:18.000Z 192.0.2.3 edrsvc - - - Organization: Acme;Event ID: 4581; Device Name: WS-ALPHA-01;Operating System: Windows 11; Process Name: update.exe;Severity: Critical;Users: ACME\\kim.l; Action: Blocked',
    );
    expect(a.observables.hosts).toEqual(['WS-ALPHA-01']);
    expect(a.observables.users).toEqual(['kim.l']);
  });

  it('reads a record nested under a `syslog` wrapper key, while the syslog sender itself stays out', () => {
    const a = extract({ syslog: { audit_record: { Station: '10.0.1.20', Action: 'Logon' } } });
    expect(a.observables.ips).toEqual(['10.0.1.20']);
    const sender = extract({ syslog: { ip: '192.0.2.250' }, src_ip: '203.0.113.44' });
    expect(sender.observables.ips).toEqual(['203.0.113.44']);
  });

  it('never reports the unspecified address, also from a source or destination field', () => {
    const a = extract({
      initiatedBy: { user: { ipAddress: '0.0.0.0', userPrincipalName: 'kim@example.com' } },
      target: { ip: '::' },
      client_ip: '203.0.113.43',
    });
    expect(a.observables.srcIps).toEqual(['203.0.113.43']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.43']);
  });

  it('reads the sender and recipient address of a mail record as parties of the event', () => {
    const a = extract({
      messageId: '<m-1@mail.example.net>',
      senderAddress: 'billing@example.net',
      recipientAddress: 'alex.doe@example.com',
      fromIP: '198.51.100.7',
    });
    // The Message-ID looks like an address but names the message.
    expect(a.observables.emails).toEqual(['billing@example.net', 'alex.doe@example.com']);
    expect(a.observables.users).toEqual(['billing@example.net', 'alex.doe@example.com']);
  });

  it('reads an empty `logname=` or `ruser=` as no user, not as the pair after it', () => {
    const a = extract(
      'Mar  5 10:15:42 sw1 sshd[7]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=admin',
    );
    expect(a.observables.users).toEqual(['admin']);
    expect(a.observables.ips).toContain('203.0.113.7');
    // A query string's value ends at `&`.
    expect(
      extract('request=https://mail.example/Microsoft-Server-ActiveSync?Cmd=Ping&User=jdoe&DeviceId=FE01')
        .observables.users,
    ).toEqual(['jdoe']);
    // A value after a colon may still follow a space.
    expect(extract('Login failed. login: svc-backup from 203.0.113.8').observables.users).toEqual([
      'svc-backup',
    ]);
  });

  it('reads an end named with the kind of machine it is (`source_endpoint_ip_address`, `dest_host_ip`)', () => {
    const a = extract({
      source_endpoint_ip_address: '203.0.113.45',
      source_endpoint_ip_reputation: 128,
      dest_host_ip: '10.3.0.9',
      name: 'Lateral movement',
    });
    expect(a.observables.srcIps).toEqual(['203.0.113.45']);
    expect(a.observables.dstIps).toEqual(['10.3.0.9']);
  });

  it('takes no host from a qualified URL or HTTP message (`ServiceURL.Host`, `httpMessage.host`)', () => {
    const a = extract({
      ClientHost: '203.0.113.46',
      ServiceURL: { Scheme: 'http', Host: '10.10.10.60:5678', Path: '' },
      httpMessage: { host: 'www.shop.example', method: 'GET', status: '200' },
      hostname: 'edge-07',
    });
    expect(a.observables.hosts).toEqual(['edge-07']);
  });

  it('keeps the first field of a plain log line that opens with an ISO time, unless a syslog tag follows it', () => {
    const plain = extract(
      '2024-03-05 10:15:43 198.51.100.5 POST /login - 80 carol 192.0.2.41 Mozilla/5.0 - 401 1 0 12',
    );
    expect(plain.observables.ips).toEqual(['198.51.100.5', '192.0.2.41']);
    const tagged = extract(
      '2024-03-05 10:15:43 10.0.0.9 sshd[12]: Failed password for root from 203.0.113.7 port 22',
    );
    expect(tagged.observables.ips).toEqual(['203.0.113.7']);
  });

  it('reads a relayed RFC 5424 record: the sender’s header address is no indicator; a login names its account', () => {
    const line =
      'Mar  4 10:00:01 relay-01 1 2024-03-04T10:00:01+01:00 192.0.2.3 VpnGateway: - - - 2024-03-04 10:00:01 - vpn-01 - [203.0.113.56] jdoe(Users)[] - Primary authentication successful for jdoe/Users from 203.0.113.56';
    const a = extract(line);
    expect(a.observables.ips).toEqual(['203.0.113.56']);
    expect(a.observables.srcIps).toEqual(['203.0.113.56']);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observedAt).toBe('2024-03-04T09:00:01.000Z');
  });

  it('reads a vendor’s prefixed CEF keys (`CtdSourceIp`, `CtdSourceHost`) by the end they name', () => {
    const line =
      'CEF:0|Example OT|CTD|4.9|Alert|Baseline deviation|5|CtdSourceIp=192.0.2.71 CtdDestinationIp=198.51.100.72 CtdSourceHost=HMI-07 CtdZone=cell-2';
    const a = extract(line);
    expect(a.observables.srcIps).toEqual(['192.0.2.71']);
    expect(a.observables.dstIps).toEqual(['198.51.100.72']);
    expect(a.observables.hosts).toEqual(['HMI-07']);
  });

  it('relates a machine’s last external address (its public egress) without making it a source', () => {
    const a = extract({
      computerDnsName: 'ws-88.corp.example',
      lastIpAddress: '192.0.2.88',
      lastExternalIpAddress: '203.0.113.88',
      osPlatform: 'Windows11',
    });
    expect(a.observables.ips).toEqual(['192.0.2.88', '203.0.113.88']);
    expect(a.observables.srcIps).toEqual([]);
    // The same under an object that describes the agent or host (`agentDetectionInfo`, `hostInfo`).
    for (const parent of ['agentDetectionInfo', 'hostInfo']) {
      const b = extract({ [parent]: { externalIp: '203.0.113.89', name: 'ws-89' }, threatName: 'x.exe' });
      expect(b.observables.ips, parent).toEqual(['203.0.113.89']);
      expect(b.observables.srcIps, parent).toEqual([]);
    }
  });

  it('reads a network-qualified address (`destination.public_ip`) as the end its parent names', () => {
    const a = extract({
      source: { ip: '192.0.2.41' },
      destination: { public_ip: '198.51.100.42', hostname: 'jump-01' },
      session: { protocol: 'rdp' },
    });
    expect(a.observables.srcIps).toEqual(['192.0.2.41']);
    expect(a.observables.dstIps).toEqual(['198.51.100.42']);
    // Without a parent naming the end, a public address is still the outside party.
    expect(extract({ public_ip: '198.51.100.43', dest_ip: '192.0.2.44' }).observables.srcIps).toEqual([
      '198.51.100.43',
    ]);
  });

  it('relates a machine’s own address in an inventory or scan record (beside its MAC or OS), not as a source', () => {
    const asset = extract({
      ip: '192.0.2.45',
      macAddress: '00:00:5e:00:53:45',
      os_family: 'Linux',
      risk_score: 812,
      hostname: 'db-45',
    });
    expect(asset.observables.srcIps).toEqual([]);
    expect(asset.observables.ips).toEqual(['192.0.2.45']);
    // An alert naming one address and no machine still has it as the source; so does an agent's text line.
    const alert = extract({ ip: '192.0.2.46', rule: 'Port scan', severity: 'high' });
    expect(alert.observables.srcIps).toEqual(['192.0.2.46']);
    const line = extract('ARP spoofing attack detected, ip=192.0.2.47, mac=00:00:5e:00:53:47, interface=5');
    expect(line.observables.srcIps).toEqual(['192.0.2.47']);
  });

  it('relates a machine’s addresses written as one list (`host.ip: "a,b"`), and nothing from a list with words', () => {
    const a = extract({
      'host.hostname': 'DESKTOP-11',
      'host.ip': '192.168.17.1,fe80::3258:78c0:838a:a655, 192.168.44.1',
      'server.ip': '127.0.0.1',
    });
    expect(a.observables.ips).toEqual([
      '192.168.17.1',
      'fe80::3258:78c0:838a:a655',
      '192.168.44.1',
      '127.0.0.1',
    ]);
    expect(a.observables.srcIps).toEqual([]);
    expect(extract({ 'host.ip': '192.168.17.1, unknown', 'host.hostname': 'D' }).observables.ips).toEqual([]);
  });

  it('reads the host names of scan and incident records: `fqdns`, a DNS name beside a MAC, `hosts` with agent ids', () => {
    const scan = extract({
      ip: '192.0.2.48',
      macAddress: '00:00:5e:00:53:48',
      netbiosName: 'CORP\\DB-48',
      dnsName: 'db-48.corp.example',
      fqdns: ['db-48b.corp.example'],
    });
    expect(scan.observables.hosts).toEqual(['DB-48', 'db-48.corp.example', 'db-48b.corp.example']);
    // A DNS record's name (no machine described) is no host.
    expect(extract({ dns_name: 'svc.corp.example', ttl: 300, type: 'A' }).observables.hosts).toEqual([]);
    const incident = extract({
      incident_id: '412',
      hosts: ['ws-49:7a7370f8934c4e60b1e7dc5d0c8b0477', 'ws-50:0b7370f8934c4e60b1e7dc5d0c8b0411'],
    });
    expect(incident.observables.hosts).toEqual(['ws-49', 'ws-50']);
  });

  it('takes no host from a file path or a feed’s `src_name`, and keeps a firewall’s `srcname` beside its address', () => {
    expect(extract({ node_name: '/Local/Default', event: 'sudo' }).observables.hosts).toEqual([]);
    const kb = extract({ QID: 38170, EXPLT_SRC: [{ SRC_NAME: 'nvd', EXPLT_LIST: [{ REF: 'CVE-2020-1' }] }] });
    expect(kb.observables.hosts).toEqual([]);
    const fw = extract('srcip=192.0.2.51 srcname=pc-51 dstip=198.51.100.52 action=deny');
    expect(fw.observables.hosts).toEqual(['pc-51']);
  });

  it('takes no host from a number in a host field (an inventory id)', () => {
    const a = extract({ odevicehostname: '4094304255', devicehostname: 'ws-89', action: 'block' });
    expect(a.observables.hosts).toEqual(['ws-89']);
  });

  it('reads OCSF endpoints by side, and the actor under `loggedUser`, `locked_by` and `adminId`', () => {
    const a = extract({
      src_endpoint: { ip: '192.0.2.61', hostname: 'ws-61' },
      dst_endpoint: { ip: '198.51.100.62' },
      activity_name: 'Traffic',
    });
    expect(a.observables.srcIps).toEqual(['192.0.2.61']);
    expect(a.observables.dstIps).toEqual(['198.51.100.62']);
    for (const key of ['loggedUser', 'locked_by', 'adminId'])
      expect(extract({ [key]: 'ops-admin', action: 'policy change' }).observables.users, key).toEqual([
        'ops-admin',
      ]);
  });

  it('reads the grantee of a privilege and the requestor of an action as users', () => {
    for (const key of ['GRANTEE_NAME', 'grantee', 'requestor', 'cancellationRequestor'])
      expect(extract({ [key]: 'ops-admin', action: 'isolate' }).observables.users, key).toEqual([
        'ops-admin',
      ]);
  });

  it('reads a sign-on’s address as the source, and a machine’s last or current user or a process’s user as a user', () => {
    for (const key of ['Signon_IP_Address', 'signin_ip', 'SignOnIpAddress'])
      expect(extract({ [key]: '203.0.113.9', outcome: 'failure' }).observables.srcIps, key).toEqual([
        '203.0.113.9',
      ]);
    for (const key of ['last_domain_user', 'lastUser', 'currentUser', 'processUser', 'sourceProcessUserName'])
      expect(extract({ [key]: 'CORP\\bob', asset: 'ws-17' }).observables.users, key).toEqual(['bob']);
  });

  it('reads a user object’s list of e-mail addresses (`emailAddresses`) as the user’s', () => {
    const a = extract({
      principal: { user: { userid: 'jdoe', emailAddresses: ['jdoe@example.org', 'j.doe@example.org'] } },
      metadata: { eventType: 'USER_LOGIN' },
    });
    expect(a.observables.users).toEqual(['jdoe', 'jdoe@example.org', 'j.doe@example.org']);
  });

  it('takes no user from an account name owned by an application or a cloud service', () => {
    for (const key of ['application_and_account_name', 'storageAccountName', 'connectionAccountName'])
      expect(extract({ [key]: 'github/dev-org', status: 'connected' }).observables.users, key).toEqual([]);
    expect(extract({ serviceAccountName: 'svc-backup', status: 'connected' }).observables.users).toEqual([
      'svc-backup',
    ]);
  });

  it('takes no user from a header ending in -User, and no address from a camel-case version key', () => {
    const line =
      '[17/Jun/2026:11:27:38.252 +0530] RESULT requestID=1 from="198.51.100.60:51234" method="GET" requestHeader="Sec-Fetch-User: ?1" operationPurpose={ "applicationVersion":"11.0.0.2" }';
    const a = extract(line);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.60']);
  });

  it('takes the account a login was for, but not a qualifier before it (`admin user`, `method for service`)', () => {
    expect(extract('Login failed for backup-svc, reason: bad password').observables.users).toEqual([
      'backup-svc',
    ]);
    expect(extract("Authentication succeeded for admin user 'cisco' on 192.0.2.9").observables.users).toEqual(
      ['cisco'],
    );
    expect(extract('Could not find authentication method for service gettopo').observables.users).toEqual([]);
  });

  it('takes no host from PowerShell’s context block, whose HostName is the engine’s host program', () => {
    const text =
      'Engine state is changed from Available to Stopped. \n\nDetails: \n\tNewEngineState=Stopped\n\tPreviousEngineState=Available\n\n\tSequenceNumber=15\n\n\tHostName=ConsoleHost\n\tHostVersion=5.1.17763.1007\n\tHostId=00000000-0000-4000-8000-000000000001\n\tHostApplication=powershell.exe -NoProfile\n\tEngineVersion=5.1.17763.1007\n\tRunspaceId=00000000-0000-4000-8000-000000000002\n\tUserId=LAB\\jdoe';
    const a = extract(text);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual(['jdoe']);
  });

  it('reports a host field holding an address as that address, not as a host name', () => {
    const a = extract({ version: 5, host: '192.0.2.25', 'bound.host': '0.0.0.0', hostname: 'proxy-01' });
    expect(a.observables.hosts).toEqual(['proxy-01']);
    expect(a.observables.ips).toEqual(['192.0.2.25']);
  });

  it('reads a flattened record (dotted keys) by the keys under the same prefix, as if it were nested', () => {
    const flat = {
      'endpoint.name': 'WS-DELTA-04',
      'os.name': 'windows',
      'process.name': 'chrome.exe',
      'site.name': 'HQ',
      'fd.cip': '192.0.2.60',
      'fd.sip': '198.51.100.60',
    };
    const a = extract(flat);
    expect(a.observables.hosts).toEqual(['WS-DELTA-04']);
    // `sip` beside `cip` under the same prefix is the server.
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.observables.dstIps).toEqual(['198.51.100.60']);
  });

  it('reads the client address a proxy header carries (`x-client-ip`, `X-Real-IP`) as the source', () => {
    expect(
      extract({ 'x-client-ip': '203.0.113.47', egress_ip: '198.51.100.47', url: 'https://a.example/' })
        .observables.srcIps,
    ).toEqual(['203.0.113.47']);
    expect(extract({ X_Real_IP: '203.0.113.48', status: 403 }).observables.srcIps).toEqual(['203.0.113.48']);
  });

  it('reads local and remote ends written `lip`/`rip` or `laddr`/`raddr` by the direction of the connection', () => {
    const a = extract({
      output_fields: { 'fd.lip': '10.4.0.12', 'fd.rip': '203.0.113.49', 'evt.type': 'connect' },
      direction: 'outbound',
    });
    expect(a.observables.srcIps).toEqual(['10.4.0.12']);
    expect(a.observables.dstIps).toEqual(['203.0.113.49']);
    const b = extract({ laddr: '10.4.0.13', raddr: '203.0.113.50', direction: 'inbound' });
    expect(b.observables.srcIps).toEqual(['203.0.113.50']);
    expect(b.observables.dstIps).toEqual(['10.4.0.13']);
  });

  it('reads a direction flag (`netconn_inbound: true`) as the direction, and not a setting that allows one', () => {
    const conn = (flag: Record<string, boolean>) =>
      extract({ netconn_local_ipv4: '10.5.0.21', netconn_remote_ipv4: '203.0.113.51', ...flag }).observables;
    expect(conn({ netconn_inbound: true })).toMatchObject({
      srcIps: ['203.0.113.51'],
      dstIps: ['10.5.0.21'],
    });
    expect(conn({ netconn_inbound: false })).toMatchObject({
      srcIps: ['10.5.0.21'],
      dstIps: ['203.0.113.51'],
    });
    expect(conn({ allow_inbound: true })).toMatchObject({ srcIps: ['10.5.0.21'], dstIps: ['203.0.113.51'] });
  });

  it('reads a device name written with its Windows domain (`CORP\\WS-017`) as the machine', () => {
    expect(extract({ device_name: 'CORP\\WS-017', device_id: 42 }).observables.hosts).toEqual(['WS-017']);
    expect(extract({ hostname: 'bastion-1:9100' }).observables.hosts).toEqual(['bastion-1']);
  });

  it('takes no sentence for a user, and the first component of a directory entry', () => {
    const a = extract({
      actor: { name: 'aisha.k' },
      target: { name: 'Non-IT Users with Privileged System Access : 08cbe643 type: GENERAL' },
      user: { name: 'uid=autoid-resource-server,ou=agent,dc=example,dc=com' },
    });
    expect(a.observables.users).toEqual(['aisha.k', 'autoid-resource-server']);
    // A display name is still a name.
    expect(extract({ user: { name: 'Maria de la Cruz' } }).observables.users).toEqual(['Maria de la Cruz']);
  });

  it("takes a container's or pod's own address as related, not as the source", () => {
    const a = extract({
      rule: 'Outbound connection',
      container: { id: 'c0ffee', ip: '172.17.0.4' },
      pod: { ip: '10.42.0.7' },
    });
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['172.17.0.4', '10.42.0.7']);
  });

  it('reads `dst.ip.address` as the destination, as `dst.ip` is', () => {
    const a = extract({
      src: { ip: { address: '192.0.2.70' } },
      dst: { ip: { address: '198.51.100.70' }, port: 443 },
      event: { type: 'IP Connect' },
    });
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.dstIps).toEqual(['198.51.100.70']);
  });

  it('reads the upstream or backend a proxy forwarded to as the destination', () => {
    const a = extract({
      remote_addr: '203.0.113.41',
      request: 'GET /cart HTTP/1.1',
      status: 502,
      upstream_addr: '10.2.0.15:8080',
    });
    expect(a.observables.srcIps).toEqual(['203.0.113.41']);
    expect(a.observables.dstIps).toEqual(['10.2.0.15']);
    const b = extract({ client_ip: '203.0.113.42', backend_ip: '10.2.0.16', frontend_name: 'www' });
    expect(b.observables.dstIps).toEqual(['10.2.0.16']);
  });

  it('reads a JSON body after a tag no header parser knows as JSON, and still scans the tag', () => {
    const a = extract(
      'ndr_json_v3 -: {"src_ip": "192.0.2.14", "dst_ip": "198.51.100.80", "src_hostname": "ws-gamma-03", "user_name": "r.ortiz", "category": "EXFILTRATION"}',
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.dstIps).toEqual(['198.51.100.80']);
    expect(a.observables.hosts).toEqual(['ws-gamma-03']);
    expect(a.observables.users).toEqual(['r.ortiz']);
    const tagged = extract('sensor 203.0.113.5 alert: {"dst_ip": "198.51.100.81", "signature": "ET SCAN"}');
    expect(tagged.observables.dstIps).toEqual(['198.51.100.81']);
    expect(tagged.observables.ips).toContain('203.0.113.5');
    // A key=value record whose last value is JSON stays a key=value record.
    const kv = extract('src=192.0.2.15 user=dana detail={"note": "x", "n": 1}');
    expect(kv.observables.srcIps).toEqual(['192.0.2.15']);
    expect(kv.observables.users).toEqual(['dana']);
  });

  it('takes a qualified `…hostname` key for the host unless the qualifier names a peer, a site or the appliance', () => {
    const a = extract({
      event_id: 'e1',
      host_metadata_hostname: 'ws-beta-02',
      protectedVmHostName: 'vm-web-09',
      proxy_hostname: 'px-01.corp.example',
      unit_hostname: 'lb-01.corp.example',
      remote_hostname: 'peer.example.net',
    });
    expect(a.observables.hosts).toEqual(['ws-beta-02', 'vm-web-09']);
  });

  it('reads the forwarding chain of a logged HTTP request and of a qualified X-Forwarded-For key as related addresses', () => {
    const a = extract({
      ip_client: '203.0.113.9',
      dest_ip: '192.0.2.80',
      request:
        'GET /login HTTP/1.1\r\nHost: shop.example\r\nX-Forwarded-For: 198.51.100.23, 192.0.2.77\r\n\r\nbody',
      violation: 'Illegal meta character in value',
    });
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(expect.arrayContaining(['198.51.100.23', '192.0.2.77']));
    const b = extract({ ip_client: '203.0.113.9', x_forwarded_for_header_value: 'unknown, 198.51.100.24' });
    expect(b.observables.ips).toEqual(expect.arrayContaining(['198.51.100.24']));
    expect(b.observables.srcIps).toEqual(['203.0.113.9']);
  });

  it('takes a network in CIDR notation (an indicator range, a matched rule) for no address', () => {
    const a = extract({ indicator: '1.128.0.0/11', src_ip: '192.0.2.1', note: 'rule covers 203.0.113.0/24' });
    expect(a.observables.ips).toEqual(['192.0.2.1']);
    const b = extract('blocked src=192.0.2.9 dst=198.51.100.4 list=10.0.0.0/8,2001:db8::/32');
    expect([...b.observables.ips].sort()).toEqual(['192.0.2.9', '198.51.100.4']);
  });

  it('reads a Wazuh alert: the rule level on Wazuh’s 0-15 scale, the attacker, the agent as host', () => {
    const wazuh = (level: number) =>
      extract({
        timestamp: '2024-05-01T10:00:00.000+0000',
        rule: { level, description: 'sshd: brute force trying to get access to the system.', id: '5712' },
        agent: { id: '003', name: 'web-02', ip: '10.0.0.12' },
        data: { srcip: '198.51.100.23', srcport: '4242', dstuser: 'admin' },
        full_log: 'Failed password for invalid user admin from 198.51.100.23 port 4242 ssh2',
      });
    const a = wazuh(10);
    expect(a.title).toBe('sshd: brute force trying to get access to the system.');
    expect(a.severity).toBe('medium');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual(['admin']);
    expect(a.observables.hosts).toEqual(['web-02']);
    expect([3, 7, 12, 15].map((level) => wazuh(level).severity)).toEqual([
      'low',
      'medium',
      'high',
      'critical',
    ]);
    // A Windows event's level keeps its own scale (2 is an error).
    expect(extract({ EventID: 7031, Level: 2, Message: 'The service terminated' }).severity).toBe('high');
  });

  it('titles a Splunk alert webhook by its saved search and reads its result', () => {
    const a = extract({
      sid: 'scheduler__admin__search__RMD5',
      search_name: 'Excessive failed logins',
      app: 'search',
      results_link: 'https://splunk.example:8000/app/search/@go?sid=x',
      result: { src: '203.0.113.99', user: 'dave', count: '57' },
    });
    expect(a.title).toBe('Excessive failed logins');
    expect(a.observables.srcIps).toEqual(['203.0.113.99']);
    expect(a.observables.users).toEqual(['dave']);
  });

  it('reads a Microsoft Graph security alert: the device evidence names the host', () => {
    const a = extract({
      id: 'da6370000000000000_1',
      title: 'Suspicious PowerShell download',
      severity: 'high',
      evidence: [
        {
          '@odata.type': '#microsoft.graph.security.deviceEvidence',
          deviceDnsName: 'ws-77.corp.example',
          ipInterfaces: ['10.7.7.7'],
        },
        {
          '@odata.type': '#microsoft.graph.security.userEvidence',
          userAccount: { accountName: 'judy', domainName: 'CORP' },
        },
      ],
    });
    expect(a.observables.hosts).toEqual(['ws-77.corp.example']);
    expect(a.observables.users).toEqual(['judy']);
    expect(a.observables.ips).toEqual(['10.7.7.7']);
  });

  it('gives an unreadable payload a fallback title and nothing else', () => {
    const a = extract('%%% ??? %%%');
    expect(a.title.length).toBeGreaterThan(0);
    expect(a.recognizedBy).toBe('extractor');
    expect(a.observables.ips).toEqual([]);
    expect(extract(null).title).toBe('Unrecognised alert');
  });
});

// Lines from appliances whose Elastic integrations parse in the agent (CylancePROTECT, Juniper, NetScout), an
// Alertmanager webhook, and an ECS document as a shipper forwards it: the shapes behind each rule, with values made
// up for this test.
describe('heuristic extractor on appliance prose and forwarded documents', () => {
  const o = (raw: unknown) => normalizeAlert(raw).observables;

  it('reads comma-separated `Label:value` fields with no space after the colon and values in parentheses', () => {
    const a = o(
      'Jan 20 02:14:16 av-mgr.corp.example CylancePROTECT Event Type:Threat, Event Name:threat_quarantined, Device Name:WS-0142, Agent Version:3.1, IP Address: (10.237.205.140), MAC Address: (01:00:5e:3f:c4:6c), Logged On Users: (ann), OS:Windows, Zone Names:laptops',
    );
    expect(a.srcIps).toEqual(['10.237.205.140']);
    expect(a.users).toEqual(['ann']);
    expect(a.hosts).toEqual(['WS-0142']);
  });

  it('keeps an address written among words in a comma-separated line, and leaves out a bare range', () => {
    const a = o(
      'Alert Host Detection alert 4411, start 2026-11-21 10:00:00, duration 116.48, direction external, host 10.51.132.10, signatures (syn flood), impact high, importance medium, 10.0.0.0-10.255.255.255, managed_objects (edge)',
    );
    expect(a.ips).toEqual(['10.51.132.10']);
  });

  it('reads srcV6 and dstV6 keys as the two ends, like srcIpv6 and dstIpv6', () => {
    const a = extract(
      'id=firewall sn=C0EAE4 msg="Connection Opened" srcV6=2001:db8::10 dstV6=2001:db8::20 proto=tcp/443',
    );
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
  });

  it('reads sip beside cip (W3C s-ip beside c-ip) as the server, and a lone sip as the source', () => {
    const w3c = extract({
      date: '2024-01-01',
      'c-ip': '192.0.2.11',
      's-ip': '203.0.113.81',
      'cs-method': 'GET',
    });
    expect(w3c.observables.srcIps).toEqual(['192.0.2.11']);
    expect(w3c.observables.dstIps).toEqual(['203.0.113.81']);
    const kv = extract('cip=192.0.2.12 sip=203.0.113.82 action=Blocked');
    expect(kv.observables.dstIps).toEqual(['203.0.113.82']);
    expect(extract('sip=192.0.2.13 dip=203.0.113.83 action=deny').observables.srcIps).toEqual(['192.0.2.13']);
  });

  it('takes no user from phrases written where the user would be', () => {
    const a = extract(
      '%FTD-1-430002: AccessControlRuleAction: Allow, SrcIP: 10.0.100.30, DstIP: 10.0.1.20, Protocol: icmp, User: No Authentication Required, Client: ICMP client',
    );
    expect(a.observables.users).toEqual([]);
    expect(a.observables.srcIps).toEqual(['10.0.100.30']);
  });

  it('reads hyphenated src-ip and dst-ip, and a user named before what was done to them', () => {
    const flow = o('Session (id 7 src-ip 10.142.21.251 dst-ip 198.51.100.147 dst port 6881) route is valid.');
    expect(flow.srcIps).toEqual(['10.142.21.251']);
    expect(flow.dstIps).toEqual(['198.51.100.147']);
    expect(o('Admin user mallory has been rejected via the RADIUS server at 10.11.251.51').users).toEqual([
      'mallory',
    ]);
  });

  it.each([
    ['Jun 20 04:35:42 fw1 LOGIN_FAILED: Too many retries while authenticating user bob', 'bob'],
    ["Jun 20 04:35:42 fw1 apm[1]: Retry Username 'carol'", 'carol'],
    ['Jun 20 04:35:42 vpn1 authd[1]: bad username dave', 'dave'],
  ])('finds the user in %s', (line, user) => {
    expect(o(line).users).toEqual([user]);
  });

  it("reads a network OS's tagged sshd line (Junos) for the user and the address it came from", () => {
    const a = o(
      "Dec  1 01:10:49 fw1 sshd: SSHD_LOGIN_FAILED: Login failed for user 'bob' from host '203.0.113.9'.",
    );
    expect(a.srcIps).toEqual(['203.0.113.9']);
    expect(a.users).toEqual(['bob']);
  });

  it("reads a Prometheus Alertmanager webhook: the `instance` label's machine (without its port) is the host", () => {
    const a = o({
      receiver: 'vigil',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'SSHBruteForce', instance: 'bastion-1.prod.example.com:9100', job: 'node' },
          annotations: { summary: 'Many failed SSH logins from 203.0.113.9' },
          startsAt: '2026-11-21T10:00:00Z',
        },
      ],
      version: '4',
    });
    expect(a.hosts).toEqual(['bastion-1.prod.example.com']);
    expect(a.srcIps).toEqual(['203.0.113.9']);
  });

  it("leaves out the shipper's own metadata in an ECS document: the socket it read from and the agent's host", () => {
    const a = o({
      '@timestamp': '2026-11-21T10:00:00Z',
      agent: { name: 'fleet-collector-1', type: 'filebeat', ephemeral_id: 'a1b2', version: '8.15.0' },
      log: { source: { address: '127.0.0.1:5514' } },
      source: { ip: '203.0.113.9' },
      host: { name: 'web-07' },
      message: 'Blocked request',
    });
    expect(a.srcIps).toEqual(['203.0.113.9']);
    expect(a.ips).toEqual(['203.0.113.9']);
    expect(a.hosts).toEqual(['web-07']);
  });
});
