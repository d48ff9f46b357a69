// The Delinea (Thycotic) Secret Server parser on synthetic CEF syslog lines: the client address, the acting and
// target users as Elastic's grok keeps them, the facts, a negative, and that only the generic CEF parser also claims them.
import { describe, expect, it } from 'vitest';
import { thycoticSsParser, thycoticUserName } from '../../../src/intake/parsers/thycotic-ss.js';
import { registryClaims } from './registry-claims.js';

const viewLine =
  'Mar  4 09:15:02 SECSRV01 CEF:0|Thycotic Software|Secret Server|11.4.000002|10004|SECRET - VIEW|2|' +
  'msg=[[SecretServer]] Event: [Secret] Action: [View] By User: jdoe Item Name: Lab Root (Item Id: 7) ' +
  'suid=4 suser=jdoe cs4=Jane Doe cs4Label=suser Display Name src=192.0.2.44 rt=Mar 04 2024 09:14:58 ' +
  'fname=Lab Root fileType=Secret fileId=7 cs3Label=Folder cs3=Lab';

const loginFailure =
  'CEF:0|Thycotic Software|Secret Server|11.4.000002|10008|USER - LOGINFAILURE|7|' +
  'msg=Login failed suser=CORP\\mallory@corp.example duser=svc-backup@corp.example src=203.0.113.9:51544 rt=1709543698000';

const groupChange =
  'CEF:0|Thycotic Software|Secret Server|11.4.000002|10010|USER - ADDEDTOGROUP|3|suser=CORP\\alice duser=bob src=0.0.0.0';

const samples = [viewLine, loginFailure, groupChange];

describe('thycoticSsParser', () => {
  it('detects Secret Server CEF lines, bare or behind a syslog header', () => {
    for (const s of samples) expect(thycoticSsParser.detect(s)).toBe(true);
  });

  it('maps a secret view: src is the source address, suser the user; the syslog sender is no host', () => {
    const a = thycoticSsParser.parse(viewLine);
    expect(a.format).toBe('thycotic_ss.logs');
    expect(a.title).toBe('Thycotic Secret Server: SECRET - VIEW');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('10004');
    expect(a.observedAt).toBe('2024-03-04T09:14:58.000Z');
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('strips a port from src and the realm and domain from users, and reads an epoch rt', () => {
    const a = thycoticSsParser.parse(loginFailure);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-03-04T09:14:58.000Z');
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.users).toEqual(['mallory', 'svc-backup']);
  });

  it('keeps no name from DOMAIN\\name (as Elastic grok does) and never reports 0.0.0.0', () => {
    const a = thycoticSsParser.parse(groupChange);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads user names the way the pipeline grok patterns do', () => {
    expect(thycoticUserName('EX\\carol@ex.example')).toBe('carol');
    expect(thycoticUserName('dave@ex.example')).toBe('dave');
    expect(thycoticUserName('EX\\erin')).toBeNull();
    expect(thycoticUserName('frank')).toBe('frank');
    expect(thycoticUserName(undefined)).toBeNull();
  });

  it('does not claim other vendors CEF, other text or JSON', () => {
    expect(thycoticSsParser.detect('CEF:0|Other|Thing|1|1|x|5|src=192.0.2.1')).toBe(false);
    expect(
      thycoticSsParser.detect('<14>Mar  4 09:15:02 fw01 sshd[1]: Accepted password for x from 192.0.2.1'),
    ).toBe(false);
    expect(thycoticSsParser.detect({ message: viewLine })).toBe(false);
    expect(thycoticSsParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser except the generic CEF parser', () => {
    for (const s of samples)
      expect(registryClaims(s, 'thycotic_ss').others.filter((n) => n !== 'cef')).toEqual([]);
  });
});
