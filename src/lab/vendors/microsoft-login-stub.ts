// The Microsoft identity platform's token endpoint, for the Graph and Defender stubs to serve on their own
// port: POST /{tenant}/oauth2/v2.0/token with client credentials and a scope, AADSTS errors when refused.
import { TokenIssuer } from './oauth-stub.js';
import * as stub from './stub-server.js';

export const STUB_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function microsoftTokenIssuer(prefix: string): TokenIssuer {
  return new TokenIssuer(
    '4a1aa1d5-c567-49d0-ad0b-cd957a47f842',
    'ms-test-secret~0123456789abcdefABCDEF',
    prefix,
  );
}

/** Answers the token request if this is one; undefined for any other request. */
export function microsoftLogin(
  request: stub.RecordedRequest,
  issuer: TokenIssuer,
  expectedScope: (request: stub.RecordedRequest) => string,
): stub.Reply | undefined {
  if (request.method !== 'POST' || !/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(request.path)) return undefined;
  const form = stub.formBody(request);
  const refuse = (status: number, error: string, description: string): stub.Reply => ({
    status,
    json: {
      error,
      error_description: description,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1])],
    },
  });
  if (request.path !== `/${STUB_TENANT_ID}/oauth2/v2.0/token`) {
    return refuse(400, 'invalid_request', `AADSTS90002: Tenant '${request.path.split('/')[1]}' not found.`);
  }
  if (form.get('scope') !== expectedScope(request)) {
    return refuse(
      400,
      'invalid_scope',
      `AADSTS1002012: The provided value for scope ${form.get('scope')} is not valid.`,
    );
  }
  const token = issuer.grant(form);
  if (!token) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  return {
    status: 200,
    json: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
  };
}

/** Graph's and Defender's error body. */
export function microsoftError(status: number, code: string, message: string): stub.Reply {
  return {
    status,
    json: {
      error: { code, message, innerError: { date: '2025-03-01T12:00:00', 'request-id': 'stub-request' } },
    },
  };
}
