// propose: picks the response action for the case (block the alert's source IP), before any approval.
import { BlockList, isIP } from 'node:net';
import type { ProposedAction } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** Addresses that are never worth blocking: they are not a remote party. */
const unblockable = new BlockList();
unblockable.addSubnet('0.0.0.0', 8, 'ipv4');
unblockable.addSubnet('127.0.0.0', 8, 'ipv4');
unblockable.addSubnet('224.0.0.0', 4, 'ipv4');
unblockable.addAddress('255.255.255.255', 'ipv4');
unblockable.addAddress('::', 'ipv6');
unblockable.addAddress('::1', 'ipv6');
unblockable.addSubnet('ff00::', 8, 'ipv6');

export function isBlockable(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  return !unblockable.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export function makePropose(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const alert = state.alert;
    const ip = alert?.observables.srcIps.find(isBlockable);
    if (!alert || !ip) {
      deps.audit.append({
        type: 'proposal.none',
        actor: 'vigil',
        caseId: state.caseId,
        data: { reason: 'the alert names no blockable source IP' },
      });
      return { proposal: null };
    }
    const proposal: ProposedAction = {
      id: `block_ip:${ip}`,
      kind: 'block_ip',
      target: ip,
      parameters: { ip },
      rationale: `${ip} is the source of "${alert.title}" (severity ${alert.severity}).`,
    };
    deps.audit.append({ type: 'proposal.made', actor: 'vigil', caseId: state.caseId, data: { proposal } });
    return { proposal };
  };
}
