// CrowdStrike Falcon as EDR (OAuth2 client credentials, cached token): host details, host search with the
// devices-scroll offset cursor, and network containment (contain / lift_containment device actions).
import { z } from 'zod';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, type HttpClient } from './http/http-client.js';
import { cachedToken, clientCredentialsGrant } from './http/oauth2.js';
import { collectPages } from './http/paginate.js';
import { epochSecondsHeader } from './http/retry.js';
import type { ConnectorDeps } from './runtime.js';
import type {
  ContainmentState,
  Edr,
  HostActionRequest,
  HostActionResult,
  HostDetails,
  HostQuery,
} from './types.js';

export const FALCON_NAME = 'crowdstrike-falcon';

export const falconEnv = {
  FALCON_CLIENT_ID: { key: 'clientId', description: 'Falcon API client id (scopes: Hosts read and write)' },
  FALCON_CLIENT_SECRET: { key: 'clientSecret', description: 'Falcon API client secret', secret: true },
  FALCON_BASE_URL: {
    key: 'baseUrl',
    description:
      'Falcon cloud API URL (US-2: https://api.us-2.crowdstrike.com, EU-1: https://api.eu-1.crowdstrike.com)',
    default: 'https://api.crowdstrike.com',
  },
} as const satisfies EnvSpec;

export const FalconConfig = z.object({
  clientId: z.string().regex(/^[a-f0-9]{32}$/i),
  clientSecret: z.string().min(32),
  baseUrl: VendorUrl,
});
export type FalconConfig = z.infer<typeof FalconConfig>;

export function parseFalconConfig(values: EnvValues): FalconConfig | undefined {
  return parseVendorEnv(FALCON_NAME, falconEnv, FalconConfig, values);
}

const Device = z.object({
  device_id: z.string(),
  hostname: z.string().nullish(),
  platform_name: z.string().nullish(),
  os_version: z.string().nullish(),
  last_seen: z.string().nullish(),
  local_ip: z.string().nullish(),
  external_ip: z.string().nullish(),
  status: z.string().nullish(),
  /** Sensor grouping tags, e.g. `SensorGroupingTags/prod`, and Falcon grouping tags `FalconGroupingTags/…`. */
  tags: z.array(z.string()).nullish(),
});
type Device = z.infer<typeof Device>;

const Meta = z.object({ trace_id: z.string().optional() });
const DevicesResponse = z.object({ meta: Meta.optional(), resources: z.array(Device).nullish() });
const ScrollResponse = z.object({
  meta: z.object({
    pagination: z.object({ offset: z.string().nullish(), total: z.number().int().nullish() }).optional(),
  }),
  resources: z.array(z.string()).nullish(),
});
const ActionResponse = z.object({ meta: Meta.optional() });

/** `{"meta":{…},"resources":[],"errors":[{"code":401,"message":"access denied, invalid bearer token"}]}` */
const describeFalconError = errorBody(
  z.object({ errors: z.array(z.object({ code: z.number().optional(), message: z.string() })).min(1) }),
  (body) => ({ detail: body.errors.map((e) => e.message).join('; ') }),
);

const CONTAINMENT: Record<string, ContainmentState> = {
  normal: 'normal',
  contained: 'contained',
  containment_pending: 'containment_pending',
  lift_containment_pending: 'lift_pending',
};

/** FQL string literal. */
const fql = (value: string) => `'${value.replace(/['\\]/g, '\\$&')}'`;

const SCROLL_LIMIT = 500;
const DETAILS_BATCH = 100;

export class CrowdStrikeFalcon implements Edr {
  readonly name = FALCON_NAME;
  private readonly http: HttpClient;

  constructor(config: FalconConfig, deps: ConnectorDeps = {}) {
    const shared = {
      vendor: FALCON_NAME,
      baseUrl: config.baseUrl,
      secrets: [config.clientSecret],
      describeError: describeFalconError,
      // Falcon says when to come back as an epoch second.
      retryAfter: epochSecondsHeader('x-ratelimit-retryafter'),
    };
    const tokens = cachedToken(deps, shared, (http) => clientCredentialsGrant(http, '/oauth2/token', config));
    this.http = createHttpClient(deps, { ...shared, auth: tokens });
  }

  async getHost(hostId: string): Promise<HostDetails> {
    const [device] = await this.details([hostId]);
    if (!device) throw this.http.error('get host details', 'not_found', `no host with id ${hostId}`);
    return this.toHost(device);
  }

  async findHosts(query: HostQuery): Promise<HostDetails[]> {
    const filters: string[] = [];
    if (query.hostname) filters.push(`hostname:${fql(query.hostname)}`);
    if (query.ip) filters.push(`(local_ip:${fql(query.ip)},external_ip:${fql(query.ip)})`);
    if (!filters.length) throw this.http.error('find hosts', 'bad_request', 'give a hostname or an IP');
    let seen = 0;
    const ids = await collectPages<string, string | null>(null, async (offset) => {
      const { data } = await this.http.request({
        operation: 'find hosts',
        method: 'GET',
        path: '/devices/queries/devices-scroll/v1',
        query: { filter: filters.join('+'), limit: SCROLL_LIMIT, offset: offset ?? undefined },
        idempotent: true,
        schema: ScrollResponse,
      });
      const items = data.resources ?? [];
      seen += items.length;
      const { offset: next, total } = data.meta.pagination ?? {};
      return {
        items,
        next: next && (total === undefined || total === null || seen < total) ? next : undefined,
      };
    });
    return (await this.details(ids)).map((device) => this.toHost(device));
  }

  async containHost(request: HostActionRequest): Promise<HostActionResult> {
    return this.act(request, 'contain', ['contained', 'containment_pending']);
  }

  async releaseHost(request: HostActionRequest): Promise<HostActionResult> {
    return this.act(request, 'lift_containment', ['normal', 'lift_pending']);
  }

  private async act(
    request: HostActionRequest,
    action: 'contain' | 'lift_containment',
    done: ContainmentState[],
  ): Promise<HostActionResult> {
    const host = await this.getHost(request.hostId);
    if (done.includes(host.containment)) {
      return { hostId: request.hostId, alreadyApplied: true, vendorActionId: null };
    }
    const { data } = await this.http.request({
      operation: action === 'contain' ? 'contain host' : 'lift containment',
      method: 'POST',
      path: '/devices/entities/devices-actions/v2',
      query: { action_name: action },
      json: { ids: [request.hostId] },
      idempotent: false,
      schema: ActionResponse,
    });
    return { hostId: request.hostId, alreadyApplied: false, vendorActionId: data.meta?.trace_id ?? null };
  }

  /** Device records for ids, in batches (POST takes the ids in the body, so no URL grows too long). */
  private async details(ids: readonly string[]): Promise<Device[]> {
    const devices: Device[] = [];
    for (let i = 0; i < ids.length; i += DETAILS_BATCH) {
      const { data } = await this.http.request({
        operation: 'get host details',
        method: 'POST',
        path: '/devices/entities/devices/v2',
        json: { ids: ids.slice(i, i + DETAILS_BATCH) },
        idempotent: true,
        schema: DevicesResponse,
      });
      devices.push(...(data.resources ?? []));
    }
    return devices;
  }

  private toHost(device: Device): HostDetails {
    return {
      id: device.device_id,
      hostname: device.hostname ?? null,
      platform: device.platform_name ?? null,
      osVersion: device.os_version ?? null,
      lastSeenAt: device.last_seen ?? null,
      localIp: device.local_ip ?? null,
      externalIp: device.external_ip ?? null,
      containment: CONTAINMENT[device.status ?? ''] ?? 'unknown',
      tags: device.tags ?? [],
      source: this.name,
    };
  }
}
