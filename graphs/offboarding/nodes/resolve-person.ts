// resolve-person: finds the person in each system: Slack user → e-mail → identity provider user, the cloud
// user name (the e-mail's local part) and the Slack SCIM account. Reads only; the result is audited. An
// address that the identity provider and Slack both say they do not know (a typo in an HR request, someone
// who never started) is nobody to offboard: the case ends there, with no card for an approver.
import { mention } from '../../lib/mention.js';
import type { OffboardPerson } from '../contracts.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeResolvePerson(deps: OffboardingDeps) {
  return async (state: OffboardingStateValue): Promise<OffboardingUpdate> => {
    const { subject } = state;
    const inSlack = subject.slackUserId
      ? await deps.people.bySlackId(subject.slackUserId)
      : subject.email
        ? await deps.people.byEmail(subject.email)
        : null;
    const email = subject.email ?? inSlack?.email ?? null;
    if (!email) {
      const unresolved = subject.slackUserId
        ? `${mention(subject.slackUserId)} has no e-mail address in Slack, so they cannot be found elsewhere.`
        : 'The request names nobody.';
      deps.audit.append({
        type: 'offboarding.unresolved',
        actor: 'vigil',
        caseId: state.caseId,
        data: { subject },
      });
      return { unresolved };
    }
    const { identityProvider, slackAdmin } = deps.connectors;
    const idpUser = identityProvider ? await identityProvider.findUser(email) : null;
    const slackAccount = slackAdmin ? await slackAdmin.findUser(email) : null;
    // Only an identity provider that was asked can say nobody has the address; without one, the steps say
    // what to configure.
    if (identityProvider && !idpUser && !inSlack && !slackAccount) {
      const unresolved = `neither ${identityProvider.name} nor Slack knows ${email}. Check the address; if the person has accounts elsewhere (an AWS IAM user ${email.split('@')[0] ?? email}), remove them there.`;
      deps.audit.append({
        type: 'offboarding.unresolved',
        actor: 'vigil',
        caseId: state.caseId,
        data: {
          subject,
          email,
          identityProvider: identityProvider.name,
          slackAdmin: slackAdmin?.name ?? null,
        },
      });
      return { unresolved };
    }
    const person: OffboardPerson = {
      email,
      displayName: inSlack?.realName ?? idpUser?.displayName ?? email,
      slackUserId: inSlack?.slackUserId ?? null,
      idpUserId: idpUser?.id ?? null,
      cloudUserName: email.split('@')[0] ?? email,
      slackAccountId: slackAccount?.id ?? inSlack?.slackUserId ?? null,
    };
    deps.audit.append({
      type: 'offboarding.resolved',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        person,
        identityProvider: identityProvider?.name ?? null,
        slackAdmin: slackAdmin?.name ?? null,
      },
    });
    return { person };
  };
}
