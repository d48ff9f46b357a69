// routeApprovals: a decided approval goes back to the workflow that owns it (offboarding's `offboard_user`),
// and every approval no registered workflow owns goes to triage.
import { expect, it } from 'vitest';
import type { ApprovalRow } from '../../db/repositories/approvals.js';
import { OFFBOARD_ACTION } from '../../graphs/offboarding/contracts.js';
import { routeApprovals } from '../../src/services/approval-router.js';
import { OffboardingService } from '../../src/services/offboarding-service.js';

const approval = (action: string) => ({ id: `apr_${action}`, action }) as ApprovalRow;

function router() {
  const resumed: string[] = [];
  const workflows = routeApprovals(
    {
      version: 'triage@1',
      resume: async (a) => {
        resumed.push(`triage ${a.id}`);
      },
    },
    [
      {
        owns: OffboardingService.owns,
        version: 'offboarding@1',
        resume: async (a) => {
          resumed.push(`offboarding ${a.id}`);
        },
      },
    ],
  );
  return { workflows, resumed };
}

it('sends an offboarding’s approval to offboarding, with its workflow version', async () => {
  const { workflows, resumed } = router();
  const workflow = workflows.workflowOf(approval(OFFBOARD_ACTION));
  expect(workflow.version).toBe('offboarding@1');
  await workflow.resume(approval(OFFBOARD_ACTION));
  expect(resumed).toEqual([`offboarding apr_${OFFBOARD_ACTION}`]);
});

it.each(['block_ip', 'isolate_host', 'quarantine_file', 'disable_user'])(
  'sends a %s approval, which no other workflow owns, to triage',
  async (action) => {
    const { workflows, resumed } = router();
    const workflow = workflows.workflowOf(approval(action));
    expect(workflow.version).toBe('triage@1');
    await workflow.resume(approval(action));
    expect(resumed).toEqual([`triage apr_${action}`]);
  },
);
