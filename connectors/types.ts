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

/** A firewall that can also take a block back (TTL expiry, a mistaken block). */
export interface ReversibleFirewall extends Firewall {
  unblockIp(request: UnblockIpRequest): Promise<UnblockIpResult>;
}

/** Whether a firewall can take a block back. */
export const isReversible = (firewall: Firewall): firewall is ReversibleFirewall =>
  'unblockIp' in firewall && typeof firewall.unblockIp === 'function';

export interface UnblockIpRequest {
  ip: string;
  caseId: number;
  actionId: string;
}

export interface UnblockIpResult {
  ip: string;
  /** False when the IP was not blocked by this firewall when the call was made (null: the vendor cannot tell). */
  wasBlocked: boolean | null;
  enforcedBy: string;
}

// ---------------------------------------------------------------------------------------------------------
// Enrichment

/** Where an IP is, as far as a GeoIP database knows. Fields the source does not know are null. */
export interface GeoIpResult {
  ip: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string | null;
  /** ISO 3166-2 subdivision code (a US state, `ENG`…). */
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  /** IANA time zone, e.g. `Europe/London`. */
  timezone: string | null;
  /** Autonomous system number and its owner; null when the source has no ASN data. */
  asn: number | null;
  asOrganization: string | null;
  /** The connector that answered, for the evidence bundle. */
  source: string;
}

export interface GeoIp {
  readonly name: string;
  /** Null for addresses the database does not place (private ranges, unknown blocks). */
  lookup(ip: string): Promise<GeoIpResult | null>;
}

export const INDICATOR_TYPES = ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** An observable to look up: an address, a domain, a URL or a file hash. */
export interface Indicator {
  type: IndicatorType;
  value: string;
}

export type Verdict = 'malicious' | 'suspicious' | 'harmless' | 'unknown';

export interface ThreatIntelResult {
  indicator: Indicator;
  verdict: Verdict;
  /** 0–100, higher is worse; null when the source gives no score. */
  score: number | null;
  /** Threat categories or labels (`c2`, `phishing`, `brute-force`…). */
  threats: string[];
  malwareFamilies: string[];
  /** The connector that answered. */
  source: string;
  /** A link or id an analyst can follow, when the source has one. */
  reference: string | null;
  /** When the source last saw or analysed the indicator (ISO 8601), when it says. */
  lastSeenAt: string | null;
}

export interface ThreatIntel {
  readonly name: string;
  /** The indicator types this source can answer for; others are answered `unknown` without a call. */
  readonly supports: readonly IndicatorType[];
  lookup(indicator: Indicator): Promise<ThreatIntelResult>;
}

// ---------------------------------------------------------------------------------------------------------
// Ticketing

/** A ticket body in a vendor-neutral form; each ticketing connector renders it (Jira: ADF). */
export type TicketBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'code'; text: string };

export interface CreateTicketRequest {
  title: string;
  body: TicketBlock[];
  caseId: number;
  /** Vigil's severity; the connector maps it to the tracker's priority… */
  severity: 'low' | 'medium' | 'high' | 'critical';
  /** …unless the workflow names the priority outright (e.g. `Highest` for high-severity alerts). */
  priority?: string;
  labels: string[];
  /** The action row's id: creating twice with the same key returns the first ticket. */
  idempotencyKey: string;
}

export interface Ticket {
  id: string;
  /** Human key such as `SOC-42`. */
  key: string;
  url: string;
  /** False when the idempotency key found a ticket created earlier. */
  created: boolean;
}

export interface Ticketing {
  readonly name: string;
  createTicket(request: CreateTicketRequest): Promise<Ticket>;
  /** Moves the ticket by transition name or target status name (case-insensitive). */
  transitionTicket(ticketKey: string, to: string): Promise<void>;
  addComment(ticketKey: string, body: TicketBlock[]): Promise<{ id: string }>;
  /** Tickets Vigil opened for a case. */
  ticketsForCase(caseId: number): Promise<Ticket[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Endpoint

export type ContainmentState = 'normal' | 'contained' | 'containment_pending' | 'lift_pending' | 'unknown';

export interface HostDetails {
  /** The EDR's device id. */
  id: string;
  hostname: string | null;
  platform: string | null;
  osVersion: string | null;
  lastSeenAt: string | null;
  localIp: string | null;
  externalIp: string | null;
  containment: ContainmentState;
  /** The EDR's tags on the device (Falcon grouping tags, Defender machine tags); environments match on them. */
  tags: string[];
  source: string;
}

export interface HostQuery {
  hostname?: string;
  ip?: string;
}

export interface HostActionRequest {
  hostId: string;
  caseId: number;
  actionId: string;
  /** Shown in the EDR console next to the action. */
  comment: string;
}

export interface HostActionResult {
  hostId: string;
  /** True when the host was already in (or on its way to) the requested state. */
  alreadyApplied: boolean;
  /** The vendor's action or request id, for the audit record. */
  vendorActionId: string | null;
}

export interface QuarantineFileRequest extends HostActionRequest {
  /** SHA-1 of the file, lower case (the hash EDR file actions take). */
  sha1: string;
}

export interface Edr {
  readonly name: string;
  getHost(hostId: string): Promise<HostDetails>;
  findHosts(query: HostQuery): Promise<HostDetails[]>;
  containHost(request: HostActionRequest): Promise<HostActionResult>;
  releaseHost(request: HostActionRequest): Promise<HostActionResult>;
  /** Stops the file's processes on the host and quarantines it; only EDRs with a file API implement it. */
  quarantineFile?(request: QuarantineFileRequest): Promise<HostActionResult>;
}

// ---------------------------------------------------------------------------------------------------------
// Identity

export type UserStatus = 'active' | 'suspended' | 'deprovisioned' | 'staged' | 'locked' | 'other';

export interface IdentityUser {
  id: string;
  /** Login name (UPN, Okta login, primary email). */
  login: string;
  email: string | null;
  displayName: string | null;
  status: UserStatus;
  lastLoginAt: string | null;
  source: string;
  /** Job title from the provider's profile, where it keeps one (onboarding maps it to a role). */
  title?: string | null;
}

export interface UserActionRequest {
  /** The provider's user id or login. */
  userId: string;
  caseId: number;
  actionId: string;
}

export interface UserActionResult {
  userId: string;
  /** True when the user was already in the requested state; null when the provider cannot tell. */
  alreadyApplied: boolean | null;
  /** For `offboardUser`: `deactivated` when the provider deactivated the account rather than suspend it. */
  state?: 'suspended' | 'deactivated';
}

export interface SignInQuery {
  /** Login of the user; all users when absent. */
  login?: string;
  /** ISO 8601 lower bound (inclusive). */
  since: string;
  until?: string;
  /** Stop after this many events (default 200). */
  limit?: number;
}

export interface SignInEvent {
  id: string;
  at: string;
  login: string | null;
  ip: string | null;
  country: string | null;
  city: string | null;
  outcome: 'success' | 'failure' | 'challenge' | 'other';
  /** Why it failed or was challenged, in the provider's words. */
  reason: string | null;
  application: string | null;
  userAgent: string | null;
  source: string;
}

export interface IdentityProvider {
  readonly name: string;
  findUser(login: string): Promise<IdentityUser | null>;
  suspendUser(request: UserActionRequest): Promise<UserActionResult>;
  unsuspendUser(request: UserActionRequest): Promise<UserActionResult>;
  /**
   * Leaves the account of someone who is leaving unable to sign in, from whatever state it is in: suspends it
   * where the provider can, deactivates it where the provider suspends only some states (Okta), and counts an
   * account already suspended or deactivated as done.
   */
  offboardUser(request: UserActionRequest): Promise<UserActionResult>;
  /** Ends the user's sessions (and refresh tokens where the provider can). */
  revokeSessions(request: UserActionRequest): Promise<UserActionResult>;
  /** Removes enrolled MFA factors; only providers that can do it implement it. */
  resetFactors?(request: UserActionRequest): Promise<UserActionResult>;
  signIns(query: SignInQuery): Promise<SignInEvent[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Cloud identity

export interface CloudUserRequest {
  userName: string;
  caseId: number;
  actionId: string;
}

export interface DeactivateAccessKeysResult {
  userName: string;
  /** Key ids this call switched to inactive. */
  deactivated: string[];
  /** Key ids that were inactive already. */
  alreadyInactive: string[];
  /** False when the cloud has no user of that name (NoSuchEntity): there was nothing to deactivate. */
  userFound: boolean;
}

export interface DeleteLoginProfileResult {
  userName: string;
  /** False when the user had no console password to delete. */
  deleted: boolean;
}

export interface CloudIdentity {
  readonly name: string;
  deactivateAccessKeys(request: CloudUserRequest): Promise<DeactivateAccessKeysResult>;
  deleteLoginProfile(request: CloudUserRequest): Promise<DeleteLoginProfileResult>;
}

// ---------------------------------------------------------------------------------------------------------
// Provisioning

export interface NewPerson {
  email: string;
  givenName: string;
  familyName: string;
  displayName?: string;
  caseId: number;
  actionId: string;
}

export interface ProvisionResult {
  userId: string;
  /** False when the account existed already (a retried onboarding, or a person who had one). */
  created: boolean;
  /** True when the existing account was deactivated (someone rehired) and was reactivated. */
  reactivated?: boolean;
  /** The profile an existing, active account keeps when it differs from the one asked for (changed by hand only). */
  keptProfile?: string;
}

export interface SlackAccount {
  id: string;
  userName: string;
  email: string | null;
  active: boolean;
}

export interface GroupMembershipRequest {
  /** The group's display name (a Slack user group's name in SCIM). */
  group: string;
  /** The account to add. */
  userId: string;
  caseId: number;
  actionId: string;
}

export interface GroupMembershipResult {
  groupId: string;
  /** True when the account was a member already. */
  alreadyMember: boolean;
}

export interface SlackAdmin {
  readonly name: string;
  findUser(email: string): Promise<SlackAccount | null>;
  deactivateUser(request: UserActionRequest): Promise<UserActionResult>;
  provisionUser(person: NewPerson): Promise<ProvisionResult>;
  /** Adds an account to a user group; throws a `not_found` ConnectorError when there is no such group. */
  addToGroup(request: GroupMembershipRequest): Promise<GroupMembershipResult>;
}

export interface NewCrmUser extends NewPerson {
  /** The profile (Salesforce `00e…`) the user gets; the connector's configured default when absent. */
  profileId?: string;
}

export interface Crm {
  readonly name: string;
  createUser(person: NewCrmUser): Promise<ProvisionResult>;
}
