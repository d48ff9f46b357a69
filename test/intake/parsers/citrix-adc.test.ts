// The Citrix ADC parser on synthetic native syslog lines (SSLVPN/AAATM sessions, flows, CLI commands):
// detection, the role of every indicator as Elastic's citrix_adc pipeline maps it, and no double claims.
import { describe, expect, it } from 'vitest';
import { citrixAdcParser } from '../../../src/intake/parsers/citrix-adc.js';
import { registryClaims } from './registry-claims.js';

const HEAD = '<134> 03/05/2025:10:00:00 GMT adc-lab-01 0-PPE-0 : default';

const login = `${HEAD} SSLVPN LOGIN 1001 0 :  User carol.test - Client_ip 192.0.2.10 - X-Forwarded-For_ip 2001:db8::7 - Nat_ip "Mapped Ip" - Vserver 203.0.113.5:443 - Browser_type "Mozilla/5.0" - Group(s) "LAB"`;
const udpflow = `${HEAD} SSLVPN UDPFLOWSTAT 1002 0 : Context dave.test@198.51.100.77 - SessionId: 42 - User other.test - Client_ip 192.0.2.11 - Nat_ip 198.51.100.9 - Vserver 203.0.113.5:443 - Source 192.0.2.20:5353 - Destination 198.51.100.53:53 - Start_time "03/05/2025:09:58:00 GMT" - End_time "03/05/2025:10:00:00 GMT" - Duration 00:02:00  - Total_bytes_send 10 - Total_bytes_recv 20 - Access Allowed - Group(s) "LAB"`;
const logout = `${HEAD} AAATM LOGOUT 1003 0 : Context erin@corp.example@192.0.2.12 - SessionId: 43 - User erin@corp.example - Client_ip 192.0.2.12 - Nat_ip "Mapped Ip" - Vserver 0.0.0.0:0 - Start_time "03/05/2025:09:00:00 GMT" - End_time "03/05/2025:10:00:00 GMT" - Duration 01:00:00  - Http_resources_accessed 0`;
const httpreq = `${HEAD} AAATM HTTPREQUEST 1004 0 : Context frank@corp.example@192.0.2.13 - SessionId: 44 - app.example.org User frank@corp.example : Group(s) N/A : Vserver 203.0.113.6:8443 - 03/05/2025:10:00:00 GMT : SSO is OFF : GET /x - -`;
const command =
  '<133> default CMD_EXECUTED 1005 0 :  User adminx - ADM_User NONE - Remote_ip 198.51.100.44 - Command "show ns ip" - Status "Success"';
const tcpNat = `${HEAD} TCP CONN_DELINK 1007 0 : Source 192.0.2.40:51000 - Destination 203.0.113.80:443 - NatIP 198.51.100.3:40000 - Destination 198.51.100.80:8443 - Start Time 03/05/2025:09:59:00 GMT - Delink Time 03/05/2025:10:00:00 GMT - Total_bytes_send 1 - Total_bytes_recv 2 - Closure Reason TCP FIN`;
const icaStart = `${HEAD} ICA ICASTART 1008 0 : Source 192.0.2.50:2598 - Destination 198.51.100.60:2598 - SSLRelayAddress 203.0.113.7:443 - customername  - username:domainname gina:LABDOM - applicationName Desktop - startTime "03/05/2025:10:00:00 GMT" - connectionId 81d1`;
const debug = `${HEAD} SSLVPN Message 1006 0 : "[Remote ip = 192.0.2.30:5000] {handler:1} freeing resource"`;

describe('citrixAdcParser', () => {
  it('detects native Citrix lines and no other format', () => {
    for (const line of [login, udpflow, logout, httpreq, command, tcpNat, icaStart, debug])
      expect(citrixAdcParser.detect(line)).toBe(true);
    expect(
      citrixAdcParser.detect('<134>Mar  5 10:00:00 fw1 filterlog: 5,,,1000,em0,match,block,in,4,0x0'),
    ).toBe(false);
    expect(citrixAdcParser.detect('CEF:0|Citrix|NetScaler|NS13.0|APPFW|APPFW_STARTURL|6|src=192.0.2.1')).toBe(
      false,
    );
    expect(citrixAdcParser.detect({ message: login })).toBe(false);
  });

  it('reads a login: the user, and client, forwarded-for and vserver addresses as related only', () => {
    const a = citrixAdcParser.parse(login);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.5', '192.0.2.10', '2001:db8::7']);
    expect(a.observables.users).toEqual(['carol.test']);
    expect(a.observedAt).toBe('2025-03-05T10:00:00.000Z');
    expect(a.severity).toBe('info');
  });

  it('takes the flow source and destination and prefers the Context user over the User field', () => {
    const a = citrixAdcParser.parse(udpflow);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['198.51.100.53']);
    expect(a.observables.ips).toEqual([
      '192.0.2.20',
      '198.51.100.53',
      '198.51.100.9',
      '203.0.113.5',
      '192.0.2.11',
    ]);
    expect(a.observables.users).toEqual(['dave.test']);
  });

  it('splits an e-mail-shaped user into its local part and the address, and never reports 0.0.0.0', () => {
    const a = citrixAdcParser.parse(logout);
    expect(a.observables.users).toEqual(['erin', 'erin@corp.example']);
    expect(a.observables.ips).toEqual(['192.0.2.12']);
  });

  it('uses the Context address as the client when an HTTP request has no Client_ip', () => {
    const a = citrixAdcParser.parse(httpreq);
    expect(a.observables.ips).toEqual(['203.0.113.6', '192.0.2.13']);
    expect(a.observables.users).toEqual(['frank', 'frank@corp.example']);
  });

  it('reads a CLI command line: the remote address is the source', () => {
    const a = citrixAdcParser.parse(command);
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
    expect(a.observables.users).toEqual(['adminx']);
    expect(a.ruleId).toBe('CMD_EXECUTED');
  });

  it('takes the translated destination of a NATed TCP record and keeps the original and NAT addresses related', () => {
    const a = citrixAdcParser.parse(tcpNat);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.80']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '198.51.100.80', '198.51.100.3', '203.0.113.80']);
  });

  it('reads an ICA session: the user before the domain and the SSL relay address', () => {
    const a = citrixAdcParser.parse(icaStart);
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual(['198.51.100.60']);
    expect(a.observables.ips).toEqual(['192.0.2.50', '198.51.100.60', '203.0.113.7']);
    expect(a.observables.users).toEqual(['gina']);
  });

  it('reads a line relayed with a syslog prefix, whose relay address is the client when the message names none', () => {
    const relayed =
      '<14>Mar  5 10:00:00 local0.info 192.0.2.200 2025/03/05:10:00:00 GMT adc-lab-02 0-PPE-1 : default ACL ACL_PKT_LOG 1009 0 : Source 192.0.2.60 --> Destination 198.51.100.70 - Protocol TCP - Type 0 - Code 0 - Time Stamp 1 (ms) - Hitcount 1 - Hit Rule r1 - Action DENY - Data ';
    expect(citrixAdcParser.detect(relayed)).toBe(true);
    const a = citrixAdcParser.parse(relayed);
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.observables.dstIps).toEqual(['198.51.100.70']);
    expect(a.observables.ips).toEqual(['192.0.2.60', '198.51.100.70', '192.0.2.200']);
    expect(a.observedAt).toBe('2025-03-05T10:00:00.000Z');
    expect(a.ruleId).toBe('ACL ACL_PKT_LOG');
  });

  it('reads a relayed line that lost its own PRI, opened by the relay’s prefix', () => {
    const relayed =
      'Mar  5 10:00:00 <local0.info> 192.0.2.201 03/05/2025:10:00:00 GMT adc-lab-02 0-PPE-1 : TCP CONN_TERMINATE 1010 0 : Source 192.0.2.61:80 - Destination 198.51.100.71:35341 - Start Time 03/05/2025:09:59:00 GMT - End Time 03/05/2025:10:00:00 GMT - Total_bytes_send 1 - Total_bytes_recv 1';
    expect(citrixAdcParser.detect(relayed)).toBe(true);
    const a = citrixAdcParser.parse(relayed);
    expect(a.observables.srcIps).toEqual(['192.0.2.61']);
    expect(a.observables.dstIps).toEqual(['198.51.100.71']);
    expect(a.observables.ips).toEqual(['192.0.2.61', '198.51.100.71', '192.0.2.201']);
    expect(registryClaims(relayed, citrixAdcParser.name).others).toEqual([]);
  });

  it('reports no indicators for a free-text debug message', () => {
    const a = citrixAdcParser.parse(debug);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('relates the virtual server and the client of an SSL handshake record, with no source or destination', () => {
    const handshake =
      '<135> 03/05/2025:10:00:00 GMT adc-lab-01 0-PPE-0 : default SSLLOG SSL_HANDSHAKE_SUCCESS 3001 0 :  SPCBId 42 - ClientIP 203.0.113.44 - ClientPort 50123 - VserverServiceIP 198.51.100.80 - VserverServicePort 443 - ClientVersion TLSv1.2 - CipherSuite "TLS1.2-ECDHE-RSA-AES256-GCM-SHA384" - Session New  - HandshakeTime 12 ms';
    const a = citrixAdcParser.parse(handshake);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.80', '203.0.113.44']);
  });

  it('reports no indicators for a REWRITE policy message, whose text Elastic leaves unparsed', () => {
    const rewrite =
      '<134> 03/05/2025:10:00:00 GMT adc-lab-01 0-PPE-1 : default REWRITE Message 3002 0 :  "Source: 203.0.113.45 Destination: 198.51.100.81 Request URL: www.example.com/a.jpg HTTP Status: 200"';
    expect(citrixAdcParser.detect(rewrite)).toBe(true);
    const a = citrixAdcParser.parse(rewrite);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('REWRITE Message');
  });

  it('is the registry’s first choice for these samples, and no other specific parser claims them', () => {
    for (const line of [login, udpflow, logout, httpreq, command, tcpNat, icaStart, debug]) {
      expect(registryClaims(line, 'citrix_adc.log')).toEqual({ first: 'citrix_adc.log', others: [] });
    }
  });
});
