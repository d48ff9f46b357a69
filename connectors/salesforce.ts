// Salesforce as CRM (OAuth2 client-credentials flow of a connected app on the org's My Domain): creates a
// user for onboarding, after a SOQL query for the username so that a retried onboarding finds its user.
import { z } from 'zod';
import type { ConnectorErrorCode } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, type HttpClient } from './http/http-client.js';
import { cachedToken, clientCredentialsGrant } from './http/oauth2.js';
import type { ConnectorDeps } from './runtime.js';
import type { Crm, NewCrmUser, NewPerson, ProvisionResult } from './types.js';

export const SALESFORCE_NAME = 'salesforce';

export const salesforceEnv = {
  SALESFORCE_URL: {
    key: 'baseUrl',
    description: 'My Domain URL of the org, e.g. https://acme.my.salesforce.com',
  },
  SALESFORCE_CLIENT_ID: {
    key: 'clientId',
    description: 'Consumer key of a connected app with the client credentials flow enabled',
  },
  SALESFORCE_CLIENT_SECRET: { key: 'clientSecret', description: 'Consumer secret of that app', secret: true },
  SALESFORCE_PROFILE_ID: {
    key: 'profileId',
    description: 'Profile id (00e…) given to users Vigil creates when their role names none',
  },
  SALESFORCE_API_VERSION: { key: 'apiVersion', description: 'REST API version', default: '62.0' },
  SALESFORCE_TIME_ZONE: {
    key: 'timeZone',
    description: 'Time zone of new users (TimeZoneSidKey)',
    default: 'GMT',
  },
  SALESFORCE_LOCALE: { key: 'locale', description: 'Locale and language of new users', default: 'en_US' },
} as const satisfies EnvSpec;

export const SalesforceConfig = z.object({
  baseUrl: VendorUrl,
  clientId: z.string().min(20),
  clientSecret: z.string().min(16),
  profileId: z.string().regex(/^00e[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/),
  apiVersion: z.string().regex(/^\d{2,3}\.0$/),
  timeZone: z.string().min(1),
  locale: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/),
});
export type SalesforceConfig = z.infer<typeof SalesforceConfig>;

export function parseSalesforceConfig(values: EnvValues): SalesforceConfig | undefined {
  return parseVendorEnv(SALESFORCE_NAME, salesforceEnv, SalesforceConfig, values);
}

const QueryResult = z.object({
  totalSize: z.number().int(),
  records: z.array(z.object({ Id: z.string(), IsActive: z.boolean(), ProfileId: z.string() })),
});
const Created = z.object({ id: z.string(), success: z.literal(true) });

/** Salesforce error codes that say more than their HTTP status (an exhausted API allowance is a 403). */
const ERROR_CODES: Record<string, ConnectorErrorCode> = {
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  DUPLICATE_USERNAME: 'conflict',
  INVALID_SESSION_ID: 'unauthorized',
};

/** `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]` */
const describeSalesforceError = errorBody(
  z.array(z.object({ message: z.string(), errorCode: z.string() })).min(1),
  (errors) => {
    const vendorCode = errors[0]?.errorCode ?? '';
    return { vendorCode, detail: errors.map((e) => e.message).join('; '), code: ERROR_CODES[vendorCode] };
  },
);

/** SOQL string literal. */
const soqlString = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

/** Salesforce's alias: up to 8 characters, here the first initial and the family name. */
export function salesforceAlias(person: Pick<NewPerson, 'givenName' | 'familyName'>): string {
  return (
    `${person.givenName.slice(0, 1)}${person.familyName}`
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .toLowerCase() || 'user'
  );
}

export class Salesforce implements Crm {
  readonly name = SALESFORCE_NAME;
  private readonly http: HttpClient;

  constructor(
    private readonly config: SalesforceConfig,
    deps: ConnectorDeps = {},
  ) {
    const shared = {
      vendor: SALESFORCE_NAME,
      baseUrl: config.baseUrl,
      secrets: [config.clientSecret],
      describeError: describeSalesforceError,
    };
    // Salesforce's token answer has no lifetime (the org's session timeout applies): keep it 15 minutes,
    // and fetch a new one at once if Salesforce refuses it earlier.
    const tokens = cachedToken(
      deps,
      shared,
      (http) => clientCredentialsGrant(http, '/services/oauth2/token', config),
      {
        defaultTtlSec: 900,
      },
    );
    this.http = createHttpClient(deps, { ...shared, auth: tokens });
  }

  async createUser(person: NewCrmUser): Promise<ProvisionResult> {
    const username = person.email.toLowerCase();
    const profileId = person.profileId ?? this.config.profileId;
    const existing = await this.findUser(username);
    if (existing) {
      // A retried onboarding finds its user as it left it. An active user with another profile (a current
      // employee's address, a re-sent event) keeps it: an onboarding does not change a working person's access.
      // Someone rehired has a deactivated user with their old role's profile: it is reactivated with the new one.
      if (existing.IsActive) {
        return existing.ProfileId === profileId
          ? { userId: existing.Id, created: false }
          : { userId: existing.Id, created: false, keptProfile: existing.ProfileId };
      }
      await this.http.request({
        operation: 'update user',
        method: 'PATCH',
        path: `${this.dataPath()}/sobjects/User/${encodeURIComponent(existing.Id)}`,
        json: { IsActive: true, ProfileId: profileId },
        // Setting the same two fields again leaves the user as it is.
        idempotent: true,
        schema: z.unknown(),
      });
      return { userId: existing.Id, created: false, reactivated: true };
    }
    const { data } = await this.http.request({
      operation: 'create user',
      method: 'POST',
      path: `${this.dataPath()}/sobjects/User`,
      json: {
        Username: username,
        Email: person.email,
        FirstName: person.givenName,
        LastName: person.familyName,
        Alias: salesforceAlias(person),
        ProfileId: profileId,
        TimeZoneSidKey: this.config.timeZone,
        LocaleSidKey: this.config.locale,
        LanguageLocaleKey: this.config.locale,
        EmailEncodingKey: 'UTF-8',
      },
      idempotent: false,
      schema: Created,
    });
    return { userId: data.id, created: true };
  }

  private async findUser(username: string) {
    const { data } = await this.http.request({
      operation: 'query user',
      method: 'GET',
      path: `${this.dataPath()}/query`,
      query: {
        q: `SELECT Id, IsActive, ProfileId FROM User WHERE Username = ${soqlString(username)} LIMIT 1`,
      },
      idempotent: true,
      schema: QueryResult,
    });
    return data.records[0];
  }

  private dataPath(): string {
    return `/services/data/v${this.config.apiVersion}`;
  }
}
