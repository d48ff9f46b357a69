// provision-slack: creates the person's Slack account through SCIM (an existing one is found, not
// duplicated) and adds it to the role's user groups. Every call here is safe to repeat.
import { runOnboardStep } from '../step.js';
import type { OnboardingDeps } from '../ports.js';
import type { OnboardingStateValue, OnboardingUpdate } from '../state.js';

export function makeProvisionSlack(deps: OnboardingDeps) {
  return (state: OnboardingStateValue): Promise<OnboardingUpdate> => {
    const { person, grant } = state;
    if (!person || !grant) throw new Error('provision-slack reached without a validated person');
    const admin = deps.connectors.slackAdmin;
    const groups = grant.slack.userGroups;
    return runOnboardStep(
      deps,
      state,
      'provision-slack',
      !admin
        ? {
            kind: 'fail',
            reason:
              'No Slack admin connector is configured (SLACK_SCIM_TOKEN): see the configuration table in the README.',
          }
        : {
            kind: 'run',
            call: {
              actor: admin.name,
              request: {
                email: person.email,
                userGroups: groups,
                operations: ['provisionUser', 'addToGroup'],
              },
              async run(actionId) {
                const account = await admin.provisionUser({
                  email: person.email,
                  givenName: person.givenName,
                  familyName: person.familyName,
                  displayName: person.displayName,
                  caseId: state.caseId,
                  actionId,
                });
                const memberships = [];
                for (const group of groups) {
                  memberships.push({
                    group,
                    ...(await admin.addToGroup({
                      group,
                      userId: account.userId,
                      caseId: state.caseId,
                      actionId,
                    })),
                  });
                }
                const how = account.created
                  ? 'Created'
                  : account.reactivated
                    ? 'Reactivated the deactivated'
                    : 'Found the existing';
                const joined = groups.length ? `, added to ${groups.map((g) => `@${g}`).join(', ')}` : '';
                return {
                  result: { account, memberships },
                  detail: `${how} Slack account ${account.userId} for ${person.email}${joined} (role ${grant.role}) through ${admin.name}.`,
                };
              },
            },
          },
    );
  };
}
