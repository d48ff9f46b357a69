// The Sophos Central parser on synthetic SIEM API alerts and events: detection, the role of every
// indicator as Elastic's sophos_central pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { sophosCentralParser } from '../../../src/intake/parsers/sophos-central.js';
import { registryClaims } from './registry-claims.js';

const FILE_SHA256 = 'a1'.repeat(32);
const APP_SHA256 = 'c3'.repeat(32);

const ipsRawData = [
  'Message       SERVER-WEBAPP example exploit attempt',
  'Reference     CVE-2020-0000',
  'Packet type   TCP',
  'Local IP:     192.0.2.10',
  'Local Port:   49152',
  'Local MAC:    00:00:5E:00:53:01',
  'Remote IP:    198.51.100.20',
  'Remote Port:  443',
  'Remote MAC:   00:00:5E:00:53:02',
  'PID:          4242',
  'Executable:   C:\\Tools\\fetcher.exe',
  'Version:      1.2.3',
  'Signer:       Example Signer',
  `SHA-256:      ${FILE_SHA256.toUpperCase()}`,
].join('\n');

const alert = {
  id: '11111111-2222-4333-8444-555555555555',
  customer_id: '99999999-8888-4777-8666-555555555555',
  severity: 'high',
  type: 'Event::Endpoint::Threat::IpsDetected',
  description: "Malicious network traffic blocked from 'C:\\Tools\\fetcher.exe'",
  source: 'EXAMPLECORP\\jdoe',
  location: 'ws-lab-11',
  threat: 'ExampleExploit',
  threat_cleanable: false,
  created_at: '2024-06-01T10:00:05.000Z',
  when: '2024-06-01T10:00:00.000Z',
  event_service_event_id: '11111111-2222-4333-8444-555555555555',
  data: {
    endpoint_id: '00000000-1111-4222-8333-444444444444',
    endpoint_type: 'computer',
    endpoint_platform: 'windows',
    source_info: { ip: '192.0.2.10' },
    core_remedy_items: { totalItems: 0, items: [] },
    ips_threat: {
      remote_ip: '198.51.100.20',
      remote_port: '443',
      local_port: '49152',
      executable_path: 'C:\\Tools\\fetcher.exe',
      raw_data: ipsRawData,
    },
  },
};

/** A PUA alert: no IPS data, a `\name` source with an empty domain. */
const puaAlert = {
  id: '22222222-2222-4333-8444-555555555555',
  customer_id: '99999999-8888-4777-8666-555555555555',
  severity: 'medium',
  type: 'Event::Endpoint::Threat::PuaCleanupFailed',
  description: "Manual PUA cleanup required: 'ExamplePUA' at 'C:\\Users\\Public\\toolbar.exe'",
  source: '\\Kim Example',
  location: 'ws-lab-12',
  when: '2024-06-02T08:30:00.000Z',
  data: { endpoint_id: '00000000-1111-4222-8333-555555555555', source_info: { ip: '203.0.113.12' } },
};

const event = {
  id: '33333333-2222-4333-8444-555555555555',
  customer_id: '99999999-8888-4777-8666-555555555555',
  severity: 'low',
  type: 'Event::Endpoint::Application::Blocked',
  name: "Application 'fetcher.exe' blocked by policy",
  source: 'LAB-PC-21\\operator',
  location: 'LAB-PC-21',
  group: 'APPLICATION_CONTROL',
  endpoint_id: '00000000-1111-4222-8333-666666666666',
  endpoint_type: 'computer',
  user_id: '5f0000000000000000000001',
  origin: 'BLOCKLISTED',
  appSha256: APP_SHA256,
  appCerts: [{ signer: 'Example Signer', thumbprint: 'd4'.repeat(32) }],
  source_info: { ip: '192.0.2.21' },
  created_at: '2024-06-03T12:00:01.000Z',
  when: '2024-06-03T12:00:00.500Z',
  ips_threat_data: { remoteIp: '2001:db8::21', remotePort: '8443', localPort: '50000' },
};

/** An event with a plain source name and no addresses, as a management event reads. */
const plainEvent = {
  id: '44444444-2222-4333-8444-555555555555',
  customer_id: '99999999-8888-4777-8666-555555555555',
  severity: 'low',
  type: 'Event::Endpoint::UserAutoCreated',
  name: 'New user added automatically: Dana Lee',
  source: 'Dana Lee',
  location: 'ws-lab-13',
  endpoint_id: '00000000-1111-4222-8333-777777777777',
  endpoint_type: 'computer',
  when: '2024-06-04T07:00:00.000Z',
};

/** As the Sophos SIEM integration script writes an event: `suser`, `dhost`, `datastream`, no `source`. */
const scriptEvent = {
  id: '55555555-2222-4333-8444-555555555555',
  customer_id: '99999999-8888-4777-8666-555555555555',
  severity: 'medium',
  type: 'Event::Endpoint::CoreDetection',
  name: "Malware detected: 'ExampleMal' at 'C:\\Temp\\dropper.exe'",
  datastream: 'event',
  suser: 'EXAMPLECORP\\svc-build',
  dhost: 'srv-build-02',
  duid: '5f0000000000000000000002',
  rt: '2024-06-05T09:00:00.000Z',
  when: '2024-06-05T09:00:00.000Z',
  source_info: { ip: '198.51.100.31' },
};

const samples = { alert, puaAlert, event, plainEvent, scriptEvent };

describe('sophosCentralParser', () => {
  it('detects every supported Sophos Central record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(sophosCentralParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an alert: the source address, the IPS remote address as destination, both related', () => {
    const a = sophosCentralParser.parse(alert);
    expect(a.format).toBe('sophos_central.alert');
    expect(a.recognizedBy).toBe('parser:sophos_central');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
  });

  it('takes the alert source account without its domain as the user', () => {
    expect(sophosCentralParser.parse(alert).observables.users).toEqual(['jdoe']);
    expect(sophosCentralParser.parse(puaAlert).observables.users).toEqual(['Kim Example']);
  });

  it('reports the executable hash from an IPS detection’s raw text', () => {
    expect(sophosCentralParser.parse(alert).observables.hashes).toEqual([FILE_SHA256]);
  });

  it('reports the alert description, severity, time and type, naming the endpoint in the title', () => {
    const a = sophosCentralParser.parse(alert);
    expect(a.title).toBe(`${alert.description} on ws-lab-11`);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-01T10:00:00.000Z');
    expect(a.ruleId).toBe('Event::Endpoint::Threat::IpsDetected');
    expect(sophosCentralParser.parse(puaAlert).severity).toBe('medium');
  });

  it('keeps the endpoint location out of hosts, as Elastic maps no host name for these records', () => {
    for (const sample of Object.values(samples)) {
      expect(sophosCentralParser.parse(sample).observables.hosts).toEqual([]);
    }
  });

  it('reads an event: source address, IPS remote address, the user and the application hash', () => {
    const a = sophosCentralParser.parse(event);
    expect(a.format).toBe('sophos_central.event');
    expect(a.observables.srcIps).toEqual(['192.0.2.21']);
    expect(a.observables.dstIps).toEqual(['2001:db8::21']);
    expect(a.observables.ips).toEqual(['192.0.2.21', '2001:db8::21']);
    expect(a.observables.users).toEqual(['operator']);
    expect(a.observables.hashes).toEqual([APP_SHA256]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-06-03T12:00:00.500Z');
    expect(a.ruleId).toBe('Event::Endpoint::Application::Blocked');
  });

  it('does not repeat the endpoint in the title when the event name already holds it', () => {
    const a = sophosCentralParser.parse({ ...event, name: 'Application blocked on LAB-PC-21' });
    expect(a.title).toBe('Application blocked on LAB-PC-21');
  });

  it('takes a source without a domain whole, and reports no address the event lacks', () => {
    const a = sophosCentralParser.parse(plainEvent);
    expect(a.observables.users).toEqual(['Dana Lee']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.title).toBe('New user added automatically: Dana Lee on ws-lab-13');
  });

  it('reads a SIEM-script event: its data stream, `suser` as the user and `dhost` in the title', () => {
    const a = sophosCentralParser.parse(scriptEvent);
    expect(a.format).toBe('sophos_central.event');
    expect(a.observables.users).toEqual(['svc-build']);
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toContain('srv-build-02');
    expect(sophosCentralParser.parse({ ...scriptEvent, datastream: 'alert' }).format).toBe(
      'sophos_central.alert',
    );
  });

  it('never reports an unspecified or malformed address', () => {
    const a = sophosCentralParser.parse({
      ...event,
      source_info: { ip: '0.0.0.0' },
      ips_threat_data: { remoteIp: '::' },
    });
    expect(a.observables.ips).toEqual([]);
    const b = sophosCentralParser.parse({ ...alert, data: { source_info: { ip: '192.0.2.300' } } });
    expect(b.observables.ips).toEqual([]);
  });

  it('does not claim other formats', () => {
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'dana@example.org' },
      displayMessage: 'x',
    };
    const untyped = { ...event, type: 'Threat detected' };
    const noTenant = { type: 'Event::Endpoint::Threat::Detected', name: 'x' };
    const badData = { ...alert, data: 'not an object' };
    const line = '<134>1 2024-06-01T10:00:00Z host app - - - {"type":"Event::Endpoint::X"}';
    for (const raw of [okta, untyped, noTenant, badData, line, null, 42, []]) {
      expect(sophosCentralParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, sophosCentralParser.name).others, name).toEqual([]);
    }
  });
});
