// Each deterministic parser on synthetic samples of its format: detection, roles of every indicator,
// and that no specific parser claims another format's payload.
import { describe, expect, it } from 'vitest';
import { Alert } from '../../graphs/agents/extraction/contract.js';
import { parsers } from '../../src/intake/parsers/index.js';
import { registryClaims } from './parsers/registry-claims.js';

interface Case {
  parser: string;
  format: string;
  raw: unknown;
  src?: string[];
  dst?: string[];
  ips?: string[];
  users?: string[];
  hosts?: string[];
}

const cases: Case[] = [
  {
    parser: 'suricata.eve',
    format: 'suricata.eve',
    raw: {
      timestamp: '2023-05-01T10:00:00.000000+0000',
      flow_id: 1,
      event_type: 'alert',
      src_ip: '198.51.100.20',
      dest_ip: '2001:0db8:0000:0000:0000:0000:0000:0010',
      alert: { signature: 'ET TEST Synthetic', signature_id: 9000001, severity: 1 },
      tls: { sni: 'bad.example.' },
    },
    src: ['198.51.100.20'],
    dst: ['2001:db8::10'],
    hosts: ['bad.example'],
  },
  {
    parser: 'suricata.eve',
    format: 'suricata.eve',
    raw: {
      timestamp: '2023-05-01T10:00:00Z',
      flow_id: 2,
      event_type: 'dns',
      src_ip: '192.0.2.53',
      dest_ip: '192.0.2.10',
      dns: { type: 'answer', rrname: 'x.example', rdata: '203.0.113.77' },
    },
    src: ['192.0.2.53'],
    dst: ['192.0.2.10'],
    ips: ['192.0.2.53', '192.0.2.10', '203.0.113.77'],
  },
  {
    parser: 'zeek.notice',
    format: 'zeek.notice',
    raw: {
      ts: 1700000000.1,
      note: 'Scan::Address_Scan',
      msg: '192.0.2.9 scanned 25 hosts incl 192.0.2.200',
      src: '192.0.2.9',
    },
    src: ['192.0.2.9'],
    ips: ['192.0.2.9'],
  },
  {
    parser: 'zeek.connection',
    format: 'zeek.connection',
    raw: {
      ts: 1700000000.2,
      uid: 'Cabc',
      'id.orig_h': '10.9.9.9',
      'id.orig_p': 5000,
      'id.resp_h': '203.0.113.1',
      'id.resp_p': 443,
      proto: 'tcp',
      conn_state: 'SF',
    },
    src: ['10.9.9.9'],
    dst: ['203.0.113.1'],
  },
  {
    parser: 'zeek.http',
    format: 'zeek.http',
    raw: {
      ts: 1700000000.3,
      uid: 'Cdef',
      'id.orig_h': '10.9.9.8',
      'id.resp_h': '203.0.113.2',
      trans_depth: 1,
      method: 'GET',
      host: 'www.example.org',
      uri: '/',
      username: 'mallory',
    },
    src: ['10.9.9.8'],
    dst: ['203.0.113.2'],
    users: ['mallory'],
    hosts: [],
  },
  {
    parser: 'snort.log',
    format: 'snort.log',
    raw: '11/02-08:15:00.123456  [**] [1:2000001:3] SYNTHETIC test rule [**] [Classification: Misc activity] [Priority: 3] {TCP} 192.0.2.44:51515 -> 198.51.100.80:80',
    src: ['192.0.2.44'],
    dst: ['198.51.100.80'],
  },
  {
    parser: 'okta.system',
    format: 'okta.system',
    raw: {
      actor: { alternateId: 'jane.roe@corp.example', displayName: 'Jane Roe', type: 'User' },
      client: { ipAddress: '203.0.113.30' },
      request: { ipChain: [{ ip: '203.0.113.30' }] },
      displayMessage: 'User login to Okta',
      eventType: 'user.session.start',
      legacyEventType: 'core.user_auth.login_success',
      outcome: { result: 'SUCCESS' },
      published: '2023-05-01T10:00:00.000Z',
      target: [{ alternateId: 'app-1', displayName: 'App', type: 'AppInstance' }],
    },
    src: ['203.0.113.30'],
    users: ['jane.roe', 'Jane Roe'],
  },
  {
    parser: 'cisco_asa.log',
    format: 'cisco_asa.log',
    raw: 'May 01 2023 10:00:00 EDGE-FW : %ASA-6-302013: Built inbound TCP connection 42 for outside:203.0.113.60/5555 (198.51.100.60/5555)(CORP\\bob) to inside:10.1.1.10/443 (10.1.1.10/443) (CORP\\bob)',
    src: ['203.0.113.60'],
    dst: ['10.1.1.10'],
    ips: ['203.0.113.60', '10.1.1.10', '198.51.100.60'],
    users: ['bob'],
    hosts: ['EDGE-FW', 'CORP'],
  },
  {
    parser: 'cisco_asa.log',
    format: 'cisco_asa.log',
    raw: 'May 01 2023 10:00:01: %ASA-4-106023: Deny udp src inside:10.1.1.11/1234 dst outside:2001:db8::53/53 by access-group "acl_in" [0x0, 0x0]',
    src: ['10.1.1.11'],
    dst: ['2001:db8::53'],
  },
  {
    parser: 'microsoft_defender_endpoint.log',
    format: 'microsoft_defender_endpoint.log',
    raw: {
      id: 'da1',
      title: 'Suspicious PowerShell',
      severity: 'High',
      detectionSource: 'WindowsDefenderAtp',
      category: 'Execution',
      computerDnsName: 'LAPTOP-77',
      alertCreationTime: '2023-05-01T10:00:00Z',
      machineId: 'm1',
      relatedUser: { userName: 'svc-build', domainName: 'CORP' },
      evidence: [],
    },
    users: ['svc-build'],
    hosts: ['laptop-77'],
  },
  {
    parser: 'google_workspace',
    format: 'google_workspace.login',
    raw: {
      kind: 'admin#reports#activity',
      id: { time: '2023-05-01T10:00:00Z', applicationName: 'login' },
      actor: { email: 'ops@corp.example' },
      ipAddress: '198.51.100.90',
      events: [{ type: 'login', name: 'login_failure' }],
    },
    src: ['198.51.100.90'],
    users: ['ops'],
  },
  {
    parser: 'google_workspace',
    format: 'google_workspace.drive',
    raw: {
      kind: 'admin#reports#activity',
      id: { time: '2023-05-01T10:05:00Z', applicationName: 'drive' },
      actor: { email: 'ops@corp.example' },
      ipAddress: '198.51.100.91',
      events: [
        {
          type: 'access',
          name: 'download',
          parameters: [
            { name: 'billable', boolValue: false },
            { name: 'doc_title', value: 'payroll.xlsx' },
            { name: 'owner', value: 'hr.lead@corp.example' },
          ],
        },
      ],
    },
    src: ['198.51.100.91'],
    users: ['ops', 'hr.lead'],
  },
  {
    // The user an admin acted on is a related user (USER_EMAIL's local part); other parameters are not.
    parser: 'google_workspace',
    format: 'google_workspace.admin',
    raw: {
      kind: 'admin#reports#activity',
      id: { time: '2023-05-01T10:06:00Z', applicationName: 'admin' },
      actor: { email: 'it.admin@corp.example' },
      ipAddress: '198.51.100.92',
      events: [
        {
          type: 'USER_SETTINGS',
          name: 'REVOKE_3LO_DEVICE_TOKENS',
          parameters: [
            { name: 'DEVICE_ID', value: 'dev-7' },
            { name: 'USER_EMAIL', value: 'kim.l@corp.example' },
            { name: 'DOMAIN_NAME', value: 'corp.example' },
          ],
        },
      ],
    },
    src: ['198.51.100.92'],
    users: ['it.admin', 'kim.l'],
  },
  {
    parser: 'aws.cloudtrail',
    format: 'aws.cloudtrail',
    raw: {
      eventVersion: '1.08',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      eventTime: '2023-05-01T10:00:00Z',
      sourceIPAddress: '198.51.100.91',
      userIdentity: { type: 'IAMUser', userName: 'deployer' },
    },
    src: ['198.51.100.91'],
    ips: [],
    users: ['deployer'],
  },
  {
    parser: 'azure.signinlogs',
    format: 'azure.signinlogs',
    raw: {
      category: 'SignInLogs',
      operationName: 'Sign-in activity',
      time: '2023-05-01T10:00:00Z',
      callerIpAddress: '[198.51.100.92]:4430',
      properties: { userPrincipalName: 'kim@corp.example', status: { errorCode: 50126 } },
    },
    src: ['198.51.100.92'],
    ips: ['198.51.100.92'],
    users: ['kim'],
  },
  {
    parser: 'system.auth',
    format: 'system.auth',
    raw: 'Mar  3 04:05:06 bastion sshd[777]: Failed password for invalid user oracle from 203.0.113.99 port 40000 ssh2',
    src: ['203.0.113.99'],
    users: ['oracle'],
    hosts: ['bastion'],
  },
  {
    parser: 'system.auth',
    format: 'system.auth',
    raw: 'Mar  3 04:05:07 bastion sudo:   alice : TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/id',
    users: ['alice', 'root'],
    hosts: ['bastion'],
  },
  {
    parser: 'crowdstrike.falcon',
    format: 'crowdstrike.falcon',
    raw: {
      metadata: {
        eventType: 'AuthActivityAuditEvent',
        customerIDString: 'c1',
        eventCreationTime: 1700000000000,
      },
      event: {
        UserId: 'analyst@corp.example',
        UserIp: '198.51.100.93',
        OperationName: 'userAuthenticate',
        Success: false,
      },
    },
    src: ['198.51.100.93'],
    // An e-mail login also by its name, as Elastic relates both.
    users: ['analyst@corp.example', 'analyst'],
  },
  {
    parser: 'iptables.log',
    format: 'iptables.log',
    raw: 'Mar  3 04:05:08 edge kernel: [WAN_IN-10-D]IN=eth0 OUT=eth1 MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=203.0.113.8 DST=10.0.0.8 LEN=60 PROTO=TCP SPT=1234 DPT=22',
    src: ['203.0.113.8'],
    dst: ['10.0.0.8'],
    hosts: [],
  },
  {
    // An ICMP error quoting the packet it answers: the quoted header's addresses are not the logged packet's.
    parser: 'iptables.log',
    format: 'iptables.log',
    raw: 'Mar  3 04:05:09 edge kernel: DENY: IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=192.0.2.71 DST=192.0.2.83 LEN=96 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=ICMP TYPE=3 CODE=3 [SRC=192.0.2.83 DST=198.51.100.191 LEN=68 TOS=0x00 PREC=0x00 TTL=63 ID=2 PROTO=UDP SPT=21458 DPT=62936 LEN=48 ]',
    src: ['192.0.2.71'],
    dst: ['192.0.2.83'],
    ips: ['192.0.2.71', '192.0.2.83'],
  },
  {
    parser: 'cisco_duo.auth',
    format: 'cisco_duo.auth',
    raw: {
      txid: 't1',
      event_type: 'authentication',
      result: 'denied',
      access_device: { ip: '[2001:db8::77]:9000', hostname: null },
      auth_device: { ip: '198.51.100.94' },
      user: { name: 'pat' },
    },
    src: ['2001:db8::77'],
    ips: ['2001:db8::77', '198.51.100.94'],
    users: ['pat'],
    hosts: ['[2001:db8::77]:9000'],
  },
  {
    parser: 'github.audit',
    format: 'github.audit',
    raw: {
      action: 'org.remove_member',
      actor: 'owner-1',
      user: 'member-2',
      org: 'acme',
      created_at: 1700000000000,
    },
    users: ['owner-1', 'member-2'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<134>Mar  3 04:05:09 filterlog[1]: 5,,,100,em0,match,block,in,4,0x0,,64,1,0,DF,6,tcp,60,198.51.100.95,10.0.0.95,5555,22,0,S,1,,1024,,mss',
    src: ['198.51.100.95'],
    dst: ['10.0.0.95'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<29>Mar  3 04:05:10 openvpn[2]: carol/198.51.100.96:1194 MULTI_sva: pool returned IPv4=10.8.0.6, IPv6=(Not enabled)',
    src: ['198.51.100.96'],
    ips: ['198.51.100.96', '10.8.0.6'],
    users: ['carol'],
  },
  {
    // ISC dhcpd: the client's address is the source, the server a request names after it the destination.
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<190>Jul  4 09:39:41 dhcpd[64305]: DHCPREQUEST for 10.150.60.56 (10.150.60.1) from 4c:55:41:a0:fa:99 (pc-7) via eth0.60',
    src: ['10.150.60.56'],
    dst: ['10.150.60.1'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<190>Jul 23 18:11:58 dhcpd[6555]: Sending Reply to fe80::e6c9:2b22:f9db:bfad port 546',
    src: ['fe80::e6c9:2b22:f9db:bfad'],
    dst: [],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<30>1 2021-07-03T23:08:00.777042-05:00 pfSense.example.com charon 18610 - - 14[NET] <con1000|11> sending packet: from 192.0.2.10[500] to 198.51.100.11[4500] (464 bytes)',
    src: ['192.0.2.10'],
    dst: ['198.51.100.11'],
    hosts: [],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<30>Nov 21 10:15:44 gw1 charon: 05[IKE] IKE_SA conn1[3] established between 192.0.2.12[gw1]...198.51.100.13[peer.example.com]',
    src: [],
    ips: ['192.0.2.12', '198.51.100.13'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<30>Nov 21 10:15:44 gw1 charon[999]: 10[IKE] 198.51.100.14 is initiating a Main Mode IKE_SA',
    src: [],
    ips: ['198.51.100.14'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<38>Nov 21 10:15:45 fw sshguard[555]: Attack from "203.0.113.15" on service 100 with danger 10.',
    src: ['203.0.113.15'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<38>Nov 21 10:15:45 fw sshguard[555]: Blocking "203.0.113.16/32" for 120 secs (3 attacks in 5 secs, after 1 abuses over 5 secs.)',
    src: ['203.0.113.16'],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<30>Nov 21 10:15:46 fw unbound[77]: [77:0] info: 192.0.2.17 www.example.com. A IN',
    src: ['192.0.2.17'],
    hosts: [],
  },
  {
    parser: 'pfsense.log',
    format: 'pfsense.log',
    raw: '<30>Nov 21 10:15:47 fw dhcpleases[12]: Sending HUP signal to dns daemon(192.0.2.18)',
    ips: ['192.0.2.18'],
  },
  {
    parser: 'auditd.log',
    format: 'auditd.log',
    raw: 'type=USER_LOGIN msg=audit(1700000000.123:99): pid=1 uid=0 auid=1001 ses=3 msg=\'op=login acct="dave" exe="/usr/sbin/sshd" hostname=peer.example addr=203.0.113.97 terminal=ssh res=failed\'',
    src: ['203.0.113.97'],
    ips: [],
    users: ['dave'],
    hosts: [],
  },
  {
    parser: 'cef',
    format: 'cef.log',
    raw: 'CEF:0|Acme|NGFW|1.0|100|Connection blocked|8|dvc=10.0.0.1 dvchost=fw-a src=192.0.2.71 dst=198.51.100.71 suser=erin msg=blocked 192.0.2.71 -> 198.51.100.200',
    src: ['192.0.2.71'],
    dst: ['198.51.100.71'],
    ips: ['192.0.2.71', '198.51.100.71'],
    users: ['erin'],
    hosts: ['fw-a'],
  },
  {
    // Forwarded by an ArcSight SmartConnector: its own address and name (`agt`, `ahost`, the first connector's
    // `originalAgentAddress`) are the collector, not indicators.
    parser: 'cef',
    format: 'cef.log',
    raw: 'CEF:0|Acme|NGFW|1.0|100|Connection blocked|8|src=192.0.2.72 dst=198.51.100.72 ahost=conn-1.example.net agt=10.2.3.4 agentHostName=conn-0.example.net originalAgentAddress=10.2.88.3 dvchost=fw-b',
    src: ['192.0.2.72'],
    dst: ['198.51.100.72'],
    ips: ['192.0.2.72', '198.51.100.72'],
    hosts: ['fw-b'],
  },
  {
    parser: 'kubernetes.audit_logs',
    format: 'kubernetes.audit_logs',
    raw: {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      verb: 'delete',
      user: { username: 'system:serviceaccount:ci:deployer', uid: '4242' },
      sourceIPs: ['10.2.0.1', '10.2.0.2'],
      objectRef: { resource: 'secrets', namespace: 'prod' },
    },
    src: ['10.2.0.1', '10.2.0.2'],
    users: ['system:serviceaccount:ci:deployer', '4242'],
  },
  {
    parser: 'aws.vpcflow',
    format: 'aws.vpcflow',
    raw: '2 111122223333 eni-0a1b2c3d 198.51.100.98 10.0.0.98 443 50000 6 10 840 1700000000 1700000060 REJECT OK',
    src: ['198.51.100.98'],
    dst: ['10.0.0.98'],
  },
  {
    parser: 'aws.vpcflow',
    format: 'aws.vpcflow',
    raw: '2 111122223333 eni-1.2.3.4ffff - - - - - - - 1700000000 1700000060 - NODATA',
    ips: [],
  },
  {
    parser: 'nginx.access',
    format: 'nginx.access',
    raw: '2001:db8::99 - frank [01/May/2023:10:00:00 +0000] "POST /login HTTP/1.1" 401 12 "-" "curl/8.0"',
    src: ['2001:db8::99'],
    users: ['frank'],
  },
  {
    parser: 'nginx.access',
    format: 'nginx.access',
    raw: '::1 - - [26/Dec/2016:16:16:29 +0200] "GET /favicon.ico HTTP/1.1" 404 209',
    src: ['::1'],
  },
  {
    // A forwarded-for list: the client is its first public address; the proxies are not indicators.
    parser: 'nginx.access',
    format: 'nginx.access',
    raw: '10.0.0.2, 10.0.0.1, 203.0.113.14 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "curl/8.0"',
    src: ['203.0.113.14'],
    ips: ['203.0.113.14'],
  },
  {
    // All private: the first. A list may also be written with spaces only.
    parser: 'nginx.access',
    format: 'nginx.access',
    raw: '10.0.0.2, 10.0.0.1 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET / HTTP/1.1" 200 571',
    src: ['10.0.0.2'],
    ips: ['10.0.0.2'],
  },
  {
    // The server's address (with its port) before the client: the destination.
    parser: 'nginx.access',
    format: 'nginx.access',
    raw: '198.51.100.15:80 2001:db8::6fc6, 10.225.192.17 - alice [12/Apr/2018:09:48:40 +0200] "GET /x HTTP/1.1" 403 0 "-" "-"',
    src: ['2001:db8::6fc6'],
    dst: ['198.51.100.15'],
    ips: ['2001:db8::6fc6', '198.51.100.15'],
    users: ['alice'],
  },
  {
    parser: 'iis.access',
    format: 'iis.access',
    raw: '2026-02-11 09:30:12 W3SVC2 WEB-FRONT-1 10.40.0.12 POST /owa/auth.owa - 443 CORP%5Cmaria 198.51.100.140 Mozilla/5.0+(X11;+Linux+x86_64) - 302 0 0 41',
    src: ['198.51.100.140'],
    dst: ['10.40.0.12'],
    users: ['maria'],
    hosts: ['WEB-FRONT-1'],
  },
  {
    parser: 'iis.access',
    format: 'iis.access',
    raw: '2026-02-11 09:30:13 10.40.0.12 GET /aspnet_client/shell.aspx cmd=whoami 80 - 2001:db8::77 curl/8.5.0 - 404 0 2 3',
    src: ['2001:db8::77'],
    dst: ['10.40.0.12'],
    users: [],
  },
  {
    parser: 'leef',
    format: 'leef',
    raw: 'LEEF:1.0|Acme|IDS|2.0|4001|src=192.0.2.81\tdst=198.51.100.81\tusrName=gina\tsev=7',
    src: ['192.0.2.81'],
    dst: ['198.51.100.81'],
    users: ['gina'],
  },
  {
    parser: 'syslog',
    format: 'syslog',
    raw: '<38>1 2023-05-01T10:00:00Z web01 myapp 99 - - login failed for user henry from 203.0.113.83',
    src: ['203.0.113.83'],
    users: ['henry'],
  },
];

const byName = new Map(parsers.map((p) => [p.name, p]));

describe('deterministic parsers', () => {
  it.each(cases.map((c, i) => [`${c.parser} #${i}`, c] as const))(
    '%s recognises and reads its sample',
    (_label, c) => {
      const parser = byName.get(c.parser);
      expect(parser, `parser ${c.parser} is registered`).toBeDefined();
      if (!parser) return;
      expect(parser.detect(c.raw)).toBe(true);
      // The first detector to claim it, every detector held to its claims on it (registryClaims throws).
      expect(registryClaims(c.raw, c.parser).first).toBe(c.parser);
      const alert = Alert.parse(parser.parse(c.raw));
      expect(alert.recognizedBy).toBe(`parser:${c.parser}`);
      expect(alert.format).toBe(c.format);
      expect(alert.title.length).toBeGreaterThan(0);
      const o = alert.observables;
      if (c.src) expect(o.srcIps).toEqual(c.src);
      if (c.dst) expect(o.dstIps).toEqual(c.dst);
      if (c.ips) expect([...o.ips].sort()).toEqual([...c.ips].sort());
      if (c.users) expect(o.users).toEqual(c.users);
      if (c.hosts) expect(o.hosts).toEqual(c.hosts);
    },
  );

  it('has no specific parser that claims a sample of another format', () => {
    for (const c of cases) {
      const claimants = parsers
        .filter((p) => p.generic !== true && p.name !== c.parser && p.detect(c.raw))
        .map((p) => p.name);
      expect(claimants, `${c.parser} sample`).toEqual([]);
    }
  });

  it('lets no detector throw on hostile input', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      '',
      '{',
      [],
      [null],
      { __proto__: { event_type: 'x' } },
      'x'.repeat(100_000),
      { kind: 5, id: null },
    ];
    for (const raw of hostile) for (const p of parsers) expect(() => p.detect(raw)).not.toThrow();
  });
});
