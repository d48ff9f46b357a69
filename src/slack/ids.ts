// Every Slack id Vigil uses, in one place.
export const ids = {
  commands: { triage: '/triage', vigil: '/vigil' },
  actions: { approve: 'approval.approve', deny: 'approval.deny' },
  views: { denyReason: 'approval.deny_reason' },
  blocks: { approvalActions: 'approval.actions', denyReason: 'approval.deny_reason.block' },
  inputs: { denyReason: 'approval.deny_reason.input' },
} as const;
