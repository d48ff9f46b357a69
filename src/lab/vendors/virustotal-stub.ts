// A local VirusTotal API v3: GET /api/v3/{ip_addresses|domains|urls|files}/{id} with the x-apikey header,
// VirusTotal's error bodies (WrongCredentialsError, NotFoundError, QuotaExceededError).
import * as stub from './stub-server.js';

export interface VirusTotalStubObject {
  stats: { malicious: number; suspicious: number; harmless: number; undetected: number };
  lastAnalysisDate?: number;
  categories?: string[];
  names?: string[];
}

export class VirusTotalStubState extends stub.StubState {
  apiKey = 'vt-test-key-0123456789abcdef0123456789abcdef0123456789abcdef0123';
  /** Keyed `<collection>/<id>`, e.g. `ip_addresses/203.0.113.7`. */
  objects = new Map<string, VirusTotalStubObject>();
}

export interface VirusTotalStubOptions extends stub.StubServerOptions {
  objects?: Record<string, VirusTotalStubObject>;
}

const ERRORS: Record<number, [string, string]> = {
  400: ['BadRequestError', 'The API request is invalid or malformed.'],
  401: ['WrongCredentialsError', 'Wrong API key'],
  403: ['ForbiddenError', 'You are not allowed to perform the requested operation.'],
  404: ['NotFoundError', 'The requested resource was not found.'],
  429: ['QuotaExceededError', 'You have exceeded one of your quotas (minute, daily or monthly).'],
  503: ['TransientError', 'Transient server error. Retry might work.'],
};

function vtError(status: number, message?: string): stub.Reply {
  const [code, defaultMessage] = ERRORS[status] ?? ['UnknownError', 'Unknown error'];
  return { status, json: { error: { code, message: message ?? defaultMessage } } };
}

const TYPES: Record<string, string> = {
  ip_addresses: 'ip_address',
  domains: 'domain',
  urls: 'url',
  files: 'file',
};

export async function startVirusTotalStub(
  options: VirusTotalStubOptions = {},
): Promise<stub.RunningStub<VirusTotalStubState>> {
  const state = new VirusTotalStubState(options.now);
  for (const [key, object] of Object.entries(options.objects ?? {})) state.objects.set(key, object);
  return stub.startStubServer(
    {
      state,
      errorReply: (status) => vtError(status),
      handle(request) {
        if (request.headers['x-apikey'] === undefined) return vtError(401, 'X-Apikey header is missing');
        if (request.headers['x-apikey'] !== state.apiKey) return vtError(401);
        const collection = /^\/api\/v3\/(ip_addresses|domains|urls|files)\//.exec(request.path)?.[1];
        const id = stub.pathParam(request, /^\/api\/v3\/\w+\/([^/]+)$/);
        if (request.method !== 'GET' || !collection || !id) return vtError(404);
        const object = state.objects.get(`${collection}/${id}`);
        if (!object) return vtError(404, `${TYPES[collection]} "${id}" not found`);
        return {
          status: 200,
          json: {
            data: {
              id,
              type: TYPES[collection],
              links: { self: `https://www.virustotal.com/api/v3/${collection}/${id}` },
              attributes: {
                last_analysis_stats: { ...object.stats, timeout: 0 },
                last_analysis_date: object.lastAnalysisDate,
                reputation: -object.stats.malicious,
                tags: [],
                popular_threat_classification: object.names
                  ? {
                      suggested_threat_label: object.names[0],
                      popular_threat_category: (object.categories ?? []).map((value) => ({
                        value,
                        count: 5,
                      })),
                      popular_threat_name: object.names.map((value) => ({ value, count: 3 })),
                    }
                  : undefined,
              },
            },
          },
        };
      },
    },
    options,
  );
}
