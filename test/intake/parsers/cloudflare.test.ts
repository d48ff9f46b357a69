// The Cloudflare parser on synthetic Logpush records and audit log API records: detection, the role of
// every indicator as Elastic's cloudflare_logpush and cloudflare pipelines map them, and no double claims.
import { describe, expect, it } from 'vitest';
import { cloudflareParser } from '../../../src/intake/parsers/cloudflare.js';
import { registryClaims } from './registry-claims.js';

const httpRequest = {
  ClientIP: '198.51.100.20',
  ClientRequestHost: 'shop.example.com',
  ClientRequestMethod: 'POST',
  ClientRequestURI: '/cart/checkout',
  ClientSrcPort: 51000,
  EdgeEndTimestamp: '2024-03-01T08:00:01Z',
  EdgeRequestHost: 'shop.example.com',
  EdgeResponseStatus: 403,
  EdgeServerIP: '203.0.113.250',
  EdgeStartTimestamp: '1709280000',
  OriginIP: '192.0.2.80',
  RayID: '8a1b2c3d4e5f6071',
  SecurityAction: 'block',
  SecurityRuleID: 'rule-abc123',
  SecurityRuleDescription: 'SQLi attempt',
  WAFAction: 'unknown',
  ZoneName: 'example.com',
};

const firewallEvent = {
  Action: 'block',
  ClientASN: 64500,
  ClientIP: '2001:db8::25',
  ClientRefererHost: 'ref.example.net',
  ClientRequestHost: 'app.example.com',
  ClientRequestMethod: 'GET',
  ClientRequestPath: '/admin',
  Datetime: '2024-03-01T08:05:00Z',
  Description: 'Block admin from outside',
  FraudUserID: 'fraud-user-7',
  Kind: 'firewall',
  MatchIndex: 0,
  RayID: '8a1b2c3d4e5f6072',
  RuleID: 'f1e2d3c4b5a6',
  Source: 'firewallrules',
};

const dns = {
  ColoCode: 'AMS',
  EDNSSubnet: '198.51.100.0',
  EDNSSubnetLength: 24,
  QueryName: 'mail.example.org',
  QueryType: 1,
  ResponseCached: false,
  ResponseCode: 0,
  SourceIP: '203.0.113.53',
  Timestamp: '1709280300000000000',
};

const dnsFirewall = {
  ClusterID: 'cluster-1',
  ColoCode: 'AMS',
  EDNSSubnet: '198.51.100.0',
  QueryName: 'www.example.org',
  QueryType: 28,
  ResponseCode: 0,
  SourceIP: '203.0.113.54',
  Timestamp: '2024-03-01T08:06:00Z',
  UpstreamIP: '192.0.2.53',
};

const gatewayDns = {
  Datetime: '2024-03-01T08:10:00Z',
  DeviceID: 'dev-0001',
  DeviceName: 'laptop-dana',
  DstIP: '192.0.2.1',
  Email: 'dana@example.com',
  PolicyID: 'pol-9',
  PolicyName: 'Block malware',
  QueryName: 'bad.example.net',
  QueryNameReversed: 'net.example.bad',
  QueryTypeName: 'A',
  ResolvedIPs: ['198.51.100.99'],
  ResolverDecision: 'blockedByCategory',
  SrcIP: '203.0.113.10',
  UserID: 'uid-dana',
};

const gatewayHttp = {
  Action: 'block',
  Datetime: 1709280600,
  DestinationIP: '198.51.100.44',
  DeviceID: 'dev-0002',
  DeviceName: 'desktop-lee',
  Email: 'lee@example.com',
  HTTPHost: 'files.example.net',
  HTTPMethod: 'GET',
  PolicyID: 'pol-10',
  PolicyName: 'No downloads',
  RequestID: 'req-1',
  SourceIP: '203.0.113.11',
  SourceInternalIP: '192.0.2.77',
  URL: 'https://files.example.net/tool.exe',
  UserID: 'uid-lee',
};

const gatewayNetwork = {
  AccountID: 'acct-1',
  Action: 'block',
  Datetime: '2024-03-01T08:20:00Z',
  DestinationIP: '198.51.100.45',
  DestinationPort: 443,
  DeviceID: 'dev-0003',
  DeviceName: 'server-kim',
  Email: 'kim@example.com',
  OverrideIP: '192.0.2.200',
  PolicyID: 'pol-11',
  SNI: 'tunnel.example.net',
  SessionID: 'sess-1',
  SourceIP: '203.0.113.12',
  SourceInternalIP: '192.0.2.78',
  Transport: 'tcp',
  UserID: 'uid-kim',
};

const accessRequest = {
  Action: 'login',
  Allowed: false,
  AppDomain: 'wiki.example.com',
  CreatedAt: '2024-03-01T08:30:00Z',
  Email: 'sam@example.com',
  IPAddress: '198.51.100.61',
  RayID: '8a1b2c3d4e5f6073',
  TemporaryAccessApprovers: ['boss@example.com'],
  UserUID: 'uid-sam',
};

const spectrum = {
  Application: 'app-ssh',
  ClientIP: '203.0.113.13',
  ClientPort: 40000,
  ColoCode: 'FRA',
  ConnectTimestamp: '2024-03-01T08:40:00Z',
  Event: 'connect',
  OriginIP: '192.0.2.22',
  OriginPort: 22,
  Timestamp: '2024-03-01T08:40:00Z',
};

const networkAnalytics = {
  ColoName: 'FRA',
  Datetime: '2024-03-01T08:50:00Z',
  IPDestinationAddress: '192.0.2.23',
  IPSourceAddress: '203.0.113.14',
  MitigationReason: 'BLOCKED',
  MitigationSystem: 'dosd',
  Outcome: 'drop',
  RuleID: 'rule-ddos',
  Verdict: 'drop',
};

const magicIds = {
  Action: 'pass',
  DestinationIP: '192.0.2.24',
  DestinationPort: 80,
  SignatureID: 2000001,
  SignatureMessage: 'ET TEST suspicious request',
  SourceIP: '203.0.113.15',
  SourcePort: 50000,
  Timestamp: '2024-03-01T08:55:00Z',
};

const logpushAudit = {
  ActionResult: false,
  ActionType: 'token_create',
  ActorEmail: 'ops@example.com',
  ActorID: 'actor-123',
  ActorIP: '198.51.100.70',
  ActorType: 'user',
  ID: 'audit-1',
  OwnerID: 'owner-456',
  ResourceID: 'res-789',
  ResourceType: 'account',
  When: '2024-03-01T09:00:00Z',
};

const apiAudit = {
  action: { result: true, type: 'API_key_view' },
  actor: { email: 'admin@example.com', id: 'actor-abc', ip: '2001:db8::70', type: 'user' },
  id: 'audit-2',
  interface: '',
  metadata: {},
  newValue: '',
  oldValue: '',
  owner: { id: 'owner-def' },
  resource: { id: 'user-ghi', type: 'user' },
  when: '2024-03-01T09:05:00Z',
};

const logpull = {
  CacheCacheStatus: 'unknown',
  ClientIP: '198.51.100.21',
  ClientIPClass: 'noRecord',
  ClientRequestHost: 'blog.example.com',
  ClientRequestMethod: 'POST',
  ClientRequestURI: '/xmlrpc.php',
  EdgeEndTimestamp: 1709280001000000000,
  EdgePathingSrc: 'filterBasedFirewall',
  EdgeResponseStatus: 403,
  EdgeStartTimestamp: 1709280000000000000,
  FirewallMatchesActions: ['simulate', 'block'],
  FirewallMatchesRuleIDs: ['rule-sim', 'rule-block'],
  FirewallMatchesSources: ['firewallRules', 'firewallRules'],
  OriginIP: '192.0.2.81',
  RayID: '8a1b2c3d4e5f6099',
  WAFAction: 'unknown',
};

const networkSession = {
  BytesReceived: 680,
  BytesSent: 2400,
  ConnectionCloseReason: 'CLIENT_CLOSED',
  DeviceID: 'dev-0100',
  DeviceName: 'laptop-kim',
  EgressIP: '2001:db8::23',
  Email: 'kim@example.com',
  OriginIP: '198.51.100.129',
  OriginPort: 443,
  Protocol: 'TCP',
  SessionEndTime: '2024-03-01T08:20:05Z',
  SessionID: 'sess-1',
  SessionStartTime: '2024-03-01T08:20:00Z',
  SourceInternalIP: '192.0.2.100',
  SourceIP: '203.0.113.2',
  SourcePort: 52994,
  UserID: 'uid-kim',
};

const devicePosture = {
  ClientVersion: '2024.3.1',
  DeviceID: 'dev-0200',
  DeviceName: 'laptop-ola',
  DeviceType: 'linux',
  Email: 'ola@example.com',
  PolicyID: 'posture-1',
  PostureCheckName: 'Disk encryption',
  PostureCheckType: 'disk_encryption',
  PostureEvaluatedResult: false,
  Timestamp: '1709280000',
  UserUID: 'uid-ola',
};

const emailAlert = {
  AlertID: 'alert-77',
  Attachments: [{ Md5: 'd41d8cd98f00b204e9800998ecf8427e', Name: 'invoice.html' }],
  CC: [],
  FinalDisposition: 'malicious',
  From: 'billing@bad.example.net',
  FromName: 'Billing Team',
  Links: ['https://login.bad.example.org/reset'],
  OriginalSender: 'billing@bad.example.net',
  ReplyTo: 'reply@bad.example.net',
  ReplyToName: 'Billing Reply',
  SMTPEnvelopeFrom: 'bounce@bad.example.net',
  SMTPEnvelopeTo: ['pat@example.com'],
  SMTPHeloServerIP: '203.0.113.25',
  SMTPHeloServerName: 'mx1-relay',
  Subject: 'Your invoice',
  ThreatCategories: ['CredentialHarvester'],
  Timestamp: '2024-03-01T08:30:00Z',
  To: ['pat@example.com'],
  ToName: ['Pat'],
};

const casb = {
  AssetDisplayName: 'Shared drive',
  AssetLink: 'https://files.example.com/drive/1',
  DetectedTimestamp: '2024-03-01T08:40:00Z',
  FindingTypeDisplayName: 'File shared publicly',
  FindingTypeID: 'ft-1',
  FindingTypeSeverity: 'High',
  InstanceID: 'inst-1',
  IntegrationDisplayName: 'Drive',
  IntegrationID: 'int-1',
};

const sinkhole = {
  DestAddr: '198.51.100.99',
  Host: 'c2.example.net',
  Method: 'POST',
  SinkholeID: 'SH9',
  SrcAddr: '203.0.113.99',
  Timestamp: '2024-03-01T08:50:00Z',
  URI: '/beacon',
  URL: 'https://c2.example.net/beacon',
  Username: 'svc-kiosk',
};

const pageShield = {
  Action: 'log',
  CSPDirective: 'script-src',
  Host: 'shop.example.com',
  PageURL: 'https://shop.example.com/checkout',
  PolicyID: '9',
  ResourceType: 'script',
  Timestamp: '2024-03-01T09:00:00Z',
  URL: 'https://cdn.example.org/skimmer.js',
  URLHost: 'cdn.example.org',
};

const workersTrace = {
  Event: { RayID: 'r1', Request: { URL: 'https://api.example.com/v1', Method: 'GET' } },
  EventTimestampMs: 1709280000000,
  EventType: 'fetch',
  Outcome: 'exception',
  ScriptName: 'edge-router',
};

const warpConfig = {
  ConfigNameFrom: 'Default',
  ConfigNameTo: 'Restricted',
  DeviceID: 'dev-0300',
  Hostname: 'laptop-uma',
  Timestamp: 1709280000,
  UserEmail: 'uma@example.com',
};

const warpToggle = {
  DeviceID: 'dev-0310',
  Hostname: 'laptop-ivo',
  Timestamp: '2024-03-01T09:05:00Z',
  Toggled: false,
  UserEmail: 'ivo@example.com',
};

const dexDeviceState = {
  ClientPlatform: 'mac',
  DeviceID: 'dev-0400',
  DeviceIPv4Address: '192.0.2.40',
  GatewayIPv4Address: '192.0.2.1',
  ISPIPv4Address: '198.51.100.40',
  ISPIPv6Address: '2001:db8:40::1',
  Status: 'connected',
  Timestamp: '2024-03-01T09:10:00Z',
};

const dexHttpTest = {
  ClientPlatform: 'windows',
  DeviceID: 'dev-0500',
  HTTPClientIPAddress: '203.0.113.50',
  HTTPServerIPAddress: '198.51.100.50',
  HTTPURL: 'https://portal.example.com/health',
  TestID: 'test-1',
  TestType: 'http',
  Timestamp: '2024-03-01T09:20:00Z',
  UserEmail: 'vic@example.com',
  UserID: 'uid-vic',
};

const dexTraceroute = {
  DeviceID: 'dev-0600',
  TestID: 'test-2',
  TestType: 'traceroute',
  Timestamp: '2024-03-01T09:30:00Z',
  TracerouteDestinationHostname: 'api.example.org',
  TracerouteDestinationIPAddress: '198.51.100.60',
  TracerouteHops: [{ ip: { address: '192.0.2.254' }, name: 'gw.example.net' }],
  TracerouteSourceIPAddress: '203.0.113.60',
  UserEmail: 'wen@example.com',
  UserID: 'uid-wen',
};

const samples = {
  httpRequest,
  logpull,
  networkSession,
  devicePosture,
  emailAlert,
  casb,
  sinkhole,
  pageShield,
  workersTrace,
  warpConfig,
  warpToggle,
  dexDeviceState,
  dexHttpTest,
  dexTraceroute,
  firewallEvent,
  dns,
  dnsFirewall,
  gatewayDns,
  gatewayHttp,
  gatewayNetwork,
  accessRequest,
  spectrum,
  networkAnalytics,
  magicIds,
  logpushAudit,
  apiAudit,
};

describe('cloudflareParser', () => {
  it('detects every supported Cloudflare record', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(cloudflareParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an HTTP request: the visitor as source, the origin as destination, the host as a domain only', () => {
    const a = cloudflareParser.parse(httpRequest);
    expect(a.format).toBe('cloudflare_logpush.http_request');
    expect(a.recognizedBy).toBe('parser:cloudflare');
    expect(a.observables.srcIps).toEqual(['198.51.100.20']);
    expect(a.observables.dstIps).toEqual(['192.0.2.80']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.80']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('rule-abc123');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.000Z');
  });

  it('reads a firewall event: the client as source, referer and request hosts as hosts, the fraud user', () => {
    const a = cloudflareParser.parse(firewallEvent);
    expect(a.format).toBe('cloudflare_logpush.firewall_event');
    expect(a.observables.srcIps).toEqual(['2001:db8::25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['ref.example.net', 'app.example.com']);
    expect(a.observables.users).toEqual(['fraud-user-7']);
    expect(a.ruleId).toBe('f1e2d3c4b5a6');
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('Block admin from outside');
  });

  it('reads a DNS query: the client as source, the EDNS subnet as related, the query as a domain', () => {
    const a = cloudflareParser.parse(dns);
    expect(a.format).toBe('cloudflare_logpush.dns');
    expect(a.observables.srcIps).toEqual(['203.0.113.53']);
    expect(a.observables.ips).toEqual(['203.0.113.53', '198.51.100.0']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['mail.example.org']);
    expect(a.observedAt).toBe('2024-03-01T08:05:00.000Z');
  });

  it('reads a DNS firewall query with its upstream resolver as the destination', () => {
    const a = cloudflareParser.parse(dnsFirewall);
    expect(a.format).toBe('cloudflare_logpush.dns_firewall');
    expect(a.observables.srcIps).toEqual(['203.0.113.54']);
    expect(a.observables.dstIps).toEqual(['192.0.2.53']);
    expect(a.observables.ips).toEqual(['203.0.113.54', '198.51.100.0', '192.0.2.53']);
  });

  it('reads a Gateway DNS query: endpoints, the user id and e-mail, the device, not the resolved addresses', () => {
    const a = cloudflareParser.parse(gatewayDns);
    expect(a.format).toBe('cloudflare_logpush.gateway_dns');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual(['192.0.2.1']);
    expect(a.observables.ips).toEqual(['203.0.113.10', '192.0.2.1']);
    expect(a.observables.users).toEqual(['uid-dana', 'dana@example.com']);
    expect(a.observables.hosts).toEqual(['laptop-dana', 'dev-0001']);
    expect(a.observables.domains).toEqual(['bad.example.net']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('pol-9');
  });

  it('reads a Gateway HTTP request and keeps the internal source address out of the related addresses', () => {
    const a = cloudflareParser.parse(gatewayHttp);
    expect(a.format).toBe('cloudflare_logpush.gateway_http');
    expect(a.observables.ips).toEqual(['203.0.113.11', '198.51.100.44']);
    expect(a.observables.hosts).toEqual(['desktop-lee', 'dev-0002']);
    expect(a.observables.urls).toEqual(['https://files.example.net/tool.exe']);
    expect(a.observedAt).toBe('2024-03-01T08:10:00.000Z');
  });

  it('reads a Gateway network session with the override address and the SNI as a host', () => {
    const a = cloudflareParser.parse(gatewayNetwork);
    expect(a.format).toBe('cloudflare_logpush.gateway_network');
    expect(a.observables.ips).toEqual(['203.0.113.12', '198.51.100.45', '192.0.2.200']);
    expect(a.observables.hosts).toEqual(['server-kim', 'tunnel.example.net', 'dev-0003']);
    expect(a.observables.users).toEqual(['uid-kim', 'kim@example.com']);
  });

  it('reads an Access request: the address as related only, users and approvers, the app domain', () => {
    const a = cloudflareParser.parse(accessRequest);
    expect(a.format).toBe('cloudflare_logpush.access_request');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.61']);
    expect(a.observables.users).toEqual(['uid-sam', 'sam@example.com', 'boss@example.com']);
    expect(a.observables.hosts).toEqual(['wiki.example.com']);
    expect(a.severity).toBe('medium');
  });

  it('reads Spectrum, network analytics and Magic IDS endpoints', () => {
    const s = cloudflareParser.parse(spectrum);
    expect(s.format).toBe('cloudflare_logpush.spectrum_event');
    expect([s.observables.srcIps, s.observables.dstIps]).toEqual([['203.0.113.13'], ['192.0.2.22']]);
    const n = cloudflareParser.parse(networkAnalytics);
    expect(n.format).toBe('cloudflare_logpush.network_analytics');
    expect([n.observables.srcIps, n.observables.dstIps]).toEqual([['203.0.113.14'], ['192.0.2.23']]);
    expect(n.severity).toBe('medium');
    const m = cloudflareParser.parse(magicIds);
    expect(m.format).toBe('cloudflare_logpush.magic_ids');
    expect(m.observables.ips).toEqual(['192.0.2.24', '203.0.113.15']);
    expect(m.ruleId).toBe('2000001');
  });

  it('reads a Logpush audit record: actor id, e-mail and owner as users, a failure as medium', () => {
    const a = cloudflareParser.parse(logpushAudit);
    expect(a.format).toBe('cloudflare_logpush.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.70']);
    expect(a.observables.users).toEqual(['actor-123', 'ops@example.com', 'owner-456']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('token_create');
  });

  it('reads an audit log API record: the actor id and a user resource id as users, the e-mail apart', () => {
    const a = cloudflareParser.parse(apiAudit);
    expect(a.format).toBe('cloudflare.audit');
    expect(a.observables.srcIps).toEqual(['2001:db8::70']);
    expect(a.observables.users).toEqual(['actor-abc', 'user-ghi']);
    expect(a.observables.emails).toEqual(['admin@example.com']);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-01T09:05:00.000Z');
  });

  it('reads a Logpull HTTP record: source and origin but no related addresses, the blocking rule as rule id', () => {
    const a = cloudflareParser.parse(logpull);
    expect(a.format).toBe('cloudflare.logpull');
    expect(a.observables.srcIps).toEqual(['198.51.100.21']);
    expect(a.observables.dstIps).toEqual(['192.0.2.81']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('rule-block');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.000Z');
  });

  it('reads a request record with only a few fields and Datetime as http_request', () => {
    const minimal = {
      Action: 'skip',
      ClientIP: '198.51.100.21',
      ClientRequestHost: 'shop.example.com',
      ClientRequestMethod: 'GET',
      ClientRequestPath: '/ping',
      Datetime: '2025-03-24T19:10:40Z',
      EdgeResponseStatus: 200,
      RayID: '92587851de3ef3e6',
    };
    expect(cloudflareParser.detect(minimal)).toBe(true);
    const a = cloudflareParser.parse(minimal);
    expect(a.format).toBe('cloudflare_logpush.http_request');
    expect(a.observables.srcIps).toEqual(['198.51.100.21']);
    expect(a.observedAt).toBe('2025-03-24T19:10:40.000Z');
    expect(a.title).toContain('shop.example.com/ping');
  });

  it('still reads a Logpush HTTP record with firewall matches and a security action as http_request', () => {
    const a = cloudflareParser.parse({ ...httpRequest, FirewallMatchesActions: ['block'] });
    expect(a.format).toBe('cloudflare_logpush.http_request');
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.80']);
  });

  it('reads a Zero Trust network session: egress address related, internal address left out, device as hosts', () => {
    const a = cloudflareParser.parse(networkSession);
    expect(a.format).toBe('cloudflare_logpush.network_session');
    expect(a.observables.srcIps).toEqual(['203.0.113.2']);
    expect(a.observables.dstIps).toEqual(['198.51.100.129']);
    expect(a.observables.ips).toEqual(['203.0.113.2', '198.51.100.129', '2001:db8::23']);
    expect(a.observables.users).toEqual(['uid-kim', 'kim@example.com']);
    expect(a.observables.hosts).toEqual(['laptop-kim', 'dev-0100']);
    expect(a.observedAt).toBe('2024-03-01T08:20:00.000Z');
  });

  it('reads a device posture result: user and device, a failed check as low', () => {
    const a = cloudflareParser.parse(devicePosture);
    expect(a.format).toBe('cloudflare_logpush.device_posture');
    expect(a.observables.users).toEqual(['uid-ola', 'ola@example.com']);
    expect(a.observables.hosts).toEqual(['laptop-ola', 'dev-0200']);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('posture-1');
  });

  it('reads an e-mail security alert: senders and recipients as users, HELO name and domains as hosts', () => {
    const a = cloudflareParser.parse(emailAlert);
    expect(a.format).toBe('cloudflare_logpush.email_security_alerts');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.25']);
    expect(a.observables.users).toEqual([
      'billing@bad.example.net',
      'Billing Team',
      'bounce@bad.example.net',
      'Billing Reply',
      'reply@bad.example.net',
      'pat@example.com',
      'Pat',
    ]);
    expect(a.observables.hosts).toEqual([
      'mx1-relay',
      'bad.example.net',
      'example.com',
      'login.bad.example.org',
    ]);
    expect(a.observables.hashes).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('alert-77');
  });

  it('reads a CASB finding with no related indicator and the vendor severity', () => {
    const a = cloudflareParser.parse(casb);
    expect(a.format).toBe('cloudflare_logpush.casb');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['files.example.com']);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('File shared publicly');
  });

  it('reads a sinkhole HTTP request: sinkhole address first in related, the host and the username', () => {
    const a = cloudflareParser.parse(sinkhole);
    expect(a.format).toBe('cloudflare_logpush.sinkhole_http');
    expect(a.observables.srcIps).toEqual(['203.0.113.99']);
    expect(a.observables.dstIps).toEqual(['198.51.100.99']);
    expect(a.observables.ips).toEqual(['198.51.100.99', '203.0.113.99']);
    expect(a.observables.users).toEqual(['svc-kiosk']);
    expect(a.observables.hosts).toEqual(['c2.example.net']);
  });

  it('reads a Page Shield event: the page host and the resource host as hosts', () => {
    const a = cloudflareParser.parse(pageShield);
    expect(a.format).toBe('cloudflare_logpush.page_shield_events');
    expect(a.observables.hosts).toEqual(['shop.example.com', 'cdn.example.org']);
    expect(a.ruleId).toBe('9');
  });

  it('reads a Workers trace with no related indicator and a failed outcome as low', () => {
    const a = cloudflareParser.parse(workersTrace);
    expect(a.format).toBe('cloudflare_logpush.workers_trace');
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['api.example.com']);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.000Z');
  });

  it('reads a WARP configuration change: the user e-mail, the host name and the device id', () => {
    const a = cloudflareParser.parse(warpConfig);
    expect(a.format).toBe('cloudflare_logpush.warp_config_changes');
    expect(a.observables.users).toEqual(['uma@example.com']);
    expect(a.observables.hosts).toEqual(['laptop-uma', 'dev-0300']);
  });

  it('reads a WARP toggle change: switching WARP off is low', () => {
    const a = cloudflareParser.parse(warpToggle);
    expect(a.format).toBe('cloudflare_logpush.warp_toggle_changes');
    expect(a.observables.users).toEqual(['ivo@example.com']);
    expect(a.observables.hosts).toEqual(['laptop-ivo', 'dev-0310']);
    expect(a.severity).toBe('low');
    expect(a.title).toContain('switched off');
  });

  it('reads a DEX device state: ISP addresses as sources, then device and gateway addresses related', () => {
    const a = cloudflareParser.parse(dexDeviceState);
    expect(a.format).toBe('cloudflare_logpush.dex_device_state_events');
    expect(a.observables.srcIps).toEqual(['198.51.100.40', '2001:db8:40::1']);
    expect(a.observables.ips).toEqual(['198.51.100.40', '2001:db8:40::1', '192.0.2.40', '192.0.2.1']);
    expect(a.observables.hosts).toEqual(['dev-0400']);
  });

  it('reads DEX HTTP and traceroute tests: client and server addresses, user, device and tested site', () => {
    const h = cloudflareParser.parse(dexHttpTest);
    expect(h.format).toBe('cloudflare_logpush.dex_application_tests');
    expect(h.observables.ips).toEqual(['203.0.113.50', '198.51.100.50']);
    expect(h.observables.users).toEqual(['vic@example.com', 'uid-vic']);
    expect(h.observables.hosts).toEqual(['dev-0500', 'portal.example.com']);
    const t = cloudflareParser.parse(dexTraceroute);
    expect(t.observables.srcIps).toEqual(['203.0.113.60']);
    expect(t.observables.dstIps).toEqual(['198.51.100.60']);
    expect(t.observables.ips).not.toContain('192.0.2.254');
    expect(t.observables.hosts).toEqual(['dev-0600', 'api.example.org']);
  });

  it('keeps an Access application domain with a path out of the hosts but reports its host as a domain', () => {
    const a = cloudflareParser.parse({ ...accessRequest, AppDomain: 'team.example.com/warp' });
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['team.example.com']);
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      '<134>Mar  1 08:00:00 fw1 sshd[1]: Accepted password for dana from 192.0.2.1 port 22 ssh2',
      { eventType: 'user.session.start', actor: { alternateId: 'x@example.com' }, displayMessage: 'x' },
      { action: 'repo.create', actor: 'octo', created_at: 1709280000000 },
      { id: 'a', action: 'user_login', actor: { type: 'user', user: { id: 'U1' } }, date_create: 1 },
      { QueryName: 'x.example.com', SourceIP: '192.0.2.1' },
      { ClientIP: '192.0.2.1', RayID: 'abc' },
      null,
      [httpRequest],
    ];
    for (const o of others) expect(cloudflareParser.detect(o)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, cloudflareParser.name).others, name).toEqual([]);
    }
  });
});
