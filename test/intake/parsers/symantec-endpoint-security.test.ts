// The Symantec Endpoint Security parser on synthetic SES event records of every category: detection, the role of
// every indicator as Elastic's symantec_endpoint_security.event pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { symantecEdrCloudParser } from '../../../src/intake/parsers/symantec-edr-cloud.js';
import { symantecEndpointParser } from '../../../src/intake/parsers/symantec-endpoint.js';
import { symantecEndpointSecurityParser as ses } from '../../../src/intake/parsers/symantec-endpoint-security.js';
import { registryClaims } from './registry-claims.js';

/** Fields every SES record carries: the product, the STIC ids, the device and its time. */
const base = {
  product_name: 'Symantec Endpoint Security',
  product_ver: '14.3.1000.1000',
  stic_uid: '00000000-0000-4000-8000-000000000001',
  feature_name: 'AGENT_SECURITY',
  device_uid: 'dev-0001',
  device_time: 1727988510685,
  time: '2024-10-03T20:55:20.685Z',
  log_time: '2024-10-04T12:10:45.069Z',
  uuid: '2:00000000-0000-4000-8000-000000000002',
};

/** A Security scan notice (type 3): only the default pipeline runs, so no object is read. */
const scanNotice = {
  ...base,
  category_id: 1,
  type_id: 3,
  type: 'APPLICATION_SECURITY',
  severity_id: 2,
  message: 'User has initiated a security scan.',
  device_ip: '192.0.2.10',
  device_public_ip: '203.0.113.10',
  device_name: 'WS-LAB-01',
  device_networks: [{ ipv4: '192.0.2.99', ipv6: '2001:db8::99' }],
  user_name: 'dana',
  user: { name: 'dana' },
};

/** An application lifecycle event (type 2): device networks, the user, the sender address and the URL. */
const appEvent = {
  ...base,
  category_id: 3,
  type_id: 2,
  type: 'APPLICATION_LIFECYCLE',
  severity_id: 3,
  message: 'User is attempting to restart the endpoint service.',
  device_ip: '192.0.2.20',
  device_name: 'ws-lab-02.corp.example',
  device_networks: [{ gateway_ip: '192.0.2.1', ipv4: '192.0.2.21', ipv6: '2001:db8::21' }],
  sender_ip: '198.51.100.7',
  url: { host: 'updates.example.com', path: '/x' },
  user_name: 'erin',
  user_uid: 'S-1-5-21-1000',
  user: { name: 'erin', uid: 'u-erin' },
};

/** A License event (type 30) with every object its pipeline reads: container, cybox, sessions and user. */
const licenseEvent = {
  ...base,
  category_id: 2,
  type_id: 30,
  type: 'LICENSE_EXPIRY',
  severity_id: 4,
  message: 'License expires soon',
  collector_device_ip: '198.51.100.1',
  device_gateway: '192.0.2.1',
  device_ip: '192.0.2.30',
  device_proxy_ip: '192.0.2.2',
  device_subnet: '192.0.2.0',
  logging_device_ip: '198.51.100.3',
  device_name: 'SRV-LIC.corp.example',
  container: { networks: [{ gateway_ip: '192.0.2.40', ipv4: '192.0.2.41' }] },
  cybox: {
    emails: [{ sender_ip: '203.0.113.50' }],
    files: [{ src_ip: '203.0.113.51', src_name: 'files-host-01' }],
    ipv4s: ['203.0.113.52'],
    ipv6s: ['2001:db8::52'],
    domains: ['not-mapped.example'],
  },
  sessions: [{ remote_ip: '203.0.113.60', user: { uid: 'u-frank', name: 'frank' } }],
  impersonator_user_uid: 'admin-uid-7',
  user: { name: 'gina', uid: 'u-gina' },
  events: [{ connection: { src_ip: '203.0.113.99' } }],
};

/** A network event (Security type 8040): the connection's addresses replace the device and the collector. */
const networkEvent = {
  ...base,
  category_id: 1,
  type_id: 8040,
  type: 'NETWORK',
  severity_id: 5,
  message: 'Malicious connection blocked',
  rule_name: 'Block C2',
  attacker_ip: '203.0.113.66',
  collector_device_ip: '198.51.100.1',
  device_ip: '192.0.2.50',
  device_name: 'WS-LAB-05',
  connection: { src_ip: '192.0.2.51', dst_ip: '203.0.113.70', dst_port: 443 },
  actor: {
    user: { name: 'hank', uid: 'u-hank', sid: 'S-1-5-21-2000' },
    session: { remote_ip: '198.51.100.80', user: { name: 'ivy' } },
    file: { src_ip: '198.51.100.81', src_name: 'dl-host-02' },
  },
  parent: { user: { name: 'SYSTEM' } },
  process: { user: { name: 'not-read-for-8040' } },
};

/** A System event (type 8015) carrying Windows event data as JSON text. */
const windowsEvent = {
  ...base,
  category_id: 5,
  type_id: 8015,
  type: 'WINDOWS_EVENT',
  severity_id: 1,
  message: 'An account failed to log on.',
  device_ip: '192.0.2.60',
  data: JSON.stringify({
    IpAddress: '198.51.100.90',
    WorkstationName: 'ATTACKER-PC',
    SubjectUserName: 'svc-logon',
    TargetUserName: 'not-mapped',
  }),
};

const samples = { scanNotice, appEvent, licenseEvent, networkEvent, windowsEvent };

describe('Symantec Endpoint Security parser', () => {
  it('detects every supported SES event shape', () => {
    for (const [name, sample] of Object.entries(samples)) expect(ses.detect(sample), name).toBe(true);
  });

  it('reads a Security notice as the default pipeline does: device address as source, no objects', () => {
    const a = ses.parse(scanNotice);
    expect(a.format).toBe('symantec_endpoint_security.event');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.10']);
    expect(a.observables.users).toEqual(['dana']);
    // An unqualified device name is host.hostname in Elastic, not host.name.
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-10-03T20:55:20.685Z');
    expect(a.title).toBe('Symantec Endpoint Security Security: User has initiated a security scan.');
  });

  it('reads an application event: networks, users, the sender as source and the URL host as a domain', () => {
    const a = ses.parse(appEvent);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.ips).toEqual([
      '192.0.2.20',
      '198.51.100.7',
      '192.0.2.1',
      '192.0.2.21',
      '2001:db8::21',
    ]);
    expect(a.observables.users).toEqual(['S-1-5-21-1000', 'erin', 'u-erin']);
    expect(a.observables.hosts).toEqual(['ws-lab-02.corp.example']);
    expect(a.observables.domains).toEqual(['updates.example.com']);
    expect(ses.domainsInRelatedHosts).toBe(false);
    expect(a.severity).toBe('medium');
  });

  it('reads every object of a License event, the collector as destination, and skips nested event connections', () => {
    const a = ses.parse(licenseEvent);
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.dstIps).toEqual(['198.51.100.1']);
    expect(a.observables.ips).toEqual([
      '198.51.100.1',
      '192.0.2.1',
      '192.0.2.30',
      '192.0.2.2',
      '192.0.2.0',
      '198.51.100.3',
      '192.0.2.40',
      '192.0.2.41',
      '203.0.113.50',
      '203.0.113.51',
      '203.0.113.52',
      '2001:db8::52',
      '203.0.113.60',
    ]);
    expect(a.observables.users).toEqual(['admin-uid-7', 'u-frank', 'frank', 'gina', 'u-gina']);
    expect(a.observables.hosts).toEqual(['srv-lic.corp.example', 'files-host-01']);
    expect(a.severity).toBe('high');
  });

  it('reads a network event: connection endpoints, the attacker, the actor and its parent', () => {
    const a = ses.parse(networkEvent);
    expect(a.observables.srcIps).toEqual(['192.0.2.51']);
    expect(a.observables.dstIps).toEqual(['203.0.113.70']);
    expect(a.observables.ips).toEqual([
      '198.51.100.1',
      '192.0.2.50',
      '203.0.113.66',
      '198.51.100.81',
      '198.51.100.80',
      '203.0.113.70',
      '192.0.2.51',
    ]);
    expect(a.observables.users).toEqual(['ivy', 'u-hank', 'S-1-5-21-2000', 'hank', 'SYSTEM']);
    expect(a.observables.hosts).toEqual(['dl-host-02']);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('Block C2');
  });

  it('reads the Windows event data of a System event', () => {
    const a = ses.parse(windowsEvent);
    expect(a.observables.ips).toEqual(['192.0.2.60', '198.51.100.90']);
    expect(a.observables.users).toEqual(['svc-logon']);
    expect(a.observables.hosts).toEqual(['ATTACKER-PC']);
    expect(a.severity).toBe('info');
  });

  it('never reports an unspecified or malformed address', () => {
    const a = ses.parse({ ...scanNotice, device_ip: '0.0.0.0', device_public_ip: 'Test Device_Public_IP' });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('does not claim other formats, ICDm incidents or bare OCSF events', () => {
    const incident = {
      incident_uid: '00000000-0000-4000-8000-0000000000aa',
      type: 'INCIDENT_CREATION',
      type_id: 8075,
      category_id: 1,
      product_name: 'Symantec Integrated Cyber Defense Manager',
    };
    const ocsf = {
      class_uid: 4001,
      category_uid: 4,
      type_id: 400101,
      category_id: 4,
      product_name: 'Symantec',
    };
    const unbranded = { category_id: 1, type_id: 8020, cybox: { files: [] } };
    const badCategory = { ...scanNotice, category_id: 9 };
    const sepLine =
      '<54>Mar  5 10:00:00 sepm SymantecServer: WS-LAB-01,Category: 2,LiveUpdate Manager,Event Description: x';
    for (const raw of [incident, ocsf, unbranded, badCategory, sepLine, null, 42, []]) {
      expect(ses.detect(raw)).toBe(false);
    }
    expect(symantecEdrCloudParser.detect(incident)).toBe(true);
    for (const sample of Object.values(samples)) {
      expect(symantecEdrCloudParser.detect(sample)).toBe(false);
      expect(symantecEndpointParser.detect(sample)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, ses.name).others, name).toEqual([]);
    }
  });
});
