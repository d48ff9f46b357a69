// VirusTotal (API v3) as threat intel for IPs, domains, URLs and file hashes, with the `x-apikey` header.
// The engines' last analysis becomes the verdict; an object VirusTotal has never seen is `unknown`.
import { z } from 'zod';
import { nullIfNotFound } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, staticAuth, type HttpClient } from './http/http-client.js';
import type { ConnectorDeps } from './runtime.js';
import { unknownResult } from './threat-verdict.js';
import type { Indicator, IndicatorType, ThreatIntel, ThreatIntelResult, Verdict } from './types.js';
import { INDICATOR_TYPES } from './types.js';

export const VIRUSTOTAL_NAME = 'virustotal';

export const virusTotalEnv = {
  VIRUSTOTAL_API_KEY: { key: 'apiKey', description: 'VirusTotal API key', secret: true },
  VIRUSTOTAL_BASE_URL: {
    key: 'baseUrl',
    description: 'VirusTotal API base URL',
    default: 'https://www.virustotal.com',
  },
  VIRUSTOTAL_MALICIOUS_ENGINES: {
    key: 'maliciousEngines',
    description: 'How many engines must flag an object before Vigil calls it malicious',
    default: '3',
  },
} as const satisfies EnvSpec;

export const VirusTotalConfig = z.object({
  apiKey: z.string().min(32),
  baseUrl: VendorUrl,
  maliciousEngines: z.coerce.number().int().min(1).max(100),
});
export type VirusTotalConfig = z.infer<typeof VirusTotalConfig>;

export function parseVirusTotalConfig(values: EnvValues): VirusTotalConfig | undefined {
  return parseVendorEnv(VIRUSTOTAL_NAME, virusTotalEnv, VirusTotalConfig, values);
}

const Counted = z.array(z.object({ value: z.string(), count: z.number() }));

const ObjectResponse = z.object({
  data: z.object({
    id: z.string(),
    type: z.string(),
    attributes: z.object({
      last_analysis_stats: z
        .object({
          malicious: z.number().int(),
          suspicious: z.number().int(),
          harmless: z.number().int(),
          undetected: z.number().int(),
        })
        .optional(),
      last_analysis_date: z.number().optional(),
      popular_threat_classification: z
        .object({ popular_threat_category: Counted.optional(), popular_threat_name: Counted.optional() })
        .optional(),
    }),
  }),
});
type ObjectResponse = z.infer<typeof ObjectResponse>;

const VirusTotalErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** `{"error":{"code":"WrongCredentialsError","message":"Wrong API key"}}` */
const describeVirusTotalError = errorBody(VirusTotalErrorBody, (body) => ({
  vendorCode: body.error.code,
  detail: body.error.message,
}));

/** The API collection and the web page kind for each indicator type. */
const COLLECTIONS: Record<IndicatorType, { api: string; gui: string }> = {
  ipv4: { api: 'ip_addresses', gui: 'ip-address' },
  ipv6: { api: 'ip_addresses', gui: 'ip-address' },
  domain: { api: 'domains', gui: 'domain' },
  url: { api: 'urls', gui: 'url' },
  md5: { api: 'files', gui: 'file' },
  sha1: { api: 'files', gui: 'file' },
  sha256: { api: 'files', gui: 'file' },
};

export class VirusTotal implements ThreatIntel {
  readonly name = VIRUSTOTAL_NAME;
  readonly supports = INDICATOR_TYPES;
  private readonly http: HttpClient;

  constructor(
    private readonly config: VirusTotalConfig,
    deps: ConnectorDeps = {},
  ) {
    this.http = createHttpClient(deps, {
      vendor: VIRUSTOTAL_NAME,
      baseUrl: config.baseUrl,
      auth: staticAuth({ 'x-apikey': config.apiKey }),
      secrets: [config.apiKey],
      describeError: describeVirusTotalError,
    });
  }

  async lookup(indicator: Indicator): Promise<ThreatIntelResult> {
    const collection = COLLECTIONS[indicator.type];
    // A URL's id is its unpadded base64url form.
    const id =
      indicator.type === 'url' ? Buffer.from(indicator.value).toString('base64url') : indicator.value;
    const found = await nullIfNotFound(
      this.http.request({
        operation: `look up ${indicator.type}`,
        method: 'GET',
        path: `/api/v3/${collection.api}/${encodeURIComponent(id)}`,
        idempotent: true,
        schema: ObjectResponse,
      }),
    );
    if (!found) return unknownResult(indicator, this.name);
    return this.toResult(indicator, found.data, collection.gui);
  }

  private toResult(indicator: Indicator, response: ObjectResponse, gui: string): ThreatIntelResult {
    const { id, attributes } = response.data;
    const stats = attributes.last_analysis_stats;
    const total = stats ? stats.malicious + stats.suspicious + stats.harmless + stats.undetected : 0;
    const classification = attributes.popular_threat_classification;
    return {
      indicator,
      verdict: this.verdict(stats, total),
      score: stats && total > 0 ? Math.round((100 * stats.malicious) / total) : null,
      threats: classification?.popular_threat_category?.map((c) => c.value) ?? [],
      malwareFamilies: classification?.popular_threat_name?.map((c) => c.value) ?? [],
      source: this.name,
      reference: `https://www.virustotal.com/gui/${gui}/${encodeURIComponent(id)}`,
      lastSeenAt:
        attributes.last_analysis_date === undefined
          ? null
          : new Date(attributes.last_analysis_date * 1000).toISOString(),
    };
  }

  private verdict(
    stats: ObjectResponse['data']['attributes']['last_analysis_stats'],
    total: number,
  ): Verdict {
    if (!stats || total === 0) return 'unknown';
    if (stats.malicious >= this.config.maliciousEngines) return 'malicious';
    if (stats.malicious > 0 || stats.suspicious > 0) return 'suspicious';
    return 'harmless';
  }
}
