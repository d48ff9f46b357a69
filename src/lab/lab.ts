// The vendor lab for local mode: the Okta, AWS IAM and Slack SCIM stubs on loopback, seeded with the
// sandbox workspace's people, so the real connectors (and the workflows that use them) run with no
// accounts. Everything a lab connector reports is labelled "(lab)".
import { AWS_IAM_NAME } from '../../connectors/aws-iam.js';
import type { EnvValues } from '../../connectors/env.js';
import { OKTA_NAME } from '../../connectors/okta.js';
import { SLACK_SCIM_NAME } from '../../connectors/slack-scim.js';
import { defaultSeed, type SeedUser } from '../sandbox/seed.js';
import { startAwsIamStub, type AwsIamStubState, type IamStubUser } from './vendors/aws-iam-stub.js';
import { sampleOktaUser, startOktaStub, type OktaStubState } from './vendors/okta-stub.js';
import { startSlackScimStub, type ScimStubUser, type SlackScimStubState } from './vendors/slack-scim-stub.js';
import type { RunningStub } from './vendors/stub-server.js';

/** One lab vendor: the connector it stands in for, where it listens and the variables that point at it. */
export interface LabVendor {
  /** The connector's name in connectors/registry.ts. */
  connector: string;
  url: string;
  env: EnvValues;
}

export interface Lab {
  vendors: LabVendor[];
  okta: RunningStub<OktaStubState>;
  awsIam: RunningStub<AwsIamStubState>;
  slackScim: RunningStub<SlackScimStubState>;
  close(): Promise<void>;
}

/** How lab connectors are named in messages, the audit log and the banner. */
export const labName = (connector: string): string => `${connector} (lab)`;

/** The IAM user name the lab (and the offboarding workflow) uses for a person: the e-mail's local part. */
const localPart = (email: string): string => email.split('@')[0] ?? email;

export async function startLab(people: SeedUser[] = defaultSeed().users): Promise<Lab> {
  const okta = await startOktaStub({
    users: people.map((p, i) => ({
      ...sampleOktaUser(`00ulab${String(i + 1).padStart(4, '0')}`, p.email),
      profile: {
        login: p.email,
        email: p.email,
        firstName: p.realName.split(' ')[0] ?? p.name,
        lastName: p.realName.split(' ').slice(1).join(' ') || p.name,
      },
    })),
  });
  const iamUsers: Record<string, IamStubUser> = {};
  people.forEach((p, i) => {
    iamUsers[localPart(p.email)] = {
      keys: [
        {
          AccessKeyId: `AKIALAB${String(i + 1).padStart(13, '0')}`,
          Status: 'Active',
          CreateDate: '2025-01-01T00:00:00Z',
        },
      ],
      loginProfile: true,
    };
  });
  const awsIam = await startAwsIamStub({ users: iamUsers });
  const scimUsers: ScimStubUser[] = people.map((p) => ({
    id: p.id,
    userName: p.name,
    displayName: p.realName,
    name: { givenName: p.realName.split(' ')[0] ?? p.name, familyName: p.realName.split(' ')[1] ?? '' },
    emails: [{ value: p.email, primary: true }],
    active: true,
  }));
  const slackScim = await startSlackScimStub({ users: scimUsers });

  const vendors: LabVendor[] = [
    {
      connector: OKTA_NAME,
      url: okta.url,
      env: { OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: okta.state.token },
    },
    {
      connector: AWS_IAM_NAME,
      url: awsIam.url,
      env: {
        AWS_IAM_ACCESS_KEY_ID: awsIam.state.accessKeyId,
        AWS_IAM_SECRET_ACCESS_KEY: awsIam.state.secretAccessKey,
        AWS_IAM_ENDPOINT: awsIam.url,
      },
    },
    {
      connector: SLACK_SCIM_NAME,
      url: slackScim.url,
      env: { SLACK_SCIM_TOKEN: slackScim.state.token, SLACK_SCIM_URL: `${slackScim.url}/scim/v1` },
    },
  ];
  return {
    vendors,
    okta,
    awsIam,
    slackScim,
    async close() {
      await Promise.all([okta.close(), awsIam.close(), slackScim.close()]);
    },
  };
}
