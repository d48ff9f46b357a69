// CrowdStrike Falcon against its local stub: the shared contract, the OAuth2 token (cached, refreshed when
// refused), host search across devices-scroll pages, and containment requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrowdStrikeFalcon, parseFalconConfig } from '../../connectors/crowdstrike-falcon.js';
import {
  sampleFalconDevice,
  startFalconStub,
  type FalconStubState,
} from '../../src/lab/vendors/falcon-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 9, actionId: 'act_edr_1', comment: 'Vigil case 9: beaconing to a known C2' };

async function start(runtime: TestRuntime) {
  const devices = [
    sampleFalconDevice('dev-a', 'WS-ANN', '10.0.0.5'),
    sampleFalconDevice('dev-b', 'WS-BO', '10.0.0.6', 'contained'),
    ...Array.from({ length: 7 }, (_, i) => sampleFalconDevice(`dev-lab-${i}`, `LAB-${i}`, '10.9.9.9')),
  ];
  const stub = await startFalconStub({ now: () => NOW, devices });
  const config = parseFalconConfig({
    FALCON_CLIENT_ID: stub.state.tokens.clientId,
    FALCON_CLIENT_SECRET: stub.state.tokens.clientSecret,
    FALCON_BASE_URL: stub.url,
  });
  if (!config) throw new Error('config expected');
  const secrets = [stub.state.tokens.clientSecret];
  return {
    stub,
    connector: new CrowdStrikeFalcon(config, runtime.deps),
    secrets,
    tokenPrefix: stub.state.tokens.prefix,
  };
}

describeVendorContract<FalconStubState, CrowdStrikeFalcon>({
  vendor: 'crowdstrike-falcon',
  start,
  read: { call: (falcon) => falcon.getHost('dev-a'), method: 'POST', path: '/devices/entities/devices/v2' },
  write: {
    call: (falcon) => falcon.containHost({ hostId: 'dev-a', ...ACTION }),
    method: 'POST',
    path: '/devices/entities/devices-actions/v2',
  },
  refuseCredentials: (state) => {
    state.tokens.clientSecret = 'rotated-secret-000000000000000000000000';
  },
});

describe('crowdstrike-falcon: requests and answers', () => {
  let stub: RunningStub<FalconStubState>;
  let falcon: CrowdStrikeFalcon;
  beforeEach(async () => {
    ({ stub, connector: falcon } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('gets a token with client credentials once and reuses it as a bearer token', async () => {
    await falcon.getHost('dev-a');
    await falcon.getHost('dev-b');
    const [grant] = stub.state.received('POST', '/oauth2/token');
    expect(stub.state.received('POST', '/oauth2/token')).toHaveLength(1);
    expect(grant?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(grant?.body).get('client_id')).toBe(stub.state.tokens.clientId);
    expect(stub.state.received('POST', '/devices/entities/devices/v2')[1]?.headers.authorization).toMatch(
      /^Bearer falcon-access-token-1-/,
    );
  });

  it('fetches a new token when Falcon refuses the cached one, and the call succeeds', async () => {
    await falcon.getHost('dev-a');
    stub.state.tokens.revokeAll();
    expect((await falcon.getHost('dev-a')).id).toBe('dev-a');
    expect(stub.state.tokens.issued).toBe(2);
  });

  it('maps a host to our details, with Falcon’s containment status', async () => {
    expect(await falcon.getHost('dev-b')).toEqual({
      id: 'dev-b',
      hostname: 'WS-BO',
      platform: 'Windows',
      osVersion: 'Windows 11',
      lastSeenAt: '2025-03-01T11:58:00Z',
      localIp: '10.0.0.6',
      externalIp: '198.51.100.10',
      containment: 'contained',
      tags: ['SensorGroupingTags/prod'],
      source: 'crowdstrike-falcon',
    });
    expect(bodyOf(stub.state.received('POST', '/devices/entities/devices/v2')[0])).toEqual({
      ids: ['dev-b'],
    });
  });

  it('maps an unknown host to not_found', async () => {
    expect((await connectorError(falcon.getHost('dev-zzz'))).code).toBe('not_found');
  });

  it('finds hosts by IP with an FQL filter, following the scroll offset across pages', async () => {
    const hosts = await falcon.findHosts({ ip: '10.9.9.9' });
    expect(hosts.map((h) => h.id)).toEqual(Array.from({ length: 7 }, (_, i) => `dev-lab-${i}`));
    const [first] = stub.state.received('GET', '/devices/queries/devices-scroll/v1');
    expect(first?.query.get('filter')).toBe("(local_ip:'10.9.9.9',external_ip:'10.9.9.9')");
    expect(first?.query.get('offset')).toBeNull();
  });

  it('walks every scroll page when the total exceeds one page', async () => {
    for (let i = 0; i < 1200; i += 1) {
      stub.state.devices.set(`dev-bulk-${i}`, sampleFalconDevice(`dev-bulk-${i}`, 'BULK', '10.1.1.1'));
    }
    expect(await falcon.findHosts({ hostname: 'BULK' })).toHaveLength(1200);
    const pages = stub.state.received('GET', '/devices/queries/devices-scroll/v1');
    expect(pages).toHaveLength(3);
    expect(pages[1]?.query.get('offset')).toBeTruthy();
    expect(stub.state.received('POST', '/devices/entities/devices/v2')).toHaveLength(12);
  });

  it('contains a host with POST devices-actions/v2?action_name=contain and the id in the body', async () => {
    const result = await falcon.containHost({ hostId: 'dev-a', ...ACTION });
    expect(result).toMatchObject({
      hostId: 'dev-a',
      alreadyApplied: false,
      vendorActionId: expect.stringMatching(/^trace-/),
    });
    const [action] = stub.state.received('POST', '/devices/entities/devices-actions/v2');
    expect(action?.query.get('action_name')).toBe('contain');
    expect(bodyOf(action)).toEqual({ ids: ['dev-a'] });
    expect(stub.state.actions).toEqual(['contain dev-a']);
  });

  it('does not contain a host that is already contained, and lifts containment on request', async () => {
    expect(await falcon.containHost({ hostId: 'dev-b', ...ACTION })).toMatchObject({ alreadyApplied: true });
    expect(stub.state.actions).toEqual([]);
    await falcon.releaseHost({ hostId: 'dev-b', ...ACTION });
    expect(stub.state.actions).toEqual(['lift_containment dev-b']);
  });
});
