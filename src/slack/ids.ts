// Every Slack id Vigil uses, in one place.
export const ids = {
  commands: { triage: '/triage', vigil: '/vigil' },
  actions: {
    approve: 'approval.approve',
    deny: 'approval.deny',
    revert: 'action.revert',
    offboardingRetry: 'offboarding.retry',
    onboardingRetry: 'onboarding.retry',
  },
  views: { denyReason: 'approval.deny_reason' },
  blocks: {
    approvalActions: 'approval.actions',
    denyReason: 'approval.deny_reason.block',
    offboardingRetry: 'offboarding.retry.block',
    onboardingRetry: 'onboarding.retry.block',
  },
  inputs: { denyReason: 'approval.deny_reason.input' },
} as const;
