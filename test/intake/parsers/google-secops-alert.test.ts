// The Google SecOps rule-detection parser on synthetic detections (one `detection` or a list of them) and UDM
// search results (`{name, udm}`): the UDM nouns mapped as Elastic's google_secops alert pipelines map them.
import { describe, expect, it } from 'vitest';
import { googleSecopsAlertParser } from '../../../src/intake/parsers/google-secops-alert.js';
import { registryClaims } from './registry-claims.js';

const SHA = 'b'.repeat(64);

const rule = {
  alertState: 'ALERTING',
  description: 'Principal address seen on a threat list.',
  riskScore: 85,
  ruleId: 'ru_11111111-2222-3333-4444-555555555555',
  ruleName: 'threat_list_ip_match',
  ruleType: 'MULTI_EVENT',
  detectionFields: [{ key: 'correlation_ip', value: '198.51.100.99' }],
};

const listed = {
  id: 'de_aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  type: 'RULE_DETECTION',
  label: 'e',
  createdTime: '2024-05-06T07:10:00.123456Z',
  detectionTime: '2024-05-06T07:00:00Z',
  detection: [rule],
  event: {
    metadata: { eventType: 'USER_LOGIN', description: 'Sign-in from a listed address', logType: 'DEMO_LOG' },
    principal: {
      ip: ['192.0.2.10', '2001:db8::10'],
      asset: { ip: ['192.0.2.10'] },
      user: { userid: 'svc-deploy' },
    },
  },
};

const full = {
  id: 'de_12345678-aaaa-bbbb-cccc-123456789012',
  type: 'RULE_DETECTION',
  detectionTime: '2024-05-07T09:00:00Z',
  detection: { ...rule, ruleLabels: [{ key: 'severity', value: 'Low' }] },
  event: {
    metadata: { description: 'Lateral movement suspected' },
    about: [
      { user: { userid: 'helpdesk-7', userDisplayName: 'Help Desk', emailAddresses: ['hd@example.org'] } },
    ],
    intermediary: [{ hostname: 'relay-01.corp.example' }],
    principal: {
      hostname: 'ws-042.corp.example',
      ip: ['192.0.2.20'],
      asset: { hostname: 'ws-042', ip: ['192.0.2.21'] },
      ipGeoArtifact: [{ ip: '198.51.100.20' }],
      user: { userid: 'avery', userDisplayName: 'Avery Quinn', emailAddresses: ['avery@example.org'] },
      process: { file: { sha256: SHA } },
    },
    src: { hostname: 'jump-01.corp.example', ip: ['192.0.2.30'], user: { userid: 'ops-bot' } },
    target: { hostname: 'db-07.corp.example', ip: ['203.0.113.40'], asset: { ip: ['203.0.113.41'] } },
    securityResult: [{ detectionFields: [{ key: 'sourceIp', value: '198.51.100.250' }] }],
    network: { dns: { questions: [{ name: 'update.example.net' }] }, email: { from: 'mailer@example.net' } },
  },
};

/** A UDM search result, as the earlier alert stream read them: single values where the API has lists. */
const udmResult = {
  name: '0000000012345678aaaa0000bbbb1111cccc2222000000001400000000000000',
  udm: {
    metadata: {
      eventType: 'USER_LOGIN',
      productEventType: 'login',
      description: 'Interactive login to the bastion',
      eventTimestamp: '2024-05-08T06:30:00Z',
    },
    intermediary: [{ hostname: 'proxy-02.corp.example', ip: ['192.0.2.60'] }],
    principal: {
      hostname: 'laptop-9.corp.example',
      ip: '192.0.2.70',
      asset: { hostname: 'laptop-9', ip: '192.0.2.71', natIp: ['198.51.100.71'] },
      user: { userid: 'morgan' },
    },
    src: { ip: ['203.0.113.80'] },
    target: { hostname: 'bastion-1', ip: ['192.0.2.90'] },
    securityResult: [{ severity: 'HIGH', summary: 'Login outside working hours' }],
  },
};

describe('Google SecOps rule-detection parser', () => {
  it('names the stream by the detection field: one detection is the alert stream, a list alert_v2', () => {
    expect(googleSecopsAlertParser.parse(full).format).toBe('google_secops.alert');
    expect(googleSecopsAlertParser.parse(listed).format).toBe('google_secops.alert_v2');
  });

  it('reads a UDM search result: its nouns as in a detection, single addresses and NAT addresses too', () => {
    expect(googleSecopsAlertParser.detect(udmResult)).toBe(true);
    const alert = googleSecopsAlertParser.parse(udmResult);
    const o = alert.observables;
    expect(alert.format).toBe('google_secops.alert');
    expect(o.srcIps).toEqual(['203.0.113.80']);
    expect(o.dstIps).toEqual(['192.0.2.90']);
    expect(o.ips).toEqual([
      '192.0.2.60',
      '192.0.2.71',
      '198.51.100.71',
      '192.0.2.70',
      '203.0.113.80',
      '192.0.2.90',
    ]);
    expect(o.users).toEqual(['morgan']);
    expect(o.hosts).toEqual(['proxy-02.corp.example', 'laptop-9', 'laptop-9.corp.example', 'bastion-1']);
    expect(alert.title).toBe('Google SecOps login: Interactive login to the bastion');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-05-08T06:30:00.000Z');
    expect(registryClaims(udmResult, googleSecopsAlertParser.name).others).toEqual([]);
  });

  it('relates the principal addresses and user id of a listed detection without making them a source', () => {
    expect(googleSecopsAlertParser.detect(listed)).toBe(true);
    const alert = googleSecopsAlertParser.parse(listed);
    const o = alert.observables;
    expect(o.ips).toEqual(['192.0.2.10', '2001:db8::10']);
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual([]);
    expect(o.users).toEqual(['svc-deploy']);
    expect(alert.title).toBe('threat_list_ip_match: Sign-in from a listed address');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-05-06T07:00:00.000Z');
    expect(alert.ruleId).toBe('ru_11111111-2222-3333-4444-555555555555');
  });

  it('reads src as the source and target as the destination, relating every noun address in order', () => {
    expect(googleSecopsAlertParser.detect(full)).toBe(true);
    const o = googleSecopsAlertParser.parse(full).observables;
    expect(o.srcIps).toEqual(['192.0.2.30']);
    expect(o.dstIps).toEqual(['203.0.113.40']);
    expect(o.ips).toEqual([
      '192.0.2.21',
      '198.51.100.20',
      '192.0.2.20',
      '192.0.2.30',
      '203.0.113.41',
      '203.0.113.40',
    ]);
  });

  it('relates users by display name, id and e-mail, and host names of every noun, but not message fields', () => {
    const o = googleSecopsAlertParser.parse(full).observables;
    expect(o.users).toEqual([
      'Avery Quinn',
      'Help Desk',
      'helpdesk-7',
      'avery@example.org',
      'avery',
      'ops-bot',
    ]);
    expect(o.hosts).toEqual([
      'relay-01.corp.example',
      'ws-042',
      'ws-042.corp.example',
      'jump-01.corp.example',
      'db-07.corp.example',
    ]);
    expect(o.hashes).toEqual([SHA]);
    expect(o.domains).toEqual([]);
  });

  it('takes the severity from a severity rule label before the risk score', () => {
    expect(googleSecopsAlertParser.parse(full).severity).toBe('low');
  });

  it('reports no indicators for a detection without an event, not even its detection fields', () => {
    const bare = { ...listed, event: undefined };
    expect(googleSecopsAlertParser.detect(bare)).toBe(true);
    const alert = googleSecopsAlertParser.parse(bare);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.title).toBe('threat_list_ip_match: Principal address seen on a threat list.');
  });

  it('does not claim other SecOps records or text', () => {
    expect(googleSecopsAlertParser.detect({ ...listed, type: 'GCTI_FINDING' })).toBe(false);
    expect(googleSecopsAlertParser.detect({ ...listed, detection: [] })).toBe(false);
    expect(googleSecopsAlertParser.detect({ ...listed, id: 'alert-1' })).toBe(false);
    expect(googleSecopsAlertParser.detect({ name: 'x', udm: { principal: { ip: ['192.0.2.1'] } } })).toBe(
      false,
    );
    expect(googleSecopsAlertParser.detect('RULE_DETECTION de_1')).toBe(false);
    expect(googleSecopsAlertParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these detections', () => {
    for (const sample of [listed, full]) {
      expect(registryClaims(sample, googleSecopsAlertParser.name).others).toEqual([]);
    }
  });
});
