// Every Slack id Vigil uses, in one place.
export const ids = {
  commands: { triage: '/triage', vigil: '/vigil' },
  actions: {
    approve: 'approval.approve',
    deny: 'approval.deny',
    revert: 'action.revert',
    offboardingRetry: 'offboarding.retry',
  },
  views: { denyReason: 'approval.deny_reason' },
  blocks: {
    approvalActions: 'approval.actions',
    denyReason: 'approval.deny_reason.block',
    offboardingRetry: 'offboarding.retry.block',
  },
  inputs: { denyReason: 'approval.deny_reason.input' },
} as const;
