// `/vigil block <ip> [ttl]`: a person asks Vigil to block an address. The request is filed as an alert Vigil writes
// (source `slack:/vigil block`) and worked like an alert's block: policy gate, approval card (never by whoever asked),
// the firewall in use, TTL and Revert. A refusal is audited (`block.refused`) and told what to do instead.
import { caseKey } from '../../../../db/repositories/cases.js';
import { InvalidInputError } from '../../../errors.js';
import { BLOCK_REQUEST_SOURCE, blockRequestBody, parseBlockArgs } from '../../../intake/block-request.js';
import type { SlackDeps } from '../../deps.js';
import { linked } from '../../permalink.js';

export async function blockAnswer(deps: SlackDeps, userId: string, args: string[]): Promise<string> {
  const parsed = parseBlockArgs(args, deps.policy.current().validationRules());
  if (!parsed.ok) {
    deps.audit.append({
      type: 'block.refused',
      actor: userId,
      data: { reason: parsed.reason, args: args.join(' ').slice(0, 200) },
    });
    throw new InvalidInputError(parsed.message);
  }
  const { ip, ttlSeconds } = parsed;
  const result = await deps.intake.receive({
    bytes: Buffer.from(blockRequestBody(ip, ttlSeconds), 'utf8'),
    contentType: 'application/json',
    source: BLOCK_REQUEST_SOURCE,
    submittedBy: userId,
  });
  const accepted = result.accepted[0];
  if (!accepted) throw new Error(`the block request for ${ip} was not filed`);
  const { caseId, relation, alertId } = accepted;
  deps.audit.append({
    type: 'block.requested',
    actor: userId,
    caseId,
    data: { ip, ttlSeconds, alertId, relation },
  });
  const row = deps.cases.get(caseId);
  const key = `*${linked(deps.links(row?.channelId, row?.rootTs), caseKey(caseId))}*`;
  if (relation === 'repeat')
    return `${key} already asks for ${ip} to be blocked and is still open, for the TTL asked for then (a TTL given now is not taken): follow it in <#${deps.alertsChannelId}>.`;
  const lasting = ttlSeconds === null ? 'for the policy’s block TTL' : `for ${args[1] ?? ''}`;
  return `Opened ${key} in <#${deps.alertsChannelId}>: blocking ${ip} ${lasting} goes through policy, and an approval card (which you cannot approve yourself) if policy asks for one.`;
}
