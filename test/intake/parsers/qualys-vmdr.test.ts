// The Qualys VMDR parser on synthetic user-activity rows and host detections: detection, the user and their
// address, the scanned host's address and names (as Elastic's qualys_vmdr pipelines map them), and that it
// leaves other formats alone.
import { describe, expect, it } from 'vitest';
import { qualysVmdrParser as parser } from '../../../src/intake/parsers/qualys-vmdr.js';
import { registryClaims } from './registry-claims.js';

const login = {
  Action: 'login',
  Date: '2024-04-02T07:30:00Z',
  Details: 'user_logged in',
  Module: 'auth',
  'User IP': '198.51.100.61',
  'User Name': 'corp_ana',
  'User Role': 'Manager',
};

const apiRequest = {
  ...login,
  Action: 'request',
  Details: 'API: /api/2.0/fo/scan/ for 192.0.2.99',
  'User IP': '2001:db8::61',
};

const detection = {
  DETECTION_LIST: {
    QID: '100200',
    SEVERITY: '5',
    STATUS: 'Active',
    TYPE: 'Confirmed',
    LAST_FOUND_DATETIME: '2024-04-01T12:00:00Z',
  },
  DNS: 'app-zeta.corp.example',
  DNS_DATA: { DOMAIN: 'corp.example', FQDN: 'app-zeta.corp.example', HOSTNAME: 'app-zeta' },
  ID: '9000001',
  IP: '192.0.2.70',
  NETBIOS: 'CORP-APP01',
  KNOWLEDGE_BASE: { TITLE: 'Example Kernel Update' },
  LAST_SCAN_DATETIME: '2024-04-01T11:00:00Z',
  TRACKING_METHOD: 'AGENT',
};

const bareDetection = {
  DETECTION_LIST: { QID: '100201', SEVERITY: '2' },
  ID: '9000002',
  IP: '203.0.113.71',
  TRACKING_METHOD: 'IP',
};

const knowledgeBase = {
  QID: '100300',
  TITLE: 'Example Library Update',
  SEVERITY_LEVEL: '4',
  VULN_TYPE: 'Vulnerability',
  CATEGORY: 'Example OS',
  PUBLISHED_DATETIME: '2024-01-05T00:00:00Z',
  LAST_SERVICE_MODIFICATION_DATETIME: '2024-02-05T00:00:00Z',
  SOLUTION: 'See <A HREF="https://vendor.example/advisory">the advisory</A>.',
  LAST_CUSTOMIZATION: { DATETIME: '2024-02-06T00:00:00Z', USER_LOGIN: 'corp_ana' },
};

const samples = { login, apiRequest, detection, bareDetection, knowledgeBase };

describe('qualys vmdr parser', () => {
  it('reads a user activity row: the user address as source and the user name', () => {
    const a = parser.parse(login);
    expect(a.format).toBe('qualys_vmdr.user_activity');
    expect(a.recognizedBy).toBe('parser:qualys_vmdr');
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.ips).toEqual(['198.51.100.61']);
    expect(a.observables.users).toEqual(['corp_ana']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-04-02T07:30:00.000Z');
    expect(a.ruleId).toBe('auth login');
    expect(a.title).toBe('Qualys VMDR: auth login by corp_ana: user_logged in');
  });

  it('does not take addresses from the details text', () => {
    const a = parser.parse(apiRequest);
    expect(a.observables.ips).toEqual(['2001:db8::61']);
  });

  it('reads a host detection: FQDN as host name, then DNS host name and NetBIOS name, not the numeric host id', () => {
    const a = parser.parse(detection);
    expect(a.format).toBe('qualys_vmdr.asset_host_detection');
    expect(a.observables.ips).toEqual(['192.0.2.70']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['app-zeta.corp.example', 'app-zeta', 'CORP-APP01']);
    expect(a.severity).toBe('critical');
    expect(a.ruleId).toBe('100200');
    expect(a.observedAt).toBe('2024-04-01T12:00:00.000Z');
    expect(a.title).toBe('Qualys VMDR: Example Kernel Update on app-zeta.corp.example');
  });

  it('reads a host detection with no DNS data', () => {
    const a = parser.parse(bareDetection);
    expect(a.observables.ips).toEqual(['203.0.113.71']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Qualys VMDR: QID 100201 on 203.0.113.71');
  });

  it('reads a knowledge-base entry with its severity level and no indicators', () => {
    const a = parser.parse(knowledgeBase);
    expect(a.format).toBe('qualys_vmdr.knowledge_base');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('100300');
    expect(a.observedAt).toBe('2024-02-05T00:00:00.000Z');
    expect(a.title).toBe('Qualys VMDR knowledge base QID 100300: Example Library Update');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('does not claim other formats', () => {
    const others = [
      { Action: 'login', Date: '2024-04-02T07:30:00Z', user: 'x' },
      { ID: '1', IP: '192.0.2.25', DETECTION_LIST: [] },
      { id: 'x', ipv4s: ['192.0.2.25'], fqdns: ['ws-alpha.corp.example'], has_plugin_results: true },
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      null,
    ];
    for (const raw of others) expect(parser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const raw of Object.values(samples)) {
      expect(parser.detect(raw)).toBe(true);
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});
