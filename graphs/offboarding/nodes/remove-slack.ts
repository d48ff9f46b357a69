// remove-slack (step 3): deactivates the person's Slack account through SCIM (a person without one is noted).
import { MissingConnectorError, noAccount, runStep } from '../step.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeRemoveSlack(deps: OffboardingDeps) {
  return (state: OffboardingStateValue): Promise<OffboardingUpdate> =>
    runStep(deps, state, 'remove-slack', (parameters) => {
      const admin = deps.connectors.slackAdmin;
      if (!admin)
        throw new MissingConnectorError(
          'No Slack admin connector is configured (SLACK_SCIM_TOKEN): see the configuration table in the README.',
        );
      const userId = parameters.slackAccountId;
      if (!userId)
        return noAccount(
          admin.name,
          parameters.email,
          `Slack has no account for ${parameters.email}, so there was none to deactivate.`,
        );
      return {
        actor: admin.name,
        request: { userId, operations: ['deactivateUser'] },
        async run(actionId) {
          const result = await admin.deactivateUser({ userId, caseId: state.caseId, actionId });
          const already = result.alreadyApplied ? ' (it was already deactivated)' : '';
          return { result, detail: `Deactivated Slack account ${userId} through ${admin.name}${already}.` };
        },
      };
    });
}
