// One interface per capability. Vendors implement these in their own files; graphs and services see only
// these shapes.

/** A request to stop traffic from one IP. */
export interface BlockIpRequest {
  ip: string;
  caseId: number;
  /** The action row this call belongs to; vendors that take idempotency keys use it as one. */
  actionId: string;
  /** When the block lapses (ISO 8601), or null to block until removed. */
  expiresAt: string | null;
}

export interface BlockIpResult {
  ip: string;
  /** True when the IP was already blocked before this call. */
  alreadyBlocked: boolean;
  /** Where the block lives, for the audit record and the thread (e.g. `edl:ip-blocklist`). */
  enforcedBy: string;
}

export interface Firewall {
  readonly name: string;
  blockIp(request: BlockIpRequest): Promise<BlockIpResult>;
}
