// The Trend Micro Vision One activity parser on synthetic endpoint-activity, network-activity, telemetry and
// audit records: detection, the indicators Elastic's pipelines map for each stream, the facts, no double claims.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { trendMicroVisionOneActivityParser as parser } from '../../../src/intake/parsers/trend-micro-vision-one-activity.js';
import { trendMicroVisionOneParser } from '../../../src/intake/parsers/trend-micro-vision-one.js';
import { registryClaims } from './registry-claims.js';

const endpointActivity = {
  uuid: '0f1e2d3c-4b5a-4968-8776-655443322110',
  searchDL: 'EDR',
  eventId: '1',
  eventSubId: 2,
  eventTime: 1735689600000,
  eventTimeDT: '2025-01-01T00:00:00.000000+00:00',
  endpointGuid: '11111111-2222-3333-4444-555555555555',
  endpointHostName: 'ws-alpha',
  hostName: 'ws-alpha',
  endpointIp: ['192.0.2.10', '2001:db8::10'],
  src: '192.0.2.10',
  spt: 50000,
  dst: '203.0.113.5',
  dpt: 443,
  objectIp: '198.51.100.7',
  objectIps: ['198.51.100.7', '198.51.100.8'],
  objectHostName: 'files.example.net',
  logonUser: ['alice@example.org'],
  objectUser: 'LAB\\bob',
  processCmd: 'C:\\Windows\\System32\\cmd.exe /c whoami',
  processFileHashSha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  request: 'https://files.example.net/download',
};

const networkActivity = {
  eventName: 'SWG_ACTIVITY_LOG',
  eventSubName: 'Cloud storage upload blocked',
  tenantGuid: '66666666-7777-8888-9999-000000000000',
  customerId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  endpointHostName: 'laptop-beta',
  eventTime: 1735689600,
  src: '192.0.2.20',
  dst: '203.0.113.30',
  clientIp: '198.51.100.40',
  requestBase: 'drive.example.com',
  request: 'https://drive.example.com/upload',
  suid: 'Carol Example',
  principalName: 'carol@example.org',
  ruleName: 'Block_Uploads',
  ruleUuid: '12345678-90ab-cdef-1234-567890abcdef',
  fileHashSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

const telemetry = {
  uuid: '99999999-8888-7777-6666-555555555555',
  productCode: 'xes',
  eventId: 3,
  eventSubId: 204,
  eventSourceType: 1,
  eventHashId: '1234567890',
  eventTime: '1735689600000',
  logReceivedTime: '1735689660000',
  endpointGuid: 'abcdefab-cdef-abcd-efab-cdefabcdefab',
  endpointHostName: 'srv-gamma',
  endpointIp: ['2001:db8::20', '192.0.2.30'],
  src: '192.0.2.30',
  dst: '203.0.113.60',
  processUser: 'SYSTEM',
  parentUser: 'dave',
  processCmd: 'svc.exe -k net',
  processFileHashMd5: 'd41d8cd98f00b204e9800998ecf8427e',
};

const audit = {
  loggedDateTime: '2025-01-01T12:00:00Z',
  loggedUser: 'Erin Admin',
  loggedRole: 'Master Administrator',
  accessType: 'Console',
  category: 'Logon and Logoff',
  activity: 'Sign in',
  result: 'Unsuccessful',
  details: { reason: 'bad password' },
};

describe('trendMicroVisionOneActivityParser', () => {
  it('detects endpoint-activity, network-activity, telemetry and audit records', () => {
    for (const s of [endpointActivity, networkActivity, telemetry, audit])
      expect(parser.detect(s)).toBe(true);
  });

  it('claims no workbench alert, no search-API detection and no other JSON', () => {
    const detection = { ...endpointActivity, productCode: 'sao', rt_utc: '2025-01-01T00:00:00Z' };
    expect(trendMicroVisionOneParser.detect(detection)).toBe(true);
    expect(parser.detect(detection)).toBe(false);
    expect(parser.detect({ id: 'WB-1-20250101-00001', impactScope: {}, workbenchLink: 'x' })).toBe(false);
    expect(parser.detect({ uuid: 'x', eventId: '1' })).toBe(false);
    expect(parser.detect({ loggedUser: 'x' })).toBe(false);
    expect(parser.detect('device="SFW" log_id=010101600001 log_type="Firewall"')).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('maps endpoint activity: src as the source, dst only related, endpoint and object addresses related', () => {
    const ecs = ecsIndicators(parser.parse(endpointActivity));
    expect(ecs.src_ips).toEqual(['192.0.2.10']);
    expect(ecs.dst_ips).toEqual([]);
    expect(new Set(ecs.ips)).toEqual(
      new Set(['192.0.2.10', '2001:db8::10', '198.51.100.7', '198.51.100.8', '203.0.113.5']),
    );
  });

  it('relates the logon users and the object user, and the endpoint then the object host of endpoint activity', () => {
    const alert = parser.parse(endpointActivity);
    const ecs = ecsIndicators(alert);
    expect(ecs.users).toEqual(['alice@example.org', 'LAB\\bob']);
    expect(ecs.hosts).toEqual(['ws-alpha', 'files.example.net']);
    expect(alert.observables.domains).toEqual(['files.example.net']);
    expect(alert.observedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(alert.format).toBe('trend_micro_vision_one.endpoint_activity');
  });

  it('maps network activity: source, destination and client addresses, user id and principal, endpoint and site', () => {
    const alert = parser.parse(networkActivity);
    const ecs = ecsIndicators(alert);
    expect(ecs.src_ips).toEqual(['192.0.2.20']);
    expect(ecs.dst_ips).toEqual(['203.0.113.30']);
    expect(new Set(ecs.ips)).toEqual(new Set(['192.0.2.20', '203.0.113.30', '198.51.100.40']));
    expect(ecs.users).toEqual(['Carol Example', 'carol@example.org']);
    expect(ecs.hosts).toEqual(['laptop-beta', 'drive.example.com']);
    expect(alert.title).toContain('Cloud storage upload blocked');
    expect(alert.ruleId).toBe('12345678-90ab-cdef-1234-567890abcdef');
  });

  it('maps telemetry: endpoint addresses, source and destination, the endpoint name and GUID, process user only', () => {
    const alert = parser.parse(telemetry);
    const ecs = ecsIndicators(alert);
    expect(ecs.src_ips).toEqual(['192.0.2.30']);
    expect(ecs.dst_ips).toEqual(['203.0.113.60']);
    expect(new Set(ecs.ips)).toEqual(new Set(['2001:db8::20', '192.0.2.30', '203.0.113.60']));
    expect(ecs.users).toEqual(['SYSTEM']);
    expect(ecs.hosts).toEqual(['srv-gamma', 'abcdefab-cdef-abcd-efab-cdefabcdefab']);
    expect(alert.observedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(alert.format).toBe('trend_micro_vision_one.telemetry');
  });

  it('relates the acting account of an audit record and rates a failed action low', () => {
    const alert = parser.parse(audit);
    const ecs = ecsIndicators(alert);
    expect(ecs.users).toEqual(['Erin Admin']);
    expect(ecs.ips).toEqual([]);
    expect(ecs.hosts).toEqual([]);
    expect(alert.severity).toBe('low');
    expect(alert.title).toContain('Logon and Logoff: Sign in');
    expect(parser.parse({ ...audit, result: 'Successful' }).severity).toBe('info');
  });

  it('never reports the unspecified address', () => {
    const ecs = ecsIndicators(parser.parse({ ...telemetry, src: '0.0.0.0', endpointIp: ['::'] }));
    expect(ecs.src_ips).toEqual([]);
    expect(ecs.ips).toEqual(['203.0.113.60']);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of [endpointActivity, networkActivity, telemetry, audit]) {
      expect(registryClaims(s, parser.name).others).toEqual([]);
    }
  });
});
