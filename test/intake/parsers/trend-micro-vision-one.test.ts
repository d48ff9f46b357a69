// The Trend Micro Vision One parser on synthetic workbench alerts and search-API detections: detection, the
// indicators Elastic's trend_micro_vision_one alert and detection pipelines map, the facts, no double claims.
import { describe, expect, it } from 'vitest';
import { trendMicroVisionOneParser as parser } from '../../../src/intake/parsers/trend-micro-vision-one.js';
import { registryClaims } from './registry-claims.js';

const saeAlert = {
  schemaVersion: '1.12',
  id: 'WB-1234-20250101-00001',
  investigationStatus: 'New',
  workbenchLink: 'https://portal.example.com/index.html#/workbench?workbenchId=WB-1234-20250101-00001',
  alertProvider: 'SAE',
  model: 'Suspicious PowerShell Download',
  score: 71,
  severity: 'high',
  createdDateTime: '2025-01-01T00:00:00Z',
  updatedDateTime: '2025-01-01T00:05:00Z',
  impactScope: {
    desktopCount: 1,
    serverCount: 1,
    accountCount: 1,
    emailAddressCount: 1,
    entities: [
      {
        entityType: 'account',
        entityValue: 'lab\\frank',
        entityId: 'lab\\frank',
        relatedEntities: ['guid-1'],
        relatedIndicatorIds: [],
      },
      {
        entityType: 'host',
        entityValue: { guid: 'guid-1', name: 'ws-frank', ips: ['192.0.2.31', '2001:db8::31', 'not-an-ip'] },
        entityId: 'guid-1',
        relatedEntities: ['lab\\frank'],
        relatedIndicatorIds: [1, 2],
      },
      {
        entityType: 'host',
        entityValue: { guid: 'guid-2', name: 'srv-files', ips: ['198.51.100.32', '0.0.0.0'] },
        entityId: 'guid-2',
      },
      { entityType: 'emailAddress', entityValue: 'frank@example.com', entityId: 'frank@example.com' },
    ],
  },
  description: 'PowerShell downloaded a file from the network.',
  matchedRules: [
    {
      id: 'rule-0001',
      name: 'PowerShell Download Cradle',
      matchedFilters: [{ id: 'filter-1', name: 'Download cradle', mitreTechniqueIds: ['T1059.001'] }],
    },
  ],
  indicators: [
    {
      id: 1,
      type: 'url',
      field: 'request',
      value: 'http://files.example.net/a.ps1',
      relatedEntities: ['guid-1'],
    },
    {
      id: 2,
      type: 'file_sha256',
      field: 'objectFileHashSha256',
      value: 'A'.repeat(64),
      relatedEntities: ['guid-1'],
    },
    {
      id: 3,
      type: 'host',
      field: 'endpoint',
      value: { guid: 'guid-3', name: 'ws-other', ips: ['203.0.113.33', '192.0.2.31'] },
    },
  ],
};

const tiAlert = {
  schemaVersion: '1.1',
  id: 'WB-1234-20250102-00002',
  investigationStatus: 'In Progress',
  workbenchLink: 'https://portal.example.com/#/workbench',
  alertProvider: 'TI',
  model: 'Campaign Indicators Matched',
  score: 20,
  severity: 'low',
  createdDateTime: '2025-01-02T00:00:00Z',
  impactScope: { entities: [{ entityType: 'host', entityValue: 'ws-legacy' }] },
  indicators: [],
  matchedIndicatorPatterns: [{ id: 'pattern-7', pattern: "[domain-name:value = 'bad.example']" }],
};

const endpointDetection = {
  uuid: '00000000-0000-4000-8000-000000000001',
  productCode: 'sao',
  pname: 'Apex One',
  eventName: 'MALWARE_DETECTION',
  eventId: '100110',
  searchDL: 'DDL',
  eventTime: 1735689600000,
  eventTimeDT: '2025-01-01T00:00:00+00:00',
  malName: 'Eicar_test_file',
  act: 'Clean',
  src: ['198.51.100.40'],
  dst: ['192.0.2.41', '0.0.0.0'],
  senderIp: ['203.0.113.42'],
  dvc: ['192.0.2.43'],
  mDevice: ['192.0.2.44'],
  interestedIp: ['192.0.2.41'],
  peerIp: ['2001:db8::45'],
  clientIp: ['198.51.100.46'],
  endpointIp: ['192.0.2.99'],
  endpointHostName: 'ws-grace',
  hostName: 'WS-GRACE',
  dhost: 'sensor-01',
  shost: 'src-host',
  dvchost: 'ddi-01',
  interestedHost: 'not-related',
  peerHost: 'not-related-either',
  suser: ['grace@example.com'],
  duser: ['heidi@example.com'],
  samUser: 'grace',
  suid: 'not-a-related-user',
  request: 'https://download.example.org/file.exe',
  objectFileHashSha1: 'B'.repeat(40),
  ruleId: 77,
};

const scalarDetection = {
  uuid: '00000000-0000-4000-8000-000000000002',
  productCode: 'sig',
  eventName: 'WEB_POLICY_VIOLATION',
  rt_utc: '2025-01-02T00:00:00Z',
  src: '198.51.100.50',
  dst: '192.0.2.51',
  suser: 'ivan',
  filterRiskLevel: 'medium',
};

const oktaLike = {
  eventType: 'user.session.start',
  actor: { alternateId: 'frank@example.com' },
  client: { ipAddress: '192.0.2.1' },
};

describe('trendMicroVisionOneParser', () => {
  it('detects workbench alerts and nothing else', () => {
    expect(parser.detect(saeAlert)).toBe(true);
    expect(parser.detect(tiAlert)).toBe(true);
    expect(parser.detect(endpointDetection)).toBe(true);
    expect(parser.detect(scalarDetection)).toBe(true);
    expect(parser.detect(oktaLike)).toBe(false);
    expect(parser.detect({ id: 'WB-1', model: 'x' })).toBe(false);
    expect(parser.detect(JSON.stringify(saeAlert))).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('relates every address of impacted entities, then of object-valued indicators, once each', () => {
    const a = parser.parse(saeAlert);
    expect(a.observables.ips).toEqual(['192.0.2.31', '2001:db8::31', '198.51.100.32', '203.0.113.33']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('maps no entity name or account to hosts or users, as Elastic does not', () => {
    const a = parser.parse(saeAlert);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.domains).toEqual([]);
  });

  it('keeps URLs, hashes and e-mail entities as further indicators', () => {
    const a = parser.parse(saeAlert);
    expect(a.observables.urls).toEqual(['http://files.example.net/a.ps1']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(a.observables.emails).toEqual(['frank@example.com']);
  });

  it('reports the model, severity, update time and matched rule', () => {
    const a = parser.parse(saeAlert);
    expect(a.title).toBe('Suspicious PowerShell Download');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-01-01T00:05:00.000Z');
    expect(a.ruleId).toBe('rule-0001');
    expect(a.recognizedBy).toBe('parser:trend_micro_vision_one');
    expect(a.format).toBe('trend_micro_vision_one.alert');
  });

  it('reads a threat-intelligence alert with string entities and no update time', () => {
    const a = parser.parse(tiAlert);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-01-02T00:00:00.000Z');
    expect(a.ruleId).toBe('pattern-7');
  });

  it('reads a detection: source and destination lists, then every listed address in the pipeline order', () => {
    const a = parser.parse(endpointDetection);
    expect(a.format).toBe('trend_micro_vision_one.detection');
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.dstIps).toEqual(['192.0.2.41']);
    expect(a.observables.ips).toEqual([
      '203.0.113.42',
      '192.0.2.43',
      '192.0.2.41',
      '198.51.100.40',
      '192.0.2.44',
      '2001:db8::45',
      '198.51.100.46',
    ]);
  });

  it('reports the endpoint first, then the reported, device, source and sensor hosts of a detection', () => {
    const a = parser.parse(endpointDetection);
    expect(a.observables.hosts).toEqual(['ws-grace', 'sensor-01', 'src-host', 'ddi-01']);
  });

  it('relates the SAM account and the listed source and destination users of a detection', () => {
    const a = parser.parse(endpointDetection);
    expect(a.observables.users).toEqual(['grace', 'grace@example.com', 'heidi@example.com']);
    expect(a.observables.urls).toEqual(['https://download.example.org/file.exe']);
    expect(a.observables.hashes).toEqual(['b'.repeat(40)]);
  });

  it('reports the threat name, event time and rule of a detection', () => {
    const a = parser.parse(endpointDetection);
    expect(a.title).toBe('Eicar_test_file');
    expect(a.observedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(a.ruleId).toBe('77');
  });

  it('relates neither scalar addresses nor scalar users of a detection, as Elastic does not', () => {
    const a = parser.parse(scalarDetection);
    expect(a.observables.srcIps).toEqual(['198.51.100.50']);
    expect(a.observables.dstIps).toEqual(['192.0.2.51']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-01-02T00:00:00.000Z');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of [saeAlert, tiAlert, endpointDetection, scalarDetection])
      expect(registryClaims(s, parser.name).others).toEqual([]);
  });
});
