// A local Slack SCIM API (v1): Users list with `email eq` filters and startIndex paging, get, PATCH
// active=false, POST with Slack's username rules and 409 email_taken / username_taken; Groups listed with
// `displayName eq` filters and PATCH members (204); Slack's SCIM v1 error bodies (`{"Errors":{…}}`).
import { randomBytes } from 'node:crypto';
import * as stub from './stub-server.js';

export interface ScimStubUser {
  id: string;
  userName: string;
  displayName: string;
  name: { givenName: string; familyName: string };
  emails: Array<{ value: string; primary: boolean }>;
  active: boolean;
}

export interface ScimStubGroup {
  id: string;
  displayName: string;
  /** Member account ids. */
  members: string[];
}

export class SlackScimStubState extends stub.StubState {
  token = 'xoxp-1111-2222-3333-scimtesttoken0123456789';
  users = new Map<string, ScimStubUser>();
  groups = new Map<string, ScimStubGroup>();
  /** Answers Users lists as if no filter had been given (a server that ignores it), for tests. */
  ignoreFilter = false;
}

const SCHEMA = 'urn:scim:schemas:core:1.0';

function scimError(status: number, description: string): stub.Reply {
  return { status, json: { Errors: { description, code: status } } };
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'bad_request',
  401: 'invalid_authentication',
  403: 'no_permission',
  404: 'user_not_found',
  429: 'ratelimited',
};

const primaryEmail = (user: ScimStubUser) =>
  user.emails.find((e) => e.primary)?.value ?? user.emails[0]?.value;
const resource = (user: ScimStubUser) => ({
  schemas: [SCHEMA],
  ...user,
  meta: { created: '2025-01-01T00:00:00Z', location: `https://api.slack.com/scim/v1/Users/${user.id}` },
});

function list(state: SlackScimStubState, request: stub.RecordedRequest): stub.Reply {
  const email = /^email eq "((?:[^"\\]|\\.)*)"$/i
    .exec(request.query.get('filter') ?? '')?.[1]
    ?.replace(/\\(.)/g, '$1');
  const matching = [...state.users.values()].filter(
    (u) =>
      state.ignoreFilter || email === undefined || primaryEmail(u)?.toLowerCase() === email.toLowerCase(),
  );
  const startIndex = Number(request.query.get('startIndex') ?? 1);
  const count = Math.min(Number(request.query.get('count') ?? 100), 1000);
  const page = matching.slice(startIndex - 1, startIndex - 1 + count);
  return {
    status: 200,
    json: {
      schemas: [SCHEMA],
      totalResults: matching.length,
      itemsPerPage: page.length,
      startIndex,
      Resources: page.map(resource),
    },
  };
}

function create(state: SlackScimStubState, request: stub.RecordedRequest): stub.Reply {
  const body = stub.jsonBody(request) as Partial<ScimStubUser> & { schemas?: string[] };
  if (!body.schemas?.includes(SCHEMA)) return scimError(400, 'invalid_schema');
  if (!body.userName || !/^[a-z0-9._-]{1,21}$/.test(body.userName)) return scimError(400, 'invalid_username');
  const email = body.emails?.find((e) => e.primary)?.value;
  if (!email) return scimError(400, 'missing_email');
  const users = [...state.users.values()];
  if (users.some((u) => primaryEmail(u)?.toLowerCase() === email.toLowerCase()))
    return scimError(409, 'email_taken');
  if (users.some((u) => u.userName === body.userName)) return scimError(409, 'username_taken');
  const user: ScimStubUser = {
    id: `W${randomBytes(5).toString('hex').toUpperCase()}`,
    userName: body.userName,
    displayName: body.displayName ?? body.userName,
    name: body.name ?? { givenName: '', familyName: '' },
    emails: body.emails ?? [],
    active: true,
  };
  state.users.set(user.id, user);
  return { status: 201, json: resource(user) };
}

const groupResource = (state: SlackScimStubState, group: ScimStubGroup) => ({
  schemas: [SCHEMA],
  id: group.id,
  displayName: group.displayName,
  members: group.members.map((value) => ({ value, display: state.users.get(value)?.userName ?? value })),
});

function groups(state: SlackScimStubState, request: stub.RecordedRequest): stub.Reply {
  const path = request.path;
  if (path === '/scim/v1/Groups' && request.method === 'GET') {
    const name = /^displayName eq "((?:[^"\\]|\\.)*)"$/i
      .exec(request.query.get('filter') ?? '')?.[1]
      ?.replace(/\\(.)/g, '$1');
    const matching = [...state.groups.values()].filter((g) => name === undefined || g.displayName === name);
    return {
      status: 200,
      json: {
        schemas: [SCHEMA],
        totalResults: matching.length,
        itemsPerPage: matching.length,
        startIndex: 1,
        Resources: matching.map((g) => groupResource(state, g)),
      },
    };
  }
  const group = state.groups.get(stub.pathParam(request, /^\/scim\/v1\/Groups\/([^/]+)$/) ?? '');
  if (!group) return scimError(404, 'group_not_found');
  if (request.method === 'GET') return { status: 200, json: groupResource(state, group) };
  if (request.method === 'PATCH') {
    const body = stub.jsonBody(request) as { schemas?: string[]; members?: Array<{ value?: string }> };
    if (!body.schemas?.includes(SCHEMA)) return scimError(400, 'invalid_schema');
    for (const member of body.members ?? []) {
      if (!member.value || !state.users.has(member.value)) return scimError(400, 'invalid_user');
      if (!group.members.includes(member.value)) group.members.push(member.value);
    }
    return { status: 204 };
  }
  return scimError(400, 'unsupported_request');
}

export async function startSlackScimStub(
  options: stub.StubServerOptions & { users?: ScimStubUser[]; groups?: ScimStubGroup[] } = {},
): Promise<stub.RunningStub<SlackScimStubState>> {
  const state = new SlackScimStubState(options.now);
  for (const user of options.users ?? []) state.users.set(user.id, user);
  for (const group of options.groups ?? []) state.groups.set(group.id, group);
  return stub.startStubServer(
    {
      state,
      errorReply: (status) => scimError(status, DESCRIPTIONS[status] ?? 'internal_error'),
      handle(request) {
        if (stub.credential(request, 'Bearer') !== state.token)
          return scimError(401, 'invalid_authentication');
        const { method, path } = request;
        if (path.startsWith('/scim/v1/Groups')) return groups(state, request);
        if (path === '/scim/v1/Users')
          return method === 'POST' ? create(state, request) : list(state, request);
        const user = state.users.get(stub.pathParam(request, /^\/scim\/v1\/Users\/([^/]+)$/) ?? '');
        if (!user) return scimError(404, 'user_not_found');
        if (method === 'GET') return { status: 200, json: resource(user) };
        if (method === 'PATCH') {
          const body = stub.jsonBody(request) as { schemas?: string[]; active?: boolean };
          if (!body.schemas?.includes(SCHEMA)) return scimError(400, 'invalid_schema');
          if (typeof body.active === 'boolean') user.active = body.active;
          return { status: 200, json: resource(user) };
        }
        if (method === 'DELETE') {
          user.active = false;
          return { status: 200, json: resource(user) };
        }
        return scimError(400, 'unsupported_request');
      },
    },
    options,
  );
}
