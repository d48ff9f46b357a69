// Defender for Endpoint against its local stub: the shared contract, the Defender API's token scope,
// machine search across @odata.nextLink pages, and isolation as machine actions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefenderEndpoint, parseDefenderConfig } from '../../connectors/defender-endpoint.js';
import {
  sampleDefenderMachine,
  startDefenderStub,
  type DefenderStubState,
} from '../../src/lab/vendors/defender-stub.js';
import { STUB_TENANT_ID } from '../../src/lab/vendors/microsoft-login-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 11, actionId: 'act_edr_2', comment: 'Vigil case 11: ransomware precursor' };

async function start(runtime: TestRuntime) {
  const machines = [
    sampleDefenderMachine('m-1', 'ws-ann.contoso.example', '10.0.0.5'),
    sampleDefenderMachine('m-2', 'ws-bo.contoso.example', '10.0.0.6', true),
    ...Array.from({ length: 5 }, (_, i) =>
      sampleDefenderMachine(`m-lab-${i}`, `lab-${i}.contoso.example`, '10.9.9.9'),
    ),
  ];
  const stub = await startDefenderStub({ machines });
  const config = parseDefenderConfig({
    DEFENDER_TENANT_ID: STUB_TENANT_ID,
    DEFENDER_CLIENT_ID: stub.state.tokens.clientId,
    DEFENDER_CLIENT_SECRET: stub.state.tokens.clientSecret,
    DEFENDER_LOGIN_URL: stub.url,
    DEFENDER_API_URL: stub.url,
  });
  if (!config) throw new Error('config expected');
  const secrets = [stub.state.tokens.clientSecret];
  return {
    stub,
    connector: new DefenderEndpoint(config, runtime.deps),
    secrets,
    tokenPrefix: stub.state.tokens.prefix,
  };
}

describeVendorContract<DefenderStubState, DefenderEndpoint>({
  vendor: 'defender-endpoint',
  start,
  read: { call: (d) => d.getHost('m-1'), method: 'GET', path: '/api/machines/m-1' },
  write: {
    call: (d) => d.containHost({ hostId: 'm-1', ...ACTION }),
    method: 'POST',
    path: '/api/machines/m-1/isolate',
  },
  refuseCredentials: (state) => {
    state.tokens.clientSecret = 'rotated~secret-00000000000000000000';
  },
});

describe('defender-endpoint: requests and answers', () => {
  let stub: RunningStub<DefenderStubState>;
  let defender: DefenderEndpoint;
  beforeEach(async () => {
    ({ stub, connector: defender } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('asks for a token for the Defender API scope and sends it as a bearer token', async () => {
    await defender.getHost('m-1');
    const [grant] = stub.state.received('POST', `/${STUB_TENANT_ID}/oauth2/v2.0/token`);
    expect(new URLSearchParams(grant?.body).get('scope')).toBe(
      'https://api.securitycenter.microsoft.com/.default',
    );
    expect(stub.state.received('GET', '/api/machines/m-1')[0]?.headers.authorization).toMatch(
      /^Bearer defender-access-token-1-/,
    );
  });

  it('maps a machine to our host details (isolation state is not part of the machine entity)', async () => {
    expect(await defender.getHost('m-1')).toEqual({
      id: 'm-1',
      hostname: 'ws-ann.contoso.example',
      platform: 'Windows11',
      osVersion: '10.0.22631',
      lastSeenAt: '2025-03-01T11:55:00Z',
      localIp: '10.0.0.5',
      externalIp: '198.51.100.20',
      containment: 'unknown',
      tags: ['env:prod'],
      source: 'defender-endpoint',
    });
  });

  it('maps an unknown machine to not_found with Defender’s code', async () => {
    const error = await connectorError(defender.getHost('m-404'));
    expect(error).toMatchObject({ code: 'not_found', vendorCode: 'ResourceNotFound' });
  });

  it('finds machines by IP with an OData filter, following @odata.nextLink', async () => {
    stub.state.pageSize = 2;
    const hosts = await defender.findHosts({ ip: '10.9.9.9' });
    expect(hosts.map((h) => h.id)).toEqual(['m-lab-0', 'm-lab-1', 'm-lab-2', 'm-lab-3', 'm-lab-4']);
    const pages = stub.state.received('GET', '/api/machines');
    expect(pages).toHaveLength(3);
    expect(pages[0]?.query.get('$filter')).toBe("lastIpAddress eq '10.9.9.9'");
  });

  it('isolates with POST /isolate, a comment and full isolation, returning the machine action id', async () => {
    const result = await defender.containHost({ hostId: 'm-1', ...ACTION });
    expect(result).toMatchObject({
      hostId: 'm-1',
      alreadyApplied: false,
      vendorActionId: expect.any(String),
    });
    expect(bodyOf(stub.state.received('POST', '/api/machines/m-1/isolate')[0])).toEqual({
      Comment: ACTION.comment,
      IsolationType: 'Full',
    });
  });

  it('treats ActiveRequestAlreadyExists as already isolated, not as a failure', async () => {
    expect(await defender.containHost({ hostId: 'm-2', ...ACTION })).toEqual({
      hostId: 'm-2',
      alreadyApplied: true,
      vendorActionId: null,
    });
  });

  it('releases from isolation with POST /unisolate and the comment', async () => {
    await defender.releaseHost({ hostId: 'm-2', ...ACTION });
    expect(stub.state.actions).toEqual([
      { type: 'Unisolate', machineId: 'm-2', comment: ACTION.comment, isolationType: undefined },
    ]);
  });

  it('stops and quarantines a file by SHA-1 with POST /StopAndQuarantineFile; a repeat is already applied', async () => {
    const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    const result = await defender.quarantineFile({ hostId: 'm-1', sha1, ...ACTION });
    expect(result).toMatchObject({
      hostId: 'm-1',
      alreadyApplied: false,
      vendorActionId: expect.any(String),
    });
    expect(bodyOf(stub.state.received('POST', '/api/machines/m-1/StopAndQuarantineFile')[0])).toEqual({
      Comment: ACTION.comment,
      Sha1: sha1,
    });
    expect(await defender.quarantineFile({ hostId: 'm-1', sha1, ...ACTION })).toEqual({
      hostId: 'm-1',
      alreadyApplied: true,
      vendorActionId: null,
    });
    expect(stub.state.actions.filter((a) => a.type === 'StopAndQuarantineFile')).toHaveLength(1);
  });

  it('maps a malformed hash to a bad_request error with Defender’s message', async () => {
    const error = await connectorError(defender.quarantineFile({ hostId: 'm-1', sha1: 'abc', ...ACTION }));
    expect(error).toMatchObject({ code: 'bad_request', vendorCode: 'InvalidRequestBody' });
  });
});
