// disable-identity (step 1): suspends the person in the identity provider and ends their sessions.
import { MissingConnectorError, runStep } from '../step.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeDisableIdentity(deps: OffboardingDeps) {
  return (state: OffboardingStateValue): Promise<OffboardingUpdate> =>
    runStep(deps, state, 'disable-identity', (parameters) => {
      const idp = deps.connectors.identityProvider;
      if (!idp)
        throw new MissingConnectorError(
          'No identity provider is configured (Okta, Entra ID or Google Workspace): see the configuration table in the README.',
        );
      const userId = parameters.idpUserId;
      if (!userId)
        throw new MissingConnectorError(
          `${idp.name} has no user ${parameters.email}, so there is nobody to disable.`,
        );
      return {
        actor: idp.name,
        request: { userId, operations: ['suspendUser', 'revokeSessions'] },
        async run(actionId) {
          const request = { userId, caseId: state.caseId, actionId };
          const suspended = await idp.suspendUser(request);
          const sessions = await idp.revokeSessions(request);
          const already = suspended.alreadyApplied ? ' (it was already suspended)' : '';
          return {
            result: { suspended, sessions },
            detail: `Suspended ${parameters.email} in ${idp.name}${already} and ended their sessions.`,
          };
        },
      };
    });
}
