// OAuth2 access tokens for vendors that issue them (Falcon, Microsoft, Salesforce, Google): fetched once,
// cached until shortly before they expire, shared by concurrent callers, and dropped when the vendor refuses one.
import { createPrivateKey, sign } from 'node:crypto';
import { z } from 'zod';
import { runtimeFrom, type ConnectorDeps } from '../runtime.js';
import { createHttpClient, type AuthProvider, type HttpClient, type VendorErrorInfo } from './http-client.js';

export interface AccessToken {
  value: string;
  /** Lifetime in seconds, when the token endpoint says (Salesforce does not). */
  expiresInSec: number | undefined;
}

/** A token endpoint's answer (RFC 6749 §5.1). */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Reads an RFC 6749 §5.2 error body; a refused client or grant is `unauthorized` whatever the status. */
export function describeOAuthError(body: unknown): VendorErrorInfo | undefined {
  const parsed = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(body);
  if (!parsed.success) return undefined;
  const refused = ['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_scope'];
  return {
    vendorCode: parsed.data.error,
    detail: parsed.data.error_description ?? parsed.data.error,
    code: refused.includes(parsed.data.error) ? 'unauthorized' : undefined,
  };
}

type EndpointOptions = Parameters<typeof createHttpClient>[1];

/** A client for a token endpoint: credentials it refuses are `unauthorized` whatever status it uses. */
export function tokenEndpointClient(deps: ConnectorDeps, options: EndpointOptions): HttpClient {
  return createHttpClient(deps, {
    ...options,
    describeError: (body, status) => {
      const info = describeOAuthError(body) ?? options.describeError?.(body, status) ?? {};
      return status === 401 || status === 403 ? { ...info, code: 'unauthorized' } : info;
    },
  });
}

/** A cached access token from a grant made at a token endpoint (which may be on another host than the API). */
export function cachedToken(
  deps: ConnectorDeps,
  endpoint: EndpointOptions,
  grant: (http: HttpClient) => () => Promise<AccessToken>,
  options: Omit<TokenCacheOptions, 'now'> = {},
): TokenCache {
  return new TokenCache(grant(tokenEndpointClient(deps, endpoint)), {
    now: runtimeFrom(deps).now,
    ...options,
  });
}

export interface TokenCacheOptions {
  now: () => Date;
  /** Used when the endpoint gives no lifetime. */
  defaultTtlSec?: number;
  /** Refresh this long before expiry. */
  skewSec?: number;
}

/** Caches an access token and hands out `Authorization: Bearer …` headers. */
export class TokenCache implements AuthProvider {
  private current: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly options: TokenCacheOptions,
  ) {}

  async headers(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token()}` };
  }

  invalidate(): void {
    this.current = undefined;
  }

  async token(): Promise<string> {
    const now = this.options.now().getTime();
    if (this.current && now < this.current.expiresAt) return this.current.value;
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<string> {
    const token = await this.fetchToken();
    const ttlSec = token.expiresInSec ?? this.options.defaultTtlSec ?? 900;
    const skewSec = Math.min(this.options.skewSec ?? 60, ttlSec / 2);
    this.current = {
      value: token.value,
      expiresAt: this.options.now().getTime() + (ttlSec - skewSec) * 1000,
    };
    return token.value;
  }
}

/** Posts a grant to a token endpoint through the vendor's client (retried: asking for a token is idempotent). */
export async function requestToken(
  http: HttpClient,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<AccessToken> {
  const { data } = await http.request({
    operation: 'obtain access token',
    method: 'POST',
    path,
    form,
    headers,
    idempotent: true,
    schema: TokenResponse,
  });
  return { value: data.access_token, expiresInSec: data.expires_in };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** The client-credentials grant (RFC 6749 §4.4) with the secret in the body, as Falcon, Microsoft and Salesforce take it. */
export function clientCredentialsGrant(
  http: HttpClient,
  path: string,
  credentials: ClientCredentials,
): () => Promise<AccessToken> {
  const form: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
  if (credentials.scope) form.scope = credentials.scope;
  return () => requestToken(http, path, form);
}

export interface ServiceAccountAssertion {
  /** The service account's email (`iss`). */
  issuer: string;
  /** PEM PKCS#8 RSA private key from the key file. */
  privateKey: string;
  scopes: readonly string[];
  /** The token endpoint URL (`aud`). */
  audience: string;
  /** The admin to act as (domain-wide delegation), `sub`. */
  subject?: string;
  now: () => Date;
  lifetimeSec?: number;
}

/** A signed RS256 JWT for the JWT-bearer grant (RFC 7523), as Google service accounts use. */
export function signServiceAccountJwt(assertion: ServiceAccountAssertion): string {
  const iat = Math.floor(assertion.now().getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = {
    iss: assertion.issuer,
    scope: assertion.scopes.join(' '),
    aud: assertion.audience,
    iat,
    exp: iat + (assertion.lifetimeSec ?? 3600),
    ...(assertion.subject ? { sub: assertion.subject } : {}),
  };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(assertion.privateKey));
  return `${input}.${signature.toString('base64url')}`;
}

/** The JWT-bearer grant: a fresh signed assertion for every token request. */
export function jwtBearerGrant(
  http: HttpClient,
  path: string,
  assertion: ServiceAccountAssertion,
): () => Promise<AccessToken> {
  return () =>
    requestToken(http, path, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signServiceAccountJwt(assertion),
    });
}
