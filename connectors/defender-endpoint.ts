// Microsoft Defender for Endpoint as EDR (app-only token): machine details, machine search (OData filter,
// @odata.nextLink pagination), and isolation / release as machine actions.
import { z } from 'zod';
import { isConnectorError } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, type HttpClient } from './http/http-client.js';
import { collectLinkedPages } from './http/paginate.js';
import {
  describeMicrosoftError,
  MicrosoftApp,
  microsoftAppEnv,
  microsoftToken,
  odataString,
} from './microsoft.js';
import type { ConnectorDeps } from './runtime.js';
import type {
  Edr,
  HostActionRequest,
  HostActionResult,
  HostDetails,
  HostQuery,
  QuarantineFileRequest,
} from './types.js';

export const DEFENDER_NAME = 'defender-endpoint';

export const defenderEnv = {
  ...microsoftAppEnv('DEFENDER', 'Machine.Read.All, Machine.Isolate, Machine.StopAndQuarantine'),
  DEFENDER_API_URL: {
    key: 'apiUrl',
    description: 'Defender for Endpoint API endpoint (regional or government clouds differ)',
    default: 'https://api.securitycenter.microsoft.com',
  },
} satisfies EnvSpec;

export const DefenderConfig = MicrosoftApp.extend({ apiUrl: VendorUrl });
export type DefenderConfig = z.infer<typeof DefenderConfig>;

export function parseDefenderConfig(values: EnvValues): DefenderConfig | undefined {
  return parseVendorEnv(DEFENDER_NAME, defenderEnv, DefenderConfig, values);
}

/** The token audience of the Defender API, whichever regional endpoint serves it. */
const DEFENDER_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

const Machine = z.object({
  id: z.string(),
  computerDnsName: z.string().nullish(),
  osPlatform: z.string().nullish(),
  osVersion: z.string().nullish(),
  lastSeen: z.string().nullish(),
  lastIpAddress: z.string().nullish(),
  lastExternalIpAddress: z.string().nullish(),
  machineTags: z.array(z.string()).nullish(),
});
type Machine = z.infer<typeof Machine>;

const MachinePage = z.object({ value: z.array(Machine), '@odata.nextLink': z.string().optional() });
const MachineAction = z.object({ id: z.string(), type: z.string(), status: z.string() });

const OPERATION = {
  isolate: 'isolate machine',
  unisolate: 'release machine from isolation',
  StopAndQuarantineFile: 'stop and quarantine file',
} as const;

/** Defender's answer when the same kind of action is already pending or done on the machine. */
const ALREADY_IN_PROGRESS = 'ActiveRequestAlreadyExists';

export class DefenderEndpoint implements Edr {
  readonly name = DEFENDER_NAME;
  private readonly http: HttpClient;

  constructor(config: DefenderConfig, deps: ConnectorDeps = {}) {
    this.http = createHttpClient(deps, {
      vendor: DEFENDER_NAME,
      baseUrl: config.apiUrl,
      auth: microsoftToken(DEFENDER_NAME, config, DEFENDER_SCOPE, deps),
      secrets: [config.clientSecret],
      describeError: describeMicrosoftError,
    });
  }

  async getHost(hostId: string): Promise<HostDetails> {
    const { data } = await this.http.request({
      operation: 'get machine',
      method: 'GET',
      path: `/api/machines/${encodeURIComponent(hostId)}`,
      idempotent: true,
      schema: Machine,
    });
    return this.toHost(data);
  }

  async findHosts(query: HostQuery): Promise<HostDetails[]> {
    const filters: string[] = [];
    if (query.hostname) filters.push(`computerDnsName eq ${odataString(query.hostname.toLowerCase())}`);
    if (query.ip) filters.push(`lastIpAddress eq ${odataString(query.ip)}`);
    if (!filters.length) throw this.http.error('find machines', 'bad_request', 'give a hostname or an IP');
    const machines = await collectLinkedPages(
      this.http,
      {
        operation: 'find machines',
        method: 'GET',
        path: '/api/machines',
        query: { $filter: filters.join(' and ') },
        idempotent: true,
        schema: MachinePage,
      },
      (res) => ({ items: res.data.value, next: res.data['@odata.nextLink'] }),
    );
    return machines.map((machine) => this.toHost(machine));
  }

  async containHost(request: HostActionRequest): Promise<HostActionResult> {
    return this.machineAction(request, 'isolate', { Comment: request.comment, IsolationType: 'Full' });
  }

  async releaseHost(request: HostActionRequest): Promise<HostActionResult> {
    return this.machineAction(request, 'unisolate', { Comment: request.comment });
  }

  /** `POST /api/machines/{id}/StopAndQuarantineFile` (permission Machine.StopAndQuarantine). */
  async quarantineFile(request: QuarantineFileRequest): Promise<HostActionResult> {
    return this.machineAction(request, 'StopAndQuarantineFile', {
      Comment: request.comment,
      Sha1: request.sha1,
    });
  }

  private async machineAction(
    request: HostActionRequest,
    action: 'isolate' | 'unisolate' | 'StopAndQuarantineFile',
    body: Record<string, string>,
  ): Promise<HostActionResult> {
    try {
      const { data } = await this.http.request({
        operation: OPERATION[action],
        method: 'POST',
        path: `/api/machines/${encodeURIComponent(request.hostId)}/${action}`,
        json: body,
        idempotent: false,
        schema: MachineAction,
      });
      return { hostId: request.hostId, alreadyApplied: false, vendorActionId: data.id };
    } catch (error) {
      if (isConnectorError(error) && error.vendorCode === ALREADY_IN_PROGRESS) {
        return { hostId: request.hostId, alreadyApplied: true, vendorActionId: null };
      }
      throw error;
    }
  }

  private toHost(machine: Machine): HostDetails {
    return {
      id: machine.id,
      hostname: machine.computerDnsName ?? null,
      platform: machine.osPlatform ?? null,
      osVersion: machine.osVersion ?? null,
      lastSeenAt: machine.lastSeen ?? null,
      localIp: machine.lastIpAddress ?? null,
      externalIp: machine.lastExternalIpAddress ?? null,
      // The machine entity does not carry isolation state; it lives in machine actions.
      containment: 'unknown',
      tags: machine.machineTags ?? [],
      source: this.name,
    };
  }
}
