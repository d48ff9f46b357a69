// Entra ID through Microsoft Graph against its local stub: the shared contract, the app-only token for
// Graph's scope, accountEnabled updates, session revocation, and sign-in logs across @odata.nextLink pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntraId, parseEntraConfig } from '../../connectors/entra-id.js';
import {
  startEntraStub,
  type EntraStubState,
  type GraphStubSignIn,
} from '../../src/lab/vendors/entra-stub.js';
import { STUB_TENANT_ID } from '../../src/lab/vendors/microsoft-login-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 5, actionId: 'act_idp_1' };
const ANN = 'ann@contoso.example';

function signIn(n: number, upn: string, errorCode = 0): GraphStubSignIn {
  return {
    id: `si-${n}`,
    createdDateTime: new Date(NOW.getTime() - (50 - n) * 60_000).toISOString(),
    userPrincipalName: upn,
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: `198.51.100.${n}`,
    status: { errorCode, failureReason: errorCode ? 'Invalid username or password.' : null },
    location: { city: 'Lisbon', countryOrRegion: 'PT' },
  };
}

async function start(runtime: TestRuntime) {
  const stub = await startEntraStub({
    users: [
      { id: 'u-1', userPrincipalName: ANN, mail: ANN, displayName: 'Ann Lee', accountEnabled: true },
      {
        id: 'u-2',
        userPrincipalName: 'bo@contoso.example',
        mail: 'bo@contoso.example',
        displayName: 'Bo',
        accountEnabled: false,
      },
    ],
    signIns: [
      signIn(1, ANN),
      signIn(2, ANN, 50126),
      signIn(3, ANN, 50074),
      signIn(4, 'bo@contoso.example'),
      signIn(5, ANN),
    ],
  });
  const config = parseEntraConfig({
    ENTRA_TENANT_ID: STUB_TENANT_ID,
    ENTRA_CLIENT_ID: stub.state.tokens.clientId,
    ENTRA_CLIENT_SECRET: stub.state.tokens.clientSecret,
    ENTRA_LOGIN_URL: stub.url,
    ENTRA_GRAPH_URL: `${stub.url}/v1.0`,
  });
  if (!config) throw new Error('config expected');
  const secrets = [stub.state.tokens.clientSecret];
  return {
    stub,
    connector: new EntraId(config, runtime.deps),
    secrets,
    tokenPrefix: stub.state.tokens.prefix,
  };
}

describeVendorContract<EntraStubState, EntraId>({
  vendor: 'entra-id',
  start,
  read: { call: (entra) => entra.findUser(ANN), method: 'GET', path: /^\/v1\.0\/users\// },
  refuseCredentials: (state) => {
    state.tokens.clientSecret = 'rotated~secret-00000000000000000000';
  },
});

describe('entra-id: requests and answers', () => {
  let stub: RunningStub<EntraStubState>;
  let entra: EntraId;
  beforeEach(async () => {
    ({ stub, connector: entra } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('asks the tenant’s token endpoint for Graph’s .default scope with client credentials', async () => {
    await entra.findUser(ANN);
    const [grant] = stub.state.received('POST', `/${STUB_TENANT_ID}/oauth2/v2.0/token`);
    const form = new URLSearchParams(grant?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: stub.state.tokens.clientId,
      client_secret: stub.state.tokens.clientSecret,
      scope: `${stub.url}/.default`,
    });
  });

  it('maps refused client credentials (AADSTS7000215) to unauthorized with the AADSTS code', async () => {
    stub.state.tokens.clientSecret = 'another~secret-000000000000000000';
    const error = await connectorError(entra.findUser(ANN));
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, vendorCode: 'invalid_client' });
    expect(error.message).toContain('AADSTS7000215');
  });

  it('looks a user up by UPN with $select and maps accountEnabled to a status', async () => {
    expect(await entra.findUser('bo@contoso.example')).toEqual({
      id: 'u-2',
      login: 'bo@contoso.example',
      email: 'bo@contoso.example',
      displayName: 'Bo',
      status: 'suspended',
      lastLoginAt: null,
      source: 'entra-id',
    });
    const [request] = stub.state.received('GET', /^\/v1\.0\/users\//);
    expect(request?.path).toBe('/v1.0/users/bo%40contoso.example');
    expect(request?.query.get('$select')).toBe('id,userPrincipalName,mail,displayName,accountEnabled');
  });

  it('answers null for a user Graph does not have (Request_ResourceNotFound)', async () => {
    expect(await entra.findUser('nobody@contoso.example')).toBeNull();
  });

  it('disables an account with PATCH accountEnabled=false on the object id, once', async () => {
    expect(await entra.suspendUser({ userId: ANN, ...ACTION })).toEqual({
      userId: ANN,
      alreadyApplied: false,
    });
    const [patch] = stub.state.received('PATCH');
    expect(patch?.path).toBe('/v1.0/users/u-1');
    expect(bodyOf(patch)).toEqual({ accountEnabled: false });
    expect(await entra.suspendUser({ userId: ANN, ...ACTION })).toEqual({
      userId: ANN,
      alreadyApplied: true,
    });
    expect(stub.state.received('PATCH')).toHaveLength(1);
  });

  it('retries the PATCH after a 503, since setting accountEnabled twice is harmless', async () => {
    stub.state.fail({ status: 503, method: 'PATCH' });
    await entra.suspendUser({ userId: ANN, ...ACTION });
    expect(stub.state.received('PATCH')).toHaveLength(2);
    expect(stub.state.users.get('u-1')?.accountEnabled).toBe(false);
  });

  it('re-enables a disabled account', async () => {
    await entra.unsuspendUser({ userId: 'u-2', ...ACTION });
    expect(stub.state.users.get('u-2')?.accountEnabled).toBe(true);
  });

  it('revokes sign-in sessions with POST /users/{id}/revokeSignInSessions', async () => {
    await entra.revokeSessions({ userId: 'u-1', ...ACTION });
    expect(stub.state.revoked).toEqual(['u-1']);
  });

  it('reads sign-in logs with an OData filter, following @odata.nextLink to the last page', async () => {
    stub.state.signInPageSize = 1;
    const since = new Date(NOW.getTime() - 3_600_000).toISOString();
    const events = await entra.signIns({ login: ANN, since });
    expect(events.map((e) => [e.id, e.outcome])).toEqual([
      ['si-1', 'success'],
      ['si-2', 'failure'],
      ['si-3', 'challenge'],
      ['si-5', 'success'],
    ]);
    expect(events[1]).toMatchObject({
      reason: 'Invalid username or password.',
      ip: '198.51.100.2',
      country: 'PT',
    });
    const pages = stub.state.received('GET', '/v1.0/auditLogs/signIns');
    expect(pages).toHaveLength(4);
    expect(pages[0]?.query.get('$filter')).toBe(
      `createdDateTime ge ${since} and userPrincipalName eq '${ANN}'`,
    );
  });

  it('refuses to follow a next link to another host, so the token cannot leak', async () => {
    stub.state.fail({
      status: 200,
      path: '/v1.0/auditLogs/signIns',
      body: { value: [signIn(9, ANN)], '@odata.nextLink': 'https://evil.example/steal' },
    });
    const error = await connectorError(entra.signIns({ since: '2025-01-01T00:00:00Z' }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('another host');
  });
});
