// The FortiMail parser on synthetic syslog records of every log type it maps (history, antispam, antivirus,
// mail event, system event, encryption): detection, the role of each indicator as Elastic's
// fortinet_fortimail pipelines map it, and that neither FortiGate lines nor other parsers' formats collide.
import { describe, expect, it } from 'vitest';
import { fortimailParser } from '../../../src/intake/parsers/fortimail.js';
import { registryClaims } from './registry-claims.js';

const HEAD = 'date=2024-03-05,time=10:00:00.123,device_id=FEVM010000000001';

const history = `<187>${HEAD},log_id=0200001234,type=statistics,pri=information,session_id="a1B2c3-d4E5f6",client_name="mx1.sender.example",client_ip="198.51.100.25",client_cc="US",dst_ip="192.0.2.10",from="alice@sender.example",hfrom="alice@sender.example",to="bob@corp.example",polid="0:1:1:SYSTEM",domain="corp.example",mailer="mta",resolved="OK",src_type="ext",direction="in",virus="",disposition="Accept",classifier="Not Spam",detail='Content',message_length="1234",subject="Quarterly, final",scan_time="0.5"`;

const historyNoClient = `<187>${HEAD},log_id=0200001235,type=statistics,pri=information,session_id="x",client_name="relay-lab",client_ip="0.0.0.0",dst_ip="192.0.2.11",from="carol@sender.example",to="dave@corp.example",virus="",disposition="Delay",classifier="Session Limits"`;

const antivirus = `<190>${HEAD},log_id=0400003001,type=virus,subtype=infected,pri=information,from="mallory@bad.example",to="bob@corp.example",src=203.0.113.66,session_id="s-1",msg="The file invoice.zip is infected with EICAR_TEST_FILE."`;

const antispamUrl = `<22>${HEAD},log_id=0303008001,type=spam,subtype=url,pri=information, wf_cat_id="61",url="https://bad-site.example/login?x=1",session_id="s-2",client_name="smtp.bad-site.example",client_ip="203.0.113.70",dst_ip="192.0.2.10",from="noreply@bad-site.example",to="erin@corp.example",subject="Reset your password",msg="FortiGuard-WebFilter identified URL"`;

const webmailLogin = `<190>${HEAD},log_id=0000002600,type=event,subtype=webmail,pri=information, user=webmail,ui=webmail,action=unknown,status=success,msg="WebMail: User carol@corp.example from 203.0.113.40 logged in."`;

const webmailFailure = `<182>${HEAD},log_id=0000002601,type=event,subtype=webmail,pri=information, user=webmail,ui=webmail,action=unknown,status=failure,msg="WebMail: Login for 'dave@corp.example' from 2001:db8::40 failed"`;

const imap = `<191>${HEAD},log_id=0002002800,type=event,subtype=imap,pri=debug, user=mail,ui=mail,action=none,status=success,session_id='s-3',msg="mailbox Inbox[/var/spool/home/corp.example/dave/Inbox] is updated"`;

const adminLogin = `<190>${HEAD},log_id=0701002231,type=kevent,subtype=admin,pri=information, user=admin,ui=ssh(192.0.2.50),action=login,status=success,reason=none,msg="User admin login successfully from ssh(192.0.2.50)"`;

const configChange = `<190>${HEAD},log_id=0700001767,type=kevent,subtype=config,pri=information, user=opsadmin,ui=http(198.51.100.8),module=unknown,submodule=unknown,msg="Modified 'port1' on 'system interface' : ip[192.0.2.1/24->192.0.2.2/24] (user: opsadmin, from: http(198.51.100.8))"`;

const blockRule = `<191>${HEAD},log_id=0702001941,type=kevent,subtype=system,pri=debug, user=,ui=,action=none,status=none,msg="authserver: added block rule for 203.0.113.99 until 2024-03-05 11:00 -0000"`;

const encrypt = `<142>${HEAD},log_id=0400003064,type=encrypt,pri=information,session_id="",msg="User erin@corp.example read secure message, id:'m-42', sent from: 'frank@partner.example', subject: 'plans, v2'"`;

const spaced =
  'date=2024-03-05 time=10:00:00 device_id=FE100C0000000002 log_id=0001001623 type=event subtype=admin pri=information user=admin ui=GUI(192.0.2.77) action=login status=success reason=none msg="User admin login successfully from GUI(192.0.2.77)"';

const samples = [
  history,
  historyNoClient,
  antivirus,
  antispamUrl,
  webmailLogin,
  webmailFailure,
  imap,
  adminLogin,
  configChange,
  blockRule,
  encrypt,
  spaced,
];

const parse = (raw: string) => fortimailParser.parse(raw);

describe('fortimailParser', () => {
  it('detects every FortiMail sample and names the format', () => {
    for (const raw of samples) {
      expect(fortimailParser.detect(raw)).toBe(true);
      const a = parse(raw);
      expect(a.format).toBe('fortinet_fortimail.log');
      expect(a.recognizedBy).toBe('parser:fortinet_fortimail');
    }
  });

  it('reads a history record: SMTP client as source, recipient server as destination, client name and addresses as users', () => {
    const a = parse(history);
    expect(a.observables.srcIps).toEqual(['198.51.100.25']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['198.51.100.25', '192.0.2.10']);
    expect(a.observables.users).toEqual(['mx1.sender.example', 'alice@sender.example', 'bob@corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['mx1.sender.example']);
    expect(a.observables.emails).toEqual(['alice@sender.example', 'bob@corp.example']);
    expect(a.title).toBe('FortiMail history: Not Spam: Accept alice@sender.example -> bob@corp.example');
    expect(a.ruleId).toBe('0200001234');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.123Z');
  });

  it('never emits 0.0.0.0 as an indicator and keeps a dotless client name a user only', () => {
    const a = parse(historyNoClient);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.11']);
    expect(a.observables.users).toEqual(['relay-lab', 'carol@sender.example', 'dave@corp.example']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads an antivirus record: src as the source, sender and recipient as users, rated high', () => {
    const a = parse(antivirus);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.66']);
    expect(a.observables.users).toEqual(['mallory@bad.example', 'bob@corp.example']);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('FortiMail virus/infected: The file invoice.zip is infected with EICAR_TEST_FILE.');
  });

  it('reads an antispam url record: client and server addresses, the URL and its site as indicators kept out of hosts', () => {
    const a = parse(antispamUrl);
    expect(a.observables.srcIps).toEqual(['203.0.113.70']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual([
      'smtp.bad-site.example',
      'noreply@bad-site.example',
      'erin@corp.example',
    ]);
    expect(a.observables.urls).toEqual(['https://bad-site.example/login?x=1']);
    expect(a.observables.domains).toEqual(['smtp.bad-site.example', 'bad-site.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(fortimailParser.domainsInRelatedHosts).toBe(false);
    expect(a.severity).toBe('low');
  });

  it('reads a WebMail login: the logged-in user and the address in the message as related only', () => {
    const a = parse(webmailLogin);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual(['webmail', 'carol@corp.example']);
  });

  it("reads a failed WebMail login for 'name' from an IPv6 address, rated low", () => {
    const a = parse(webmailFailure);
    expect(a.observables.ips).toEqual(['2001:db8::40']);
    expect(a.observables.users).toEqual(['webmail', 'dave@corp.example']);
    expect(a.severity).toBe('low');
  });

  it('reads a mail event without addresses: only the record user', () => {
    const a = parse(imap);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['mail']);
    expect(a.severity).toBe('info');
  });

  it('reads a system admin login: the ui address as the source, the admin as the user', () => {
    const a = parse(adminLogin);
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.ips).toEqual(['192.0.2.50']);
    expect(a.observables.users).toEqual(['admin']);
    expect(a.title).toBe('FortiMail kevent/admin: User admin login successfully from ssh(192.0.2.50)');
  });

  it('reads a configuration change: the ui address, not the configured interface addresses', () => {
    const a = parse(configChange);
    expect(a.observables.srcIps).toEqual(['198.51.100.8']);
    expect(a.observables.ips).toEqual(['198.51.100.8']);
    expect(a.observables.users).toEqual(['opsadmin']);
  });

  it('relates the address of an authserver block rule without making it a source', () => {
    const a = parse(blockRule);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.99']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an encryption record: the reader and the sender of the secure message as users', () => {
    const a = parse(encrypt);
    expect(a.observables.users).toEqual(['erin@corp.example', 'frank@partner.example']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toContain("sent from: 'frank@partner.example'");
  });

  it('reads the space-separated layout of the FortiMail documentation the same way', () => {
    const a = parse(spaced);
    expect(a.observables.srcIps).toEqual(['192.0.2.77']);
    expect(a.observables.users).toEqual(['admin']);
    expect(a.ruleId).toBe('0001001623');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('reads a record behind an RFC 3164 syslog header, rating it by PRI when it has no pri field', () => {
    const raw = `<187>Mar  5 10:00:00 fortimail-lab ${HEAD},log_id=0702001987,type=kevent,subtype=system,user=,ui=,msg="FortiSandbox server is not available"`;
    expect(fortimailParser.detect(raw)).toBe(true);
    const a = parse(raw);
    expect(a.severity).toBe('high');
    expect(a.observables.users).toEqual([]);
    expect(a.ruleId).toBe('0702001987');
  });

  it('does not claim FortiGate, FortiOS 4, FortiManager or other formats', () => {
    const others = [
      'date=2024-03-05 time=10:00:00 devname="FGT-LAB" devid="FGT60F0000000001" eventtime=1709632800 logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.1 dstip=198.51.100.1 action="accept"',
      '<189>date=2024-03-05,time=10:00:00,devname=FGT-LAB,device_id=FGT60C0000000001,log_id=0100032001,type=event,subtype=admin,pri=information,user=admin,ui=GUI(192.0.2.5),msg="User admin login successfully"',
      '<134>date=2024-03-05 time=10:00:00 tz="+0000" devname=FMG-LAB device_id=FMGVMS0000000001 log_id=0028037018 type=event subtype=fazsys pri=information user="system" msg="update"',
      'Mar  5 10:00:00 mail-lab postfix/smtpd[123]: connect from unknown[192.0.2.9]',
      '{"date":"2024-03-05","device_id":"FEVM010000000001","log_id":"0200001234"}',
      { message: history },
      '',
    ];
    for (const raw of others) expect(fortimailParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of samples) expect(registryClaims(raw, 'fortinet_fortimail').others).toEqual([]);
  });
});
