// revoke-cloud (step 2): deactivates the person's cloud access keys and deletes their console password; a person
// with no cloud user (single sign-on only) is noted, and the next step still runs.
import { MissingConnectorError, nothingThere, runStep } from '../step.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeRevokeCloud(deps: OffboardingDeps) {
  return (state: OffboardingStateValue): Promise<OffboardingUpdate> =>
    runStep(deps, state, 'revoke-cloud', (parameters) => {
      const cloud = deps.connectors.cloudIdentity;
      if (!cloud)
        throw new MissingConnectorError(
          'No cloud identity connector is configured (AWS IAM): see the configuration table in the README.',
        );
      const userName = parameters.cloudUserName;
      return {
        actor: cloud.name,
        request: { userName, operations: ['deactivateAccessKeys', 'deleteLoginProfile'] },
        async run(actionId) {
          const request = { userName, caseId: state.caseId, actionId };
          const keys = await cloud.deactivateAccessKeys(request);
          if (!keys.userFound) {
            // Most people sign in through single sign-on and have no IAM user: nothing to revoke, and Slack next.
            return {
              result: nothingThere({ keys }),
              detail: `${cloud.name} has no user ${userName}, so there were no access keys or console password to revoke. If they have a cloud user under another name, revoke it by hand.`,
            };
          }
          const login = await cloud.deleteLoginProfile(request);
          const count = keys.deactivated.length;
          const inactive = keys.alreadyInactive.length;
          const already = inactive ? ` (${inactive} already inactive)` : '';
          return {
            result: { keys, login },
            detail: `Deactivated ${count} access key${count === 1 ? '' : 's'} of ${userName} in ${cloud.name}${already}${login.deleted ? ' and deleted the console password' : ' (no console password to delete)'}.`,
          };
        },
      };
    });
}
