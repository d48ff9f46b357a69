// A local Okta org: the Users, lifecycle, sessions and System Log endpoints Vigil calls, SSWS token checks,
// Okta's error bodies (E0000011, E0000007…), Link-header pagination and X-Rate-Limit-Reset on 429.
import * as stub from './stub-server.js';

export interface OktaStubUser {
  id: string;
  status: string;
  lastLogin: string | null;
  profile: { login: string; email: string; firstName: string; lastName: string; title?: string };
}

export interface OktaStubLogEvent {
  uuid: string;
  published: string;
  eventType: string;
  actor: { alternateId: string };
  client: { ipAddress: string; geographicalContext: { country: string; city: string } };
  outcome: { result: string; reason: string | null };
}

export class OktaStubState extends stub.StubState {
  token = 'okta-test-token-0123456789abcdef';
  users = new Map<string, OktaStubUser>();
  /** The id of the admin the API token belongs to: Okta answers `GET /api/v1/users/me` with that user. */
  tokenOwner: string | null = null;
  logs: OktaStubLogEvent[] = [];
  /** The largest page the System Log serves, whatever `limit` asks. */
  logPageSize = 100;
  /** Lifecycle operations performed, as `<operation> <user id>`. */
  readonly lifecycle: string[] = [];
}

export interface OktaStubOptions extends stub.StubServerOptions {
  users?: OktaStubUser[];
  logs?: OktaStubLogEvent[];
}

const ERROR_CODES: Record<number, [string, string]> = {
  400: ['E0000001', 'Api validation failed'],
  401: ['E0000011', 'Invalid token provided'],
  403: ['E0000006', 'You do not have permission to perform the requested action'],
  404: ['E0000007', 'Not found: Resource not found'],
  429: ['E0000047', 'API call exceeded rate limit due to too many requests.'],
  500: ['E0000009', 'Internal Server Error'],
};

function oktaError(status: number, summary?: string, causes: string[] = []): stub.Reply {
  const [code, defaultSummary] = ERROR_CODES[status] ?? ['E0000009', 'Internal Server Error'];
  return {
    status,
    json: {
      errorCode: code,
      errorSummary: summary ?? defaultSummary,
      errorLink: code,
      errorId: `oae${Math.random().toString(36).slice(2, 12)}`,
      errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
  };
}

export function sampleOktaUser(id: string, login: string, status = 'ACTIVE'): OktaStubUser {
  const [first = 'Test', last = 'User'] = login.split('@')[0]?.split('.') ?? [];
  return {
    id,
    status,
    lastLogin: '2025-01-01T08:00:00.000Z',
    profile: { login, email: login, firstName: first, lastName: last },
  };
}

export async function startOktaStub(options: OktaStubOptions = {}): Promise<stub.RunningStub<OktaStubState>> {
  const state = new OktaStubState(options.now);
  for (const user of options.users ?? []) state.users.set(user.id, user);
  state.logs = options.logs ?? [];

  const findUser = (idOrLogin: string) =>
    state.users.get(idOrLogin) ?? [...state.users.values()].find((u) => u.profile.login === idOrLogin);

  const lifecycle = (request: stub.RecordedRequest, operation: string): stub.Reply => {
    const user = findUser(stub.pathParam(request, /^\/api\/v1\/users\/([^/]+)\/lifecycle\//) ?? '');
    if (!user) return oktaError(404);
    const transitions: Record<string, [string, string]> = {
      suspend: ['ACTIVE', 'SUSPENDED'],
      unsuspend: ['SUSPENDED', 'ACTIVE'],
    };
    // Deactivation is allowed from every state but deactivated (Okta's DEPROVISIONED).
    if (operation === 'deactivate') {
      if (user.status === 'DEPROVISIONED') {
        return oktaError(400, 'Api validation failed: status', [
          'Cannot deactivate a user that is DEPROVISIONED',
        ]);
      }
      user.status = 'DEPROVISIONED';
      state.lifecycle.push(`${operation} ${user.id}`);
      return { status: 200, json: {} };
    }
    const transition = transitions[operation];
    if (transition && user.status !== transition[0]) {
      return oktaError(400, 'Api validation failed: status', [
        `Cannot ${operation} a user that is ${user.status}`,
      ]);
    }
    if (transition) user.status = transition[1];
    state.lifecycle.push(`${operation} ${user.id}`);
    return { status: 200, json: {} };
  };

  const logs = (request: stub.RecordedRequest): stub.Reply => {
    const filter = request.query.get('filter') ?? '';
    const eventType = /eventType eq "([^"]+)"/.exec(filter)?.[1];
    const actor = /actor\.alternateId eq "((?:[^"\\]|\\.)+)"/.exec(filter)?.[1]?.replace(/\\(.)/g, '$1');
    const since = request.query.get('since') ?? '';
    const until = request.query.get('until') ?? '9999';
    const matching = state.logs.filter(
      (e) =>
        (!eventType || e.eventType === eventType) &&
        (!actor || e.actor.alternateId === actor) &&
        e.published >= since &&
        e.published < until,
    );
    const after = Number(request.query.get('after') ?? 0);
    const size = Math.min(Number(request.query.get('limit') ?? 100), state.logPageSize);
    const page = matching.slice(after, after + size);
    // Like Okta, a next link is always offered (polling); an empty page means the end.
    const next = new URLSearchParams(request.query);
    next.set('after', String(after + page.length));
    return {
      status: 200,
      headers: { link: `<${stub.origin(request)}/api/v1/logs?${next.toString()}>; rel="next"` },
      json: page,
    };
  };

  return stub.startStubServer(
    {
      state,
      errorReply: (status) => oktaError(status),
      rateLimitHeaders: (seconds, now) => ({
        'x-rate-limit-limit': '600',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.floor(now.getTime() / 1000) + seconds),
      }),
      handle(request) {
        if (stub.credential(request, 'SSWS') !== state.token) return oktaError(401);
        const { method, path } = request;
        const lifecycleOp = /^\/api\/v1\/users\/[^/]+\/lifecycle\/(\w+)$/.exec(path)?.[1];
        if (method === 'POST' && lifecycleOp) return lifecycle(request, lifecycleOp);
        if (method === 'DELETE' && /^\/api\/v1\/users\/[^/]+\/sessions$/.test(path)) {
          return findUser(stub.pathParam(request, /^\/api\/v1\/users\/([^/]+)\//) ?? '')
            ? { status: 204 }
            : oktaError(404);
        }
        if (method === 'GET' && /^\/api\/v1\/users\/[^/]+$/.test(path)) {
          const name = stub.pathParam(request, /^\/api\/v1\/users\/([^/]+)$/) ?? '';
          const user = name === 'me' ? state.users.get(state.tokenOwner ?? '') : findUser(name);
          return user ? { status: 200, json: user } : oktaError(404);
        }
        if (method === 'GET' && path === '/api/v1/logs') return logs(request);
        return oktaError(404);
      },
    },
    options,
  );
}
