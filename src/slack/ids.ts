// Every Slack id Vigil uses, in one place.
export const ids = {
  commands: { triage: '/triage', vigil: '/vigil' },
  /**
   * The commands manifest.yml registers with `should_escape: true`, so `/vigil offboard @dana` arrives as
   * `<@U…|dana>`. `/triage` is sent as typed: an alert's text must reach intake unchanged.
   */
  escapedCommands: ['/vigil'],
  actions: {
    approve: 'approval.approve',
    deny: 'approval.deny',
    revert: 'action.revert',
    offboardingRetry: 'offboarding.retry',
    onboardingRetry: 'onboarding.retry',
    caseRetry: 'case.retry',
  },
  views: { denyReason: 'approval.deny_reason' },
  blocks: {
    approvalActions: 'approval.actions',
    denyReason: 'approval.deny_reason.block',
    offboardingRetry: 'offboarding.retry.block',
    onboardingRetry: 'onboarding.retry.block',
    caseRetry: 'case.retry.block',
  },
  inputs: { denyReason: 'approval.deny_reason.input' },
} as const;
