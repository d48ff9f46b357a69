// `/vigil offboard @person`: opens an offboarding case in the alerts channel; the answer names the case.
import { caseKey } from '../../../../db/repositories/cases.js';
import { parseOffboardTarget } from '../../../services/offboarding-service.js';
import type { SlackDeps } from '../../deps.js';

export async function offboardAnswer(deps: SlackDeps, userId: string, args: string[]): Promise<string> {
  const subject = parseOffboardTarget(args.join(' '));
  const { caseId, duplicate } = await deps.offboarding.request(subject, userId, 'slack:/vigil offboard');
  if (duplicate)
    return `*${caseKey(caseId)}* already offboards this person and is still open: see its thread in <#${deps.alertsChannelId}>.`;
  return `Opened *${caseKey(caseId)}* in <#${deps.alertsChannelId}>: the offboarding waits for approval there, and each step is reported in its thread.`;
}
