// The MongoDB Atlas parser on synthetic mongod audit events and Atlas activity-feed events: detection, the
// indicators Elastic's mongodb_atlas pipelines keep, and that no other parser claims them (nor it theirs).
import { describe, expect, it } from 'vitest';
import { mongodbAtlasParser } from '../../../src/intake/parsers/mongodb-atlas.js';
import { registryClaims } from './registry-claims.js';

const authenticate = {
  atype: 'authenticate',
  ts: { $date: '2024-03-01T08:15:00.250+00:00' },
  uuid: { $binary: 'AAAAAAAAAAAAAAAAAAAAAA==', $type: '04' },
  local: { ip: '192.0.2.20', port: 27017 },
  remote: { ip: '198.51.100.44', port: 50122 },
  users: [{ user: 'report-reader', db: 'admin' }],
  roles: [{ role: 'read', db: 'sales' }],
  param: { user: 'report-reader', db: 'admin', mechanism: 'SCRAM-SHA-256' },
  result: 18,
};

const authCheckLocal = {
  atype: 'authCheck',
  ts: { $date: { $numberLong: '1709280960000' } },
  local: { ip: '0.0.0.0', port: 27017 },
  remote: { ip: '2001:db8::7', port: 40001 },
  users: [{ user: 'etl-job', db: 'warehouse' }],
  roles: [],
  param: { command: 'find', ns: 'warehouse.orders' },
  result: 13,
};

const unixLogout = {
  atype: 'logout',
  ts: { $date: '2024-03-01T08:17:00Z' },
  local: { unix: '/tmp/mongodb-27017.sock' },
  remote: { unix: '/tmp/mongodb-27017.sock' },
  users: [],
  roles: [],
  result: 0,
};

const joinedGroup = {
  response: {
    created: '2024-03-02T09:00:00Z',
    eventTypeName: 'JOINED_GROUP',
    groupId: 'grp-demo-0001',
    orgId: 'org-demo-0001',
    id: 'evt-demo-0001',
    remoteAddress: '203.0.113.61',
    userId: 'usr-demo-0001',
    username: 'lee.admin@example.com',
    targetUsername: 'kim.dev@example.com',
    hostname: 'shard-00-01.demo.example',
    raw: { severity: 'INFO' },
  },
};

const dbUserCreated = {
  created: '2024-03-02T09:05:00Z',
  eventTypeName: 'MONGODB_USER_ADDED',
  groupId: 'grp-demo-0002',
  id: 'evt-demo-0002',
  remoteAddress: '0.0.0.0',
  username: 'svc-automation',
  dbUserUsername: 'app-writer',
  hostname: '192.0.2.88',
};

const alertBase = {
  alertConfigId: '65a0c0ffee0000000000aa01',
  clusterName: 'DemoCluster',
  created: '2025-04-01T08:00:00Z',
  eventTypeName: 'OUTSIDE_METRIC_THRESHOLD',
  groupId: '65a0c0ffee0000000000bb02',
  id: '65a0c0ffee0000000000cc03',
  metricName: 'ASSERT_REGULAR',
  orgId: '65a0c0ffee0000000000dd04',
  status: 'OPEN',
  acknowledgingUsername: 'oncall.person',
};
const alertByName = { response: { ...alertBase, hostnameAndPort: 'demo-shard-00-01.example.net:27017' } };
const alertByAddress = { ...alertBase, status: 'CLOSED', hostnameAndPort: '198.51.100.27:27017' };
const alertByV6 = { ...alertBase, hostnameAndPort: '[2001:db8::27]:27017' };

describe('mongodbAtlasParser', () => {
  it('detects mongod audit events and activity-feed events, bare or in a response wrapper', () => {
    for (const sample of [
      authenticate,
      authCheckLocal,
      unixLogout,
      joinedGroup,
      dbUserCreated,
      alertByName,
      alertByAddress,
    ]) {
      expect(mongodbAtlasParser.detect(sample)).toBe(true);
    }
  });

  it('keeps both audit endpoints in related addresses only, local first, and no users', () => {
    const alert = mongodbAtlasParser.parse(authenticate);
    expect(alert.format).toBe('mongodb_atlas.mongod_audit');
    expect(alert.observables.ips).toEqual(['192.0.2.20', '198.51.100.44']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.ruleId).toBe('authenticate');
    expect(alert.severity).toBe('medium');
    expect(alert.observedAt).toBe('2024-03-01T08:15:00.250Z');
    expect(alert.title).toContain('Authentication Failed');
  });

  it('drops the unspecified local address and reads a numberLong timestamp', () => {
    const alert = mongodbAtlasParser.parse(authCheckLocal);
    expect(alert.observables.ips).toEqual(['2001:db8::7']);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-03-01T08:16:00.000Z');
  });

  it('reports no address for a unix-socket session', () => {
    const alert = mongodbAtlasParser.parse(unixLogout);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('info');
  });

  it('maps an activity-feed event: client address, user local part and e-mail, target user and host', () => {
    const alert = mongodbAtlasParser.parse(joinedGroup);
    expect(alert.format).toBe('mongodb_atlas.organization');
    expect(alert.ruleId).toBe('JOINED_GROUP');
    expect(alert.observables.ips).toEqual(['203.0.113.61']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.users).toEqual(['lee.admin', 'lee.admin@example.com', 'kim.dev@example.com']);
    expect(alert.observables.hosts).toEqual(['shard-00-01.demo.example']);
    expect(alert.observedAt).toBe('2024-03-02T09:00:00.000Z');
  });

  it('reads a project event: the database user, an address hostname as an address, no 0.0.0.0', () => {
    const alert = mongodbAtlasParser.parse(dbUserCreated);
    expect(alert.format).toBe('mongodb_atlas.project');
    expect(alert.observables.ips).toEqual(['192.0.2.88']);
    expect(alert.observables.users).toEqual(['svc-automation', 'app-writer']);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('keeps the whole e-mail as the user of a project event that also names its organization', () => {
    const invited = {
      response: {
        created: '2024-03-02T09:10:00Z',
        eventTypeName: 'INVITED_TO_GROUP',
        groupId: 'grp-demo-0003',
        orgId: 'org-demo-0003',
        id: 'evt-demo-0003',
        username: 'lee.admin@example.com',
        targetUsername: 'kim.dev@example.com',
        alertConfigId: 'cfg-demo-0003',
        raw: { cid: 'grp-demo-0003', severity: 'INFO' },
      },
    };
    const alert = mongodbAtlasParser.parse(invited);
    expect(alert.format).toBe('mongodb_atlas.project');
    expect(alert.observables.users).toEqual(['lee.admin@example.com', 'kim.dev@example.com']);
    expect(mongodbAtlasParser.parse(joinedGroup).observables.users[0]).toBe('lee.admin');
  });

  it('maps an alert: the alerting host name as a related host, an address as the source, no acknowledger', () => {
    const a = mongodbAtlasParser.parse(alertByName);
    expect(a.format).toBe('mongodb_atlas.alert');
    expect(a.observables.hosts).toEqual(['demo-shard-00-01.example.net']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('OUTSIDE_METRIC_THRESHOLD');
    expect(a.observedAt).toBe('2025-04-01T08:00:00.000Z');
    expect(a.title).toBe(
      'MongoDB Atlas alert OUTSIDE_METRIC_THRESHOLD: ASSERT_REGULAR on DemoCluster (OPEN)',
    );
    const b = mongodbAtlasParser.parse(alertByAddress);
    expect(b.observables.srcIps).toEqual(['198.51.100.27']);
    expect(b.observables.ips).toEqual(['198.51.100.27']);
    expect(b.observables.hosts).toEqual([]);
    expect(b.severity).toBe('info');
    expect(mongodbAtlasParser.parse(alertByV6).observables.srcIps).toEqual(['2001:db8::27']);
  });

  it('does not claim other JSON with remote/local keys, nor payloads of other formats', () => {
    const envoyLike = { downstream_remote_address: '198.51.100.1:443', remote: { ip: '198.51.100.1' } };
    const teleportLike = { event: 'session.start', code: 'T2000I', 'addr.remote': '203.0.113.50:51234' };
    const mongodLog = {
      t: { $date: '2024-03-01T08:15:00Z' },
      s: 'I',
      c: 'NETWORK',
      msg: 'Connection accepted',
    };
    for (const other of [
      envoyLike,
      teleportLike,
      mongodLog,
      'atype=authenticate remote=198.51.100.1',
      null,
      [],
    ]) {
      expect(mongodbAtlasParser.detect(other)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const sample of [
      authenticate,
      authCheckLocal,
      unixLogout,
      joinedGroup,
      dbUserCreated,
      alertByName,
      alertByAddress,
    ]) {
      expect(registryClaims(sample, mongodbAtlasParser.name).others).toEqual([]);
    }
  });
});
