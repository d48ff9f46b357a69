// The Trellix parser on synthetic EDR Cloud events and ePO Cloud threat events, devices and groups:
// detection, the indicators Elastic's trellix_edr_cloud and trellix_epo_cloud pipelines keep, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { trellixParser } from '../../../src/intake/parsers/trellix.js';
import { registryClaims } from './registry-claims.js';

const edrConnection = {
  _ver: 2200,
  _serverId: 'SRV-DEMO-0001',
  _deviceId: 'DEV-DEMO-0001',
  _eventId: 'evt-demo-0001',
  _parentEventId: 'evt-demo-0000',
  _eventType: 'Network Connection',
  _time: '2024-06-01T09:15:00.250Z',
  name: 'Outbound Connection',
  accessType: 'connection_opened',
  direction: 'outbound',
  protocol: 'TCP',
  sourceAddress: '192.0.2.10',
  sourcePort: 50123,
  destAddress: '203.0.113.80',
  destPort: 443,
  dnsName: 'updates.example.net',
  dnsNames: ['cdn.example.net'],
  httpUrl: 'https://updates.example.net/check',
  userName: 'casey.demo',
  userDomain: 'DEMOCORP',
  userSid: 'S-1-5-21-1000-2000-3000-1104',
  fqdn: 'ws-demo-07.corp.example',
  fileSha256: 'a'.repeat(64),
};

const edrNoNetwork = {
  _serverId: 'SRV-DEMO-0001',
  _deviceId: 'DEV-DEMO-0002',
  _eventType: 'File Deleted',
  _time: '2024-06-01T09:16:00Z',
  destAddress: '',
  sourceAddress: '0.0.0.0',
  userName: 'svc-backup',
  userNames: ['alt-user'],
};

const epoThreat = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  type: 'MVEvents',
  links: { self: '/epo/v2/events/a1b2c3d4-0000-4000-8000-000000000001' },
  attributes: {
    timestamp: '2024-06-02T10:00:00.000Z',
    autoguid: 'guid-demo-1',
    detectedutc: '1717322300000',
    agentguid: 'agent-demo-1',
    analyzer: 'ENDP_AM_DEMO',
    analyzername: 'Trellix Endpoint Security',
    analyzerhostname: 'epo-agent-03',
    analyzeripv4: '198.51.100.3',
    analyzeripv6: '/2001:db8::3',
    sourcehostname: null,
    sourceipv4: '198.51.100.20',
    sourceipv6: '/2001:db8::20',
    sourceusername: 'None',
    sourceurl: 'https://downloads.example.org',
    targethostname: 'fileserver-2',
    targetipv4: '192.0.2.30',
    targetipv6: '/2001:db8::30',
    targetusername: 'robin.demo',
    threatcategory: 'av.detect',
    threateventid: 1278,
    threatseverity: '2',
    threatname: 'Demo.Trojan',
  },
};

const epoDevice = {
  id: '900001',
  type: 'devices',
  links: { self: 'https://api.manage.trellix.example/epo/v2/devices/900001' },
  attributes: {
    name: 'lab-host-5',
    agentGuid: 'AGENT-GUID-DEMO',
    lastUpdate: '2024-06-03T08:00:00.000+00:00',
    computerName: 'lab-host-5',
    domainName: '(none)',
    ipAddress: '203.0.113.55',
    userName: 'N/A',
    ipHostName: 'lab-host-5.corp.example',
  },
};

const epoGroup = {
  id: '7',
  type: 'groups',
  links: { self: 'https://api.manage.trellix.example/epo/v2/groups/7' },
  attributes: { name: 'Lab', groupTypeId: 7, parentId: 1, nodePath: '1\\7', nodeTextPath: 'Root\\Lab' },
};

const samples = { edrConnection, edrNoNetwork, epoThreat, epoDevice, epoGroup };

describe('trellixParser', () => {
  it('detects EDR events and ePO threat events, devices and groups', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(trellixParser.detect(sample), name).toBe(true);
  });

  it('reads an EDR connection: source and destination addresses, destination first in related', () => {
    const a = trellixParser.parse(edrConnection);
    expect(a.format).toBe('trellix_edr_cloud.event');
    expect(a.recognizedBy).toBe('parser:trellix');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['203.0.113.80', '192.0.2.10']);
  });

  it('reports the EDR user name, then its domain and SID as users, and the FQDN as the host', () => {
    const a = trellixParser.parse(edrConnection);
    expect(a.observables.users).toEqual(['casey.demo', 'DEMOCORP', 'S-1-5-21-1000-2000-3000-1104']);
    expect(a.observables.hosts).toEqual(['ws-demo-07.corp.example']);
  });

  it('reports DNS names and the URL site as domains kept out of related.hosts', () => {
    const a = trellixParser.parse(edrConnection);
    expect(a.observables.domains).toEqual(['updates.example.net', 'cdn.example.net']);
    expect(a.observables.urls).toEqual(['https://updates.example.net/check']);
    expect(trellixParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads the EDR event type as the title and its time as the observation time', () => {
    const a = trellixParser.parse(edrConnection);
    expect(a.title).toBe('Trellix EDR: Network Connection (Outbound Connection)');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-06-01T09:15:00.250Z');
  });

  it('skips empty and unspecified EDR addresses and lists every user name', () => {
    const a = trellixParser.parse(edrNoNetwork);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['svc-backup', 'alt-user']);
  });

  it('reads an ePO threat event: target, source and analyzer addresses with the leading slash removed', () => {
    const a = trellixParser.parse(epoThreat);
    expect(a.format).toBe('trellix_epo_cloud.event');
    expect(a.observables.dstIps).toEqual(['192.0.2.30', '2001:db8::30']);
    expect(a.observables.srcIps).toEqual(['198.51.100.20', '2001:db8::20']);
    expect(a.observables.ips).toEqual([
      '192.0.2.30',
      '2001:db8::30',
      '198.51.100.20',
      '2001:db8::20',
      '198.51.100.3',
      '2001:db8::3',
    ]);
  });

  it('reports the ePO target user, skipping None, and the target, source URL and analyzer as hosts', () => {
    const a = trellixParser.parse(epoThreat);
    expect(a.observables.users).toEqual(['robin.demo']);
    expect(a.observables.hosts).toEqual(['fileserver-2', 'https://downloads.example.org', 'epo-agent-03']);
    expect(a.observables.domains).toEqual(['downloads.example.org']);
  });

  it('prefers the ePO source host name over the source URL', () => {
    const raw = { ...epoThreat, attributes: { ...epoThreat.attributes, sourcehostname: 'laptop-9' } };
    expect(trellixParser.parse(raw).observables.hosts).toEqual(['fileserver-2', 'laptop-9', 'epo-agent-03']);
  });

  it('reads the ePO threat severity on the syslog scale, the threat event id as the rule', () => {
    const a = trellixParser.parse(epoThreat);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('1278');
    expect(a.observedAt).toBe('2024-06-02T10:00:00.000Z');
    expect(a.title).toBe('Trellix ePO: Demo.Trojan (Trellix Endpoint Security)');
  });

  it('reads an ePO device: its address, its name first, then its id and IP host name as hosts', () => {
    const a = trellixParser.parse(epoDevice);
    expect(a.format).toBe('trellix_epo_cloud.device');
    expect(a.observables.ips).toEqual(['203.0.113.55']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['lab-host-5', '900001', 'lab-host-5.corp.example']);
  });

  it('reads an ePO group as a note with no indicator', () => {
    const a = trellixParser.parse(epoGroup);
    expect(a.format).toBe('trellix_epo_cloud.group');
    expect(a.title).toBe('Trellix ePO group: Lab');
    expect(a.observables).toMatchObject({ srcIps: [], dstIps: [], ips: [], users: [], hosts: [] });
  });

  it('claims no other JSON or text', () => {
    const jsonApi = { id: '1', type: 'users', attributes: { name: 'x' } };
    const eventTypeOnly = { _eventType: 'Process Created', message: 'x' };
    const dg = { dg_guid: 'x', dg_utype: 'Incident', inc_creator: 'a' };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"_eventType":"x"}';
    for (const raw of [jsonApi, eventTypeOnly, dg, line, null, 42, []])
      expect(trellixParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, trellixParser.name).others, name).toEqual([]);
    }
  });
});
