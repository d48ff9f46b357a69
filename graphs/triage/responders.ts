// The response actions the triage workflow can take, each mapped onto its connector: block an IP on the
// firewall, isolate a host on the EDR, disable a user in the identity provider (suspend and end sessions),
// and how each is rolled back. Shared by the execute node and by containment's TTL and Revert.
import { isReversible, type Edr, type Firewall, type IdentityProvider } from '../../connectors/types.js';
import type { ProposedAction } from './contracts.js';

/** The connectors that carry out response actions; a capability with no connector is absent. */
export interface Responders {
  firewall?: Firewall;
  edr?: Edr;
  identityProvider?: IdentityProvider;
}

type Kind = ProposedAction['kind'];

/** Whether the action can run at all with the connectors in use. */
export function canRun(responders: Responders, kind: Kind): boolean {
  switch (kind) {
    case 'block_ip':
      return responders.firewall !== undefined;
    case 'isolate_host':
      return responders.edr !== undefined;
    case 'quarantine_file':
      return responders.edr?.quarantineFile !== undefined;
    case 'disable_user':
      return responders.identityProvider !== undefined;
  }
}

/** Whether Vigil can roll the action back (the Revert button and TTL expiry). */
export function canRevert(responders: Responders, kind: string): boolean {
  switch (kind) {
    case 'block_ip':
      return responders.firewall !== undefined && isReversible(responders.firewall);
    case 'isolate_host':
      return responders.edr !== undefined;
    case 'disable_user':
      return responders.identityProvider !== undefined;
    default:
      return false;
  }
}

/** What else an action touches, in plain words, for the card. */
export function blastRadiusOf(proposal: Pick<ProposedAction, 'kind' | 'target'>): string {
  switch (proposal.kind) {
    case 'block_ip':
      return `All traffic to and from ${proposal.target} on every firewall that enforces Vigil's blocklist.`;
    case 'isolate_host':
      return `${proposal.target} loses all network access except to the EDR console; its users cannot work on it.`;
    case 'quarantine_file':
      return `Processes running the file are stopped and the file is moved to quarantine on ${proposal.target}; restoring it is done in the EDR console.`;
    case 'disable_user':
      return `${proposal.target} is signed out everywhere and cannot sign in to any app behind the identity provider.`;
  }
}

export interface RunContext {
  caseId: number;
  actionId: string;
  expiresAt: string | null;
  /** The attempt is a retry of one a crash left `running`. */
  resumed: boolean;
}

export interface RunOutcome {
  /** The connector that did it, for the audit record. */
  connector: string;
  /** What the connector answered (plain JSON), recorded and digested. */
  result: Record<string, unknown>;
  /** One sentence for the thread. */
  detail: string;
  /** The effect was in place before the call (the vendor changed nothing). */
  inPlace?: boolean;
}

const until = (expiresAt: string | null) => (expiresAt ? ` until ${expiresAt}` : '');

/** Why the effect was already in place: an earlier attempt cut off by a crash, or someone else. */
const already = (inPlace: boolean | null, context: RunContext, effect: string, otherwise: string) =>
  !inPlace
    ? ''
    : context.resumed
      ? ` (finished after an interruption: the ${effect} from the first attempt was in place)`
      : ` (${otherwise})`;

/** The request recorded on the action row before the call (what a retry or a roll-back needs). */
export function requestOf(proposal: ProposedAction, expiresAt: string | null): Record<string, unknown> {
  return { ...proposal.parameters, expiresAt };
}

/** Carries out one proposal. Throws the connector's error; the caller records it. */
export async function runAction(
  responders: Responders,
  proposal: ProposedAction,
  context: RunContext,
): Promise<RunOutcome> {
  switch (proposal.kind) {
    case 'block_ip': {
      const firewall = required(responders.firewall, 'firewall');
      const result = await firewall.blockIp({
        ip: proposal.parameters.ip,
        caseId: context.caseId,
        actionId: context.actionId,
        expiresAt: context.expiresAt,
      });
      const note = already(result.alreadyBlocked, context, 'block', 'it was already on the list');
      return {
        connector: firewall.name,
        result: { ...result },
        detail: `Blocked ${result.ip} on ${result.enforcedBy}${until(context.expiresAt)}${note}.`,
        inPlace: result.alreadyBlocked === true,
      };
    }
    case 'isolate_host': {
      const edr = required(responders.edr, 'EDR');
      const result = await edr.containHost({
        hostId: proposal.parameters.hostId,
        caseId: context.caseId,
        actionId: context.actionId,
        comment: `Vigil VIG-${context.caseId}: ${proposal.rationale}`.slice(0, 500),
      });
      const note = already(result.alreadyApplied, context, 'isolation', 'it was already isolated');
      return {
        connector: edr.name,
        result: { ...result },
        detail: `Isolated ${proposal.target} on ${edr.name}${until(context.expiresAt)}${note}.`,
        inPlace: result.alreadyApplied === true,
      };
    }
    case 'quarantine_file': {
      const edr = required(responders.edr, 'EDR');
      if (!edr.quarantineFile) throw new Error(`${edr.name} cannot quarantine files`);
      const result = await edr.quarantineFile({
        hostId: proposal.parameters.hostId,
        sha1: proposal.parameters.sha1,
        caseId: context.caseId,
        actionId: context.actionId,
        comment: `Vigil VIG-${context.caseId}: ${proposal.rationale}`.slice(0, 500),
      });
      const note = already(
        result.alreadyApplied,
        context,
        'quarantine',
        'a quarantine of it was already under way',
      );
      return {
        connector: edr.name,
        result: { ...result },
        detail: `Stopped and quarantined file ${proposal.parameters.sha1} on ${proposal.parameters.host} with ${edr.name}${note}.`,
      };
    }
    case 'disable_user': {
      const idp = required(responders.identityProvider, 'identity provider');
      const request = {
        userId: proposal.parameters.userId,
        caseId: context.caseId,
        actionId: context.actionId,
      };
      const suspended = await idp.suspendUser(request);
      const sessions = await idp.revokeSessions(request);
      const note = already(
        suspended.alreadyApplied,
        context,
        'suspension',
        'the account was already suspended',
      );
      return {
        connector: idp.name,
        result: { suspended: { ...suspended }, sessions: { ...sessions } },
        detail: `Suspended ${proposal.target} in ${idp.name} and ended their sessions${until(context.expiresAt)}${note}.`,
        inPlace: suspended.alreadyApplied === true,
      };
    }
  }
}

/** A recorded action to roll back: its kind, target and the request stored on its row. */
export interface ActionToRevert {
  id: string;
  caseId: number;
  kind: string;
  target: string;
  request: Record<string, unknown>;
}

/** Rolls one action back. Throws the connector's error; the caller records it. */
export async function revertAction(responders: Responders, action: ActionToRevert): Promise<RunOutcome> {
  const context = { caseId: action.caseId, actionId: action.id };
  const text = (key: string) => {
    const value = action.request[key];
    if (typeof value !== 'string') throw new Error(`action ${action.id} has no ${key} to roll back with`);
    return value;
  };
  switch (action.kind) {
    case 'block_ip': {
      const firewall = responders.firewall;
      if (!firewall || !isReversible(firewall)) throw new Error('the firewall in use cannot unblock');
      const result = await firewall.unblockIp({ ip: action.target, ...context });
      const state = result.wasBlocked === false ? ' (it was no longer on the list)' : '';
      return {
        connector: firewall.name,
        result: { ...result },
        detail: `Unblocked ${action.target} on ${result.enforcedBy}${state}`,
      };
    }
    case 'isolate_host': {
      const edr = required(responders.edr, 'EDR');
      const result = await edr.releaseHost({
        hostId: text('hostId'),
        ...context,
        comment: `Vigil VIG-${action.caseId}: containment lifted`,
      });
      return {
        connector: edr.name,
        result: { ...result },
        detail: `Released ${action.target} from isolation on ${edr.name}`,
      };
    }
    case 'disable_user': {
      const idp = required(responders.identityProvider, 'identity provider');
      const result = await idp.unsuspendUser({ userId: text('userId'), ...context });
      return {
        connector: idp.name,
        result: { ...result },
        detail: `Unsuspended ${action.target} in ${idp.name}`,
      };
    }
    default:
      throw new Error(`${action.kind} cannot be rolled back`);
  }
}

function required<T>(connector: T | undefined, what: string): T {
  if (!connector) throw new Error(`no ${what} is connected`);
  return connector;
}
