// The Varonis parser on synthetic DatAdvantage syslog CEF lines: the acting user and the Varonis server Elastic
// maps, time, rule and severity, a negative, and that only the generic CEF parser also claims these lines.
import { describe, expect, it } from 'vitest';
import { varonisParser } from '../../../src/intake/parsers/varonis.js';
import { registryClaims } from './registry-claims.js';

const permissionLine =
  '<14>Mar  4 09:15:02 VRNS-COLLECT-01 CEF:0|Varonis Inc.|DatAdvantage|8.6.51|6000|Folder permissions added|3|' +
  'rt=Mar 04 2024 09:14:58 cat=Alert cs2=Permissions granted to Global Access Groups cs2Label=RuleName cn1=77 ' +
  'cn1Label=RuleID end=Mar 04 2024 09:14:50 duser=corp.example\\\\Pat Example (ADMIN) dhost=192.0.2.40 ' +
  'filePath=D:\\\\Data\\\\Payroll fname=Payroll act=Folder permissions added dvchost= outcome=Success ' +
  'msg=Modify permissions added to Everyone on D:\\\\Data\\\\Payroll cs3= cs3Label=AttachmentName suser= ' +
  'cs6=Modify cs6Label=ChangedPermissions filePermission=Modify dpriv=Everyone start= end=';

const mailLine =
  '<13>Mar  5 11:00:00 vrns-mail CEF:0|Varonis Inc.|DatAlert|8.6.51|4200|Mailbox accessed by non-owner|7|' +
  'rt=Mar 05 2024 10:59:30 cs2=Abnormal mailbox access cs2Label=RuleName cn1=12 cn1Label=RuleID ' +
  'duser=EXAMPLE\\\\jdoe suser=EXAMPLE\\\\mallory dhost=mail-01 outcome=Success';

const otherCef =
  '<14>Mar  4 09:15:02 fw-01 CEF:0|Acme|Firewall|1.0|100|Blocked|5|src=192.0.2.1 dst=198.51.100.2 suser=alice';

describe('varonisParser', () => {
  it('reads the acting user verbatim and the Varonis server as the host, without the file server address', () => {
    const alert = varonisParser.parse(permissionLine);
    expect(alert.observables.users).toEqual(['corp.example\\\\Pat Example (ADMIN)']);
    expect(alert.observables.hosts).toEqual(['VRNS-COLLECT-01']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual([]);
  });

  it('reports the rule name as title, the rule id, the alert time and the CEF severity', () => {
    const alert = varonisParser.parse(permissionLine);
    expect(alert.title).toContain('Permissions granted to Global Access Groups');
    expect(alert.ruleId).toBe('77');
    expect(alert.observedAt).toBe('2024-03-04T09:14:58.000Z');
    expect(alert.severity).toBe('low');
    expect(alert.format).toBe('varonis.logs');
  });

  it('also reports a source user when the alert has one', () => {
    const alert = varonisParser.parse(mailLine);
    expect(alert.observables.users).toEqual(['EXAMPLE\\\\jdoe', 'EXAMPLE\\\\mallory']);
    expect(alert.observables.hosts).toEqual(['vrns-mail']);
    expect(alert.severity).toBe('high');
  });

  it('does not claim CEF from another vendor or plain text', () => {
    expect(varonisParser.detect(otherCef)).toBe(false);
    expect(varonisParser.detect('Varonis DatAdvantage started')).toBe(false);
    expect(varonisParser.detect({ cef: 'CEF:0|Varonis Inc.|DatAdvantage|' })).toBe(false);
  });

  it('is the only specific parser besides the generic CEF one to claim its lines', () => {
    for (const s of [permissionLine, mailLine]) {
      expect(varonisParser.detect(s)).toBe(true);
      expect(registryClaims(s, 'varonis.logs').others.filter((n) => n !== 'cef')).toEqual([]);
    }
  });
});
