// Salesforce against its local stub: the shared contract, the client-credentials token, the username query
// that makes user creation safe to retry, and Salesforce's error codes (REQUEST_LIMIT_EXCEEDED, DUPLICATE_USERNAME).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSalesforceConfig, Salesforce } from '../../connectors/salesforce.js';
import type { NewPerson } from '../../connectors/types.js';
import { startSalesforceStub, type SalesforceStubState } from '../../src/lab/vendors/salesforce-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, testRuntime, type TestRuntime } from './support.js';

const PERSON: NewPerson = {
  email: 'Cleo.Diaz@example.com',
  givenName: 'Cleo',
  familyName: 'Diaz-Montoya',
  caseId: 4,
  actionId: 'act_sf_1',
};

async function start(runtime: TestRuntime) {
  const stub = await startSalesforceStub();
  const config = parseSalesforceConfig({
    SALESFORCE_URL: stub.url,
    SALESFORCE_CLIENT_ID: stub.state.tokens.clientId,
    SALESFORCE_CLIENT_SECRET: stub.state.tokens.clientSecret,
    SALESFORCE_PROFILE_ID: '00e5g000001AbCdEAF',
  });
  if (!config) throw new Error('config expected');
  return {
    stub,
    connector: new Salesforce(config, runtime.deps),
    secrets: [stub.state.tokens.clientSecret],
    tokenPrefix: stub.state.tokens.prefix,
  };
}

describeVendorContract<SalesforceStubState, Salesforce>({
  vendor: 'salesforce',
  start,
  read: { call: (sf) => sf.createUser(PERSON), method: 'GET', path: '/services/data/v62.0/query' },
  write: { call: (sf) => sf.createUser(PERSON), method: 'POST', path: '/services/data/v62.0/sobjects/User' },
  refuseCredentials: (state) => {
    state.tokens.clientSecret = 'rotated-consumer-secret-0000';
  },
  answers429: false,
});

describe('salesforce: requests and answers', () => {
  let stub: RunningStub<SalesforceStubState>;
  let sf: Salesforce;
  let runtime: TestRuntime;
  beforeEach(async () => {
    runtime = testRuntime();
    ({ stub, connector: sf } = await start(runtime));
  });
  afterEach(() => stub.close());

  it('creates the user with the profile the request names instead of the configured default', async () => {
    stub.state.profiles.set('00eSALES0000001AAA', 'Sales User');
    await sf.createUser({ ...PERSON, profileId: '00eSALES0000001AAA' });
    expect(bodyOf(stub.state.received('POST', '/services/data/v62.0/sobjects/User')[0])).toMatchObject({
      ProfileId: '00eSALES0000001AAA',
    });
  });

  it('is refused with INVALID_CROSS_REFERENCE_KEY when the org has no such profile', async () => {
    stub.state.profiles.set('00eSALES0000001AAA', 'Sales User');
    const error = await connectorError(sf.createUser(PERSON));
    expect(error).toMatchObject({ status: 400, vendorCode: 'INVALID_CROSS_REFERENCE_KEY' });
    expect(stub.state.users.size).toBe(0);
  });

  it('creates a user with every field Salesforce requires, after checking the username is free', async () => {
    const result = await sf.createUser(PERSON);
    expect(result).toEqual({ userId: expect.stringMatching(/^005/), created: true });
    const [query] = stub.state.received('GET', '/services/data/v62.0/query');
    expect(query?.query.get('q')).toBe(
      "SELECT Id, IsActive, ProfileId FROM User WHERE Username = 'cleo.diaz@example.com' LIMIT 1",
    );
    expect(query?.headers.authorization).toMatch(/^Bearer 00Dxx0000000001!AQ-sf-token-1-/);
    expect(bodyOf(stub.state.received('POST', '/services/data/v62.0/sobjects/User')[0])).toEqual({
      Username: 'cleo.diaz@example.com',
      Email: 'Cleo.Diaz@example.com',
      FirstName: 'Cleo',
      LastName: 'Diaz-Montoya',
      Alias: 'cdiazmon',
      ProfileId: '00e5g000001AbCdEAF',
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
    });
  });

  it('returns the user a first attempt created instead of creating a second', async () => {
    const first = await sf.createUser(PERSON);
    expect(await sf.createUser(PERSON)).toEqual({ userId: first.userId, created: false });
    expect(stub.state.received('POST', '/services/data/v62.0/sobjects/User')).toHaveLength(1);
  });

  it('reactivates a rehire’s deactivated user with the profile of the new role, instead of taking it as it is', async () => {
    const first = await sf.createUser({ ...PERSON, profileId: '00e000000000001AAA' });
    const old = [...stub.state.users.values()].find((u) => u.Id === first.userId);
    if (!old) throw new Error('created user expected');
    old.IsActive = false;
    expect(await sf.createUser({ ...PERSON, profileId: '00e000000000002AAA' })).toEqual({
      userId: first.userId,
      created: false,
      reactivated: true,
    });
    expect(old).toMatchObject({ IsActive: true, ProfileId: '00e000000000002AAA' });
    const [patch] = stub.state.received('PATCH');
    expect(patch?.path).toBe(`/services/data/v62.0/sobjects/User/${first.userId}`);
  });

  it('leaves an active user’s other profile as it is, and says which it keeps', async () => {
    const first = await sf.createUser({ ...PERSON, profileId: '00e000000000001AAA' });
    expect(await sf.createUser({ ...PERSON, profileId: '00e000000000002AAA' })).toEqual({
      userId: first.userId,
      created: false,
      keptProfile: '00e000000000001AAA',
    });
    expect(stub.state.received('PATCH')).toHaveLength(0);
  });

  it('gets the token with the client-credentials grant at /services/oauth2/token, once', async () => {
    await sf.createUser(PERSON);
    const grants = stub.state.received('POST', '/services/oauth2/token');
    expect(grants).toHaveLength(1);
    expect(new URLSearchParams(grants[0]?.body).get('grant_type')).toBe('client_credentials');
  });

  it('maps DUPLICATE_USERNAME (taken in another org) to conflict', async () => {
    stub.state.takenElsewhere.add('cleo.diaz@example.com');
    const error = await connectorError(sf.createUser(PERSON));
    expect(error).toMatchObject({ code: 'conflict', status: 400, vendorCode: 'DUPLICATE_USERNAME' });
  });

  it('maps 403 REQUEST_LIMIT_EXCEEDED to rate_limited and backs off on the query, which is safe to repeat', async () => {
    stub.state.fail({ status: 403, path: '/services/data/v62.0/query' });
    await sf.createUser(PERSON);
    expect(runtime.sleeps).toEqual([250]);
    stub.state.fail({ status: 403, path: '/services/data/v62.0/sobjects/User' });
    const error = await connectorError(sf.createUser({ ...PERSON, email: 'other@example.com' }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 403, vendorCode: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('fetches a new token when Salesforce says the session expired, and carries on', async () => {
    await sf.createUser(PERSON);
    stub.state.tokens.revokeAll();
    await sf.createUser({ ...PERSON, email: 'dee@example.com' });
    expect(stub.state.tokens.issued).toBe(2);
  });
});
