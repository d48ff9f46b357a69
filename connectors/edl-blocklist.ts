// The embedded firewall: an external dynamic list (EDL) of IPs kept in Vigil's database and served at
// GET /edl/ip-blocklist.txt for firewalls (PAN-OS, FortiGate, Check Point…) to pull.
import type { BlocklistRepository } from '../db/repositories/blocklist.js';
import type {
  BlockIpRequest,
  BlockIpResult,
  ReversibleFirewall,
  UnblockIpRequest,
  UnblockIpResult,
} from './types.js';

export const EDL_NAME = 'edl:ip-blocklist';

export class EdlBlocklist implements ReversibleFirewall {
  readonly name = EDL_NAME;

  constructor(
    private readonly entries: BlocklistRepository,
    private readonly clock: () => Date,
  ) {}

  async blockIp(request: BlockIpRequest): Promise<BlockIpResult> {
    const added = this.entries.add({
      ip: request.ip,
      caseId: request.caseId,
      actionId: request.actionId,
      addedAt: this.clock().toISOString(),
      expiresAt: request.expiresAt,
    });
    return { ip: request.ip, alreadyBlocked: !added, enforcedBy: EDL_NAME };
  }

  async unblockIp(request: UnblockIpRequest): Promise<UnblockIpResult> {
    const removed = this.entries.remove(request.ip);
    return { ip: request.ip, wasBlocked: removed, enforcedBy: EDL_NAME };
  }

  /** The list as firewalls read it: one address per line. */
  render(): string {
    const ips = this.entries.active(this.clock().toISOString()).map((entry) => entry.ip);
    return ips.length ? `${ips.join('\n')}\n` : '';
  }
}
