// A local AWS IAM endpoint speaking the Query API the SDK uses: form-encoded POSTs (`Action=…&Version=
// 2010-05-08`), Signature Version 4 checked against the stub's credentials, XML answers, IAM's XML error
// bodies (NoSuchEntity, Throttling, InvalidClientTokenId…) and Marker/IsTruncated paging of access keys.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import * as stub from './stub-server.js';

export interface IamStubKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

export interface IamStubUser {
  keys: IamStubKey[];
  loginProfile: boolean;
}

export class AwsIamStubState extends stub.StubState {
  /** AWS's documented example credentials. */
  accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
  secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  users = new Map<string, IamStubUser>();
  /** Largest page of ListAccessKeys (IAM may truncate below MaxItems). */
  pageSize = 100;
  /** The Query API actions received, with their parameters. */
  readonly actions: Array<Record<string, string>> = [];
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xmlReply = (status: number, body: string): stub.Reply => ({
  status,
  headers: { 'content-type': 'text/xml' },
  text: body,
});

export function iamError(status: number, code: string, message: string): stub.Reply {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return xmlReply(
    status,
    `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

const ok = (action: string, result = '') =>
  xmlReply(
    200,
    `<${action}Response xmlns="${NS}">${result}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** Checks an AWS Signature Version 4 `Authorization` header the way AWS does; returns the refusal, if any. */
function checkSignature(state: AwsIamStubState, request: stub.RecordedRequest): stub.Reply | undefined {
  const header = request.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!match)
    return iamError(403, 'IncompleteSignature', 'Authorization header requires a valid SigV4 signature.');
  const [, keyId, date = '', region = '', service = '', signedHeaders = '', signature] = match;
  if (keyId !== state.accessKeyId)
    return iamError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? sha256(request.body));
  const canonicalRequest = [
    request.method,
    request.path,
    request.query.toString(),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    sha256(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${state.secretAccessKey}`, date), region), service),
    'aws4_request',
  );
  if (hmac(signingKey, stringToSign).toString('hex') !== signature) {
    return iamError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  return undefined;
}

function listAccessKeys(
  state: AwsIamStubState,
  params: Record<string, string>,
  user: IamStubUser,
): stub.Reply {
  const start = Number(params.Marker ?? 0);
  const size = Math.min(Number(params.MaxItems ?? 100), state.pageSize);
  const page = user.keys.slice(start, start + size);
  const truncated = start + size < user.keys.length;
  const members = page
    .map(
      (k) =>
        `<member><UserName>${params.UserName}</UserName><AccessKeyId>${k.AccessKeyId}</AccessKeyId><Status>${k.Status}</Status><CreateDate>${k.CreateDate}</CreateDate></member>`,
    )
    .join('');
  return ok(
    'ListAccessKeys',
    `<ListAccessKeysResult><AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${start + size}</Marker>` : ''}</ListAccessKeysResult>`,
  );
}

function perform(state: AwsIamStubState, params: Record<string, string>): stub.Reply {
  const userName = params.UserName ?? '';
  const user = state.users.get(userName);
  if (!user) return iamError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
  switch (params.Action) {
    case 'ListAccessKeys':
      return listAccessKeys(state, params, user);
    case 'UpdateAccessKey': {
      const key = user.keys.find((k) => k.AccessKeyId === params.AccessKeyId);
      if (!key)
        return iamError(404, 'NoSuchEntity', `The Access Key with id ${params.AccessKeyId} cannot be found.`);
      if (params.Status !== 'Active' && params.Status !== 'Inactive')
        return iamError(400, 'ValidationError', 'Status must be Active or Inactive');
      key.Status = params.Status;
      return ok('UpdateAccessKey');
    }
    case 'DeleteLoginProfile':
      if (!user.loginProfile)
        return iamError(404, 'NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);
      user.loginProfile = false;
      return ok('DeleteLoginProfile');
    default:
      return iamError(
        400,
        'InvalidAction',
        `Could not find operation ${params.Action} for version 2010-05-08`,
      );
  }
}

export async function startAwsIamStub(
  options: stub.StubServerOptions & { users?: Record<string, IamStubUser> } = {},
): Promise<stub.RunningStub<AwsIamStubState>> {
  const state = new AwsIamStubState(options.now);
  for (const [name, user] of Object.entries(options.users ?? {})) state.users.set(name, user);
  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) =>
        iamError(
          status,
          status === 429
            ? 'Throttling'
            : status === 503
              ? 'ServiceUnavailable'
              : status >= 500
                ? 'ServiceFailure'
                : 'ValidationError',
          message,
        ),
      handle(request) {
        const refused = checkSignature(state, request);
        if (refused) return refused;
        const params = Object.fromEntries(stub.formBody(request));
        if (request.method !== 'POST' || params.Version !== '2010-05-08')
          return iamError(400, 'InvalidAction', 'Unsupported request');
        state.actions.push(params);
        return perform(state, params);
      },
    },
    options,
  );
}
