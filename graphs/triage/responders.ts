// The response actions the triage workflow can take, one entry each in RESPONSE_ACTIONS: its title, when it can
// run, its blast radius, how it maps onto its connector (block an IP on the firewall, isolate a host or quarantine
// a file on the EDR, disable a user in the identity provider) and how it is rolled back. Shared by the propose and
// execute nodes, the approval card, and containment's TTL and Revert.
import { isReversible, type Edr, type Firewall, type IdentityProvider } from '../../connectors/types.js';
import type { ProposedAction } from './contracts.js';

/** The connectors that carry out response actions; a capability with no connector is absent. */
export interface Responders {
  firewall?: Firewall;
  edr?: Edr;
  identityProvider?: IdentityProvider;
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

/** A recorded action to roll back: its kind, target and the request stored on its row. */
export interface ActionToRevert {
  id: string;
  caseId: number;
  kind: string;
  target: string;
  request: Record<string, unknown>;
}

type Kind = ProposedAction['kind'];

/** Everything Vigil knows about one kind of response action; one entry per kind in RESPONSE_ACTIONS. */
export interface ResponseActionSpec<K extends Kind> {
  /** The action in words, for the approval card's title: `Block IP`. */
  title: string;
  /** What the target is once it is done, for the thread: `blocked`. */
  pastTense: string;
  /** Whether the action can run at all with the connectors in use. */
  canRun(responders: Responders): boolean;
  /** What else the action touches, in plain words, for the card. */
  blastRadius(target: string): string;
  /** Carries out one proposal. Throws the connector's error; the caller records it. */
  run(
    responders: Responders,
    proposal: Extract<ProposedAction, { kind: K }>,
    context: RunContext,
  ): Promise<RunOutcome>;
  /**
   * How Vigil rolls it back (the Revert button and TTL expiry). Absent for an action Vigil cannot undo, which
   * therefore has no TTL and no Revert button.
   */
  revert?: {
    /** Whether the connectors in use can roll it back. */
    canRun(responders: Responders): boolean;
    /** Rolls one action back. Throws the connector's error; the caller records it. */
    undo(responders: Responders, action: ActionToRevert): Promise<RunOutcome>;
  };
}

/** The string the action's row recorded under `key`, which its roll-back needs. */
function recorded(action: ActionToRevert, key: string): string {
  const value = action.request[key];
  if (typeof value !== 'string') throw new Error(`action ${action.id} has no ${key} to roll back with`);
  return value;
}

const revertContext = (action: ActionToRevert) => ({ caseId: action.caseId, actionId: action.id });

/** Every response action the triage workflow can take: a kind or a field left out does not compile. */
export const RESPONSE_ACTIONS: { [K in Kind]: ResponseActionSpec<K> } = {
  block_ip: {
    title: 'Block IP',
    pastTense: 'blocked',
    canRun: (responders) => responders.firewall !== undefined,
    blastRadius: (target) =>
      `All traffic to and from ${target} on every firewall that enforces Vigil's blocklist.`,
    async run(responders, proposal, context) {
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
    },
    revert: {
      canRun: (responders) => responders.firewall !== undefined && isReversible(responders.firewall),
      async undo(responders, action) {
        const firewall = responders.firewall;
        if (!firewall || !isReversible(firewall)) throw new Error('the firewall in use cannot unblock');
        const result = await firewall.unblockIp({ ip: action.target, ...revertContext(action) });
        const state = result.wasBlocked === false ? ' (it was no longer on the list)' : '';
        return {
          connector: firewall.name,
          result: { ...result },
          detail: `Unblocked ${action.target} on ${result.enforcedBy}${state}`,
        };
      },
    },
  },
  isolate_host: {
    title: 'Isolate host',
    pastTense: 'isolated',
    canRun: (responders) => responders.edr !== undefined,
    blastRadius: (target) =>
      `${target} loses all network access except to the EDR console; its users cannot work on it.`,
    async run(responders, proposal, context) {
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
    },
    revert: {
      canRun: (responders) => responders.edr !== undefined,
      async undo(responders, action) {
        const edr = required(responders.edr, 'EDR');
        const result = await edr.releaseHost({
          hostId: recorded(action, 'hostId'),
          ...revertContext(action),
          comment: `Vigil VIG-${action.caseId}: containment lifted`,
        });
        return {
          connector: edr.name,
          result: { ...result },
          detail: `Released ${action.target} from isolation on ${edr.name}`,
        };
      },
    },
  },
  // No revert: a quarantined file is restored in the EDR console.
  quarantine_file: {
    title: 'Quarantine file',
    pastTense: 'quarantined',
    canRun: (responders) => responders.edr?.quarantineFile !== undefined,
    blastRadius: (target) =>
      `Processes running the file are stopped and the file is moved to quarantine on ${target}; restoring it is done in the EDR console.`,
    async run(responders, proposal, context) {
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
    },
  },
  disable_user: {
    title: 'Disable user',
    pastTense: 'disabled',
    canRun: (responders) => responders.identityProvider !== undefined,
    blastRadius: (target) =>
      `${target} is signed out everywhere and cannot sign in to any app behind the identity provider.`,
    async run(responders, proposal, context) {
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
    },
    revert: {
      canRun: (responders) => responders.identityProvider !== undefined,
      async undo(responders, action) {
        const idp = required(responders.identityProvider, 'identity provider');
        const result = await idp.unsuspendUser({
          userId: recorded(action, 'userId'),
          ...revertContext(action),
        });
        return {
          connector: idp.name,
          result: { ...result },
          detail: `Unsuspended ${action.target} in ${idp.name}`,
        };
      },
    },
  },
};

/** Whether the action can run at all with the connectors in use. */
export function canRun(responders: Responders, kind: Kind): boolean {
  return RESPONSE_ACTIONS[kind].canRun(responders);
}

/** What else an action touches, in plain words, for the card. */
export function blastRadiusOf(proposal: Pick<ProposedAction, 'kind' | 'target'>): string {
  return RESPONSE_ACTIONS[proposal.kind].blastRadius(proposal.target);
}

/** Whether a kind recorded on an action row is one of the response actions. */
const isResponseKind = (kind: string): kind is Kind => Object.hasOwn(RESPONSE_ACTIONS, kind);

/** How to roll back a kind recorded on an action row; undefined when Vigil cannot. */
const revertOf = (kind: string) => (isResponseKind(kind) ? RESPONSE_ACTIONS[kind].revert : undefined);

/** Whether Vigil can roll the action back (the Revert button and TTL expiry). */
export function canRevert(responders: Responders, kind: string): boolean {
  return revertOf(kind)?.canRun(responders) ?? false;
}

/** Carries out one proposal with its kind's entry. Throws the connector's error; the caller records it. */
export function runAction<K extends Kind>(
  responders: Responders,
  proposal: Extract<ProposedAction, { kind: K }>,
  context: RunContext,
): Promise<RunOutcome> {
  const spec: ResponseActionSpec<K> = RESPONSE_ACTIONS[proposal.kind];
  return spec.run(responders, proposal, context);
}

/** Rolls one action back. Throws the connector's error; the caller records it. */
export async function revertAction(responders: Responders, action: ActionToRevert): Promise<RunOutcome> {
  const revert = revertOf(action.kind);
  if (!revert) throw new Error(`${action.kind} cannot be rolled back`);
  return revert.undo(responders, action);
}

function required<T>(connector: T | undefined, what: string): T {
  if (!connector) throw new Error(`no ${what} is connected`);
  return connector;
}
