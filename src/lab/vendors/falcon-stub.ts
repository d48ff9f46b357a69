// A local CrowdStrike Falcon API: OAuth2 client credentials at /oauth2/token, host search with the
// devices-scroll offset cursor and FQL filters, host details, contain / lift_containment actions, Falcon's
// `{"meta","resources","errors"}` bodies, and X-Ratelimit-Retryafter on 429.
import { TokenIssuer } from './oauth-stub.js';
import * as stub from './stub-server.js';

export interface FalconStubDevice {
  device_id: string;
  hostname: string;
  platform_name: string;
  os_version: string;
  local_ip: string;
  external_ip: string;
  last_seen: string;
  status: string;
  /** Sensor grouping tags, e.g. `SensorGroupingTags/lab`. */
  tags: string[];
}

export class FalconStubState extends stub.StubState {
  tokens = new TokenIssuer(
    '0123456789abcdef0123456789abcdef',
    'falcon-test-secret-0123456789abcdefABCDEF',
    'falcon-access-token',
  );
  devices = new Map<string, FalconStubDevice>();
  /** The device actions performed, as `<action> <device id>`. */
  readonly actions: string[] = [];
}

export function sampleFalconDevice(
  id: string,
  hostname: string,
  localIp: string,
  status = 'normal',
  tags: string[] = ['SensorGroupingTags/prod'],
): FalconStubDevice {
  return {
    device_id: id,
    hostname,
    platform_name: 'Windows',
    os_version: 'Windows 11',
    local_ip: localIp,
    external_ip: '198.51.100.10',
    last_seen: '2025-03-01T11:58:00Z',
    status,
    tags,
  };
}

const meta = () => ({
  query_time: 0.004,
  powered_by: 'device-api',
  trace_id: `trace-${Math.random().toString(16).slice(2, 10)}`,
});

function falconError(status: number, message: string): stub.Reply {
  return { status, json: { meta: meta(), resources: [], errors: [{ code: status, message }] } };
}

/** The FQL this stub understands: `hostname:'x'`, `(local_ip:'x',external_ip:'x')`, joined by `+`. */
function matchesFilter(device: FalconStubDevice, filter: string): boolean {
  const conditions = filter.split('+').filter(Boolean);
  return conditions.every((condition) =>
    condition
      .replace(/^\(|\)$/g, '')
      .split(',')
      .some((term) => {
        const match = /^(\w+):'((?:[^'\\]|\\.)*)'$/.exec(term);
        const field = match?.[1] as keyof FalconStubDevice | undefined;
        return field !== undefined && device[field] === match?.[2]?.replace(/\\(.)/g, '$1');
      }),
  );
}

function scroll(state: FalconStubState, request: stub.RecordedRequest): stub.Reply {
  const matching = [...state.devices.values()].filter((d) =>
    matchesFilter(d, request.query.get('filter') ?? ''),
  );
  const cursor = request.query.get('offset');
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
  const limit = Math.min(Number(request.query.get('limit') ?? 100), 5000);
  const page = matching.slice(start, start + limit);
  const offset = Buffer.from(String(start + page.length)).toString('base64url');
  return {
    status: 200,
    json: {
      meta: {
        ...meta(),
        pagination: { offset, expires_at: Date.now() + 120_000, total: matching.length, limit },
      },
      resources: page.map((d) => d.device_id),
      errors: [],
    },
  };
}

function deviceAction(state: FalconStubState, request: stub.RecordedRequest): stub.Reply {
  const action = request.query.get('action_name');
  const next: Record<string, string> = {
    contain: 'containment_pending',
    lift_containment: 'lift_containment_pending',
  };
  const status = next[action ?? ''];
  if (!status) return falconError(400, `invalid action_name: ${action}`);
  const { ids } = stub.jsonBody(request) as { ids: string[] };
  const devices = ids.map((id) => state.devices.get(id));
  if (devices.some((d) => d === undefined)) return falconError(404, 'Device not found.');
  for (const device of devices) {
    if (device) {
      device.status = status;
      state.actions.push(`${action} ${device.device_id}`);
    }
  }
  return { status: 202, json: { meta: meta(), resources: ids.map((id) => ({ id, path: '' })), errors: [] } };
}

export async function startFalconStub(
  options: stub.StubServerOptions & { devices?: FalconStubDevice[] } = {},
): Promise<stub.RunningStub<FalconStubState>> {
  const state = new FalconStubState(options.now);
  for (const device of options.devices ?? []) state.devices.set(device.device_id, device);
  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) => falconError(status, message),
      rateLimitHeaders: (seconds, now) => ({
        'x-ratelimit-limit': '6000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-retryafter': String(Math.floor(now.getTime() / 1000) + seconds),
      }),
      handle(request) {
        const { method, path } = request;
        if (method === 'POST' && path === '/oauth2/token') {
          const token = state.tokens.grant(stub.formBody(request), false);
          return token
            ? { status: 201, json: { access_token: token, token_type: 'bearer', expires_in: 1799 } }
            : falconError(403, 'Failed to issue access token - Not Authorized');
        }
        if (!state.tokens.accepts(request.headers.authorization))
          return falconError(401, 'access denied, invalid bearer token');
        if (method === 'GET' && path === '/devices/queries/devices-scroll/v1') return scroll(state, request);
        if (method === 'POST' && path === '/devices/entities/devices/v2') {
          const { ids } = stub.jsonBody(request) as { ids: string[] };
          const found = ids.flatMap((id) => state.devices.get(id) ?? []);
          return found.length
            ? { status: 200, json: { meta: meta(), resources: found, errors: [] } }
            : falconError(404, 'Device not found.');
        }
        if (method === 'POST' && path === '/devices/entities/devices-actions/v2')
          return deviceAction(state, request);
        return falconError(404, 'Not Found');
      },
    },
    options,
  );
}
