// A local Microsoft Graph (v1.0) for Entra ID: users ($select), accountEnabled updates,
// revokeSignInSessions, auditLogs/signIns with $filter, $top and @odata.nextLink, the identity platform's
// token endpoint, and Graph's error bodies.
import { microsoftError, microsoftLogin, microsoftTokenIssuer } from './microsoft-login-stub.js';
import * as stub from './stub-server.js';

export interface GraphStubUser {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  accountEnabled: boolean;
}

export interface GraphStubSignIn {
  id: string;
  createdDateTime: string;
  userPrincipalName: string;
  appDisplayName: string;
  ipAddress: string;
  status: { errorCode: number; failureReason: string | null };
  location: { city: string; countryOrRegion: string };
}

export class EntraStubState extends stub.StubState {
  tokens = microsoftTokenIssuer('graph-access-token');
  users = new Map<string, GraphStubUser>();
  signIns: GraphStubSignIn[] = [];
  /** Largest page of sign-ins served, whatever $top asks. */
  signInPageSize = 1000;
  /** Users whose sessions were revoked. */
  readonly revoked: string[] = [];
}

const GRAPH = '/v1.0';

function signInPage(state: EntraStubState, request: stub.RecordedRequest): stub.Reply {
  const filter = request.query.get('$filter') ?? '';
  const since = /createdDateTime ge (\S+)/.exec(filter)?.[1] ?? '';
  const until = /createdDateTime lt (\S+)/.exec(filter)?.[1] ?? '9999';
  const upn = /userPrincipalName eq '((?:[^']|'')*)'/.exec(filter)?.[1]?.replace(/''/g, "'");
  const matching = state.signIns.filter(
    (s) => s.createdDateTime >= since && s.createdDateTime < until && (!upn || s.userPrincipalName === upn),
  );
  const skip = Number(request.query.get('$skiptoken') ?? 0);
  const size = Math.min(Number(request.query.get('$top') ?? 1000), state.signInPageSize);
  const value = matching.slice(skip, skip + size);
  const next = new URLSearchParams(request.query);
  next.set('$skiptoken', String(skip + size));
  return {
    status: 200,
    json: {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
      value,
      ...(skip + size < matching.length
        ? { '@odata.nextLink': `${stub.origin(request)}${request.path}?${next.toString()}` }
        : {}),
    },
  };
}

export async function startEntraStub(
  options: stub.StubServerOptions & {
    users?: GraphStubUser[];
    signIns?: GraphStubSignIn[];
  } = {},
): Promise<stub.RunningStub<EntraStubState>> {
  const state = new EntraStubState(options.now);
  for (const user of options.users ?? []) state.users.set(user.id, user);
  state.signIns = options.signIns ?? [];
  const findUser = (key: string) =>
    state.users.get(key) ??
    [...state.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key.toLowerCase());
  const notFound = (key: string) =>
    microsoftError(
      404,
      'Request_ResourceNotFound',
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    );

  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) =>
        microsoftError(status, status === 429 ? 'TooManyRequests' : 'generalException', message),
      handle(request) {
        const login = microsoftLogin(request, state.tokens, (r) => `${stub.origin(r)}/.default`);
        if (login) return login;
        if (!state.tokens.accepts(request.headers.authorization)) {
          return microsoftError(
            401,
            'InvalidAuthenticationToken',
            'Access token has expired or is not yet valid.',
          );
        }
        const { method, path } = request;
        if (method === 'GET' && path === `${GRAPH}/auditLogs/signIns`) return signInPage(state, request);
        const key = stub.pathParam(request, /^\/v1\.0\/users\/([^/]+)/) ?? '';
        const user = findUser(key);
        if (!user) return notFound(key);
        if (method === 'GET' && path === `${GRAPH}/users/${encodeURIComponent(key)}`) {
          const fields = (request.query.get('$select') ?? 'id,userPrincipalName,displayName,mail').split(',');
          return {
            status: 200,
            json: Object.fromEntries(fields.map((f) => [f, user[f as keyof GraphStubUser] ?? null])),
          };
        }
        if (method === 'PATCH') {
          const body = stub.jsonBody(request) as Partial<GraphStubUser>;
          if (typeof body.accountEnabled === 'boolean') user.accountEnabled = body.accountEnabled;
          return { status: 204 };
        }
        if (method === 'POST' && path.endsWith('/revokeSignInSessions')) {
          state.revoked.push(user.id);
          return {
            status: 200,
            json: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean', value: true },
          };
        }
        return microsoftError(400, 'BadRequest', `Unsupported request ${method} ${path}`);
      },
    },
    options,
  );
}
