// The FortiAuthenticator parser on synthetic syslog lines (BSD, BSD with a program, RFC 5424) of every
// subcategory it maps (Authentication, Admin Configuration, System, High Availability): detection, indicators as
// Elastic's fortinet_fortiauthenticator.log pipeline maps them, and that other Fortinet lines are not claimed.
import { describe, expect, it } from 'vitest';
import { fortinetFortiauthenticatorParser } from '../../../src/intake/parsers/fortinet-fortiauthenticator.js';
import { registryClaims } from './registry-claims.js';

const BSD = 'Mar  4 09:10:11 fac-lab';
const pairs = (
  sub: string,
  typeid: number,
  user: string,
  nas: string,
  userip: string,
  action = '',
  status = '',
) =>
  `category="Event" subcategory="${sub}" typeid=${typeid} level="information" user="${user}" nas="${nas}" userip="${userip}" action="${action}" status="${status}"`;

const adFailed = `${BSD} ${pairs('Authentication', 20334, 'jdoe', 'FAC_TAC_PLUS:198.51.100.1', '192.0.2.10', 'Authentication', 'Failed')} Windows AD user authentication from 192.0.2.10  with no token failed: AD auth error: .Bad password. (0xc000006a)`;
const eapStart = `${BSD} ${pairs('Authentication', 20430, 'jdoe', '198.51.100.2', '', 'EAP Login', 'Start')} EAP session start from 192.0.2.20`;
const eapLogin = `${BSD} ${pairs('Authentication', 20431, 'jdoe', '198.51.100.2', '', 'EAP Login', 'Success')} EAP-TTLS login successful by jdoe from 192.0.2.20`;
const dot1x = `${BSD} ${pairs('Authentication', 20420, 'jdoe', '198.51.100.2', '', 'Authentication', 'Success')} 802.1x authentication (EAP-GTC) successful`;
const addedUser = `${BSD} db[3100]:  ${pairs('Admin Configuration', 10001, 'root-admin', '', '', 'Add')} Added Local User: mallory`;
const tokenAssigned = `${BSD} db[3100]:  ${pairs('Admin Configuration', 10002, '', '', '', 'Edit')} Assigning FortiToken FTKMOB0000000001 to remote LDAP user kim`;
const smtp = `${BSD} ${pairs('System', 30908, 'opsadmin', '', '')} smtp mail: send to someone@example.com via 192.0.2.30:25 ok`;
const haFailure = `${BSD} ${pairs('High Availability', 40004, '', '', '')} LB device  failed to connect from 192.0.2.40`;
const webAccess = `<14>1 2025-02-03T04:05:06+01:00 fac-lab db 4242 - -  ${pairs('Authentication', 20994, 'admin', '203.0.113.5', '', 'Login', 'Success')} Web access granted to 'admin'`;
const ipv6 = `${BSD} db[3100]:  ${pairs('Authentication', 20001, 'lee', '2001:db8::1', '2001:db8::10', 'Authentication', 'Success')} Windows AD user authentication from 2001:db8::10  with no token successful`;
const update = `${BSD} ${pairs('System', 30011, '', '', '')} status=update msg="FortiAuthenticator scheduled update from 192.0.2.50:443"`;

const samples = [
  adFailed,
  eapStart,
  eapLogin,
  dot1x,
  addedUser,
  tokenAssigned,
  smtp,
  haFailure,
  webAccess,
  ipv6,
  update,
];
const parse = (raw: string) => fortinetFortiauthenticatorParser.parse(raw);

describe('fortinetFortiauthenticatorParser', () => {
  it('detects FortiAuthenticator lines under each syslog header it is sent with', () => {
    for (const raw of samples) expect(fortinetFortiauthenticatorParser.detect(raw)).toBe(true);
  });

  it('reads an AD authentication: userip as source, then the NAS (its prefix stripped) as related', () => {
    const alert = parse(adFailed);
    expect(alert.format).toBe('fortinet_fortiauthenticator.log');
    expect(alert.recognizedBy).toBe('parser:fortinet_fortiauthenticator.log');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['192.0.2.10', '198.51.100.1']);
    expect(alert.observables.users).toEqual(['jdoe']);
    expect(alert.severity).toBe('low');
    expect(alert.ruleId).toBe('20334');
  });

  it('takes the source from an EAP session message when userip is empty', () => {
    const o = parse(eapStart).observables;
    expect(o.srcIps).toEqual(['192.0.2.20']);
    expect(o.ips).toEqual(['192.0.2.20', '198.51.100.2']);
  });

  it('falls back to the NAS as source when the message names no address Elastic reads', () => {
    for (const raw of [eapLogin, dot1x]) {
      const o = parse(raw).observables;
      expect(o.srcIps).toEqual(['198.51.100.2']);
      expect(o.ips).toEqual(['198.51.100.2']);
      expect(o.users).toEqual(['jdoe']);
    }
  });

  it('reports the account an admin configuration record acts on after the acting user', () => {
    expect(parse(addedUser).observables.users).toEqual(['root-admin', 'mallory']);
    expect(parse(tokenAssigned).observables.users).toEqual(['kim']);
    expect(parse(addedUser).observables.ips).toEqual([]);
  });

  it('reports the user of a system record but not the addresses in its message', () => {
    const o = parse(smtp).observables;
    expect(o.users).toEqual(['opsadmin']);
    expect([...o.srcIps, ...o.ips, ...o.hosts]).toEqual([]);
    const ha = parse(haFailure).observables;
    expect([...ha.srcIps, ...ha.ips, ...ha.users]).toEqual([]);
  });

  it('reads the RFC 5424 header: its time, and the NAS as source of a web login', () => {
    const alert = parse(webAccess);
    expect(alert.observedAt).toBe('2025-02-03T03:05:06.000Z');
    expect(alert.observables.srcIps).toEqual(['203.0.113.5']);
    expect(alert.observables.users).toEqual(['admin']);
    expect(alert.title).toContain("Web access granted to 'admin'");
    expect(parse(adFailed).observedAt).toBeNull();
  });

  it('keeps an IPv6 NAS whole', () => {
    const o = parse(ipv6).observables;
    expect(o.srcIps).toEqual(['2001:db8::10']);
    expect(o.ips).toEqual(['2001:db8::10', '2001:db8::1']);
  });

  it('takes the message from the msg pair when no free text follows the pairs', () => {
    const alert = parse(update);
    expect(alert.title).toContain('FortiAuthenticator System: FortiAuthenticator scheduled update');
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('info');
  });

  it('does not claim other Fortinet products, CEF or other formats', () => {
    const others = [
      '<189>date=2024-03-05 time=10:00:00 devname="FGT-LAB" devid="FGT60F0000000001" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.1 dstip=198.51.100.1',
      '<189>date=2024-03-05 time=10:00:00 devname="PXY" devid="FPXVM0000000001" logid="0000000010" type="traffic" subtype="forward" srcip=192.0.2.1',
      '<134>date=2024-03-05 time=10:00:00 devname="FMG-LAB" devid="FMGVMS0000000001" logid="0031040026" type="event" subtype="system" level="information" user="admin"',
      'date=2024-03-05 time=10:00:00 device_id=FE-3KE0000000001 log_id=0003000001 type=event subtype=admin pri=information user=admin ui=GUI(192.0.2.1) msg="User admin login successfully"',
      '<14>1 2024-03-05T10:00:00Z host app - - - Organization: Lab;Organization ID: 1;Event ID: 2;Device Name: pc',
      'CEF:0|Fortinet|FortiAuthenticator|6.5|20334|auth failed|3|src=192.0.2.1 suser=jdoe',
      `${BSD} category="Event" subcategory="Authentication" typeid=20334 logid="0000000013" user="jdoe"`,
      `${BSD} subcategory="Authentication" typeid=20334 user="jdoe"`,
      '{"category":"Event","subcategory":"Authentication","typeid":20334}',
      'Mar  4 09:10:11 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
    ];
    for (const raw of others) expect(fortinetFortiauthenticatorParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser that claims its samples', () => {
    for (const raw of samples)
      expect(registryClaims(raw, fortinetFortiauthenticatorParser.name).others).toEqual([]);
  });
});
