// `/vigil onboard <email> <role> <full name>`: opens an onboarding case in the alerts channel; the answer
// names the case. A person who is not one of roles.yml's reviewers, or an invalid request (unknown role, bad
// e-mail), is refused ephemerally and audited.
import { caseKey } from '../../../../db/repositories/cases.js';
import type { SlackDeps } from '../../deps.js';

export async function onboardAnswer(deps: SlackDeps, userId: string, args: string[]): Promise<string> {
  const { caseId, duplicate } = await deps.onboarding.requestAsPerson(
    args.join(' '),
    userId,
    'slack:/vigil onboard',
  );
  if (duplicate) {
    return `*${caseKey(caseId)}* already onboards this person in this role (a failed step there has Retry): see its thread in <#${deps.alertsChannelId}>.`;
  }
  return `Opened *${caseKey(caseId)}* in <#${deps.alertsChannelId}>: Salesforce and Slack are provisioned per the role's mapping, and each step is reported in its thread.`;
}
