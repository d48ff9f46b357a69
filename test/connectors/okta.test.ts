// Okta against its local stub: the shared contract, then the requests Okta documents for each operation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Okta, parseOktaConfig } from '../../connectors/okta.js';
import {
  sampleOktaUser,
  startOktaStub,
  type OktaStubLogEvent,
  type OktaStubState,
} from '../../src/lab/vendors/okta-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 7, actionId: 'act_okta_1' };

async function start(runtime: TestRuntime, logs: OktaStubLogEvent[] = []) {
  const stub = await startOktaStub({
    now: () => NOW,
    users: [
      sampleOktaUser('00u1', 'ann.lee@example.com'),
      sampleOktaUser('00u2', 'bo.ray@example.com', 'SUSPENDED'),
    ],
    logs,
  });
  const config = parseOktaConfig({ OKTA_ORG_URL: stub.url, OKTA_API_TOKEN: stub.state.token });
  if (!config) throw new Error('config expected');
  return { stub, connector: new Okta(config, runtime.deps), secrets: [stub.state.token] };
}

describeVendorContract<OktaStubState, Okta>({
  vendor: 'okta',
  start: (runtime) => start(runtime),
  read: { call: (okta) => okta.findUser('ann.lee@example.com'), method: 'GET', path: /^\/api\/v1\/users\// },
  write: {
    call: (okta) => okta.suspendUser({ userId: '00u1', ...ACTION }),
    method: 'POST',
    path: /\/lifecycle\/suspend$/,
  },
  refuseCredentials: (state) => {
    state.token = 'another-token-entirely-000000';
  },
  // X-Rate-Limit-Reset is an epoch second: the wait is the time from the (fixed) clock to it.
});

function logEvent(n: number, login: string, result = 'SUCCESS'): OktaStubLogEvent {
  return {
    uuid: `evt-${n}`,
    published: new Date(NOW.getTime() - (100 - n) * 60_000).toISOString(),
    eventType: 'user.session.start',
    actor: { alternateId: login },
    client: {
      ipAddress: `203.0.113.${n}`,
      geographicalContext: { country: 'Netherlands', city: 'Amsterdam' },
    },
    outcome: { result, reason: result === 'FAILURE' ? 'INVALID_CREDENTIALS' : null },
  };
}

describe('okta: requests and answers', () => {
  let runtime: TestRuntime;
  let stub: RunningStub<OktaStubState>;
  let okta: Okta;
  beforeEach(async () => {
    runtime = testRuntime();
    const logs = [1, 2, 3, 4, 5].map((n) =>
      logEvent(n, 'ann.lee@example.com', n === 2 ? 'FAILURE' : 'SUCCESS'),
    );
    ({ stub, connector: okta } = await start(runtime, [...logs, logEvent(6, 'bo.ray@example.com')]));
  });
  afterEach(() => stub.close());

  it('looks a user up by login with the SSWS token and maps Okta statuses to ours', async () => {
    expect(await okta.findUser('bo.ray@example.com')).toEqual({
      id: '00u2',
      login: 'bo.ray@example.com',
      email: 'bo.ray@example.com',
      displayName: 'bo ray',
      status: 'suspended',
      lastLoginAt: '2025-01-01T08:00:00.000Z',
      source: 'okta',
      title: null,
    });
    const [request] = stub.state.received('GET');
    expect(request?.path).toBe('/api/v1/users/bo.ray%40example.com');
    expect(request?.headers.authorization).toBe(`SSWS ${stub.state.token}`);
    expect(request?.headers.accept).toBe('application/json');
  });

  it('reads the job title from the profile (onboarding maps it to a role)', async () => {
    const user = stub.state.users.get('00u2');
    if (!user) throw new Error('seed user 00u2 expected');
    user.profile.title = 'Account Executive';
    expect((await okta.findUser('bo.ray@example.com'))?.title).toBe('Account Executive');
  });

  it('answers null for an unknown user (Okta 404 E0000007) instead of failing', async () => {
    expect(await okta.findUser('nobody@example.com')).toBeNull();
  });

  it('takes Okta’s answer for a login shortname (the part of the login before @) as the user asked for', async () => {
    const ann = stub.state.users.get('00u1');
    if (!ann) throw new Error('seed user 00u1 expected');
    stub.state.users.set('ann.lee', ann);
    expect(await okta.findUser('ann.lee')).toMatchObject({ id: '00u1', login: 'ann.lee@example.com' });
  });

  it('does not resolve the user name “me” (Okta’s alias for the API token’s owner) to Vigil’s own admin', async () => {
    stub.state.users.set('00uADMIN', sampleOktaUser('00uADMIN', 'svc-vigil-admin@example.com'));
    stub.state.tokenOwner = '00uADMIN';
    expect(await okta.findUser('me')).toBeNull();
    expect(await okta.findUser('ME')).toBeNull();
    const error = await connectorError(okta.suspendUser({ userId: 'me', ...ACTION }));
    expect(error).toMatchObject({ code: 'not_found' });
    expect(stub.state.received()).toHaveLength(0);
    expect(stub.state.lifecycle).toEqual([]);
  });

  it('refuses an answer about someone other than the user asked for (an alias Vigil does not know)', async () => {
    const admin = sampleOktaUser('00uADMIN', 'svc-vigil-admin@example.com');
    stub.state.users.set('00uADMIN', admin);
    stub.state.users.set('self', admin);
    const error = await connectorError(okta.findUser('self'));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toContain('00uADMIN');
  });

  it('maps 404 on an action to not_found with Okta’s error code', async () => {
    const error = await connectorError(okta.suspendUser({ userId: 'nobody@example.com', ...ACTION }));
    expect(error).toMatchObject({ code: 'not_found', status: 404, vendorCode: 'E0000007' });
  });

  it('suspends an active user with POST /lifecycle/suspend on the Okta id', async () => {
    expect(await okta.suspendUser({ userId: 'ann.lee@example.com', ...ACTION })).toEqual({
      userId: 'ann.lee@example.com',
      alreadyApplied: false,
    });
    expect(stub.state.lifecycle).toEqual(['suspend 00u1']);
    expect(stub.state.received('POST').map((r) => r.path)).toEqual(['/api/v1/users/00u1/lifecycle/suspend']);
  });

  it('does not call suspend again for a user who is already suspended (a retried offboarding step)', async () => {
    expect(await okta.suspendUser({ userId: '00u2', ...ACTION })).toEqual({
      userId: '00u2',
      alreadyApplied: true,
    });
    expect(stub.state.received('POST')).toHaveLength(0);
  });

  it('offboards from any state: suspends an active user, counts a suspended or deactivated one as done, deactivates the rest', async () => {
    const users = stub.state.users;
    users.set('00u3', sampleOktaUser('00u3', 'cy.gone@example.com', 'DEPROVISIONED'));
    users.set('00u4', sampleOktaUser('00u4', 'di.locked@example.com', 'LOCKED_OUT'));
    users.set('00u5', sampleOktaUser('00u5', 'ed.expired@example.com', 'PASSWORD_EXPIRED'));
    const offboard = (userId: string) => okta.offboardUser({ userId, ...ACTION });
    expect(await offboard('ann.lee@example.com')).toEqual({
      userId: 'ann.lee@example.com',
      alreadyApplied: false,
      state: 'suspended',
    });
    expect(await offboard('00u2')).toEqual({ userId: '00u2', alreadyApplied: true, state: 'suspended' });
    // An HR-mastered org deactivates (DEPROVISIONED) the leaver itself before Vigil is asked.
    expect(await offboard('cy.gone@example.com')).toEqual({
      userId: 'cy.gone@example.com',
      alreadyApplied: true,
      state: 'deactivated',
    });
    // Okta suspends only ACTIVE users; deactivation works from every other state.
    for (const login of ['di.locked@example.com', 'ed.expired@example.com']) {
      expect(await offboard(login)).toEqual({ userId: login, alreadyApplied: false, state: 'deactivated' });
    }
    expect(stub.state.lifecycle).toEqual(['suspend 00u1', 'deactivate 00u4', 'deactivate 00u5']);
    expect(users.get('00u4')?.status).toBe('DEPROVISIONED');
  });

  it('unsuspends a suspended user', async () => {
    await okta.unsuspendUser({ userId: '00u2', ...ACTION });
    expect(stub.state.lifecycle).toEqual(['unsuspend 00u2']);
    expect(stub.state.users.get('00u2')?.status).toBe('ACTIVE');
  });

  it('clears sessions and OAuth tokens with DELETE /sessions?oauthTokens=true', async () => {
    await okta.revokeSessions({ userId: '00u1', ...ACTION });
    const [request] = stub.state.received('DELETE');
    expect(request?.path).toBe('/api/v1/users/00u1/sessions');
    expect(request?.query.get('oauthTokens')).toBe('true');
  });

  it('resets factors with POST /lifecycle/reset_factors', async () => {
    await okta.resetFactors({ userId: '00u1', ...ACTION });
    expect(stub.state.lifecycle).toEqual(['reset_factors 00u1']);
  });

  it('reads sign-ins from the System Log, following Link rel="next" until an empty page', async () => {
    stub.state.logPageSize = 2;
    const since = new Date(NOW.getTime() - 86_400_000).toISOString();
    const events = await okta.signIns({ login: 'ann.lee@example.com', since });
    expect(events.map((e) => e.id)).toEqual(['evt-1', 'evt-2', 'evt-3', 'evt-4', 'evt-5']);
    expect(events[1]).toMatchObject({
      outcome: 'failure',
      reason: 'INVALID_CREDENTIALS',
      ip: '203.0.113.2',
      country: 'Netherlands',
      source: 'okta',
    });
    const pages = stub.state.received('GET', '/api/v1/logs');
    expect(pages).toHaveLength(4);
    expect(pages[0]?.query.get('filter')).toBe(
      'eventType eq "user.session.start" and actor.alternateId eq "ann.lee@example.com"',
    );
    expect(pages[0]?.query.get('since')).toBe(since);
    expect(pages[3]?.query.get('after')).toBe('5');
  });

  it('stops reading the System Log at the requested limit', async () => {
    stub.state.logPageSize = 2;
    const events = await okta.signIns({ since: '2025-01-01T00:00:00Z', limit: 3 });
    expect(events).toHaveLength(3);
    expect(stub.state.received('GET', '/api/v1/logs')).toHaveLength(2);
  });
});

describe('okta: configuration', () => {
  it('is disabled when no OKTA_ variable is set', () => {
    expect(parseOktaConfig({})).toBeUndefined();
  });

  it('names the missing variable when only part of the configuration is set', () => {
    expect(() => parseOktaConfig({ OKTA_ORG_URL: 'https://example.okta.com' })).toThrow(
      /^OKTA_API_TOKEN is missing/,
    );
  });

  it('refuses a plain-http org URL outside loopback, and never echoes the token', () => {
    expect(() =>
      parseOktaConfig({ OKTA_ORG_URL: 'http://example.okta.com', OKTA_API_TOKEN: 'x'.repeat(40) }),
    ).toThrow(/^OKTA_ORG_URL is "http:\/\/example.okta.com", which is invalid/);
    expect(() =>
      parseOktaConfig({ OKTA_ORG_URL: 'https://example.okta.com', OKTA_API_TOKEN: 'short' }),
    ).toThrow(/^OKTA_API_TOKEN is malformed/);
  });
});
