// A local Salesforce org: the OAuth2 client-credentials token endpoint, SOQL queries on User by Username,
// User creation with Salesforce's required fields, globally unique usernames and (when the org's profiles
// are given) a ProfileId that must exist, and its error arrays (`[{"message","errorCode"}]`).
import { randomBytes } from 'node:crypto';
import { TokenIssuer } from './oauth-stub.js';
import * as stub from './stub-server.js';

export class SalesforceStubState extends stub.StubState {
  tokens = new TokenIssuer(
    '3MVG9-salesforce-test-consumer-key',
    'salesforce-test-consumer-secret-0123',
    '00Dxx0000000001!AQ-sf-token',
  );
  apiVersion = '62.0';
  /** Username to User record. */
  users = new Map<string, Record<string, unknown>>();
  /** Usernames taken in other orgs: Salesforce usernames are unique across all orgs. */
  takenElsewhere = new Set<string>();
  /** The org's profiles, id to name; when empty, any well-formed ProfileId is accepted. */
  profiles = new Map<string, string>();
}

const REQUIRED = [
  'Username',
  'LastName',
  'Email',
  'Alias',
  'TimeZoneSidKey',
  'LocaleSidKey',
  'EmailEncodingKey',
  'ProfileId',
  'LanguageLocaleKey',
];

function sfError(status: number, errorCode: string, message: string, fields?: string[]): stub.Reply {
  return { status, json: [{ message, errorCode, ...(fields ? { fields } : {}) }] };
}

const ERRORS: Record<number, [string, string]> = {
  400: ['MALFORMED_QUERY', 'Bad request'],
  401: ['INVALID_SESSION_ID', 'Session expired or invalid'],
  403: ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
  404: ['NOT_FOUND', 'The requested resource does not exist'],
};

function query(state: SalesforceStubState, request: stub.RecordedRequest): stub.Reply {
  const soql = request.query.get('q') ?? '';
  const match =
    /^SELECT Id, IsActive, ProfileId FROM User WHERE Username = '((?:[^'\\]|\\.)*)' LIMIT 1$/.exec(soql);
  if (!match) return sfError(400, 'MALFORMED_QUERY', `unexpected query: ${soql}`);
  const user = state.users.get((match[1] ?? '').replace(/\\(.)/g, '$1'));
  const records = user
    ? [
        {
          attributes: {
            type: 'User',
            url: `/services/data/v${state.apiVersion}/sobjects/User/${String(user.Id)}`,
          },
          Id: user.Id,
          IsActive: user.IsActive !== false,
          ProfileId: user.ProfileId,
        },
      ]
    : [];
  return { status: 200, json: { totalSize: records.length, done: true, records } };
}

function createUser(state: SalesforceStubState, request: stub.RecordedRequest): stub.Reply {
  const body = stub.jsonBody(request) as Record<string, unknown>;
  const missing = REQUIRED.filter((field) => typeof body[field] !== 'string' || body[field] === '');
  if (missing.length)
    return sfError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
  const username = String(body.Username);
  if (state.users.has(username) || state.takenElsewhere.has(username)) {
    return sfError(
      400,
      'DUPLICATE_USERNAME',
      'Duplicate Username.<br>The username already exists in this or another Salesforce organization.',
      ['Username'],
    );
  }
  const profileId = String(body.ProfileId);
  if (state.profiles.size > 0 && !state.profiles.has(profileId))
    return sfError(
      400,
      'INVALID_CROSS_REFERENCE_KEY',
      `Profile ID: id value of incorrect type: ${profileId}`,
      ['ProfileId'],
    );
  if (String(body.Alias).length > 8)
    return sfError(400, 'STRING_TOO_LONG', 'Alias: data value too large', ['Alias']);
  const id = `005${randomBytes(6).toString('hex').slice(0, 12)}AAA`;
  state.users.set(username, { ...body, Id: id });
  return { status: 201, json: { id, success: true, errors: [] } };
}

/** PATCH of a User: the fields given are set (204, as Salesforce answers); a ProfileId must exist. */
function updateUser(state: SalesforceStubState, request: stub.RecordedRequest, id: string): stub.Reply {
  const user = [...state.users.values()].find((u) => u.Id === id);
  if (!user) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const body = stub.jsonBody(request) as Record<string, unknown>;
  if (body.ProfileId !== undefined && state.profiles.size > 0 && !state.profiles.has(String(body.ProfileId)))
    return sfError(
      400,
      'INVALID_CROSS_REFERENCE_KEY',
      `Profile ID: id value of incorrect type: ${String(body.ProfileId)}`,
      ['ProfileId'],
    );
  Object.assign(user, body);
  return { status: 204 };
}

export async function startSalesforceStub(
  options: stub.StubServerOptions & { profiles?: Record<string, string> } = {},
): Promise<stub.RunningStub<SalesforceStubState>> {
  const state = new SalesforceStubState(options.now);
  for (const [id, name] of Object.entries(options.profiles ?? {})) state.profiles.set(id, name);
  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) => {
        const [code, text] = ERRORS[status] ?? ['UNKNOWN_EXCEPTION', message];
        return sfError(status, code, text);
      },
      handle(request) {
        const { method, path } = request;
        if (method === 'POST' && path === '/services/oauth2/token') {
          const token = state.tokens.grant(stub.formBody(request));
          if (!token)
            return {
              status: 400,
              json: { error: 'invalid_client', error_description: 'invalid client credentials' },
            };
          return {
            status: 200,
            json: {
              access_token: token,
              signature: 'c3RhYg==',
              scope: 'api',
              instance_url: stub.origin(request),
              id: `${stub.origin(request)}/id/00Dxx0000000001/005xx000000001AAA`,
              token_type: 'Bearer',
              issued_at: String(state.now().getTime()),
            },
          };
        }
        if (!state.tokens.accepts(request.headers.authorization))
          return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        const base = `/services/data/v${state.apiVersion}`;
        if (method === 'GET' && path === `${base}/query`) return query(state, request);
        if (method === 'POST' && path === `${base}/sobjects/User`) return createUser(state, request);
        const userId = stub.pathParam(request, /\/sobjects\/User\/([^/]+)$/);
        if (method === 'PATCH' && userId && path === `${base}/sobjects/User/${userId}`)
          return updateUser(state, request, userId);
        return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      },
    },
    options,
  );
}
