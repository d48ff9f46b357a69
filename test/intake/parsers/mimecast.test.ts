// The Mimecast parser on synthetic SIEM (v1 and v2 API), TTP URL, Attachment Protect, Impersonation Protect, audit,
// archive search and Cloud Integrated records: detection, each indicator's role as Elastic's mimecast pipelines
// map it, and no double claims.
import { describe, expect, it } from 'vitest';
import { mimecastParser } from '../../../src/intake/parsers/mimecast.js';
import { registryClaims } from './registry-claims.js';

const receipt = {
  acc: 'XYZ001',
  aCode: 'q1w2e3r4t5',
  Act: 'Acc',
  datetime: '2024-03-05T09:15:00+0000',
  Dir: 'Inbound',
  IP: '203.0.113.25',
  Sender: 'alerts@mail.example.net',
  Rcpt: 'dana.lee@example.org',
  headerFrom: 'alerts@mail.example.net',
  Subject: 'Quarterly report',
  MsgId: '<abc123@mail.example.net>',
  'Content-Disposition': 'attachment; filename="receipt_20240305091500000.json"',
};

const siemUrlProtect = {
  acc: 'XYZ001',
  reason: 'malicious',
  subject: 'Invoice overdue',
  url: 'http://login.bad.example.com/verify.php',
  datetime: '2024-03-05T10:00:00+0000',
  route: 'inbound',
  sourceIp: '198.51.100.7',
  sender: 'billing@bad.example.com',
  recipient: 'sam.ortiz@example.org',
  action: 'Block',
  senderDomain: 'bad.example.com',
  'Content-Disposition': 'attachment; filename="ttp_url_20240305100000000.json"',
};

const process = {
  acc: 'XYZ001',
  aCode: 'z9x8c7',
  Act: 'Hld',
  Hld: 'Spm',
  datetime: '2024-03-05T11:00:00+0000',
  Sender: 'news@promo.example.net',
  MsgSize: 1000,
  AttCnt: 0,
  'Content-Disposition': 'attachment; filename="process_20240305110000000.json"',
};

const v2Delivery = {
  accountId: 'ACME01',
  aggregateId: 'agg-1',
  processingId: 'proc-1',
  type: 'delivery',
  timestamp: 1709632800000,
  direction: 'Inbound',
  destinationIp: '192.0.2.40',
  Hostname: 'mx1.example.org',
  senderEnvelope: 'pat.kim@partner.example.com',
  recipients: 'dana.lee@example.org',
  subject: 'Meeting notes',
  delivered: 'true',
};

const v2Spam = {
  accountId: 'ACME01',
  aggregateId: 'agg-2',
  processingId: 'proc-2',
  type: 'spam',
  timestamp: 1709632900000,
  senderIp: '2001:db8::25',
  senderHeader: 'offers@spam.example.net',
  recipients: [{ value: 'sam.ortiz@example.org' }],
  subject: 'You won',
};

const ttpUrl = {
  userEmailAddress: 'dana.lee@example.org',
  fromUserEmailAddress: 'notify@files.example.com',
  url: 'https://files.example.com/share/doc.exe',
  ttpDefinition: 'Default Inbound URL Protect Definition',
  subject: 'Shared document',
  action: 'warn',
  scanResult: 'malicious',
  category: 'Dangerous file extension',
  sendingIp: '203.0.113.90',
  date: '2024-03-05T12:00:00+0000',
  route: 'inbound',
  messageId: '<m1@files.example.com>',
};

const ttpUrlInternal = { ...ttpUrl, sendingIp: 'Internal IP', route: 'internal' };

const ttpAttachment = {
  senderAddress: '<>',
  recipientAddress: 'sam.ortiz@example.org',
  fileName: 'invoice.pdf',
  fileType: 'application/pdf',
  result: 'malicious',
  actionTriggered: 'block, none',
  date: '2024-03-05T13:00:00+0000',
  route: 'inbound',
  subject: 'Invoice',
  fileHash: 'a'.repeat(64),
  definition: 'Inbound - Sandbox',
};

const ttpImpersonation = {
  id: 'MTOKEN:demo',
  senderAddress: 'ceo@lookalike.example.net',
  recipientAddress: 'finance@example.org',
  subject: 'Urgent wire',
  definition: 'IP - 2 hits (Tag email)',
  hits: 2,
  identifiers: ['internal_user_name'],
  action: 'hold',
  taggedExternal: false,
  taggedMalicious: true,
  senderIpAddress: '198.51.100.33',
  eventTime: '2024-03-05T14:00:00+0000',
  impersonationResults: [],
};

const dlpHold = {
  senderAddress: '<>',
  recipientAddress: 'lee.park@example.org',
  subject: 'Quarterly payroll export',
  eventTime: '2024-03-05T15:00:00+0000',
  route: 'outbound',
  policy: 'Content Inspection - Payroll',
  action: 'hold',
  messageId: '<m2@mail.example.org>',
};

/** The ECS view the scorer prints once the parser is registered (domains kept out of related.hosts). */
function ecs(raw: unknown) {
  const o = mimecastParser.parse(raw).observables;
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts };
}

const auditLogon = {
  id: 'eNqrSynthetic1',
  auditType: 'User Logged On',
  user: 'dana.lee@example.org',
  eventTime: '2024-03-05T11:00:00+0000',
  eventInfo:
    'Successful authentication for dana.lee@example.org <Dana Lee>, Date: 2024-03-05, Time: 11:00:00 GMT, IP: 203.0.113.61, Application: Administration Console, Method: Cloud',
  category: 'authentication_logs',
};

const auditFailed = {
  id: 'eNqrSynthetic2',
  auditType: 'Logon Authentication Failed',
  user: 'sam.ortiz@example.org',
  eventTime: '2024-03-05T11:05:00+0000',
  eventInfo:
    'Creating the auditLog entry for failed authentication, remote IP : 198.51.100.62 application : LFS',
  category: 'authentication_logs',
};

const auditNoIp = {
  id: 'eNqrSynthetic3',
  auditType: 'User Password Changed',
  user: 'sam.ortiz@example.org',
  eventTime: '2024-03-05T11:10:00+0000',
  eventInfo: 'Password reset for user: sam.ortiz@example.org User Password Changed, Remote IP is null',
  category: 'user_account_and_role_logs',
};

const archiveSearch = {
  createTime: '2024-03-05T12:00:00+0000',
  emailAddr: 'admin_kim@example.org',
  source: 'archive',
  searchText: '<msg-42@mail.example.net>',
  searchReason: 'incident review',
  description: 'Message Tracking Search',
};

const cloudEntity = {
  _offset: 1,
  _partition: 2,
  accountId: 'ACC0001',
  aggregateId: 'agg-synthetic_1709640000',
  attachments: ['invoice.xlsm'],
  direction: 'INBOUND',
  messageId: '<m1@mail.example.net>',
  policiesApplied: [{ action: 'BLOCK', mode: 'ACTIVE', name: 'Default policy' }],
  processingId: 'proc-synthetic_1709640000',
  recipients: ['dana.lee@example.org', 'sam.ortiz@example.org'],
  senderEnvelope: 'bounce@mail.example.net',
  senderHeader: 'billing@mail.example.net',
  senderIp: '198.51.100.70',
  source: 'OFFICE_365_MAIL',
  subject: 'Invoice',
  subtype: 'MALWARE',
  tags: ['MALWARE'],
  threatState: 'BLOCKED',
  threatType: 'MALWARE',
  timestamp: 1709640000000,
  type: 'entities',
};

const cloudMailflow = {
  accountId: 'ACC0001',
  aggregateId: 'agg-synthetic_1709640001',
  authResults: [{ aligned: true, result: 'pass', type: 'SPF' }],
  messageId: '<m2@mail.example.net>',
  processingId: 'proc-synthetic_1709640001',
  subtype: null,
  timestamp: 1709640001000,
  type: 'mailflow',
};

describe('mimecast parser', () => {
  it('reads a v1 SIEM receipt record: the sending IP is the source, and no related IP or user is set', () => {
    const alert = mimecastParser.parse(receipt);
    expect(alert.format).toBe('mimecast.siem_logs');
    expect(alert.observedAt).toBe('2024-03-05T09:15:00.000Z');
    expect(alert.observables.srcIps).toEqual(['203.0.113.25']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.emails).toEqual(['alerts@mail.example.net', 'dana.lee@example.org']);
  });

  it('reads a v1 SIEM URL Protect record as an alert with its source and the URL site as a domain', () => {
    const alert = mimecastParser.parse(siemUrlProtect);
    expect(alert.severity).toBe('high');
    expect(alert.observables.srcIps).toEqual(['198.51.100.7']);
    expect(alert.observables.domains).toEqual(['bad.example.com', 'login.bad.example.com']);
    expect(mimecastParser.domainsInRelatedHosts).toBe(false);
    expect(ecs(siemUrlProtect).hosts).toEqual([]);
  });

  it('reads a v1 SIEM process record with no indicators', () => {
    const got = ecs(process);
    expect(got).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
  });

  it('keeps the first record of a comma-joined SIEM text line', () => {
    const line = `${JSON.stringify(receipt)},${JSON.stringify({ ...receipt, IP: '192.0.2.99' })}`;
    expect(mimecastParser.detect(line)).toBe(true);
    expect(mimecastParser.parse(line).observables.srcIps).toEqual(['203.0.113.25']);
  });

  it('reads a v2 SIEM delivery record: destination IP, sender then recipient as users, the MTA host', () => {
    const alert = mimecastParser.parse(v2Delivery);
    expect(alert.format).toBe('mimecast.siem_logs');
    expect(alert.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(ecs(v2Delivery)).toEqual({
      src_ips: [],
      dst_ips: ['192.0.2.40'],
      ips: [],
      users: ['pat.kim@partner.example.com', 'dana.lee@example.org'],
      hosts: ['mx1.example.org'],
    });
  });

  it('reads a v2 SIEM spam record with an IPv6 sender and a recipient list', () => {
    expect(ecs(v2Spam)).toEqual({
      src_ips: ['2001:db8::25'],
      dst_ips: [],
      ips: [],
      users: ['offers@spam.example.net', 'sam.ortiz@example.org'],
      hosts: [],
    });
  });

  it('reads a TTP URL log: the sending IP as source and related, sender then recipient as users', () => {
    const alert = mimecastParser.parse(ttpUrl);
    expect(alert.format).toBe('mimecast.ttp_url_logs');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('Default Inbound URL Protect Definition');
    expect(alert.observables.domains).toEqual(['files.example.com']);
    expect(ecs(ttpUrl)).toEqual({
      src_ips: ['203.0.113.90'],
      dst_ips: [],
      ips: ['203.0.113.90'],
      users: ['notify@files.example.com', 'dana.lee@example.org'],
      hosts: [],
    });
  });

  it('sets no address when a TTP URL log says the sender is internal', () => {
    const got = ecs(ttpUrlInternal);
    expect(got.src_ips).toEqual([]);
    expect(got.ips).toEqual([]);
    expect(got.users).toHaveLength(2);
  });

  it('reads a TTP Attachment Protect log: the file hash, no IP or user', () => {
    const alert = mimecastParser.parse(ttpAttachment);
    expect(alert.format).toBe('mimecast.ttp_ap_logs');
    expect(alert.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(ecs(ttpAttachment)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
  });

  it('reads a TTP Impersonation Protect log: the sender IP as source and related', () => {
    const alert = mimecastParser.parse(ttpImpersonation);
    expect(alert.format).toBe('mimecast.ttp_ip_logs');
    expect(alert.severity).toBe('high');
    expect(ecs(ttpImpersonation)).toEqual({
      src_ips: ['198.51.100.33'],
      dst_ips: [],
      ips: ['198.51.100.33'],
      users: [],
      hosts: [],
    });
  });

  it('reads an audit event: the address in its text as related only, the account as name then address', () => {
    const alert = mimecastParser.parse(auditLogon);
    expect(alert.format).toBe('mimecast.audit_events');
    expect(alert.observedAt).toBe('2024-03-05T11:00:00.000Z');
    expect(alert.ruleId).toBe('authentication_logs');
    expect(alert.severity).toBe('info');
    expect(alert.observables.emails).toEqual(['dana.lee@example.org']);
    expect(ecs(auditLogon)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['203.0.113.61'],
      users: ['dana.lee', 'dana.lee@example.org'],
      hosts: [],
    });
  });

  it('finds an audit event’s address however the text spells it, and none when it is null', () => {
    expect(ecs(auditFailed).ips).toEqual(['198.51.100.62']);
    expect(mimecastParser.parse(auditFailed).severity).toBe('low');
    expect(ecs(auditNoIp).ips).toEqual([]);
    expect(ecs({ ...auditNoIp, user: '' }).users).toEqual([]);
    // A failed login's text may double the colon (`IP: : 198.51.100.63,,`).
    const doubled = {
      ...auditFailed,
      eventInfo: 'Failed authentication for x@example.org, IP: : 198.51.100.63,, Reason: Locked',
    };
    expect(ecs(doubled).ips).toEqual(['198.51.100.63']);
  });

  it('reads an archive search log: the searching account as name then address, nothing else', () => {
    const alert = mimecastParser.parse(archiveSearch);
    expect(alert.format).toBe('mimecast.archive_search_logs');
    expect(alert.ruleId).toBe('Message Tracking Search');
    expect(alert.observedAt).toBe('2024-03-05T12:00:00.000Z');
    expect(ecs(archiveSearch)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['admin_kim', 'admin_kim@example.org'],
      hosts: [],
    });
    expect(ecs({ ...archiveSearch, emailAddr: '<>' }).users).toEqual([]);
  });

  it('reads a Cloud Integrated entities record: sender IP as source and related, senders then recipients', () => {
    const alert = mimecastParser.parse(cloudEntity);
    expect(alert.format).toBe('mimecast.cloud_integrated_logs');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('MALWARE');
    expect(alert.observedAt).toBe('2024-03-05T12:00:00.000Z');
    expect(ecs(cloudEntity)).toEqual({
      src_ips: ['198.51.100.70'],
      dst_ips: [],
      ips: ['198.51.100.70'],
      users: [
        'billing@mail.example.net',
        'bounce@mail.example.net',
        'dana.lee@example.org',
        'sam.ortiz@example.org',
      ],
      hosts: [],
    });
    const clean = mimecastParser.parse({ ...cloudEntity, threatType: 'NO_DETECTIONS', senderEnvelope: '' });
    expect(clean.severity).toBe('info');
    expect(clean.ruleId).toBeNull();
    expect(clean.observables.users).toEqual([
      'billing@mail.example.net',
      'dana.lee@example.org',
      'sam.ortiz@example.org',
    ]);
  });

  it('reads a Cloud Integrated mailflow record as an event with no indicators', () => {
    const alert = mimecastParser.parse(cloudMailflow);
    expect(alert.format).toBe('mimecast.cloud_integrated_logs');
    expect(alert.severity).toBe('info');
    expect(ecs(cloudMailflow)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
  });

  it('reads a DLP policy hit: the policy and action, the parties as e-mail addresses only', () => {
    expect(mimecastParser.detect(dlpHold)).toBe(true);
    const a = mimecastParser.parse(dlpHold);
    expect(a.format).toBe('mimecast.dlp_logs');
    expect(a.title).toBe(
      'Mimecast DLP Content Inspection - Payroll: hold outbound: Quarterly payroll export',
    );
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('Content Inspection - Payroll');
    expect(a.observedAt).toBe('2024-03-05T15:00:00.000Z');
    expect(a.observables.emails).toEqual(['lee.park@example.org']);
    expect(ecs(dlpHold)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(mimecastParser.parse({ ...dlpHold, action: 'notification' }).severity).toBe('low');
  });

  it('does not claim other e-mail vendors, plain JSON or text lines', () => {
    const proofpoint = {
      GUID: 'g1',
      QID: 'q1',
      sender: 'a@example.net',
      recipient: ['b@example.org'],
      senderIP: '192.0.2.1',
      threatsInfoMap: [],
      messageTime: '2024-03-05T00:00:00Z',
    };
    const harmony = {
      event_type: 'phishing',
      sender_address: 'a@example.net',
      recipients: ['b@example.org'],
    };
    for (const raw of [
      proofpoint,
      harmony,
      { type: 'delivery', timestamp: 1 },
      { datetime: '2024-03-05T00:00:00Z', message: 'x' },
      { type: 'entities', processingId: 'p', accountId: 'a', timestamp: 'not json schema', recipients: 42 },
      { type: 'alert', processingId: 'p', accountId: 'a' },
      { auditType: 'Login', eventTime: '2024-03-05T00:00:00Z' },
      { createTime: '2024-03-05T00:00:00Z', emailAddr: 'a@example.org' },
      '<134>Mar  5 10:00:00 host app: hello',
      null,
      42,
    ])
      expect(mimecastParser.detect(raw)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    const samples = {
      receipt,
      siemUrlProtect,
      process,
      v2Delivery,
      v2Spam,
      ttpUrl,
      ttpAttachment,
      ttpImpersonation,
      auditLogon,
      auditFailed,
      archiveSearch,
      cloudEntity,
      cloudMailflow,
      dlpHold,
    };
    for (const [name, sample] of Object.entries(samples)) {
      expect(mimecastParser.detect(sample), name).toBe(true);
      expect(registryClaims(sample, mimecastParser.name).others, name).toEqual([]);
    }
  });
});
