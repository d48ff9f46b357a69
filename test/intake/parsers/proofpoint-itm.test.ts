// The Proofpoint ITM (ObserveIT) parser on synthetic report records: detection, the remote address, host name
// and users as Elastic's proofpoint_itm.report pipeline maps them, the accessed site as a domain kept out of
// related.hosts, and that Proofpoint TAP / Essentials / on-Demand records and other JSON are left alone.
import { describe, expect, it } from 'vitest';
import { proofpointItmParser } from '../../../src/intake/parsers/proofpoint-itm.js';
import { registryClaims } from './registry-claims.js';

const alertReport = {
  _time: '2024-07-01T09:30:00Z',
  risingValue: '2024-07-01T09:31:12.500Z',
  observedAt: '2024-07-01T09:30:00Z',
  createdAt: '2024-07-01T09:30:05Z',
  id: '00000000-AAAA-4BBB-8CCC-000000000001',
  collectorId: '00000000-AAAA-4BBB-8CCC-0000000000C1',
  collectorUrl: 'https://itm.example.com/',
  endpointId: '00000000-AAAA-4BBB-8CCC-0000000000E1',
  endpointName: 'WS-FIN-03',
  sessionId: '00000000-AAAA-4BBB-8CCC-0000000000F1',
  playbackUrl: 'https://itm.example.com/ObserveIT/SlideViewer.aspx?SessionID=0000',
  loginName: 'pat.rivers',
  domainName: 'CORP',
  secondaryLoginName: 'svc-reports',
  secondaryDomainName: 'CORP',
  sqlUserName: 'report_reader',
  databaseName: 'finance',
  remoteAddress: '203.0.113.45',
  remoteHostName: 'LAPTOP-PR-77',
  accessedSiteName: 'files.example.net',
  accessedUrl: 'https://files.example.net/upload',
  applicationName: 'Browser',
  windowTitle: 'Upload',
  os: 'Windows',
  ruleName: 'Upload of a sensitive file to cloud storage',
  ruleCategoryName: 'Data Exfiltration',
  ruleDesc: 'A file marked sensitive was uploaded to an unsanctioned site.',
  severity: 'High',
  userActivityEventId: 1234567,
  timezoneOffset: '0',
};

/** A record with ObserveIT's `n/a` placeholders, an IPv6 remote address and no severity. */
const activityReport = {
  risingValue: '2024-07-02T10:00:00Z',
  collectorId: '00000000-AAAA-4BBB-8CCC-0000000000C2',
  endpointId: '00000000-AAAA-4BBB-8CCC-0000000000E2',
  loginName: 'lee.morgan',
  secondaryLoginName: 'n/a',
  remoteAddress: '2001:db8::45',
  remoteHostName: 'MAC-LM-02',
  applicationName: 'Terminal',
};

/** A remote address Elastic's `convert` to ip rejects (with a port), and the unspecified address. */
const oddAddresses = [
  { ...activityReport, remoteAddress: '198.51.100.9:3389' },
  { ...activityReport, remoteAddress: '0.0.0.0' },
];

describe('proofpointItmParser', () => {
  it('detects ObserveIT report records', () => {
    for (const raw of [alertReport, activityReport, ...oddAddresses]) {
      expect(proofpointItmParser.detect(raw)).toBe(true);
    }
  });

  it('reports the remote address as a related address only, and the remote host name as the host', () => {
    const o = proofpointItmParser.parse(alertReport).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual([]);
    expect(o.ips).toEqual(['203.0.113.45']);
    expect(o.hosts).toEqual(['LAPTOP-PR-77']);
  });

  it('reports the login, secondary login and SQL users in that order', () => {
    expect(proofpointItmParser.parse(alertReport).observables.users).toEqual([
      'pat.rivers',
      'svc-reports',
      'report_reader',
    ]);
  });

  it('reports the accessed site as a domain, which Elastic keeps out of related.hosts', () => {
    const o = proofpointItmParser.parse(alertReport).observables;
    expect(o.domains).toEqual(['files.example.net']);
    expect(o.urls).toEqual(['https://files.example.net/upload']);
    expect(proofpointItmParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports the rule as title and rule id, the vendor severity, and the rising value as the time', () => {
    const alert = proofpointItmParser.parse(alertReport);
    expect(alert.recognizedBy).toBe('parser:proofpoint_itm');
    expect(alert.format).toBe('proofpoint_itm.report');
    expect(alert.title).toBe(
      'ObserveIT: Upload of a sensitive file to cloud storage by CORP\\pat.rivers on WS-FIN-03',
    );
    expect(alert.ruleId).toBe('Upload of a sensitive file to cloud storage');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-07-01T09:31:12.500Z');
  });

  it('reads IPv6 addresses, drops n/a placeholders, and rates activity without a rule as info', () => {
    const alert = proofpointItmParser.parse(activityReport);
    expect(alert.observables.ips).toEqual(['2001:db8::45']);
    expect(alert.observables.users).toEqual(['lee.morgan']);
    expect(alert.observables.hosts).toEqual(['MAC-LM-02']);
    expect(alert.severity).toBe('info');
    expect(alert.ruleId).toBeNull();
  });

  it('reports no address that Elastic would not convert, nor the unspecified address', () => {
    for (const raw of oddAddresses) expect(proofpointItmParser.parse(raw).observables.ips).toEqual([]);
  });

  it('claims no Proofpoint TAP, Essentials or on-Demand record, nor other JSON or text', () => {
    const tapClick = {
      GUID: 'c0ffee-0001',
      campaignId: null,
      classification: 'phish',
      clickIP: '198.51.100.77',
      clickTime: '2024-05-02T10:00:00.000Z',
      recipient: 'pat.rivers@example.com',
      sender: 'bad@example.net',
      senderIP: '192.0.2.44',
      threatID: 'c0ffee00',
      threatTime: '2024-05-02T09:59:00.000Z',
      threatURL: 'https://threatinsight.proofpoint.com/x',
      url: 'https://login.bad.example.net/verify',
      userAgent: 'Mozilla/5.0',
    };
    const podAudit = { guid: 'g-1', metadata: { origin: {} }, audit: { action: 'login' }, ts: '2024-05-02' };
    const noCursor = { ...alertReport, risingValue: undefined };
    const bare = { risingValue: '2024-07-01T09:31:12Z', loginName: 'pat.rivers' };
    const line = '<134>1 2024-07-01T09:30:00Z itm observeit - - - loginName=pat.rivers';
    for (const raw of [tapClick, podAudit, noCursor, bare, line, null, 42, []]) {
      expect(proofpointItmParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [alertReport, activityReport, ...oddAddresses]) {
      expect(registryClaims(raw, proofpointItmParser.name).others).toEqual([]);
    }
  });
});
