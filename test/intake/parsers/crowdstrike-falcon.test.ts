// The CrowdStrike Falcon streaming parser on synthetic events of each type it maps: firewall matches by direction,
// endpoint, identity and XDR detections, identity incidents and remote response sessions.
import { describe, expect, it } from 'vitest';
import { crowdstrikeFalconParser } from '../../../src/intake/parsers/crowdstrike-falcon.js';
import { registryClaims } from './registry-claims.js';

const meta = (eventType: string) => ({
  customerIDString: 'c0ffee',
  eventType,
  eventCreationTime: 1700000000000,
});

const firewallIn = {
  metadata: meta('FirewallMatchEvent'),
  event: {
    HostName: 'ws-demo-01',
    ConnectionDirection: '1',
    LocalAddress: '192.0.2.10',
    RemoteAddress: '203.0.113.20',
    LocalPort: '445',
    RuleName: 'Inbound SMB block',
    RuleId: '42',
  },
};
const firewallOut = { ...firewallIn, event: { ...firewallIn.event, ConnectionDirection: '2' } };
const eppDetection = {
  metadata: meta('EppDetectionSummaryEvent'),
  event: {
    Hostname: 'LT-DEMO-07',
    UserName: 'demo.user',
    LocalIP: '192.0.2.77',
    Name: 'NGAV',
    SeverityName: 'Low',
    SHA256String: 'a'.repeat(64),
  },
};
const idpDetection = {
  metadata: meta('IdpDetectionSummaryEvent'),
  event: {
    DetectName: 'Unusual login to an endpoint',
    Severity: 7,
    SourceAccountName: 'jdemo',
    SourceEndpointHostName: 'pc-demo.example.test',
    SourceEndpointIpAddress: '198.51.100.5',
    TargetAccountName: 'svc-demo',
    TargetEndpointHostName: 'srv-demo.example.test',
  },
};
const xdrDetection = {
  metadata: meta('XdrDetectionSummaryEvent'),
  event: {
    Name: 'Brute force from a common address',
    Severity: 90,
    IPV4Addresses: '192.0.2.21,192.0.2.22',
    HostNames: 'XDR-DEMO-1,XDR-DEMO-2',
    Users: 'alice.demo',
  },
};
const identityIncident = {
  metadata: meta('IdentityProtectionEvent'),
  event: {
    IncidentType: 'UNUSUAL_ENDPOINT_USE',
    UserName: 'DEMO\\bob',
    EndpointName: 'ws-b',
    EndpointIp: '198.51.100.9',
  },
};
const rtrSession = {
  metadata: meta('RemoteResponseSessionStartEvent'),
  event: { SessionId: 's1', HostnameField: 'ws-rtr-01', UserName: 'responder@example.test' },
};
const apiActivity = {
  metadata: meta('AuthActivityAuditEvent'),
  event: {
    OperationName: 'getDevices',
    ServiceName: 'API',
    UserId: 'api.user@example.test',
    SourceIp: '198.51.100.20',
  },
};
const cspmIoa = {
  metadata: meta('CSPMIOAStreamingEvent'),
  event: { UserName: 'ops-admin', UserSourceIp: '203.0.113.44', PolicyStatement: 'Security group opened' },
};
const customerIoc = {
  metadata: meta('CustomerIOCEvent'),
  event: {
    IPv4: '203.0.113.5',
    IPv6: '2001:db8:1234::abcd',
    DomainName: 'bad.example.net',
    Hostname: 'ws-ioc-01',
  },
};
const samples = {
  apiActivity,
  cspmIoa,
  customerIoc,
  firewallIn,
  firewallOut,
  eppDetection,
  idpDetection,
  xdrDetection,
  identityIncident,
  rtrSession,
};

describe('crowdstrikeFalconParser event types', () => {
  it('detects every synthetic event type', () => {
    for (const [name, raw] of Object.entries(samples))
      expect(crowdstrikeFalconParser.detect(raw), name).toBe(true);
  });

  it('reads an inbound firewall match with the remote address as source and the host name', () => {
    const a = crowdstrikeFalconParser.parse(firewallIn);
    expect(a.observables.srcIps).toEqual(['203.0.113.20']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['203.0.113.20', '192.0.2.10']);
    expect(a.observables.hosts).toEqual(['ws-demo-01']);
    expect(a.title).toBe('Inbound SMB block');
  });

  it('reads an outbound firewall match with the local address as source', () => {
    const a = crowdstrikeFalconParser.parse(firewallOut);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['203.0.113.20']);
  });

  it('reads an EPP detection: its host name, user and local address as related only', () => {
    const a = crowdstrikeFalconParser.parse(eppDetection);
    expect(a.observables.hosts).toEqual(['LT-DEMO-07']);
    expect(a.observables.users).toEqual(['demo.user']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.77']);
    expect(a.severity).toBe('low');
  });

  it('reads an identity detection: source and target accounts and hosts, not the host address', () => {
    const a = crowdstrikeFalconParser.parse(idpDetection);
    expect(a.observables.users).toEqual(['jdemo', 'svc-demo']);
    expect(a.observables.hosts).toEqual(['pc-demo.example.test', 'srv-demo.example.test']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads an XDR detection: its comma-separated addresses, hosts and users as related', () => {
    const a = crowdstrikeFalconParser.parse(xdrDetection);
    expect(a.observables.ips).toEqual(['192.0.2.21', '192.0.2.22']);
    expect(a.observables.hosts).toEqual(['XDR-DEMO-1', 'XDR-DEMO-2']);
    expect(a.observables.users).toEqual(['alice.demo']);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('reads an identity incident: the user without its domain, no endpoint', () => {
    const a = crowdstrikeFalconParser.parse(identityIncident);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a remote response session: the responder and the host', () => {
    const a = crowdstrikeFalconParser.parse(rtrSession);
    expect(a.observables.users).toEqual(['responder@example.test']);
    expect(a.observables.hosts).toEqual(['ws-rtr-01']);
  });

  it('reads the acting user’s address of API and cloud events as the source, and an e-mail login also by name', () => {
    const api = crowdstrikeFalconParser.parse(apiActivity).observables;
    expect(api.srcIps).toEqual(['198.51.100.20']);
    expect(api.users).toEqual(['api.user@example.test', 'api.user']);
    expect(crowdstrikeFalconParser.parse(cspmIoa).observables.srcIps).toEqual(['203.0.113.44']);
  });

  it('reads a custom indicator event: its addresses related, its domain as a host', () => {
    const o = crowdstrikeFalconParser.parse(customerIoc).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.ips).toEqual(['203.0.113.5', '2001:db8:1234::abcd']);
    expect(o.hosts).toEqual(['bad.example.net', 'ws-ioc-01']);
  });

  it('still reads an odd-typed firewall field without rejecting the event', () => {
    const raw = { ...firewallIn, event: { ...firewallIn.event, HostName: null, ConnectionDirection: 1 } };
    expect(crowdstrikeFalconParser.detect(raw)).toBe(true);
    expect(crowdstrikeFalconParser.parse(raw).observables.srcIps).toEqual(['203.0.113.20']);
  });

  it('is the only specific parser of the registry that claims these samples', () => {
    for (const [name, raw] of Object.entries(samples))
      expect(registryClaims(raw, crowdstrikeFalconParser.name).others, name).toEqual([]);
  });
});
