// The CyberArk PTA parser on synthetic CEF lines: addresses without related.ip, users split at `@` as the
// pipeline relates them, hosts as domains kept out of related.hosts, the facts, negatives, and registry claims.
import { describe, expect, it } from 'vitest';
import { cyberarkPtaParser, ptaUsers } from '../../../src/intake/parsers/cyberark-pta.js';
import { registryClaims } from './registry-claims.js';

const syslogLine =
  'Feb  3 08:10:11 pta-node1 CEF:0|CyberArk|PTA|13.2|26|Active dormant Vault user|5|suser=Operator(Vault user) ' +
  'shost=None src=192.0.2.15 duser=svc_batch@ops.example.test dhost=db7.ops.example.test dst=198.51.100.40 ' +
  'cs1Label=ExtraData cs1=None cs2Label=EventID cs2=0a1b2c3d4e5f60718293a4b5 deviceCustomDate1Label=DetectionDate ' +
  'deviceCustomDate1=1706947811000 cs3Label=PTALink cs3=https://pta.ops.example.test/incidents/0a1b2c3d4e5f60718293a4b5 ' +
  'cs4Label=ExternalLink cs4=None';

const bareLine =
  'CEF:0|CyberArk|PTA|12.6|1|Suspected credentials theft|8|suser=jlee@corp.example.test shost=wks12.corp.example.test ' +
  'src=203.0.113.7 duser=rtaylor@corp.example.test dhost=srv3.corp.example.test dst=2001:db8::44 cs2Label=EventID ' +
  'cs2=ffeeddccbbaa998877665544 deviceCustomDate1Label=detectionDate deviceCustomDate1=1706947811000';

const noneLine =
  '<13>Feb  3 08:10:11 192.0.2.1 CEF:0|CyberArk|PTA|12.6|44|Unmanaged privileged access|3|suser=None shost=None ' +
  'src=None duser=kchen dhost=None dst=0.0.0.0';

const samples = [syslogLine, bareLine, noneLine];

describe('cyberarkPtaParser', () => {
  it('detects PTA CEF records, bare or behind a syslog header', () => {
    for (const s of samples) expect(cyberarkPtaParser.detect(s)).toBe(true);
  });

  it('maps a detection: src/dst without related.ip, source user kept whole, target user split at @', () => {
    const a = cyberarkPtaParser.parse(syslogLine);
    expect(a.format).toBe('cyberark_pta.events');
    expect(a.recognizedBy).toBe('parser:cyberark_pta.events');
    expect(a.title).toBe('CyberArk PTA: Active dormant Vault user');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('26');
    expect(a.observedAt).toBe('2024-02-03T08:10:11.000Z');
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.dstIps).toEqual(['198.51.100.40']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['Operator(Vault user)', 'svc_batch', 'svc_batch@ops.example.test']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['db7.ops.example.test']);
  });

  it('relates name then e-mail for each side and reads an IPv6 destination', () => {
    const a = cyberarkPtaParser.parse(bareLine);
    expect(a.severity).toBe('high');
    expect(a.observables.srcIps).toEqual(['203.0.113.7']);
    expect(a.observables.dstIps).toEqual(['2001:db8::44']);
    expect(a.observables.users).toEqual([
      'jlee',
      'jlee@corp.example.test',
      'rtaylor',
      'rtaylor@corp.example.test',
    ]);
    expect(a.observables.domains).toEqual(['wks12.corp.example.test', 'srv3.corp.example.test']);
  });

  it('drops None placeholders and never reports 0.0.0.0; the syslog sender is no indicator', () => {
    const a = cyberarkPtaParser.parse(noneLine);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['kchen']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
  });

  it('keeps domains out of the ECS related.hosts view', () => {
    expect(cyberarkPtaParser.domainsInRelatedHosts).toBe(false);
  });

  it('splits a user at the first @ only when something precedes it', () => {
    expect(ptaUsers('a@b.example')).toEqual(['a', 'a@b.example']);
    expect(ptaUsers('@b.example')).toEqual(['@b.example']);
    expect(ptaUsers('plain')).toEqual(['plain']);
    expect(ptaUsers(undefined)).toEqual([]);
  });

  it('does not claim other CyberArk or vendor CEF, other text or JSON', () => {
    expect(cyberarkPtaParser.detect('CEF:0|Cyber-Ark|Vault|12.1|7|Logon|5|suser=x src=192.0.2.1')).toBe(
      false,
    );
    expect(cyberarkPtaParser.detect('CEF:0|Other|PTA|1|1|x|5|src=192.0.2.1')).toBe(false);
    expect(
      cyberarkPtaParser.detect('<14>Feb  3 08:10:11 fw01 sshd[1]: Accepted password for x from 192.0.2.1'),
    ).toBe(false);
    expect(cyberarkPtaParser.detect({ message: syslogLine })).toBe(false);
    expect(cyberarkPtaParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser except the generic CEF parser', () => {
    for (const s of samples)
      expect(registryClaims(s, 'cyberark_pta.events').others.filter((n) => n !== 'cef')).toEqual([]);
  });
});
