// A local Microsoft Defender for Endpoint API: machines (get, OData $filter with @odata.nextLink paging),
// isolate / unisolate machine actions with Defender's "ActiveRequestAlreadyExists" answer, and the
// identity platform's token endpoint for the Defender API's scope.
import { randomUUID } from 'node:crypto';
import { microsoftError, microsoftLogin, microsoftTokenIssuer } from './microsoft-login-stub.js';
import * as stub from './stub-server.js';

export interface DefenderStubMachine {
  id: string;
  computerDnsName: string;
  osPlatform: string;
  osVersion: string;
  lastSeen: string;
  lastIpAddress: string;
  lastExternalIpAddress: string;
  machineTags: string[];
  /** Not part of Defender's machine entity; the stub's own isolation state. */
  isolated: boolean;
}

export class DefenderStubState extends stub.StubState {
  tokens = microsoftTokenIssuer('defender-access-token');
  machines = new Map<string, DefenderStubMachine>();
  /** Largest page of machines served. */
  pageSize = 10_000;
  readonly actions: Array<{
    type: string;
    machineId: string;
    comment: string;
    isolationType?: string;
    sha1?: string;
  }> = [];
}

export function sampleDefenderMachine(
  id: string,
  name: string,
  ip: string,
  isolated = false,
): DefenderStubMachine {
  return {
    id,
    computerDnsName: name,
    osPlatform: 'Windows11',
    osVersion: '10.0.22631',
    lastSeen: '2025-03-01T11:55:00Z',
    lastIpAddress: ip,
    machineTags: ['env:prod'],
    lastExternalIpAddress: '198.51.100.20',
    isolated,
  };
}

/** The machine as Defender shows it (without the stub's isolation flag). */
const entity = ({ isolated: _isolated, ...machine }: DefenderStubMachine) => machine;

function listMachines(state: DefenderStubState, request: stub.RecordedRequest): stub.Reply {
  const filter = request.query.get('$filter') ?? '';
  const conditions = [...filter.matchAll(/(\w+) eq '((?:[^']|'')*)'/g)].map(([, field, value]) => [
    field,
    value?.replace(/''/g, "'"),
  ]);
  const matching = [...state.machines.values()].filter((m) =>
    conditions.every(
      ([field, value]) =>
        String(m[field as keyof DefenderStubMachine]).toLowerCase() === value?.toLowerCase(),
    ),
  );
  const skip = Number(request.query.get('$skip') ?? 0);
  const value = matching.slice(skip, skip + state.pageSize);
  const next = new URLSearchParams(request.query);
  next.set('$skip', String(skip + state.pageSize));
  return {
    status: 200,
    json: {
      '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Machines',
      value: value.map(entity),
      ...(skip + state.pageSize < matching.length
        ? { '@odata.nextLink': `${stub.origin(request)}/api/machines?${next.toString()}` }
        : {}),
    },
  };
}

function machineAction(
  state: DefenderStubState,
  machine: DefenderStubMachine,
  request: stub.RecordedRequest,
  type: string,
): stub.Reply {
  const body = stub.jsonBody(request) as
    { Comment?: string; IsolationType?: string; Sha1?: string } | undefined;
  if (!body?.Comment)
    return microsoftError(400, 'InvalidRequestBody', 'Request body is invalid: Comment is required');
  if (type === 'StopAndQuarantineFile') {
    if (!/^[a-f0-9]{40}$/i.test(body.Sha1 ?? ''))
      return microsoftError(400, 'InvalidRequestBody', 'Sha1 must be the 40-character SHA-1 of the file');
    const sha1 = (body.Sha1 ?? '').toLowerCase();
    if (state.actions.some((a) => a.type === type && a.machineId === machine.id && a.sha1 === sha1))
      return microsoftError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
    state.actions.push({ type, machineId: machine.id, comment: body.Comment, sha1 });
    return accepted(state, machine, type, body.Comment);
  }
  if (type === 'Isolate' && !['Full', 'Selective'].includes(body.IsolationType ?? '')) {
    return microsoftError(400, 'InvalidRequestBody', 'IsolationType must be Full or Selective');
  }
  if (machine.isolated === (type === 'Isolate')) {
    return microsoftError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
  }
  machine.isolated = type === 'Isolate';
  state.actions.push({
    type,
    machineId: machine.id,
    comment: body.Comment,
    isolationType: body.IsolationType,
  });
  return accepted(state, machine, type, body.Comment);
}

/** Defender's 201 answer: the machine action, pending. */
function accepted(
  state: DefenderStubState,
  machine: DefenderStubMachine,
  type: string,
  comment: string,
): stub.Reply {
  return {
    status: 201,
    json: {
      id: randomUUID(),
      type,
      requestor: 'vigil-app',
      requestorComment: comment,
      status: 'Pending',
      machineId: machine.id,
      computerDnsName: machine.computerDnsName,
      creationDateTimeUtc: state.now().toISOString(),
    },
  };
}

export async function startDefenderStub(
  options: stub.StubServerOptions & { machines?: DefenderStubMachine[] } = {},
): Promise<stub.RunningStub<DefenderStubState>> {
  const state = new DefenderStubState(options.now);
  for (const machine of options.machines ?? []) state.machines.set(machine.id, machine);
  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) =>
        microsoftError(status, status === 429 ? 'TooManyRequests' : 'InternalServerError', message),
      handle(request) {
        const login = microsoftLogin(
          request,
          state.tokens,
          () => 'https://api.securitycenter.microsoft.com/.default',
        );
        if (login) return login;
        if (!state.tokens.accepts(request.headers.authorization)) {
          return microsoftError(401, 'Unauthorized', 'Authorization has been denied for this request.');
        }
        const { method, path } = request;
        if (method === 'GET' && path === '/api/machines') return listMachines(state, request);
        const id = stub.pathParam(request, /^\/api\/machines\/([^/]+)/) ?? '';
        const machine = state.machines.get(id);
        if (!machine) return microsoftError(404, 'ResourceNotFound', `Machine ${id} was not found`);
        if (method === 'GET' && path === `/api/machines/${id}`) return { status: 200, json: entity(machine) };
        if (method === 'POST' && path.endsWith('/isolate'))
          return machineAction(state, machine, request, 'Isolate');
        if (method === 'POST' && path.endsWith('/unisolate'))
          return machineAction(state, machine, request, 'Unisolate');
        if (method === 'POST' && path.endsWith('/StopAndQuarantineFile'))
          return machineAction(state, machine, request, 'StopAndQuarantineFile');
        return microsoftError(400, 'BadRequest', `Unsupported request ${method} ${path}`);
      },
    },
    options,
  );
}
