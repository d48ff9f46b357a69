// validate: checks the request (e-mail, name, a role the mapping knows). A refusal is audited with its
// reason and nothing is provisioned; a valid request is audited with the role's grant and the mapping's hash.
import { ONBOARDING_WORKFLOW_VERSION } from '../contracts.js';
import { validateOnboarding } from '../validate.js';
import type { OnboardingDeps } from '../ports.js';
import type { OnboardingStateValue, OnboardingUpdate } from '../state.js';

export function makeValidate(deps: OnboardingDeps) {
  return (state: OnboardingStateValue): OnboardingUpdate => {
    const result = validateOnboarding(state.request, deps.roles);
    if (!result.ok) {
      deps.audit.append({
        type: 'onboarding.refused',
        actor: 'vigil',
        caseId: state.caseId,
        data: { reason: result.reason, rolesHash: deps.roles.hash },
      });
      return { refused: result.reason };
    }
    deps.audit.append({
      type: 'onboarding.validated',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        person: result.person,
        grant: result.grant,
        rolesHash: deps.roles.hash,
        workflowVersion: ONBOARDING_WORKFLOW_VERSION,
      },
    });
    return { person: result.person, grant: result.grant };
  };
}
