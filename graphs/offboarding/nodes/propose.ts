// propose: turns the resolved person into the one action people approve, with every id it will use.
import { OFFBOARD_ACTION, type OffboardProposal } from '../contracts.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function propose(state: OffboardingStateValue): OffboardingUpdate {
  const { person } = state;
  if (!person) throw new Error('propose reached without a resolved person');
  const proposal: OffboardProposal = {
    id: `${OFFBOARD_ACTION}:${person.email.toLowerCase()}`,
    kind: OFFBOARD_ACTION,
    target: person.email,
    parameters: {
      email: person.email,
      idpUserId: person.idpUserId,
      cloudUserName: person.cloudUserName,
      slackAccountId: person.slackAccountId,
    },
    rationale: `Offboard ${person.displayName} (${person.email}), in this order: disable in the identity provider and end their sessions, deactivate their cloud access keys and console password, deactivate their Slack account.`,
  };
  return { proposal };
}
