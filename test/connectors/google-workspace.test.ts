// Google Workspace against its local stub: the shared contract, the service-account JWT (RS256, claims
// checked by the stub as Google does), Directory API suspension and sign-out, and login activity pages.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GOOGLE_SCOPES,
  GoogleWorkspace,
  parseGoogleWorkspaceConfig,
} from '../../connectors/google-workspace.js';
import {
  startGoogleWorkspaceStub,
  stubServiceAccountKeyPair,
  type GoogleStubActivity,
  type GoogleWorkspaceStubState,
} from '../../src/lab/vendors/google-workspace-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 2, actionId: 'act_gws_1' };
const ANN = 'ann@example.com';

function activity(
  n: number,
  email: string,
  name: string,
  parameters: GoogleStubActivity['events'][number]['parameters'] = [],
): GoogleStubActivity {
  return {
    id: {
      time: new Date(NOW.getTime() - (30 - n) * 60_000).toISOString(),
      uniqueQualifier: `q${n}`,
      applicationName: 'login',
      customerId: 'C01',
    },
    actor: { email, profileId: '1001' },
    ipAddress: `203.0.113.${n}`,
    events: [
      { type: 'login', name, parameters: [{ name: 'login_type', value: 'google_password' }, ...parameters] },
    ],
  };
}

async function start(runtime: TestRuntime) {
  const stub = await startGoogleWorkspaceStub({
    now: () => NOW,
    users: [
      {
        id: '111',
        primaryEmail: ANN,
        name: { fullName: 'Ann Lee' },
        suspended: false,
        archived: false,
        lastLoginTime: '2025-02-28T09:00:00.000Z',
      },
      {
        id: '222',
        primaryEmail: 'bo@example.com',
        name: { fullName: 'Bo Ray' },
        suspended: true,
        archived: false,
        lastLoginTime: '1970-01-01T00:00:00.000Z',
      },
    ],
    activities: [
      activity(1, ANN, 'login_success'),
      activity(2, ANN, 'login_failure', [
        { name: 'login_failure_type', value: 'login_failure_invalid_password' },
      ]),
      activity(3, ANN, 'logout'),
      activity(4, ANN, 'login_challenge', [
        { name: 'login_challenge_method', value: 'idv_preregistered_phone' },
      ]),
      activity(5, 'bo@example.com', 'login_success'),
    ],
  });
  const serviceAccountKey = stub.state.serviceAccountKey(stub.url);
  const config = parseGoogleWorkspaceConfig({
    GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey,
    GOOGLE_ADMIN_EMAIL: stub.state.adminEmail,
    GOOGLE_ADMIN_API_URL: stub.url,
  });
  if (!config) throw new Error('config expected');
  const privateKey = config.serviceAccountKey.private_key;
  return {
    stub,
    connector: new GoogleWorkspace(config, runtime.deps),
    secrets: [privateKey, privateKey.split('\n')[5] ?? 'unused-line'],
    tokenPrefix: 'ya29.',
  };
}

describeVendorContract<GoogleWorkspaceStubState, GoogleWorkspace>({
  vendor: 'google-workspace',
  start,
  read: { call: (g) => g.findUser(ANN), method: 'GET', path: /^\/admin\/directory\/v1\/users\// },
  refuseCredentials: (state) => {
    state.publicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
  },
});

describe('google-workspace: requests and answers', () => {
  let stub: RunningStub<GoogleWorkspaceStubState>;
  let google: GoogleWorkspace;
  beforeEach(async () => {
    ({ stub, connector: google } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('signs an RS256 JWT for the admin with the Directory and Reports scopes, valid for an hour', async () => {
    await google.findUser(ANN);
    const iat = Math.floor(NOW.getTime() / 1000);
    expect(stub.state.assertions).toEqual([
      {
        iss: stub.state.clientEmail,
        scope: GOOGLE_SCOPES.join(' '),
        aud: `${stub.url}/token`,
        iat,
        exp: iat + 3600,
        sub: stub.state.adminEmail,
      },
    ]);
    expect(stub.state.received('GET', /^\/admin\/directory/)[0]?.headers.authorization).toBe(
      'Bearer ya29.google-access-token-1',
    );
  });

  it('maps a refused delegation (unauthorized_client) to unauthorized', async () => {
    stub.state.adminEmail = 'someone-else@example.com';
    const error = await connectorError(google.findUser(ANN));
    expect(error).toMatchObject({ code: 'unauthorized', vendorCode: 'unauthorized_client' });
  });

  it('looks a user up in the Directory API, treating the epoch as "never logged in"', async () => {
    expect(await google.findUser('bo@example.com')).toEqual({
      id: '222',
      login: 'bo@example.com',
      email: 'bo@example.com',
      displayName: 'Bo Ray',
      status: 'suspended',
      lastLoginAt: null,
      source: 'google-workspace',
    });
    expect(await google.findUser('nobody@example.com')).toBeNull();
  });

  it('suspends with PUT users/{id} {suspended:true}, and skips a user already suspended', async () => {
    expect(await google.suspendUser({ userId: ANN, ...ACTION })).toEqual({
      userId: ANN,
      alreadyApplied: false,
    });
    const [put] = stub.state.received('PUT');
    expect(put?.path).toBe('/admin/directory/v1/users/111');
    expect(bodyOf(put)).toEqual({ suspended: true });
    expect(await google.suspendUser({ userId: 'bo@example.com', ...ACTION })).toMatchObject({
      alreadyApplied: true,
    });
    expect(stub.state.received('PUT')).toHaveLength(1);
  });

  it('restores a suspended user', async () => {
    await google.unsuspendUser({ userId: '222', ...ACTION });
    expect(stub.state.users.get('222')?.suspended).toBe(false);
  });

  it('signs a user out of every session with POST users/{key}/signOut', async () => {
    await google.revokeSessions({ userId: ANN, ...ACTION });
    expect(stub.state.signedOut).toEqual(['111']);
  });

  it('reads login activity for a user across nextPageToken pages, keeping login events only', async () => {
    stub.state.activityPageSize = 1;
    const since = new Date(NOW.getTime() - 3_600_000).toISOString();
    const events = await google.signIns({ login: ANN, since });
    expect(events.map((e) => [e.at, e.outcome, e.reason])).toEqual([
      [expect.any(String), 'success', null],
      [expect.any(String), 'failure', 'login_failure_invalid_password'],
      [expect.any(String), 'challenge', 'idv_preregistered_phone'],
    ]);
    expect(events[0]).toMatchObject({ login: ANN, ip: '203.0.113.1', application: 'google_password' });
    const pages = stub.state.received('GET', /\/applications\/login$/);
    expect(pages).toHaveLength(4);
    expect(pages[0]?.path).toBe('/admin/reports/v1/activity/users/ann%40example.com/applications/login');
    expect(pages[0]?.query.get('startTime')).toBe(since);
    expect(pages[1]?.query.get('pageToken')).toBe('1');
  });
});

describe('google-workspace: configuration', () => {
  it('names GOOGLE_SERVICE_ACCOUNT_KEY when the key is not a usable service-account key, without echoing it', () => {
    const key = JSON.stringify({
      type: 'service_account',
      client_email: 'a@b.example',
      private_key: 'not a key',
    });
    expect(() =>
      parseGoogleWorkspaceConfig({
        GOOGLE_SERVICE_ACCOUNT_KEY: key,
        GOOGLE_ADMIN_EMAIL: 'admin@example.com',
      }),
    ).toThrow(/^GOOGLE_SERVICE_ACCOUNT_KEY is malformed: /);
  });

  it('refuses a key whose token_uri is plain http outside loopback, where the signed assertion would travel in clear', () => {
    const withTokenUri = (tokenUri: string) => ({
      GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({
        type: 'service_account',
        client_email: 'vigil@project.iam.gserviceaccount.com',
        private_key: stubServiceAccountKeyPair().privateKey,
        token_uri: tokenUri,
      }),
      GOOGLE_ADMIN_EMAIL: 'admin@example.com',
    });
    expect(() => parseGoogleWorkspaceConfig(withTokenUri('http://oauth2.example.net/token'))).toThrow(
      /^GOOGLE_SERVICE_ACCOUNT_KEY is malformed: /,
    );
    expect(
      parseGoogleWorkspaceConfig(withTokenUri('https://oauth2.googleapis.com/token'))?.serviceAccountKey
        .token_uri,
    ).toBe('https://oauth2.googleapis.com/token');
  });
});
