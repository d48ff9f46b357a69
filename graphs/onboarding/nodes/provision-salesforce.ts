// provision-salesforce: creates the person's Salesforce user with the role's profile (a user that exists
// already is found, not duplicated). Skipped when the role has no Salesforce access.
import { runOnboardStep } from '../step.js';
import type { OnboardingDeps } from '../ports.js';
import type { OnboardingStateValue, OnboardingUpdate } from '../state.js';

export function makeProvisionSalesforce(deps: OnboardingDeps) {
  return (state: OnboardingStateValue): Promise<OnboardingUpdate> => {
    const { person, grant } = state;
    if (!person || !grant) throw new Error('provision-salesforce reached without a validated person');
    const crm = deps.connectors.crm;
    const profile = grant.salesforce;
    return runOnboardStep(
      deps,
      state,
      'provision-salesforce',
      !profile
        ? { kind: 'skip', reason: `role ${grant.role} has no Salesforce access in the role mapping.` }
        : !crm
          ? {
              kind: 'fail',
              reason:
                'No CRM connector is configured (SALESFORCE_URL and its variables): see the configuration table in the README.',
            }
          : {
              kind: 'run',
              call: {
                actor: crm.name,
                request: { email: person.email, profileId: profile.profileId, operations: ['createUser'] },
                async run(actionId) {
                  const result = await crm.createUser({
                    email: person.email,
                    givenName: person.givenName,
                    familyName: person.familyName,
                    displayName: person.displayName,
                    profileId: profile.profileId,
                    caseId: state.caseId,
                    actionId,
                  });
                  const how = result.created
                    ? 'Created'
                    : result.reactivated
                      ? 'Reactivated the deactivated'
                      : 'Found the existing';
                  const profileText = result.keptProfile
                    ? `, which keeps its profile ${result.keptProfile} (role ${grant.role} asks for ${profile.profileId}: change it by hand if it should)`
                    : ` with profile ${profile.profileId} (role ${grant.role})`;
                  return {
                    result,
                    detail: `${how} Salesforce user ${result.userId} for ${person.email}${profileText} through ${crm.name}.`,
                  };
                },
              },
            },
    );
  };
}
