// The PingDirectory parser on synthetic LDAP and HTTP access lines and audit records: detection, the
// indicators Elastic's ping_directory pipelines map (client and server addresses, DNs as related users), and
// no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { pingDirectoryParser } from '../../../src/intake/parsers/ping-directory.js';
import { registryClaims } from './registry-claims.js';

const connect =
  '[02/Jan/2025:10:00:00.100 +0000] CONNECT instanceName="ds-lab-1" threadID=11 conn=7 from="192.0.2.10" fromPort=51000 to="198.51.100.5" toPort=636 protocol="LDAPS" clientConnectionPolicy="default"';
const negotiation =
  '[02/Jan/2025:10:00:00.200 +0000] SECURITY-NEGOTIATION requesterIP="192.0.2.10" instanceName="ds-lab-1" threadID=12 conn=7 protocol="TLSv1.3" cipher="TLS_AES_128_GCM_SHA256"';
const bindFailed =
  '[02/Jan/2025:10:00:01.250 +0100] BIND RESULT instanceName="ds-lab-1" threadID=13 conn=7 op=0 msgID=1 requesterIP="192.0.2.10" version="3" dn="uid=alice,ou=People,dc=example,dc=org" authType="SIMPLE" resultCode=49 resultCodeName="Invalid Credentials" authFailureReason="wrong password" qtime=0 etime=1.5';
const bindOk =
  '[02/Jan/2025:10:00:02.000 +0000] BIND RESULT instanceName="ds-lab-1" threadID=13 conn=8 op=0 msgID=1 requesterIP="192.0.2.11" version="3" dn="uid=bob,ou=People,dc=example,dc=org" authType="SIMPLE" resultCode=0 resultCodeName="Success" authDN="uid=bob,ou=People,dc=example,dc=org" qtime=0 etime=0.8';
const modify =
  '[02/Jan/2025:10:00:03.000 +0000] MODIFY RESULT instanceName="ds-lab-1" threadID=14 conn=8 op=1 msgID=2 requesterIP="192.0.2.11" requesterDN="uid=bob,ou=People,dc=example,dc=org" dn="uid=carol,ou=People,dc=example,dc=org" resultCode=0 resultCodeName="Success" qtime=0 etime=2.0';
const viaGateway =
  '[02/Jan/2025:10:00:04.000 +0000] SEARCH RESULT instanceName="ds-lab-1" threadID=15 conn=9 op=3 msgID=4 requesterIP="198.51.100.20" requesterDN="cn=gateway,cn=Root DNs,cn=config" via="app=\'PingDirectory REST API\' clientIP=\'203.0.113.44\' sessionID=\'s1\' requestID=\'r1\'" base="dc=example,dc=org" scope=2 filter="(uid=dave)" resultCode=0 resultCodeName="Success" qtime=0 etime=0.4 entriesReturned=1';
const disconnect =
  '[02/Jan/2025:10:00:05.000 +0000] DISCONNECT requesterIP="2001:db8::7" requesterDN="" instanceName="ds-lab-1" threadID=16 conn=10 reason="I/O Error" msg="read failed: peer from=192.0.2.99 reset (Conn.java:1)"';
const internal =
  '[02/Jan/2025:10:00:06.000 +0000] SEARCH RESULT instanceName="ds-lab-1" threadID=17 conn=-1 op=5 msgID=6 requesterIP="internal" requesterDN="cn=Internal Client,cn=Root DNs,cn=config" base="cn=config" scope=0 resultCode=0 resultCodeName="Success"';
const framed = `<134>1 2025-01-02T10:00:07.000Z ds-host-1 PingDirectory 4242 text-access - ${modify.replace('10:00:03.000', '10:00:07.000')}`;
const httpResult =
  '[02/Jan/2025:10:01:00.000 +0000] RESULT instanceName="ds-lab-1" threadID=20 requestID=3 correlationID="c-1" from="203.0.113.8:50123" method="GET" url="https://directory.example.net:1443/scim/v2/Users" requestHeader="Host: directory.example.net:1443" requestHeader="User-Agent: curl/8.0" authorizationType="Bearer" statusCode=401 etime=3.2 responseContentLength=118 responseHeader="X-Frame-Options: SAMEORIGIN"';

const purpose =
  'operationPurpose={ "applicationName":"PingDirectory", "codeLocation":"Tool.run:1 Tool.main:2" }';
const auditAdd = [
  `# 02/Jan/2025:11:00:00.500 +0100; conn=31; op=4; instanceName="ds-lab-1"; threadID=21; clientIP=198.51.100.30; requesterDN="cn=Admin Erin,cn=Root DNs,cn=config"; ${purpose}`,
  'dn: uid=frank,ou=People,dc=example,dc=org',
  'changetype: add',
  'objectClass: inetOrgPerson',
  'cn: Frank',
  'creatorsName: cn=Admin Erin,cn=Root DNs,cn=config',
  'modifiersName: cn=Admin Erin,cn=Root DNs,cn=config',
].join('\n');
const auditModify =
  '# 02/Jan/2025:11:00:01.000 +0000; conn=32; op=5; instanceName="ds-lab-1"; threadID=22; clientIP=2001:db8::30; requesterDN="uid=grace,ou=People,dc=example,dc=org"; dn: cn=Group Sync,cn=Loggers,cn=config changetype: modify replace: ds-cfg-enabled ds-cfg-enabled: false - replace: modifiersName modifiersName: uid=heidi,ou=People,dc=example,dc=org - replace: modifyTimestamp';
const auditDelete = [
  '# 02/Jan/2025:11:00:02.000 +0000; conn=33; op=1; instanceName="ds-lab-1"; threadID=23; clientIP=192.0.2.33; requesterDN="cn=Admin Erin,cn=Root DNs,cn=config"',
  'dn: cn=testers,ou=Groups,dc=example,dc=org',
  'changetype: delete',
].join('\n');

const all = [
  auditAdd,
  auditModify,
  auditDelete,
  connect,
  negotiation,
  bindFailed,
  bindOk,
  modify,
  viaGateway,
  disconnect,
  internal,
  framed,
  httpResult,
];

describe('pingDirectoryParser', () => {
  it('detects PingDirectory access lines, plain and syslog-framed, and nothing else', () => {
    for (const s of all) expect(pingDirectoryParser.detect(s)).toBe(true);
    expect(pingDirectoryParser.detect('[02/Jan/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 12')).toBe(false);
    expect(
      pingDirectoryParser.detect(
        '192.0.2.1 - bob [02/Jan/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl"',
      ),
    ).toBe(false);
    expect(pingDirectoryParser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol')).toBe(
      false,
    );
    expect(pingDirectoryParser.detect({ message: connect })).toBe(false);
    expect(pingDirectoryParser.detect(42)).toBe(false);
    expect(pingDirectoryParser.detect('# a comment line about 02/Jan/2025')).toBe(false);
  });

  it('reads a CONNECT line: the client as the source and the server as the destination', () => {
    const a = pingDirectoryParser.parse(connect);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.5']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.5']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.format).toBe('ping_directory.ldap_access');
    expect(a.recognizedBy).toBe('parser:ping_directory');
    expect(a.ruleId).toBe('CONNECT');
    expect(a.observedAt).toBe('2025-01-02T10:00:00.100Z');
  });

  it('takes the requester address as the source when the line has no from address', () => {
    const a = pingDirectoryParser.parse(negotiation);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.title).toBe('PingDirectory SECURITY-NEGOTIATION');
  });

  it('reports a failed bind with the bound DN as a user, the result and the zone-adjusted time', () => {
    const a = pingDirectoryParser.parse(bindFailed);
    expect(a.observables.users).toEqual(['uid=alice,ou=People,dc=example,dc=org']);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.severity).toBe('medium');
    expect(a.title).toBe(
      'PingDirectory BIND RESULT uid=alice,ou=People,dc=example,dc=org (Invalid Credentials)',
    );
    expect(a.observedAt).toBe('2025-01-02T09:00:01.250Z');
    expect(pingDirectoryParser.parse(bindOk).severity).toBe('info');
    expect(pingDirectoryParser.parse(bindOk).observables.users).toEqual([
      'uid=bob,ou=People,dc=example,dc=org',
    ]);
  });

  it('relates the target DN before the requester DN, whole, as Elastic does', () => {
    const a = pingDirectoryParser.parse(modify);
    expect(a.observables.users).toEqual([
      'uid=carol,ou=People,dc=example,dc=org',
      'uid=bob,ou=People,dc=example,dc=org',
    ]);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
  });

  it('relates the client address of a search made through a gateway', () => {
    const a = pingDirectoryParser.parse(viaGateway);
    expect(a.observables.srcIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '203.0.113.44']);
    expect(a.observables.users).toEqual(['cn=gateway,cn=Root DNs,cn=config']);
  });

  it('ignores what a DISCONNECT message says and reads the IPv6 requester', () => {
    const a = pingDirectoryParser.parse(disconnect);
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
    expect(a.observables.ips).toEqual(['2001:db8::7']);
    expect(a.observables.users).toEqual([]);
  });

  it('reports no address for an internal operation', () => {
    const a = pingDirectoryParser.parse(internal);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['cn=Internal Client,cn=Root DNs,cn=config']);
  });

  it('reads a syslog-framed line from its bracketed time and keeps the sender out of the hosts', () => {
    const a = pingDirectoryParser.parse(framed);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-01-02T10:00:07.000Z');
  });

  it('reads an HTTP access line: the client address related only and the URL host as a domain', () => {
    const a = pingDirectoryParser.parse(httpResult);
    expect(a.format).toBe('ping_directory.http_access');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.8']);
    expect(a.observables.domains).toEqual(['directory.example.net']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('HTTP RESULT');
    expect(pingDirectoryParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an audit record: the client related, the common names of the requester, creator and entry', () => {
    const a = pingDirectoryParser.parse(auditAdd);
    expect(a.format).toBe('ping_directory.audit');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.30']);
    expect(a.observables.users).toEqual(['Admin Erin', 'frank']);
    expect(a.observedAt).toBe('2025-01-02T10:00:00.500Z');
    expect(a.ruleId).toBe('audit:add');
    expect(a.title).toBe('PingDirectory audit add uid=frank,ou=People,dc=example,dc=org');
  });

  it('reads a one-line audit record with the modifier named in the LDIF changes, not the configuration entry', () => {
    const a = pingDirectoryParser.parse(auditModify);
    expect(a.observables.ips).toEqual(['2001:db8::30']);
    expect(a.observables.users).toEqual(['grace', 'heidi']);
    expect(a.ruleId).toBe('audit:modify');
  });

  it('reads a requester DN that ends the header line, and relates no group entry', () => {
    const a = pingDirectoryParser.parse(auditDelete);
    // A group is no user: only a person entry (uid=…, or an inetOrgPerson or person) is related.
    expect(a.observables.users).toEqual(['Admin Erin']);
    const person = auditDelete.replace('dn: cn=testers,ou=Groups', 'dn: uid=ivan,ou=People');
    expect(pingDirectoryParser.parse(person).observables.users).toEqual(['Admin Erin', 'ivan']);
    expect(a.observables.ips).toEqual(['192.0.2.33']);
    expect(a.severity).toBe('low');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of all) expect(registryClaims(s, 'ping_directory').others).toEqual([]);
  });
});
