// AbuseIPDB (API v2) as threat intel for IP addresses: GET /api/v2/check with the `Key` header. The abuse
// confidence score (0–100) becomes the verdict; an allow-listed address is harmless.
import { z } from 'zod';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, staticAuth, type HttpClient } from './http/http-client.js';
import type { ConnectorDeps } from './runtime.js';
import { unknownResult, verdictForScore } from './threat-verdict.js';
import type { Indicator, IndicatorType, ThreatIntel, ThreatIntelResult } from './types.js';

export const ABUSEIPDB_NAME = 'abuseipdb';

export const abuseIpDbEnv = {
  ABUSEIPDB_API_KEY: { key: 'apiKey', description: 'AbuseIPDB API v2 key', secret: true },
  ABUSEIPDB_BASE_URL: {
    key: 'baseUrl',
    description: 'AbuseIPDB API base URL',
    default: 'https://api.abuseipdb.com',
  },
  ABUSEIPDB_MAX_AGE_DAYS: {
    key: 'maxAgeDays',
    description: 'Only reports from the last N days count (1–365)',
    default: '90',
  },
} as const satisfies EnvSpec;

export const AbuseIpDbConfig = z.object({
  apiKey: z.string().min(20),
  baseUrl: VendorUrl,
  maxAgeDays: z.coerce.number().int().min(1).max(365),
});
export type AbuseIpDbConfig = z.infer<typeof AbuseIpDbConfig>;

export function parseAbuseIpDbConfig(values: EnvValues): AbuseIpDbConfig | undefined {
  return parseVendorEnv(ABUSEIPDB_NAME, abuseIpDbEnv, AbuseIpDbConfig, values);
}

const CheckResponse = z.object({
  data: z.object({
    ipAddress: z.string(),
    isWhitelisted: z.boolean().nullish(),
    abuseConfidenceScore: z.number().int().min(0).max(100),
    isTor: z.boolean().nullish(),
    totalReports: z.number().int().min(0),
    lastReportedAt: z.string().nullish(),
  }),
});

const AbuseIpDbErrorBody = z.object({
  errors: z.array(z.object({ detail: z.string(), status: z.number().optional() })).min(1),
});

/** `{"errors":[{"detail":"Authentication failed…","status":401}]}` */
const describeAbuseIpDbError = errorBody(AbuseIpDbErrorBody, (body) => ({
  detail: body.errors.map((e) => e.detail).join('; '),
}));

export class AbuseIpDb implements ThreatIntel {
  readonly name = ABUSEIPDB_NAME;
  readonly supports: readonly IndicatorType[] = ['ipv4', 'ipv6'];
  private readonly http: HttpClient;

  constructor(
    private readonly config: AbuseIpDbConfig,
    deps: ConnectorDeps = {},
  ) {
    this.http = createHttpClient(deps, {
      vendor: ABUSEIPDB_NAME,
      baseUrl: config.baseUrl,
      auth: staticAuth({ key: config.apiKey }),
      secrets: [config.apiKey],
      describeError: describeAbuseIpDbError,
    });
  }

  async lookup(indicator: Indicator): Promise<ThreatIntelResult> {
    if (!this.supports.includes(indicator.type)) return unknownResult(indicator, this.name);
    const { data } = await this.http.request({
      operation: 'check IP reputation',
      method: 'GET',
      path: '/api/v2/check',
      query: { ipAddress: indicator.value, maxAgeInDays: this.config.maxAgeDays },
      idempotent: true,
      schema: CheckResponse,
    });
    const report = data.data;
    return {
      indicator,
      verdict: report.isWhitelisted ? 'harmless' : verdictForScore(report.abuseConfidenceScore),
      score: report.abuseConfidenceScore,
      threats: report.isTor ? ['tor-exit-node'] : [],
      malwareFamilies: [],
      source: this.name,
      reference: `https://www.abuseipdb.com/check/${encodeURIComponent(report.ipAddress)}`,
      lastSeenAt: report.lastReportedAt ?? null,
    };
  }
}
