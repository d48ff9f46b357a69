// The CloudTrail parser's user mapping on synthetic records: the caller, the IAM user a request names, and an
// assumed role's e-mail session name (with its local part) as related users, as Elastic's pipeline maps them.
import { describe, expect, it } from 'vitest';
import { awsCloudtrailParser } from '../../../src/intake/parsers/aws-cloudtrail.js';
import { registryClaims } from './registry-claims.js';

const createUser = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDADEMO0000000000001',
    arn: 'arn:aws:iam::111122223333:user/demo-admin',
    accountId: '111122223333',
    userName: 'demo-admin',
  },
  eventTime: '2024-05-01T10:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  sourceIPAddress: '203.0.113.40',
  requestParameters: { userName: 'demo-new-user' },
  responseElements: {
    user: { userName: 'demo-new-user', arn: 'arn:aws:iam::111122223333:user/demo-new-user' },
  },
};

const renameUser = {
  ...createUser,
  eventName: 'UpdateUser',
  requestParameters: { userName: 'demo-old-name', newUserName: 'demo-new-name' },
  responseElements: null,
};

const ssoSession = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROADEMO000000000001:jane.doe@example.com',
    arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Demo_0123456789abcdef/jane.doe@example.com',
    accountId: '111122223333',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        arn: 'arn:aws:iam::111122223333:role/AWSReservedSSO_Demo_0123456789abcdef',
        userName: 'AWSReservedSSO_Demo_0123456789abcdef',
      },
    },
  },
  eventTime: '2024-05-01T10:05:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetBucketPolicy',
  sourceIPAddress: '198.51.100.41',
  requestParameters: { bucketName: 'demo-bucket' },
};

const plainSession = {
  ...ssoSession,
  userIdentity: {
    ...ssoSession.userIdentity,
    arn: 'arn:aws:sts::111122223333:assumed-role/DemoRole/i-0demo0000000001',
    sessionContext: { sessionIssuer: { type: 'Role', userName: 'DemoRole' } },
  },
};

describe('awsCloudtrailParser users', () => {
  it('reports the caller and the IAM user the request names', () => {
    const a = awsCloudtrailParser.parse(createUser);
    expect(a.observables.users).toEqual(['demo-admin', 'demo-new-user']);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reports both names of a renamed user', () => {
    expect(awsCloudtrailParser.parse(renameUser).observables.users).toEqual([
      'demo-admin',
      'demo-old-name',
      'demo-new-name',
    ]);
  });

  it("reports an assumed role's e-mail session name and its local part after the role", () => {
    const a = awsCloudtrailParser.parse(ssoSession);
    expect(a.observables.users).toEqual([
      'AWSReservedSSO_Demo_0123456789abcdef',
      'jane.doe@example.com',
      'jane.doe',
    ]);
    expect(a.observables.emails).toEqual(['jane.doe@example.com']);
  });

  it('adds nothing for a session name that is no e-mail address, or a request naming no user', () => {
    expect(awsCloudtrailParser.parse(plainSession).observables.users).toEqual(['DemoRole']);
    expect(
      awsCloudtrailParser.parse({ ...ssoSession, requestParameters: null }).observables.users,
    ).toHaveLength(3);
  });

  it('is read by its own parser first and claimed by no other specific parser', () => {
    for (const sample of [createUser, renameUser, ssoSession]) {
      const claims = registryClaims(sample, awsCloudtrailParser.name);
      expect(claims.first).toBe(awsCloudtrailParser.name);
      expect(claims.others).toEqual([]);
    }
  });
});
