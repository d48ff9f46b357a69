// A local Google Workspace: the OAuth2 token endpoint for service-account JWTs (RS256 signature, audience,
// scopes, subject and lifetime checked as Google does), the Directory API's users (get, update, signOut),
// the Reports API's login activity with nextPageToken, and Google's error bodies.
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import * as stub from './stub-server.js';

export interface GoogleStubUser {
  id: string;
  primaryEmail: string;
  name: { fullName: string };
  suspended: boolean;
  archived: boolean;
  lastLoginTime: string;
}

export interface GoogleStubActivity {
  id: { time: string; uniqueQualifier: string; applicationName: 'login'; customerId: string };
  actor: { email: string; profileId: string };
  ipAddress: string;
  events: Array<{
    type: string;
    name: string;
    parameters: Array<{ name: string; value?: string; boolValue?: boolean }>;
  }>;
}

let keyPair: { privateKey: string; publicKey: KeyObject } | undefined;

/** One RSA key pair per process: generating one per test would be slow. */
export function stubServiceAccountKeyPair(): { privateKey: string; publicKey: KeyObject } {
  if (!keyPair) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyPair = {
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: pair.publicKey,
    };
  }
  return keyPair;
}

export class GoogleWorkspaceStubState extends stub.StubState {
  clientEmail = 'vigil@vigil-project.iam.gserviceaccount.com';
  adminEmail = 'admin@example.com';
  /** The key the stub checks JWT signatures with; replace it to make Google refuse the service account. */
  publicKey: KeyObject = stubServiceAccountKeyPair().publicKey;
  users = new Map<string, GoogleStubUser>();
  activities: GoogleStubActivity[] = [];
  activityPageSize = 1000;
  readonly signedOut: string[] = [];
  /** The JWT claims of every accepted assertion. */
  readonly assertions: Array<Record<string, unknown>> = [];
  private readonly issued = new Set<string>();

  issueToken(): string {
    const token = `ya29.google-access-token-${this.issued.size + 1}`;
    this.issued.add(token);
    return token;
  }

  accepts(authorization: string | undefined): boolean {
    return this.issued.has((authorization ?? '').replace(/^Bearer /, ''));
  }

  /** The key file Google would hand out for this service account, pointing at the stub's token endpoint. */
  serviceAccountKey(stubUrl: string): string {
    return JSON.stringify({
      type: 'service_account',
      project_id: 'vigil-project',
      private_key_id: 'stub-key-1',
      private_key: stubServiceAccountKeyPair().privateKey,
      client_email: this.clientEmail,
      client_id: '100000000000000000001',
      token_uri: `${stubUrl}/token`,
    });
  }
}

function googleError(
  status: number,
  message: string,
  reason = 'backendError',
  rpcStatus?: string,
): stub.Reply {
  return {
    status,
    json: {
      error: {
        code: status,
        message,
        errors: [{ message, domain: 'global', reason }],
        ...(rpcStatus ? { status: rpcStatus } : {}),
      },
    },
  };
}

const oauthError = (status: number, error: string, description: string): stub.Reply => ({
  status,
  json: { error, error_description: description },
});

/** Checks a JWT-bearer grant the way Google's token endpoint does. */
function token(state: GoogleWorkspaceStubState, request: stub.RecordedRequest): stub.Reply {
  const form = stub.formBody(request);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ' + form.get('grant_type'));
  }
  const [header = '', claims = '', signature = ''] = (form.get('assertion') ?? '').split('.');
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
  if (decode(header).alg !== 'RS256')
    return oauthError(400, 'invalid_grant', 'Invalid JWT: alg must be RS256');
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    state.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const jwt = decode(claims);
  const now = Math.floor(state.now().getTime() / 1000);
  const { iat, exp } = jwt as { iat: number; exp: number };
  if (exp - iat > 3600 || iat > now + 300 || exp < now) {
    return oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
    );
  }
  if (jwt.iss !== state.clientEmail || jwt.aud !== `${stub.origin(request)}/token`) {
    return oauthError(400, 'invalid_grant', 'Invalid JWT: iss or aud claim is not valid.');
  }
  const scopes = String(jwt.scope).split(' ');
  const needed = [
    'https://www.googleapis.com/auth/admin.directory.user',
    'https://www.googleapis.com/auth/admin.reports.audit.readonly',
  ];
  if (jwt.sub !== state.adminEmail || !needed.every((s) => scopes.includes(s))) {
    return oauthError(
      401,
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    );
  }
  state.assertions.push(jwt);
  return { status: 200, json: { access_token: state.issueToken(), expires_in: 3599, token_type: 'Bearer' } };
}

function loginActivity(state: GoogleWorkspaceStubState, request: stub.RecordedRequest): stub.Reply {
  const userKey = stub.pathParam(request, /^\/admin\/reports\/v1\/activity\/users\/([^/]+)\//) ?? 'all';
  const start = request.query.get('startTime') ?? '';
  const end = request.query.get('endTime') ?? '9999';
  const matching = state.activities.filter(
    (a) => (userKey === 'all' || a.actor.email === userKey) && a.id.time >= start && a.id.time < end,
  );
  const offset = Number(request.query.get('pageToken') ?? 0);
  const size = Math.min(Number(request.query.get('maxResults') ?? 1000), state.activityPageSize);
  const items = matching.slice(offset, offset + size);
  return {
    status: 200,
    json: {
      kind: 'admin#reports#activities',
      items,
      ...(offset + size < matching.length ? { nextPageToken: String(offset + size) } : {}),
    },
  };
}

export async function startGoogleWorkspaceStub(
  options: stub.StubServerOptions & {
    users?: GoogleStubUser[];
    activities?: GoogleStubActivity[];
  } = {},
): Promise<stub.RunningStub<GoogleWorkspaceStubState>> {
  const state = new GoogleWorkspaceStubState(options.now);
  for (const user of options.users ?? []) state.users.set(user.id, user);
  state.activities = options.activities ?? [];
  const findUser = (key: string) =>
    state.users.get(key) ?? [...state.users.values()].find((u) => u.primaryEmail === key);

  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) =>
        googleError(
          status,
          message,
          status === 429 ? 'rateLimitExceeded' : 'backendError',
          status === 429 ? 'RESOURCE_EXHAUSTED' : undefined,
        ),
      handle(request) {
        const { method, path } = request;
        if (method === 'POST' && path === '/token') return token(state, request);
        if (!state.accepts(request.headers.authorization)) {
          return googleError(
            401,
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            'authError',
            'UNAUTHENTICATED',
          );
        }
        if (
          method === 'GET' &&
          /^\/admin\/reports\/v1\/activity\/users\/[^/]+\/applications\/login$/.test(path)
        ) {
          return loginActivity(state, request);
        }
        const key = stub.pathParam(request, /^\/admin\/directory\/v1\/users\/([^/]+)/) ?? '';
        const user = findUser(key);
        if (!user) return googleError(404, 'Resource Not Found: userKey', 'notFound');
        if (method === 'GET') return { status: 200, json: { kind: 'admin#directory#user', ...user } };
        if (method === 'PUT' || method === 'PATCH') {
          const body = stub.jsonBody(request) as Partial<GoogleStubUser>;
          if (typeof body.suspended === 'boolean') user.suspended = body.suspended;
          return { status: 200, json: { kind: 'admin#directory#user', ...user } };
        }
        if (method === 'POST' && path.endsWith('/signOut')) {
          state.signedOut.push(user.id);
          return { status: 204 };
        }
        return googleError(400, 'Invalid request', 'invalid');
      },
    },
    options,
  );
}
