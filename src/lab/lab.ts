// The vendor lab for local mode: the Okta, AWS IAM, Slack SCIM, Salesforce, CrowdStrike Falcon and Jira stubs
// on loopback, seeded with the sandbox workspace's people (and the user groups and profiles roles.yml names)
// and a fleet of lab laptops, so the real connectors (and the workflows that use them) run with no accounts.
// Everything a lab connector reports is labelled "(lab)".
import { AWS_IAM_NAME } from '../../connectors/aws-iam.js';
import { FALCON_NAME } from '../../connectors/crowdstrike-falcon.js';
import { JIRA_NAME } from '../../connectors/jira.js';
import type { EnvValues } from '../../connectors/env.js';
import { OKTA_NAME } from '../../connectors/okta.js';
import { SALESFORCE_NAME } from '../../connectors/salesforce.js';
import { SLACK_SCIM_NAME } from '../../connectors/slack-scim.js';
import { defaultSeed, type SeedUser } from '../sandbox/seed.js';
import { startAwsIamStub, type AwsIamStubState, type IamStubUser } from './vendors/aws-iam-stub.js';
import { sampleFalconDevice, startFalconStub, type FalconStubState } from './vendors/falcon-stub.js';
import { startJiraStub, type JiraStubState } from './vendors/jira-stub.js';
import { sampleOktaUser, startOktaStub, type OktaStubState } from './vendors/okta-stub.js';
import { startSalesforceStub, type SalesforceStubState } from './vendors/salesforce-stub.js';
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
  falcon: RunningStub<FalconStubState>;
  jira: RunningStub<JiraStubState>;
  salesforce: RunningStub<SalesforceStubState>;
  close(): Promise<void>;
}

/** People in the lab's identity provider who are not in the Slack workspace (the sample alerts name them). */
const LAB_EMPLOYEES = [{ email: 'dana.whitfield@example.com', firstName: 'Dana', lastName: 'Whitfield' }];

/** The lab's laptops (the endpoint sample alert names FIN-LT-0142 onwards), all tagged as lab assets. */
const labLaptops = () =>
  Array.from({ length: 100 }, (_, i) => {
    const name = `FIN-LT-${String(142 + i).padStart(4, '0')}`;
    return sampleFalconDevice(`lab-dev-${142 + i}`, name, `10.40.12.${(i % 200) + 20}`, 'normal', [
      'SensorGroupingTags/lab',
    ]);
  });

/** The lab Salesforce org's profiles (the shipped roles.yml uses these ids). */
export const LAB_SALESFORCE_PROFILES: Record<string, string> = {
  '00eLAB000000001AAA': 'Sales User',
  '00eLAB000000002AAA': 'Standard User',
  '00eLAB000000003AAA': 'Read Only',
};

/** The lab Slack org's user groups (the shipped roles.yml uses these names). */
export const LAB_SLACK_GROUPS = ['all-staff', 'sales', 'support', 'engineering'];

/** How lab connectors are named in messages, the audit log and the banner. */
export const labName = (connector: string): string => `${connector} (lab)`;

/** The IAM user name the lab (and the offboarding workflow) uses for a person: the e-mail's local part. */
const localPart = (email: string): string => email.split('@')[0] ?? email;

export async function startLab(people: SeedUser[] = defaultSeed().users): Promise<Lab> {
  const employees = LAB_EMPLOYEES.map((e, i) => ({
    ...sampleOktaUser(`00ulabx${String(i + 1).padStart(3, '0')}`, e.email),
    profile: { login: e.email, email: e.email, firstName: e.firstName, lastName: e.lastName },
  }));
  const okta = await startOktaStub({
    users: [
      ...employees,
      ...people.map((p, i) => ({
        ...sampleOktaUser(`00ulab${String(i + 1).padStart(4, '0')}`, p.email),
        profile: {
          login: p.email,
          email: p.email,
          firstName: p.realName.split(' ')[0] ?? p.name,
          lastName: p.realName.split(' ').slice(1).join(' ') || p.name,
        },
      })),
    ],
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
  const slackScim = await startSlackScimStub({
    users: scimUsers,
    groups: LAB_SLACK_GROUPS.map((displayName, i) => ({
      id: `S0LABGRP${String(i + 1).padStart(2, '0')}`,
      displayName,
      members: displayName === 'all-staff' ? scimUsers.map((u) => u.id) : [],
    })),
  });
  const salesforce = await startSalesforceStub({ profiles: LAB_SALESFORCE_PROFILES });
  const falcon = await startFalconStub({ devices: labLaptops() });
  const jira = await startJiraStub();

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
    {
      connector: FALCON_NAME,
      url: falcon.url,
      env: {
        FALCON_CLIENT_ID: falcon.state.tokens.clientId,
        FALCON_CLIENT_SECRET: falcon.state.tokens.clientSecret,
        FALCON_BASE_URL: falcon.url,
      },
    },
    {
      connector: JIRA_NAME,
      url: jira.url,
      env: {
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: jira.state.email,
        JIRA_API_TOKEN: jira.state.apiToken,
        JIRA_PROJECT_KEY: 'SOC',
      },
    },
    {
      connector: SALESFORCE_NAME,
      url: salesforce.url,
      env: {
        SALESFORCE_URL: salesforce.url,
        SALESFORCE_CLIENT_ID: salesforce.state.tokens.clientId,
        SALESFORCE_CLIENT_SECRET: salesforce.state.tokens.clientSecret,
        SALESFORCE_PROFILE_ID: '00eLAB000000002AAA',
      },
    },
  ];
  return {
    vendors,
    okta,
    awsIam,
    slackScim,
    salesforce,
    falcon,
    jira,
    async close() {
      await Promise.all([
        okta.close(),
        awsIam.close(),
        slackScim.close(),
        salesforce.close(),
        falcon.close(),
        jira.close(),
      ]);
    },
  };
}
