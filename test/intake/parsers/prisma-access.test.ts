// The Prisma Access parser on synthetic Strata Logging Service CEF lines: detection, the role of every
// indicator as Elastic's prisma_access.event pipeline maps it, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { prismaAccessParser } from '../../../src/intake/parsers/prisma-access.js';
import { registryClaims } from './registry-claims.js';

const SYSLOG = '<14>1 2025-01-01T10:00:05.000Z lf-stream-01 logforwarder - panwlogs - ';
const head = (kind: string, name: string): string =>
  `${SYSLOG}CEF:0|Palo Alto Networks|LF|2.0|${kind}|${name}|3|`;

const auth = `${head('AUTH', 'Radius')}dtz=UTC rt=Jan 01 2025 10:00:04 PanOSAuthenticatedUserDomain=examplecorp PanOSAuthenticatedUserName=alice PanOSAuthenticatedUserUUID=uuid-alice-1 PanOSRuleMatched=remote-users start=Jan 01 2025 10:00:00 c6a2=2001:db8::10 c6a2Label=Source IPv6 Address c6a3=2001:db8::20 c6a3Label=Destination IPv6 Address duser=examplecorp\\\\bob cs2=examplecorp\\\\carol cs2Label=NormalizeUser msg=Invalid Certificate dvchost=gw-edge-01 PanOSSourceDeviceHost=laptop-alice PanOSSeverity=medium`;
const config = `${head('CONFIG', 'config')}rt=Jan 01 2025 11:00:00 PanOSEventTime=Jan 01 2025 10:59:58 duser=dave dntdom=example.org duid=5001 src=192.0.2.44 act=commit-all duser0=panorama-admin dvchost=fw-cloud-02`;
const decryption = `${head('DECRYPTION', 'end')}start=Jan 01 2025 12:00:00 src=192.0.2.10 dst=198.51.100.20 sourceTranslatedAddress=203.0.113.5 destinationTranslatedAddress=203.0.113.6 cs1=allow-staff cs1Label=Rule suser=examplecorp\\\\erin duser=examplecorp\\\\frank PanOSSourceUUID=11111111-2222-3333-4444-555555555555 PanOSDestinationUUID=66666666-7777-8888-9999-000000000000 PanOSServerNameIndication=mail.example.com PanOSSourceDeviceHost=ws-erin.example.net PanOSDestinationDeviceHost=srv-mail.example.net`;
const dns = `${head('DNS SECURITY', 'file')}start=Jan 01 2025 13:00:00 PanOSDNSResolverIP=198.51.100.53 PanOSDNSResponse=0.0.0.0 duser=grace request=bad.example.com src=0.0.0.0 suser=heidi Name=url`;
const globalProtect = `${head('GLOBALPROTECT', 'gateway-auth')}start=Jan 01 2025 14:00:00 src=203.0.113.77 PanOSPrivateIPv4=192.0.2.77 PanOSPublicIPv4=203.0.113.78 PanOSUsername=ivan PanOSEndpointDeviceName=ivan-mbp PanOSGatewayAddress=198.51.100.1`;
const hipMatch = `${head('HIPMATCH', 'hip')}start=Jan 01 2025 15:00:00 src=192.0.2.90 shost=desk-judy suser=judy c6a1=2001:db8::90 PanOSUsers=192.0.2.90`;

describe('prismaAccessParser', () => {
  it('detects Strata Logging Service CEF from Palo Alto Networks and nothing else', () => {
    for (const s of [auth, config, decryption, dns, globalProtect, hipMatch])
      expect(prismaAccessParser.detect(s)).toBe(true);
    expect(
      prismaAccessParser.detect(
        'CEF:0|Palo Alto Networks|PAN-OS|10.1|TRAFFIC|end|3|src=192.0.2.1 dst=198.51.100.1',
      ),
    ).toBe(false);
    expect(prismaAccessParser.detect('CEF:0|Incapsula|SIEMintegration|1|1|Normal|3| src=192.0.2.1')).toBe(
      false,
    );
    const panosCsv =
      '<14>Jan  1 00:00:00 fw01 1,2025/01/01 00:00:00,0123456789,TRAFFIC,end,2561,2025/01/01 00:00:00,192.0.2.1,198.51.100.1,0.0.0.0,0.0.0.0,rule1,,,ssl,vsys1,trust,untrust';
    expect(prismaAccessParser.detect(panosCsv)).toBe(false);
    expect(prismaAccessParser.detect({ message: auth })).toBe(false);
  });

  it('reads authentication users, IPv6 endpoints and device hosts', () => {
    const a = prismaAccessParser.parse(auth);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.users).toEqual(['alice', 'examplecorp', 'uuid-alice-1', 'bob', 'carol']);
    expect(a.observables.hosts).toEqual(['gw-edge-01', 'laptop-alice']);
  });

  it('reports the record name, severity, start time and matched rule', () => {
    const a = prismaAccessParser.parse(auth);
    expect(a.title).toBe('AUTH Radius');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-01-01T10:00:00.000Z');
    expect(a.ruleId).toBe('remote-users');
    expect(a.recognizedBy).toBe('parser:prisma_access.event');
  });

  it('takes the destination user id and name, and the source, of a config record', () => {
    const a = prismaAccessParser.parse(config);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.users).toEqual(['5001', 'dave']);
    expect(a.observables.users).not.toContain('panorama-admin');
    expect(a.observables.hosts).toEqual(['fw-cloud-02']);
    expect(a.observedAt).toBe('2025-01-01T10:59:58.000Z');
  });

  it('relates translated addresses and lists address-object UUIDs, device hosts and the SNI as hosts', () => {
    const a = prismaAccessParser.parse(decryption);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '203.0.113.6', '192.0.2.10', '203.0.113.5']);
    expect(a.observables.users).toEqual(['frank', 'erin']);
    expect(a.observables.hosts).toEqual([
      'srv-mail.example.net',
      '66666666-7777-8888-9999-000000000000',
      'mail.example.com',
      'ws-erin.example.net',
      '11111111-2222-3333-4444-555555555555',
    ]);
    expect(a.observables.domains).toEqual(['mail.example.com']);
    expect(a.ruleId).toBe('allow-staff');
  });

  it('relates the DNS resolver, reports the queried site as a domain kept out of related hosts, and never the unspecified address', () => {
    const a = prismaAccessParser.parse(dns);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.53']);
    expect(a.observables.users).toEqual(['grace', 'heidi']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['bad.example.com']);
    expect(prismaAccessParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a GlobalProtect client address as related only and its private and public addresses as sources', () => {
    const a = prismaAccessParser.parse(globalProtect);
    expect(a.observables.srcIps).toEqual(['192.0.2.77', '203.0.113.78']);
    expect(a.observables.ips).toEqual(['198.51.100.1', '192.0.2.77', '203.0.113.78', '203.0.113.77']);
    expect(a.observables.users).toEqual(['ivan']);
    expect(a.observables.hosts).toEqual(['ivan-mbp']);
  });

  it('takes a HIP-match host name as the host and its device IPv6 address as related', () => {
    const a = prismaAccessParser.parse(hipMatch);
    expect(a.observables.srcIps).toEqual(['192.0.2.90']);
    expect(a.observables.ips).toEqual(['2001:db8::90', '192.0.2.90']);
    expect(a.observables.users).toEqual(['judy']);
    expect(a.observables.hosts).toEqual(['desk-judy']);
  });

  it('is claimed by no other specific parser in the registry except the generic CEF parser', () => {
    for (const s of [auth, config, decryption, dns, globalProtect, hipMatch]) {
      expect(registryClaims(s, 'prisma_access.event').others.filter((n) => n !== 'cef')).toEqual([]);
    }
  });
});
