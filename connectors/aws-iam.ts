// AWS IAM as cloud identity, through the AWS SDK's IAMClient: deactivates a user's access keys (every page
// of ListAccessKeys) and deletes the console login profile. The SDK's own retries are off; calls go through
// the shared retry policy so that they back off, time out and report errors like every other connector.
import {
  DeleteLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { z } from 'zod';
import { ConnectorError, isConnectorError, type ConnectorErrorCode } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { collectPages } from './http/paginate.js';
import { scrub } from './http/redact.js';
import { DEFAULT_RETRY, withRetries } from './http/retry.js';
import { runtimeFrom, type ConnectorDeps, type ConnectorRuntime } from './runtime.js';
import type {
  CloudIdentity,
  CloudUserRequest,
  DeactivateAccessKeysResult,
  DeleteLoginProfileResult,
} from './types.js';

export const AWS_IAM_NAME = 'aws-iam';

export const awsIamEnv = {
  AWS_IAM_ACCESS_KEY_ID: {
    key: 'accessKeyId',
    description:
      'Access key id of a principal allowed iam:ListAccessKeys, iam:UpdateAccessKey and iam:DeleteLoginProfile',
  },
  AWS_IAM_SECRET_ACCESS_KEY: { key: 'secretAccessKey', description: 'Its secret access key', secret: true },
  AWS_IAM_SESSION_TOKEN: {
    key: 'sessionToken',
    description: 'Session token, for temporary credentials',
    secret: true,
  },
  AWS_IAM_USE_DEFAULT_CREDENTIALS: {
    key: 'useDefaultCredentials',
    description:
      'true: use the AWS SDK default credential chain (instance role, SSO, profile) instead of keys',
  },
  AWS_IAM_REGION: {
    key: 'region',
    description: 'Region whose IAM endpoint is used (IAM is global)',
    default: 'us-east-1',
  },
  AWS_IAM_ENDPOINT: { key: 'endpoint', description: 'IAM endpoint override (GovCloud, China, or a lab)' },
} as const satisfies EnvSpec;

export const AwsIamConfig = z
  .object({
    accessKeyId: z
      .string()
      .regex(/^(AKIA|ASIA)[A-Z0-9]{16}$/)
      .optional(),
    secretAccessKey: z.string().min(40).optional(),
    sessionToken: z.string().min(16).optional(),
    useDefaultCredentials: z.enum(['true', 'false']).optional(),
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/),
    endpoint: VendorUrl.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.useDefaultCredentials === 'true') return;
    if (!config.accessKeyId) ctx.addIssue({ code: 'custom', path: ['accessKeyId'], message: 'required' });
    else if (!config.secretAccessKey)
      ctx.addIssue({ code: 'custom', path: ['secretAccessKey'], message: 'required' });
  });
export type AwsIamConfig = z.infer<typeof AwsIamConfig>;

export function parseAwsIamConfig(values: EnvValues): AwsIamConfig | undefined {
  return parseVendorEnv(AWS_IAM_NAME, awsIamEnv, AwsIamConfig, values);
}

const KeyPage = z.object({
  AccessKeyMetadata: z.array(
    z.object({ AccessKeyId: z.string(), Status: z.enum(['Active', 'Inactive', 'Expired']) }),
  ),
  IsTruncated: z.boolean().optional(),
  Marker: z.string().optional(),
});

const CODES: Array<[RegExp, ConnectorErrorCode]> = [
  [/^NoSuchEntity/, 'not_found'],
  [/^(Throttling|RequestLimitExceeded|TooManyRequests)/, 'rate_limited'],
  [
    /^(InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|IncompleteSignature|MissingAuthenticationToken|UnrecognizedClient|CredentialsProviderError)/,
    'unauthorized',
  ],
  [/^AccessDenied/, 'forbidden'],
  [
    /^(LimitExceeded|EntityAlreadyExists|EntityTemporarilyUnmodifiable|ConcurrentModification|DeleteConflict)/,
    'conflict',
  ],
  [/^(ServiceFailure|InternalFailure|ServiceUnavailable)/, 'server_error'],
  [/^(TimeoutError|AbortError|RequestTimeout)/, 'timeout'],
];

const Failure = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
  $fault: z.enum(['client', 'server']).optional(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
});

const DEFAULT_TIMEOUT_MS = 10_000;

export class AwsIam implements CloudIdentity {
  readonly name = AWS_IAM_NAME;
  private readonly client: IAMClient;
  private readonly runtime: ConnectorRuntime;
  private readonly secrets: string[];

  constructor(
    config: AwsIamConfig,
    private readonly deps: ConnectorDeps = {},
  ) {
    this.runtime = runtimeFrom(deps);
    this.secrets = [config.secretAccessKey, config.sessionToken].filter((s): s is string => s !== undefined);
    const { accessKeyId, secretAccessKey, sessionToken } = config;
    this.client = new IAMClient({
      region: config.region,
      endpoint: config.endpoint,
      credentials:
        config.useDefaultCredentials !== 'true' && accessKeyId && secretAccessKey
          ? { accessKeyId, secretAccessKey, sessionToken }
          : undefined,
      // Vigil's retry policy decides: idempotent calls only, with backoff and an injectable clock.
      maxAttempts: 1,
    });
  }

  async deactivateAccessKeys(request: CloudUserRequest): Promise<DeactivateAccessKeysResult> {
    const keys = await this.accessKeys(request.userName);
    if (!keys) return { userName: request.userName, deactivated: [], alreadyInactive: [], userFound: false };
    const active = keys.filter((key) => key.Status === 'Active').map((key) => key.AccessKeyId);
    for (const id of active) {
      // Setting a key inactive twice leaves it inactive: safe to retry.
      await this.call('deactivate access key', (abortSignal) =>
        this.client.send(
          new UpdateAccessKeyCommand({ UserName: request.userName, AccessKeyId: id, Status: 'Inactive' }),
          { abortSignal },
        ),
      );
    }
    return {
      userName: request.userName,
      deactivated: active,
      alreadyInactive: keys.filter((key) => key.Status !== 'Active').map((key) => key.AccessKeyId),
      userFound: true,
    };
  }

  /** Every access key of the user, or null when IAM has no such user (NoSuchEntity: ListAccessKeys names only the user). */
  private async accessKeys(
    userName: string,
  ): Promise<Array<z.infer<typeof KeyPage>['AccessKeyMetadata'][number]> | null> {
    try {
      return await this.listAccessKeys(userName);
    } catch (error) {
      if (isConnectorError(error, 'not_found')) return null;
      throw error;
    }
  }

  private listAccessKeys(userName: string) {
    return collectPages<z.infer<typeof KeyPage>['AccessKeyMetadata'][number], string | null>(
      null,
      async (marker) => {
        const page = KeyPage.parse(
          await this.call('list access keys', (abortSignal) =>
            this.client.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker ?? undefined }), {
              abortSignal,
            }),
          ),
        );
        return { items: page.AccessKeyMetadata, next: page.IsTruncated ? page.Marker : undefined };
      },
    );
  }

  async deleteLoginProfile(request: CloudUserRequest): Promise<DeleteLoginProfileResult> {
    try {
      await this.call('delete login profile', (abortSignal) =>
        this.client.send(new DeleteLoginProfileCommand({ UserName: request.userName }), { abortSignal }),
      );
      return { userName: request.userName, deleted: true };
    } catch (error) {
      // NoSuchEntity for the login profile (not for the user) means there is no console password to delete.
      if (isConnectorError(error, 'not_found') && /login profile/i.test(error.detail ?? '')) {
        return { userName: request.userName, deleted: false };
      }
      throw error;
    }
  }

  private async call<T>(operation: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutMs = this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return withRetries(
      async () => {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
          return await send(signal);
        } catch (error) {
          throw this.toConnectorError(operation, error, signal.aborted, timeoutMs);
        }
      },
      {
        vendor: this.name,
        operation,
        // Every IAM call made here leaves the same state when repeated.
        idempotent: true,
        policy: {
          ...DEFAULT_RETRY,
          ...(this.deps.maxAttempts === undefined ? {} : { maxAttempts: this.deps.maxAttempts }),
        },
        runtime: this.runtime,
      },
    );
  }

  private toConnectorError(
    operation: string,
    error: unknown,
    aborted: boolean,
    timeoutMs: number,
  ): ConnectorError {
    const failure = Failure.safeParse(error);
    // The SDK names modelled errors `<Code>Exception`; IAM documents them by code (`NoSuchEntity`).
    const name = failure.success
      ? (failure.data.code ?? failure.data.name).replace(/Exception$/, '')
      : 'UnknownError';
    const status = failure.success ? (failure.data.$metadata?.httpStatusCode ?? null) : null;
    const code: ConnectorErrorCode = aborted
      ? 'timeout'
      : (CODES.find(([pattern]) => pattern.test(name))?.[1] ??
        (failure.success && failure.data.$fault === 'server'
          ? 'server_error'
          : status === null
            ? 'network'
            : 'bad_request'));
    const detail = aborted
      ? `no answer within ${timeoutMs} ms`
      : scrub(`${name}: ${failure.success ? failure.data.message : String(error)}`, this.secrets);
    // The SDK error can carry the raw response; keep only its scrubbed summary as the cause.
    const cause = Object.assign(new Error(detail), { name });
    return new ConnectorError({
      vendor: this.name,
      operation,
      code,
      status,
      vendorCode: name,
      detail,
      cause,
    });
  }
}
