// The Microsoft DHCP Server audit-log parser on synthetic IPv4 and IPv6 lines: detection (strict on event id,
// date, time and column count), what is an indicator (only the IPv4 user column), the reported facts, and
// that no other parser claims these lines.
import { describe, expect, it } from 'vitest';
import { microsoftDhcpParser } from '../../../src/intake/parsers/microsoft-dhcp.js';
import { registryClaims } from './registry-claims.js';

/** An IPv4 audit line with the 19 columns of Windows Server 2012 and later. */
const v4 = (
  id: string,
  desc: string,
  ip: string,
  host: string,
  mac: string,
  user = '',
  dnsError = '0',
): string =>
  `${id},03/05/24,10:15:42,${desc},${ip},${host},${mac},${user},4242,0,,,,0x4D53465420352E30,MSFT 5.0,,,,${dnsError}`;

const assign = v4('10', 'Assign', '192.0.2.10', 'laptop-07.corp.example', '0A1B2C3D4E5F', 'CORP\\jdoe');
const renew = v4('11', 'Renew', '198.51.100.22', 'desk-12.corp.example', '001122334455');
const dnsFailed = v4('31', 'DNS Update Failed', '203.0.113.7', 'printer-3.corp.example', '', '', '9005');
const rogue = v4('54', 'Unauthorized(servicing)', '', 'corp.example', '');
const started = '00,03/05/24,00:00:01,Started,,,';
const shortAssign = '10,03/05/24,10:15:42,Assign,192.0.2.11,kiosk-1.corp.example,AABBCCDDEEFF,';
const v6Solicit =
  '11000,03/05/24,10:20:00,DHCPV6 Solicit,2001:db8::25,ws-25,,14,000100012A3B4C5D6E7F8091,,,,,';
const v6Started = '11010,03/05/24,00:00:01,DHCPV6 Started,,,,,,,,,,';
const v6Authorized = '1103,03/05/24,00:00:02,Authorized(servicing),,corp.example,,,,,,,,';
const v4Header =
  'ID,Date,Time,Description,IP Address,Host Name,MAC Address,User Name, TransactionID, QResult,Probationtime, CorrelationID,Dhcid,VendorClass(Hex),VendorClass(ASCII),UserClass(Hex),UserClass(ASCII),RelayAgentInformation,DnsRegError.';
const v6Header =
  'ID,Date,Time,Description,IPV6 Address,Host Name,Error Code, Duid Length, Duid Bytes(Hex),User Name,Dhcid,Subnet Prefix.';

const samples = [assign, renew, dnsFailed, rogue, started, shortAssign, v6Solicit, v6Started, v6Authorized];

describe('microsoftDhcpParser', () => {
  it('detects IPv4 and IPv6 audit lines of every column layout, and the column-header lines', () => {
    for (const s of [...samples, v4Header, v6Header]) expect(microsoftDhcpParser.detect(s), s).toBe(true);
  });

  it('does not claim other CSV, unknown event ids, bad dates or wrong column counts', () => {
    const others = [
      '10,2024-03-05,10:15:42,Assign,192.0.2.10,host,mac', // ISO date
      '99,03/05/24,10:15:42,Assign,192.0.2.10,host,mac', // unknown IPv4 id
      '10,13/05/24,10:15:42,Assign,192.0.2.10,host,mac', // month 13
      '10,03/05/24,10:15:42,Assign,192.0.2.10,host', // six columns
      '10,03/05/24,10:15:42,Assign,not-an-ip,host,mac', // the address column is not an address
      '11000,03/05/24,10:20:00,DHCPV6 Solicit,2001:db8::25,ws-25', // too few IPv6 columns
      '11000,03/05/24,10:20:00,DHCPV6 Solicit,192.0.2.10,ws-25,,14,00,,,,,', // an IPv4 address in the IPv6 log
      '1,2024/03/05 10:00:00,012345678901,TRAFFIC,end,2561,2024/03/05 09:59:58,192.0.2.10,198.51.100.20',
      'Microsoft DHCP Service Activity Log',
      '10\tA new IP address was leased to a client.',
      { id: '10', date: '03/05/24' },
      `${assign}\n${renew}`,
    ];
    for (const o of others) expect(microsoftDhcpParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the IPv4 client as the source and its name as the source domain, relating no address', () => {
    const a = microsoftDhcpParser.parse(renew);
    expect(a.observables.srcIps).toEqual(['198.51.100.22']);
    expect(a.observables.domains).toEqual(['desk-12.corp.example']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('reads the IPv4 User Name column as the user', () => {
    const a = microsoftDhcpParser.parse(assign);
    expect(a.observables.users).toEqual(['CORP\\jdoe']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reports the title with the client, the severity, the event id and the time', () => {
    const a = microsoftDhcpParser.parse(assign);
    expect(a.format).toBe('microsoft_dhcp.log');
    expect(a.recognizedBy).toBe('parser:microsoft_dhcp.log');
    expect(a.title).toBe('DHCP Assign: 192.0.2.10 laptop-07.corp.example 0A1B2C3D4E5F');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('10');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
  });

  it('rates failures low and an unauthorised (rogue) DHCP server medium', () => {
    expect(microsoftDhcpParser.parse(dnsFailed).severity).toBe('low');
    expect(microsoftDhcpParser.parse(rogue).severity).toBe('medium');
    expect(microsoftDhcpParser.parse(started).severity).toBe('info');
  });

  it('reads the short IPv4 layouts of older servers', () => {
    const a = microsoftDhcpParser.parse(shortAssign);
    expect(a.title).toBe('DHCP Assign: 192.0.2.11 kiosk-1.corp.example AABBCCDDEEFF');
    expect(a.observables.users).toEqual([]);
    expect(microsoftDhcpParser.parse(started).title).toBe('DHCP Started');
  });

  it('reads the IPv6 client name as the host, without a user or address indicator', () => {
    const a = microsoftDhcpParser.parse(v6Solicit);
    expect(a.title).toBe('DHCPv6 DHCPV6 Solicit: 2001:db8::25 ws-25');
    expect(a.ruleId).toBe('11000');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['ws-25']);
    expect(microsoftDhcpParser.parse(v6Authorized).ruleId).toBe('1103');
  });

  it('turns a column-header line into an informational alert with no indicators', () => {
    const a = microsoftDhcpParser.parse(v6Header);
    expect(a.title).toBe('Microsoft DHCP audit log header');
    expect(a.severity).toBe('info');
    expect(a.observables.ips).toEqual([]);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of [...samples, v4Header, v6Header]) {
      expect(registryClaims(s, microsoftDhcpParser.name).others, s).toEqual([]);
    }
  });
});
