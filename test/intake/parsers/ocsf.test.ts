// The OCSF parser on synthetic OCSF events of every category (system, findings, IAM, network, discovery,
// application): detection, the role of every indicator as Elastic's amazon_security_lake pipelines map
// them, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { parsers } from '../../../src/intake/parsers/index.js';
import { ocsfParser } from '../../../src/intake/parsers/ocsf.js';

const metadata = { version: '1.1.0', product: { name: 'Example Sensor', vendor_name: 'Example Corp' } };

const networkActivity = {
  activity_id: 5,
  activity_name: 'Refuse',
  category_uid: 4,
  category_name: 'Network Activity',
  class_uid: 4001,
  class_name: 'Network Activity',
  type_name: 'Network Activity: Refuse',
  metadata,
  src_endpoint: { ip: '198.51.100.7', port: 51515 },
  dst_endpoint: { ip: '192.0.2.10', port: 22, instance_uid: 'i-0abc' },
  severity_id: 1,
  severity: 'Informational',
  time: 1714550400000,
};

const httpActivity = {
  class_uid: 4002,
  class_name: 'HTTP Activity',
  category_uid: 4,
  activity_name: 'Connect',
  message: 'Proxy allowed request',
  metadata,
  device: { name: 'web-gw-01', hostname: 'web-gw-01.corp.example', domain: 'corp.example', ip: '192.0.2.44' },
  src_endpoint: { ip: '203.0.113.9', hostname: 'laptop-07.corp.example', name: 'laptop 07' },
  dst_endpoint: { name: 'upstream', port: 443 },
  proxy: { ip: '192.0.2.45', hostname: 'proxy-02.corp.example', intermediate_ips: ['198.51.100.46', '-'] },
  http_request: { http_method: 'GET', url: { hostname: 'downloads.example.net', path: '/a.exe' } },
  severity_id: 99,
  severity: 'Other',
  time_dt: '2024-05-01T08:00:00Z',
};

const dnsActivity = {
  class_uid: 4003,
  class_name: 'DNS Activity',
  category_uid: 4,
  activity_name: 'Response',
  metadata,
  src_endpoint: { ip: '2001:db8::53', port: 5353 },
  query: { hostname: 'tracker.example.org.', type: 'A' },
  answers: [{ rdata: '198.51.100.200', type: 'A' }],
  severity_id: 1,
  time: 1714550400000,
};

const authentication = {
  class_uid: 3002,
  class_name: 'Authentication',
  category_uid: 3,
  activity_name: 'Logon',
  metadata,
  actor: { user: { name: 'dana', uid: 'AIDAEXAMPLEUSER0001', account: { uid: '111122223333' } } },
  user: { uid: 'AIDAEXAMPLEUSER0001' },
  api: { operation: 'ConsoleLogin' },
  src_endpoint: { ip: '203.0.113.77' },
  dst_endpoint: { svc_name: 'https://console.example.com/' },
  severity_id: 1,
  time: 1714550400000,
};

const groupManagement = {
  class_uid: 3006,
  class_name: 'Group Management',
  category_uid: 3,
  activity_name: 'Add User',
  metadata,
  user: { name: 'erin', uid: 'u-2002', full_name: 'Erin Example' },
  group: { name: 'admins', uid: 'g-1' },
  resource: { owner: { name: 'frank', uid: 'u-3003' } },
  severity_id: 2,
  time: 1714550400,
};

const securityFinding = {
  class_uid: 2001,
  class_name: 'Security Finding',
  category_uid: 2,
  activity_name: 'Update',
  metadata,
  finding: { title: 'Security groups should not allow unrestricted SSH', uid: 'finding-42' },
  resources: [
    { type: 'AwsEc2SecurityGroup', uid: 'sg-0example' },
    { type: 'AwsS3Bucket', owner: { name: 'hank', uid: 'u-4004' } },
  ],
  severity_id: 4,
  severity: 'High',
  time: 1714550400000,
};

const detectionFinding = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  activity_name: 'Create',
  metadata,
  finding_info: { title: 'Credential dumping tool executed', uid: 'det-7' },
  device: { name: 'srv-db-03', ip: '192.0.2.30' },
  actor: { user: { name: 'svc_backup', uid: 'S-1-5-21-1000' } },
  severity_id: 5,
  time_dt: '2024-05-01T09:30:00Z',
};

const processActivity = {
  class_uid: 1007,
  class_name: 'Process Activity',
  category_uid: 1,
  activity_name: 'Launch',
  metadata,
  device: { hostname: 'build-host-9', ip: '198.51.100.90' },
  actor: {
    process: { pid: 10, user: { name: 'root', uid: '0' }, file: { owner: { name: 'builder' } } },
  },
  process: { pid: 42, name: 'curl', user: { name: 'builder', uid: '1001' } },
  severity_id: 3,
  time: 1714550400000,
};

const scheduledJob = {
  class_uid: 1006,
  class_name: 'Scheduled Job Activity',
  category_uid: 1,
  activity_name: 'Create',
  metadata,
  job: { name: 'nightly-sync', user: { name: 'ivan', uid: '1002' } },
  file: { path: '/etc/cron.d/sync', owner: { name: 'root', uid: '0' } },
  severity_id: 1,
  time: 1714550400000,
};

const deviceInventory = {
  class_uid: 5001,
  class_name: 'Device Inventory Info',
  category_uid: 5,
  activity_name: 'Log',
  metadata,
  device: { name: 'kiosk-12', hostname: 'kiosk-12.branch.example', ip: '0.0.0.0' },
  actor: { user: { name: 'inventory-agent' } },
  severity_id: 0,
  time: 1714550400000,
};

const apiActivity = {
  class_uid: 6003,
  class_name: 'API Activity',
  category_uid: 6,
  activity_name: 'Update',
  metadata,
  actor: { user: { name: 'gina', uid: 'AROAEXAMPLEROLE', email_addr: 'gina@example.com' } },
  api: { operation: 'PutBucketPolicy', service: { name: 's3.amazonaws.com' } },
  src_endpoint: { ip: '198.51.100.61', domain: 'example.com' },
  severity_id: 2,
  time: 1714550400000,
};

const samples = {
  networkActivity,
  httpActivity,
  dnsActivity,
  authentication,
  groupManagement,
  securityFinding,
  detectionFinding,
  processActivity,
  scheduledJob,
  deviceInventory,
  apiActivity,
};

describe('ocsfParser', () => {
  it('detects OCSF events of every category', () => {
    for (const [name, sample] of Object.entries(samples)) expect(ocsfParser.detect(sample), name).toBe(true);
  });

  it('maps network activity endpoints to source and destination, and names the class in the title', () => {
    const a = ocsfParser.parse(networkActivity);
    expect(a.format).toBe('amazon_security_lake.event');
    expect(a.recognizedBy).toBe('parser:ocsf');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['198.51.100.7', '192.0.2.10']);
    expect(a.title).toContain('Network Activity: Refuse');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-01T08:00:00.000Z');
    expect(a.ruleId).toBe('ocsf:4001');
  });

  it('reads HTTP activity: device, endpoint, proxy and URL host names are hosts; device and proxy addresses and relays are related', () => {
    const a = ocsfParser.parse(httpActivity);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.44', '203.0.113.9', '192.0.2.45', '198.51.100.46']);
    expect(a.observables.hosts).toEqual([
      'web-gw-01',
      'corp.example',
      'web-gw-01.corp.example',
      'downloads.example.net',
      'laptop-07.corp.example',
      'proxy-02.corp.example',
    ]);
    expect(a.observables.domains).toContain('downloads.example.net');
    expect(a.title).toBe('OCSF Proxy allowed request');
    expect(a.observedAt).toBe('2024-05-01T08:00:00.000Z');
  });

  it('reports a DNS query name as a domain, not a host, and ignores the answers', () => {
    const a = ocsfParser.parse(dnsActivity);
    expect(a.observables.srcIps).toEqual(['2001:db8::53']);
    expect(a.observables.ips).toEqual(['2001:db8::53']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['tracker.example.org']);
    expect(ocsfParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads the actor user of an authentication and the target user id, not the account id', () => {
    const a = ocsfParser.parse(authentication);
    expect(a.observables.srcIps).toEqual(['203.0.113.77']);
    expect(a.observables.users).toEqual(['dana', 'AIDAEXAMPLEUSER0001']);
    expect(a.title).toBe('OCSF Authentication: Logon ConsoleLogin');
  });

  it('lists the target user of IAM events with id and full name, but not the resource owner', () => {
    const a = ocsfParser.parse(groupManagement);
    expect(a.observables.users).toEqual(['erin', 'u-2002', 'Erin Example']);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-05-01T08:00:00.000Z');
  });

  it('titles findings from the finding, rates them by severity_id and lists resource owners as users', () => {
    const s = ocsfParser.parse(securityFinding);
    expect(s.title).toBe('OCSF Security groups should not allow unrestricted SSH');
    expect(s.severity).toBe('high');
    expect(s.ruleId).toBe('finding-42');
    expect(s.observables.users).toEqual(['hank', 'u-4004']);
    const d = ocsfParser.parse(detectionFinding);
    expect(d.title).toBe('OCSF Credential dumping tool executed');
    expect(d.severity).toBe('critical');
    expect(d.ruleId).toBe('det-7');
    expect(d.observables.ips).toEqual(['192.0.2.30']);
    expect(d.observables.hosts).toEqual(['srv-db-03']);
    expect(d.observables.users).toEqual(['svc_backup', 'S-1-5-21-1000']);
  });

  it('reads process users and the process file owner of system activity', () => {
    const a = ocsfParser.parse(processActivity);
    expect(a.observables.ips).toEqual(['198.51.100.90']);
    expect(a.observables.hosts).toEqual(['build-host-9']);
    expect(a.observables.users).toEqual(['root', '0', 'builder', '1001']);
    expect(a.severity).toBe('medium');
  });

  it('reads the job user and the file owner of a scheduled job', () => {
    expect(ocsfParser.parse(scheduledJob).observables.users).toEqual(['ivan', '1002', 'root', '0']);
  });

  it('never reports the unspecified address of a discovery event', () => {
    const a = ocsfParser.parse(deviceInventory);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['kiosk-12', 'kiosk-12.branch.example']);
    expect(a.observables.users).toEqual(['inventory-agent']);
    expect(a.severity).toBe('info');
  });

  it('reads the caller of an application API activity and its source domain', () => {
    const a = ocsfParser.parse(apiActivity);
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.users).toEqual(['gina', 'AROAEXAMPLEROLE', 'gina@example.com']);
    expect(a.observables.hosts).toEqual(['example.com']);
    expect(a.observables.emails).toEqual(['gina@example.com']);
    expect(a.title).toBe('OCSF API Activity: Update PutBucketPolicy');
  });

  it('does not claim other formats', () => {
    const asff = {
      SchemaVersion: '2018-10-08',
      Id: 'x',
      ProductArn: 'arn',
      Types: [],
      Severity: { Label: 'LOW' },
    };
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'a@example.com' },
      displayMessage: 'x',
    };
    const noMeta = { class_uid: 4001, src_endpoint: { ip: '192.0.2.1' } };
    const notAClass = { class_uid: 42, category_uid: 4, metadata };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"class_uid":4001}';
    for (const raw of [asff, okta, noMeta, notAClass, line, null, 42, []]) {
      expect(ocsfParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      const others = parsers.filter(
        (p) => p.generic !== true && p.name !== ocsfParser.name && p.detect(sample),
      );
      expect(
        others.map((p) => p.name),
        name,
      ).toEqual([]);
    }
  });
});
