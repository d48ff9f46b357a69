// disable-identity (step 1): suspends (or, where the provider cannot, deactivates) the person in the identity
// provider and ends their sessions; a person the provider does not know is noted, and the later steps still run.
import { MissingConnectorError, noAccount, runStep } from '../step.js';
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
      if (!userId) {
        // Slack knows the person but the identity provider does not, by that address: nothing to disable there,
        // and the steps after this one still have something to revoke.
        return noAccount(
          idp.name,
          parameters.email,
          `${idp.name} has no user ${parameters.email}, so nothing was disabled there. If they sign in to it under another login, disable that account by hand.`,
        );
      }
      return {
        actor: idp.name,
        request: { userId, operations: ['offboardUser', 'revokeSessions'] },
        async run(actionId) {
          const request = { userId, caseId: state.caseId, actionId };
          const disabled = await idp.offboardUser(request);
          const how = disabled.state === 'deactivated' ? 'Deactivated' : 'Suspended';
          const already = disabled.alreadyApplied ? ` (it was already ${how.toLowerCase()})` : '';
          // A deactivated account has no sessions left to end (deactivation ends them).
          if (disabled.state === 'deactivated') {
            return {
              result: { disabled },
              detail: `${how} ${parameters.email} in ${idp.name}${already}; deactivation ends their sessions.`,
            };
          }
          const sessions = await idp.revokeSessions(request);
          return {
            result: { disabled, sessions },
            detail: `${how} ${parameters.email} in ${idp.name}${already} and ended their sessions.`,
          };
        },
      };
    });
}
