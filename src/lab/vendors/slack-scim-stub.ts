// A local Slack SCIM API (v1): Users list with `email eq` filters and startIndex paging, get, PATCH
// active=false, POST with Slack's username rules and 409 email_taken / username_taken, and Slack's SCIM v1
// error bodies (`{"Errors":{"description","code"}}`).
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

export class SlackScimStubState extends stub.StubState {
  token = 'xoxp-1111-2222-3333-scimtesttoken0123456789';
  users = new Map<string, ScimStubUser>();
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
    (u) => email === undefined || primaryEmail(u)?.toLowerCase() === email.toLowerCase(),
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

export async function startSlackScimStub(
  options: stub.StubServerOptions & { users?: ScimStubUser[] } = {},
): Promise<stub.RunningStub<SlackScimStubState>> {
  const state = new SlackScimStubState(options.now);
  for (const user of options.users ?? []) state.users.set(user.id, user);
  return stub.startStubServer(
    {
      state,
      errorReply: (status) => scimError(status, DESCRIPTIONS[status] ?? 'internal_error'),
      handle(request) {
        if (stub.credential(request, 'Bearer') !== state.token)
          return scimError(401, 'invalid_authentication');
        const { method, path } = request;
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
