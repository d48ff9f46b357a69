// AWS IAM through the real AWS SDK IAMClient against a local Query API stub that checks SigV4 signatures:
// the shared contract, every page of access keys deactivated, login profiles deleted, IAM's errors mapped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsIam, parseAwsIamConfig } from '../../connectors/aws-iam.js';
import {
  iamError,
  startAwsIamStub,
  type AwsIamStubState,
  type IamStubKey,
} from '../../src/lab/vendors/aws-iam-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { connectorError, testRuntime, type TestRuntime } from './support.js';

const ACTION = { caseId: 6, actionId: 'act_iam_1' };
const key = (id: string, status: IamStubKey['Status'] = 'Active'): IamStubKey => ({
  AccessKeyId: id,
  Status: status,
  CreateDate: '2024-06-01T10:00:00Z',
});

async function start(runtime: TestRuntime) {
  const stub = await startAwsIamStub({
    users: {
      ann: {
        keys: [key('AKIAANN0000000000001'), key('AKIAANN0000000000002', 'Inactive')],
        loginProfile: true,
      },
      bo: { keys: [], loginProfile: false },
    },
  });
  const config = parseAwsIamConfig({
    AWS_IAM_ACCESS_KEY_ID: stub.state.accessKeyId,
    AWS_IAM_SECRET_ACCESS_KEY: stub.state.secretAccessKey,
    AWS_IAM_ENDPOINT: stub.url,
  });
  if (!config) throw new Error('config expected');
  return { stub, connector: new AwsIam(config, runtime.deps), secrets: [stub.state.secretAccessKey] };
}

describeVendorContract<AwsIamStubState, AwsIam>({
  vendor: 'aws-iam',
  start,
  read: { call: (iam) => iam.deactivateAccessKeys({ userName: 'bo', ...ACTION }), method: 'POST', path: '/' },
  refuseCredentials: (state) => {
    state.secretAccessKey = 'a-rotated-secret-access-key-000000000000000';
  },
  // IAM throttles with 400 Throttling, not 429; tested below.
  answers429: false,
  errorBody: (message) => iamError(400, 'ValidationError', message).text,
});

describe('aws-iam: requests and answers', () => {
  let stub: RunningStub<AwsIamStubState>;
  let iam: AwsIam;
  let runtime: TestRuntime;
  beforeEach(async () => {
    runtime = testRuntime();
    ({ stub, connector: iam } = await start(runtime));
  });
  afterEach(() => stub.close());

  it('lists the user’s keys and switches the active ones to Inactive with UpdateAccessKey, signed with SigV4', async () => {
    expect(await iam.deactivateAccessKeys({ userName: 'ann', ...ACTION })).toEqual({
      userName: 'ann',
      deactivated: ['AKIAANN0000000000001'],
      alreadyInactive: ['AKIAANN0000000000002'],
      userFound: true,
    });
    expect(stub.state.actions).toEqual([
      { Action: 'ListAccessKeys', Version: '2010-05-08', UserName: 'ann' },
      {
        Action: 'UpdateAccessKey',
        Version: '2010-05-08',
        UserName: 'ann',
        AccessKeyId: 'AKIAANN0000000000001',
        Status: 'Inactive',
      },
    ]);
    expect(stub.state.requests[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/iam\/aws4_request/,
    );
    expect(stub.state.users.get('ann')?.keys.every((k) => k.Status === 'Inactive')).toBe(true);
  });

  it('follows Marker while IsTruncated, so keys on later pages are deactivated too', async () => {
    stub.state.pageSize = 1;
    const result = await iam.deactivateAccessKeys({ userName: 'ann', ...ACTION });
    expect(result.deactivated).toEqual(['AKIAANN0000000000001']);
    const lists = stub.state.actions.filter((a) => a.Action === 'ListAccessKeys');
    expect(lists.map((a) => a.Marker)).toEqual([undefined, '1']);
  });

  it('deletes the login profile, and says so when there was none', async () => {
    expect(await iam.deleteLoginProfile({ userName: 'ann', ...ACTION })).toEqual({
      userName: 'ann',
      deleted: true,
    });
    expect(stub.state.users.get('ann')?.loginProfile).toBe(false);
    expect(await iam.deleteLoginProfile({ userName: 'ann', ...ACTION })).toEqual({
      userName: 'ann',
      deleted: false,
    });
  });

  it('says there is no such user (NoSuchEntity) instead of failing to deactivate keys, and maps it to not_found when deleting a login profile', async () => {
    // Most people sign in through single sign-on and have no IAM user: an offboarding has nothing to revoke here.
    expect(await iam.deactivateAccessKeys({ userName: 'nobody', ...ACTION })).toEqual({
      userName: 'nobody',
      deactivated: [],
      alreadyInactive: [],
      userFound: false,
    });
    expect(stub.state.actions.map((a) => a.Action)).toEqual(['ListAccessKeys']);
    expect(await connectorError(iam.deleteLoginProfile({ userName: 'nobody', ...ACTION }))).toMatchObject({
      code: 'not_found',
      status: 404,
      vendorCode: 'NoSuchEntity',
    });
  });

  it('maps IAM’s 400 Throttling to rate_limited and backs off before the retry', async () => {
    stub.state.fail({ status: 400, body: iamError(400, 'Throttling', 'Rate exceeded').text });
    await iam.deactivateAccessKeys({ userName: 'ann', ...ACTION });
    expect(runtime.sleeps).toEqual([250]);
    stub.state.fail({ status: 400, times: 3, body: iamError(400, 'Throttling', 'Rate exceeded').text });
    const error = await connectorError(iam.deleteLoginProfile({ userName: 'bo', ...ACTION }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 400, vendorCode: 'Throttling' });
  });

  it('maps a refused signature to unauthorized with IAM’s code', async () => {
    stub.state.secretAccessKey = 'another-secret-access-key-0000000000000000';
    const error = await connectorError(iam.deleteLoginProfile({ userName: 'ann', ...ACTION }));
    expect(error).toMatchObject({ code: 'unauthorized', status: 403, vendorCode: 'SignatureDoesNotMatch' });
  });
});

describe('aws-iam: configuration', () => {
  it('accepts the SDK default credential chain instead of keys', () => {
    expect(parseAwsIamConfig({ AWS_IAM_USE_DEFAULT_CREDENTIALS: 'true' })).toMatchObject({
      region: 'us-east-1',
    });
  });

  it('names the missing secret key when only the key id is set', () => {
    expect(() => parseAwsIamConfig({ AWS_IAM_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' })).toThrow(
      /^AWS_IAM_SECRET_ACCESS_KEY is missing/,
    );
  });
});
