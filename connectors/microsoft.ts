// What the Microsoft connectors (Entra ID through Graph, Defender for Endpoint) share: an app registration's
// client credentials, a token from the Microsoft identity platform for one API's scope, and the
// `{"error":{"code","message"}}` error body both APIs use.
import { z } from 'zod';
import { VendorUrl, type EnvSpec } from './env.js';
import { errorBody, type AuthProvider } from './http/http-client.js';
import { cachedToken, clientCredentialsGrant } from './http/oauth2.js';
import type { ConnectorDeps } from './runtime.js';

/** The app-registration variables, under a vendor prefix (`ENTRA`, `DEFENDER`). */
export function microsoftAppEnv(prefix: string, permissions: string): EnvSpec {
  return {
    [`${prefix}_TENANT_ID`]: {
      key: 'tenantId',
      description: 'Directory (tenant) id of the app registration',
    },
    [`${prefix}_CLIENT_ID`]: {
      key: 'clientId',
      description: `Application (client) id; application permissions: ${permissions}`,
    },
    [`${prefix}_CLIENT_SECRET`]: {
      key: 'clientSecret',
      description: 'Client secret of the app',
      secret: true,
    },
    [`${prefix}_LOGIN_URL`]: {
      key: 'loginUrl',
      description: 'Microsoft identity platform authority',
      default: 'https://login.microsoftonline.com',
    },
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MicrosoftApp = z.object({
  tenantId: z.string().regex(GUID),
  clientId: z.string().regex(GUID),
  clientSecret: z.string().min(16),
  loginUrl: VendorUrl,
});
export type MicrosoftApp = z.infer<typeof MicrosoftApp>;

/** `{"error":{"code":"Request_ResourceNotFound","message":"Resource '…' does not exist…"}}` */
export const describeMicrosoftError = errorBody(
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  (body) => ({ vendorCode: body.error.code, detail: body.error.message }),
);

/** A cached client-credentials token for `scope` (e.g. `https://graph.microsoft.com/.default`). */
export function microsoftToken(
  vendor: string,
  app: MicrosoftApp,
  scope: string,
  deps: ConnectorDeps,
): AuthProvider {
  return cachedToken(
    deps,
    { vendor, baseUrl: app.loginUrl, secrets: [app.clientSecret], describeError: describeMicrosoftError },
    (http) =>
      clientCredentialsGrant(http, `/${encodeURIComponent(app.tenantId)}/oauth2/v2.0/token`, {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        scope,
      }),
  );
}

/** An OData string literal: single quotes doubled. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;
