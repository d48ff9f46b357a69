// VirusTotal against its local stub: the shared contract, the object paths per indicator type, and verdicts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVirusTotalConfig, VirusTotal } from '../../connectors/virustotal.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { startVirusTotalStub, type VirusTotalStubState } from '../../src/lab/vendors/virustotal-stub.js';
import { describeVendorContract } from './contract.js';
import { testRuntime, type TestRuntime } from './support.js';

const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const PHISH_URL = 'http://login.phish.example.net/verify';

async function start(runtime: TestRuntime) {
  const stub = await startVirusTotalStub({
    objects: {
      'ip_addresses/203.0.113.7': { stats: { malicious: 9, suspicious: 1, harmless: 60, undetected: 20 } },
      'domains/quiet.example': { stats: { malicious: 0, suspicious: 0, harmless: 70, undetected: 20 } },
      'domains/odd.example': { stats: { malicious: 1, suspicious: 0, harmless: 70, undetected: 20 } },
      [`files/${EICAR_SHA256}`]: {
        stats: { malicious: 60, suspicious: 0, harmless: 0, undetected: 10 },
        lastAnalysisDate: 1_740_000_000,
        categories: ['virus'],
        names: ['eicar'],
      },
      [`urls/${Buffer.from(PHISH_URL).toString('base64url')}`]: {
        stats: { malicious: 5, suspicious: 0, harmless: 50, undetected: 30 },
      },
    },
  });
  const config = parseVirusTotalConfig({
    VIRUSTOTAL_API_KEY: stub.state.apiKey,
    VIRUSTOTAL_BASE_URL: stub.url,
  });
  if (!config) throw new Error('config expected');
  return { stub, connector: new VirusTotal(config, runtime.deps), secrets: [stub.state.apiKey] };
}

describeVendorContract<VirusTotalStubState, VirusTotal>({
  vendor: 'virustotal',
  start,
  read: {
    call: (vt) => vt.lookup({ type: 'ipv4', value: '203.0.113.7' }),
    method: 'GET',
    path: '/api/v3/ip_addresses/203.0.113.7',
  },
  refuseCredentials: (state) => {
    state.apiKey = 'another-key-000000000000000000000000000000000000';
  },
});

describe('virustotal: requests and answers', () => {
  let stub: RunningStub<VirusTotalStubState>;
  let vt: VirusTotal;
  beforeEach(async () => {
    ({ stub, connector: vt } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('looks an IP up at /api/v3/ip_addresses/{ip} with the x-apikey header', async () => {
    const result = await vt.lookup({ type: 'ipv4', value: '203.0.113.7' });
    expect(result).toMatchObject({ verdict: 'malicious', score: 10, source: 'virustotal' });
    expect(result.reference).toBe('https://www.virustotal.com/gui/ip-address/203.0.113.7');
    expect(stub.state.requests[0]?.headers['x-apikey']).toBe(stub.state.apiKey);
  });

  it('looks a file hash up under /files and reports its malware family and analysis time', async () => {
    expect(await vt.lookup({ type: 'sha256', value: EICAR_SHA256 })).toMatchObject({
      verdict: 'malicious',
      threats: ['virus'],
      malwareFamilies: ['eicar'],
      lastSeenAt: '2025-02-19T21:20:00.000Z',
    });
    expect(stub.state.requests[0]?.path).toBe(`/api/v3/files/${EICAR_SHA256}`);
  });

  it('looks a URL up by its unpadded base64url id', async () => {
    expect((await vt.lookup({ type: 'url', value: PHISH_URL })).verdict).toBe('malicious');
    expect(stub.state.requests[0]?.path).toBe(`/api/v3/urls/${Buffer.from(PHISH_URL).toString('base64url')}`);
  });

  it('calls one flagging engine suspicious and none harmless', async () => {
    expect((await vt.lookup({ type: 'domain', value: 'odd.example' })).verdict).toBe('suspicious');
    expect((await vt.lookup({ type: 'domain', value: 'quiet.example' })).verdict).toBe('harmless');
  });

  it('answers unknown, not an error, for an object VirusTotal has never seen (404 NotFoundError)', async () => {
    expect(await vt.lookup({ type: 'domain', value: 'never-seen.example' })).toMatchObject({
      verdict: 'unknown',
      score: null,
    });
  });
});
