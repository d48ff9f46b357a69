// A local AbuseIPDB API v2: GET /api/v2/check with the `Key` header, AbuseIPDB's error bodies
// (`{"errors":[{"detail","status"}]}`), 422 for a malformed address, and Retry-After with X-RateLimit-* on 429.
import net from 'node:net';
import * as stub from './stub-server.js';

export interface AbuseIpDbStubReport {
  abuseConfidenceScore: number;
  totalReports: number;
  isWhitelisted?: boolean;
  isTor?: boolean;
  lastReportedAt?: string | null;
}

export class AbuseIpDbStubState extends stub.StubState {
  apiKey = 'abuseipdb-test-key-0123456789abcdef0123456789';
  reports = new Map<string, AbuseIpDbStubReport>();
}

export interface AbuseIpDbStubOptions extends stub.StubServerOptions {
  reports?: Record<string, AbuseIpDbStubReport>;
}

const DETAILS: Record<number, string> = {
  401: 'Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.',
  429: 'Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details.',
};

function abuseError(status: number, detail?: string, parameter?: string): stub.Reply {
  const error = {
    detail: detail ?? DETAILS[status] ?? 'Server Error',
    status,
    ...(parameter ? { source: { parameter } } : {}),
  };
  return { status, json: { errors: [error] } };
}

export async function startAbuseIpDbStub(
  options: AbuseIpDbStubOptions = {},
): Promise<stub.RunningStub<AbuseIpDbStubState>> {
  const state = new AbuseIpDbStubState(options.now);
  for (const [ip, report] of Object.entries(options.reports ?? {})) state.reports.set(ip, report);
  return stub.startStubServer(
    {
      state,
      errorReply: (status) => abuseError(status),
      rateLimitHeaders: (seconds, now) => ({
        'retry-after': String(seconds),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(now.getTime() / 1000) + seconds),
      }),
      handle(request) {
        if (request.headers.key !== state.apiKey) return abuseError(401);
        if (request.method !== 'GET' || request.path !== '/api/v2/check') return abuseError(404, 'Not Found');
        const ip = request.query.get('ipAddress') ?? '';
        if (net.isIP(ip) === 0) {
          return abuseError(
            422,
            'The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or 2001:4860:4860::8888).',
            'ipAddress',
          );
        }
        const maxAge = Number(request.query.get('maxAgeInDays') ?? 30);
        if (!(maxAge >= 1 && maxAge <= 365)) {
          return abuseError(422, 'The max age in days must be between 1 and 365.', 'maxAgeInDays');
        }
        const report = state.reports.get(ip) ?? { abuseConfidenceScore: 0, totalReports: 0 };
        return {
          status: 200,
          headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999' },
          json: {
            data: {
              ipAddress: ip,
              isPublic: true,
              ipVersion: net.isIP(ip),
              isWhitelisted: report.isWhitelisted ?? false,
              abuseConfidenceScore: report.abuseConfidenceScore,
              countryCode: 'NL',
              usageType: 'Data Center/Web Hosting/Transit',
              isp: 'Example Hosting B.V.',
              domain: 'example.net',
              hostnames: [],
              isTor: report.isTor ?? false,
              totalReports: report.totalReports,
              numDistinctUsers: Math.min(report.totalReports, 12),
              lastReportedAt: report.lastReportedAt ?? null,
            },
          },
        };
      },
    },
    options,
  );
}
