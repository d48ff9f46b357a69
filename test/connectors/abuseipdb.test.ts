// AbuseIPDB against its local stub: the shared contract, the check request, and how scores become verdicts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbuseIpDb, parseAbuseIpDbConfig } from '../../connectors/abuseipdb.js';
import { startAbuseIpDbStub, type AbuseIpDbStubState } from '../../src/lab/vendors/abuseipdb-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

async function start(runtime: TestRuntime) {
  const stub = await startAbuseIpDbStub({
    now: () => NOW,
    reports: {
      '203.0.113.7': {
        abuseConfidenceScore: 100,
        totalReports: 412,
        lastReportedAt: '2025-02-28T23:10:00+00:00',
      },
      '198.51.100.20': { abuseConfidenceScore: 40, totalReports: 3, isTor: true },
      '192.0.2.53': { abuseConfidenceScore: 0, totalReports: 1, isWhitelisted: true },
    },
  });
  const config = parseAbuseIpDbConfig({ ABUSEIPDB_API_KEY: stub.state.apiKey, ABUSEIPDB_BASE_URL: stub.url });
  if (!config) throw new Error('config expected');
  return { stub, connector: new AbuseIpDb(config, runtime.deps), secrets: [stub.state.apiKey] };
}

describeVendorContract<AbuseIpDbStubState, AbuseIpDb>({
  vendor: 'abuseipdb',
  start,
  read: {
    call: (c) => c.lookup({ type: 'ipv4', value: '203.0.113.7' }),
    method: 'GET',
    path: '/api/v2/check',
  },
  refuseCredentials: (state) => {
    state.apiKey = 'a-different-key-000000000000000000';
  },
});

describe('abuseipdb: requests and answers', () => {
  let stub: RunningStub<AbuseIpDbStubState>;
  let abuse: AbuseIpDb;
  beforeEach(async () => {
    ({ stub, connector: abuse } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('checks an IP with GET /api/v2/check, the Key header and the configured report age', async () => {
    const result = await abuse.lookup({ type: 'ipv4', value: '203.0.113.7' });
    expect(result).toEqual({
      indicator: { type: 'ipv4', value: '203.0.113.7' },
      verdict: 'malicious',
      score: 100,
      threats: [],
      malwareFamilies: [],
      source: 'abuseipdb',
      reference: 'https://www.abuseipdb.com/check/203.0.113.7',
      lastSeenAt: '2025-02-28T23:10:00+00:00',
    });
    const [request] = stub.state.received('GET', '/api/v2/check');
    expect(request?.headers.key).toBe(stub.state.apiKey);
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      ipAddress: '203.0.113.7',
      maxAgeInDays: '90',
    });
  });

  it('calls a middling score suspicious and flags Tor exit nodes', async () => {
    expect(await abuse.lookup({ type: 'ipv4', value: '198.51.100.20' })).toMatchObject({
      verdict: 'suspicious',
      score: 40,
      threats: ['tor-exit-node'],
    });
  });

  it('calls an allow-listed address harmless and an unreported one unknown', async () => {
    expect((await abuse.lookup({ type: 'ipv4', value: '192.0.2.53' })).verdict).toBe('harmless');
    expect((await abuse.lookup({ type: 'ipv6', value: '2001:db8::1' })).verdict).toBe('unknown');
  });

  it('answers unknown for a domain without calling AbuseIPDB, which only knows IPs', async () => {
    expect((await abuse.lookup({ type: 'domain', value: 'evil.example' })).verdict).toBe('unknown');
    expect(stub.state.requests).toHaveLength(0);
  });

  it('maps AbuseIPDB’s 422 for a malformed address to bad_request with its explanation', async () => {
    const error = await connectorError(abuse.lookup({ type: 'ipv4', value: '999.1.1.1' }));
    expect(error).toMatchObject({ code: 'bad_request', status: 422 });
    expect(error.message).toContain('must be a valid IPv4 or IPv6 address');
  });
});
