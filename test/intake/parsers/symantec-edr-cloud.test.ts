// The Symantec EDR Cloud parser on synthetic ICDM incidents (creation, update, closure): detection, title,
// severity, rule and time, no indicators (as Elastic's pipeline maps none), SEP lines and other JSON left alone.
import { describe, expect, it } from 'vitest';
import { symantecEdrCloudParser } from '../../../src/intake/parsers/symantec-edr-cloud.js';
import { symantecEndpointParser } from '../../../src/intake/parsers/symantec-endpoint.js';
import { registryClaims } from './registry-claims.js';

const created = {
  customer_uid: 'DEMO-customer-0001',
  domain_uid: 'DEMO-domain-0001',
  incident_uid: '0a1b2c3d-0000-4000-8000-000000000001',
  ref_incident_uid: 4242,
  type: 'INCIDENT_CREATION',
  type_id: 8075,
  event_id: 8075004,
  id: 4,
  category_id: 1,
  conclusion: 'Malicious Activity',
  detection_type: 'Advanced Analytics',
  rule_name: 'Credential Dumping Behaviour',
  message: 'ws-demo-07: OS Credential Dumping, Command and Scripting Interpreter',
  remediation: 'Isolate the endpoint and review the activity of lsass.exe.',
  priority_id: 3,
  severity_id: 5,
  state_id: 1,
  resolution_id: 1,
  suspected_breach: 'Yes',
  product_name: 'Symantec Integrated Cyber Defense Manager',
  product_uid: '00000000-AAAA-4BBB-8CCC-000000000001',
  incident_url: 'https://sep.securitycloud.symantec.com/v2/incidents/incidentListing/0a1b2c3d/details',
  created: '2024-06-03T08:15:00.000+00:00',
  modified: '2024-06-03T08:20:00.000+00:00',
  device_time: 1717402500000,
  time: 1717402500000,
  version: '1.0',
};

const updated = {
  ...created,
  type: 'INCIDENT_UPDATE',
  type_id: 8076,
  event_id: 8076004,
  severity_id: 3,
  state_id: 2,
  time: 1717406100000,
};

const closed = {
  incident_uid: '0a1b2c3d-0000-4000-8000-000000000002',
  type: 'INCIDENT_CLOSURE',
  type_id: '8077',
  event_id: '8077000',
  conclusion: 'Benign',
  priority_id: 1,
  created: '2024-06-04T09:00:00.000+00:00',
};

describe('symantecEdrCloudParser', () => {
  it('detects ICDM incidents of every type, with numbers written as numbers or text', () => {
    for (const raw of [created, updated, closed]) expect(symantecEdrCloudParser.detect(raw)).toBe(true);
  });

  it('reports the rule, conclusion, severity and event time of a new incident', () => {
    const alert = symantecEdrCloudParser.parse(created);
    expect(alert.recognizedBy).toBe('parser:symantec_edr_cloud');
    expect(alert.format).toBe('symantec_edr_cloud.incident');
    expect(alert.title).toBe('Symantec EDR incident 4242: Credential Dumping Behaviour: Malicious Activity');
    expect(alert.severity).toBe('critical');
    expect(alert.ruleId).toBe('Credential Dumping Behaviour');
    expect(alert.observedAt).toBe('2024-06-03T08:15:00.000Z');
  });

  it('reports no indicator: the console link and the free-text message are not mapped', () => {
    const o = symantecEdrCloudParser.parse(created).observables;
    expect(o).toMatchObject({ srcIps: [], dstIps: [], ips: [], users: [], hosts: [], domains: [] });
  });

  it('reads Minor severity as medium and marks updates', () => {
    const alert = symantecEdrCloudParser.parse(updated);
    expect(alert.severity).toBe('medium');
    expect(alert.title).toContain('(updated)');
    expect(alert.observedAt).toBe('2024-06-03T09:15:00.000Z');
  });

  it('falls back to the priority, the incident id and the creation time when the rest is missing', () => {
    const alert = symantecEdrCloudParser.parse(closed);
    expect(alert.severity).toBe('info');
    expect(alert.title).toBe('Symantec EDR incident 0a1b2c3d-0000-4000-8000-000000000002: Benign (closed)');
    expect(alert.observedAt).toBe('2024-06-04T09:00:00.000Z');
    expect(alert.ruleId).toBeNull();
  });

  it('claims no Symantec Endpoint Protection line, OCSF finding or other JSON', () => {
    const sepLine =
      'ws-alpha-07,Local Host IP: 192.0.2.10,Local Port: 52100,Remote Host IP: 198.51.100.20,Remote Port: 443,TCP,' +
      'Outbound,Begin: 2024-03-05 10:00:00,End Time: 2024-03-05 10:00:05,Occurrences: 1,Rule: Block ports';
    const ocsf = { class_uid: 2004, severity_id: 4, time: 1717402500000, finding_info: { uid: 'f-1' } };
    const otherIncident = { incident_uid: 'x-1', title: 'Some other incident', severity: 'high' };
    for (const raw of [
      sepLine,
      `<54>Mar  5 10:00:00 sepm-01 SymantecServer: ${sepLine}`,
      ocsf,
      otherIncident,
    ]) {
      expect(symantecEdrCloudParser.detect(raw)).toBe(false);
    }
    for (const raw of [null, 42, [], '', { incident_uid: null, type_id: 8075 }]) {
      expect(symantecEdrCloudParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry, the SEP parser included', () => {
    for (const raw of [created, updated, closed]) {
      expect(registryClaims(raw, symantecEdrCloudParser.name).others).toEqual([]);
      expect(symantecEndpointParser.detect(raw)).toBe(false);
    }
  });
});
