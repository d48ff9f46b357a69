// Slack SCIM against its local stub: the shared contract, deactivation by PATCH active=false, and
// provisioning that finds the existing account on 409 instead of failing a retried onboarding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSlackScimConfig, SlackScim, slackUserName } from '../../connectors/slack-scim.js';
import type { NewPerson } from '../../connectors/types.js';
import {
  startSlackScimStub,
  type ScimStubUser,
  type SlackScimStubState,
} from '../../src/lab/vendors/slack-scim-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 8, actionId: 'act_slack_1' };
const PERSON: NewPerson = {
  email: 'Cleo.Diaz@example.com',
  givenName: 'Cleo',
  familyName: 'Diaz',
  ...ACTION,
};

function scimUser(id: string, email: string, active = true): ScimStubUser {
  return {
    id,
    userName: slackUserName(email),
    displayName: email,
    name: { givenName: 'A', familyName: 'B' },
    emails: [{ value: email, primary: true }],
    active,
  };
}

async function start(runtime: TestRuntime) {
  const stub = await startSlackScimStub({
    users: [scimUser('W1', 'ann@example.com'), scimUser('W2', 'bo@example.com', false)],
    groups: [{ id: 'S1', displayName: 'sales "emea"', members: ['W2'] }],
  });
  const config = parseSlackScimConfig({
    SLACK_SCIM_TOKEN: stub.state.token,
    SLACK_SCIM_URL: `${stub.url}/scim/v1`,
  });
  if (!config) throw new Error('config expected');
  return { stub, connector: new SlackScim(config, runtime.deps), secrets: [stub.state.token] };
}

describeVendorContract<SlackScimStubState, SlackScim>({
  vendor: 'slack-scim',
  start,
  read: { call: (scim) => scim.findUser('ann@example.com'), method: 'GET', path: '/scim/v1/Users' },
  write: { call: (scim) => scim.provisionUser(PERSON), method: 'POST', path: '/scim/v1/Users' },
  refuseCredentials: (state) => {
    state.token = 'xoxp-revoked-000000';
  },
});

describe('slack-scim: requests and answers', () => {
  let stub: RunningStub<SlackScimStubState>;
  let scim: SlackScim;
  beforeEach(async () => {
    ({ stub, connector: scim } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('finds an account by email with a SCIM filter and the bearer token', async () => {
    expect(await scim.findUser('ann@example.com')).toEqual({
      id: 'W1',
      userName: 'ann',
      email: 'ann@example.com',
      active: true,
    });
    const [request] = stub.state.received('GET', '/scim/v1/Users');
    expect(request?.query.get('filter')).toBe('email eq "ann@example.com"');
    expect(request?.headers.authorization).toBe(`Bearer ${stub.state.token}`);
    expect(await scim.findUser('nobody@example.com')).toBeNull();
  });

  it('deactivates with PATCH /Users/{id} {schemas, active:false}, and not again when already inactive', async () => {
    expect(await scim.deactivateUser({ userId: 'W1', ...ACTION })).toEqual({
      userId: 'W1',
      alreadyApplied: false,
    });
    expect(bodyOf(stub.state.received('PATCH', '/scim/v1/Users/W1')[0])).toEqual({
      schemas: ['urn:scim:schemas:core:1.0'],
      active: false,
    });
    expect(await scim.deactivateUser({ userId: 'W2', ...ACTION })).toMatchObject({ alreadyApplied: true });
    expect(stub.state.received('PATCH')).toHaveLength(1);
  });

  it('refuses an answer about another account than the address asked for (a filter the server ignored)', async () => {
    expect(await scim.findUser('nobody@example.com')).toBeNull();
    stub.state.ignoreFilter = true;
    const error = await connectorError(scim.findUser('nobody@example.com'));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toContain('asked for nobody@example.com, Slack answered with account W1');
  });

  it('maps an unknown account to not_found with Slack’s description', async () => {
    const error = await connectorError(scim.deactivateUser({ userId: 'W404', ...ACTION }));
    expect(error).toMatchObject({ code: 'not_found', vendorCode: 'user_not_found' });
  });

  it('provisions with POST /Users: a Slack-valid username, the name and the primary email', async () => {
    const result = await scim.provisionUser(PERSON);
    expect(result).toEqual({ userId: expect.stringMatching(/^W/), created: true });
    expect(bodyOf(stub.state.received('POST', '/scim/v1/Users')[0])).toEqual({
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'cleo.diaz',
      displayName: 'Cleo Diaz',
      name: { givenName: 'Cleo', familyName: 'Diaz' },
      emails: [{ value: 'Cleo.Diaz@example.com', primary: true }],
      active: true,
    });
  });

  it('returns the existing account when Slack answers 409 email_taken (a retried onboarding)', async () => {
    const first = await scim.provisionUser(PERSON);
    expect(await scim.provisionUser(PERSON)).toEqual({ userId: first.userId, created: false });
    expect(stub.state.users.size).toBe(3);
  });

  it('reactivates a rehire’s deactivated account when Slack answers 409 email_taken, instead of taking it as it is', async () => {
    const rehire = { ...PERSON, email: 'bo@example.com' };
    expect(await scim.provisionUser(rehire)).toEqual({ userId: 'W2', created: false, reactivated: true });
    expect(stub.state.users.get('W2')?.active).toBe(true);
  });

  it('fails with conflict when the username is taken by someone else', async () => {
    stub.state.users.set('W9', { ...scimUser('W9', 'other@example.com'), userName: 'cleo.diaz' });
    const error = await connectorError(scim.provisionUser(PERSON));
    expect(error).toMatchObject({ code: 'conflict', status: 409, vendorCode: 'username_taken' });
  });

  it('adds an account to a user group found by name, with PATCH /Groups/{id} {schemas, members}', async () => {
    expect(await scim.addToGroup({ group: 'sales "emea"', userId: 'W1', ...ACTION })).toEqual({
      groupId: 'S1',
      alreadyMember: false,
    });
    const [find] = stub.state.received('GET', '/scim/v1/Groups');
    expect(find?.query.get('filter')).toBe('displayName eq "sales \\"emea\\""');
    expect(bodyOf(stub.state.received('PATCH', '/scim/v1/Groups/S1')[0])).toEqual({
      schemas: ['urn:scim:schemas:core:1.0'],
      members: [{ value: 'W1' }],
    });
    expect(stub.state.groups.get('S1')?.members).toEqual(['W2', 'W1']);
    expect(await scim.addToGroup({ group: 'sales "emea"', userId: 'W2', ...ACTION })).toMatchObject({
      alreadyMember: true,
    });
    expect(stub.state.received('PATCH')).toHaveLength(1);
  });

  it('fails with not_found, naming the group, when no user group has that name', async () => {
    const error = await connectorError(scim.addToGroup({ group: 'nobody', userId: 'W1', ...ACTION }));
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.message).toContain('no user group named "nobody"');
  });

  it('derives usernames Slack accepts: lower case, no spaces or plus signs, at most 21 characters', () => {
    expect(slackUserName('Jean-Luc.Picard+sec@example.com')).toBe('jean-luc.picard.sec');
    expect(slackUserName('a.very.long.name.indeed.here@example.com')).toHaveLength(21);
  });
});
