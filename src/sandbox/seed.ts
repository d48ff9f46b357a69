// The sandbox workspace's starting state: team, bot, people, channels and user groups, with fixed,
// Slack-shaped ids (exported as SEED_IDS) so tests and docs can name them.
import type { BotIdentity, Team } from './workspace-types.js';

export interface SeedUser {
  id: string;
  /** The handle, e.g. `alice`. */
  name: string;
  realName: string;
  title: string;
  email: string;
  tz?: string;
}

export interface SeedChannel {
  id: string;
  /** Without `#`. */
  name: string;
  purpose: string;
  /** Member user ids; include the bot user id for channels the app is in. */
  members: string[];
  /** A private channel: only its members see it, and the bot only when it is one. */
  private?: boolean;
}

export interface SeedUserGroup {
  id: string;
  handle: string;
  name: string;
  description: string;
  users: string[];
}

export interface WorkspaceSeed {
  team: Team;
  bot: BotIdentity;
  users: SeedUser[];
  channels: SeedChannel[];
  userGroups: SeedUserGroup[];
}

export const SEED_IDS = {
  team: 'T0VIGIL01',
  app: 'A0VIGIL001',
  bot: 'B0VIGIL001',
  botUser: 'U0VIGILBOT',
  users: { alice: 'U0ALICE001', bob: 'U0BOB00001', carol: 'U0CAROL001', victor: 'U0VICTOR01' },
  channels: { alerts: 'C0ALERTS01', approvers: 'C0APPROVE1' },
  userGroups: { responders: 'S0RESPOND1', senior: 'S0SENIOR01' },
} as const;

/** Two channels, four people (three responders, one senior among them, one viewer), two user groups. */
export function defaultSeed(): WorkspaceSeed {
  const { users: u, channels: c, userGroups: g } = SEED_IDS;
  return {
    team: { id: SEED_IDS.team, name: 'Vigil Sandbox', domain: 'vigil-sandbox' },
    bot: { appId: SEED_IDS.app, botId: SEED_IDS.bot, userId: SEED_IDS.botUser, name: 'vigil' },
    users: [
      {
        id: u.alice,
        name: 'alice',
        realName: 'Alice Analyst',
        title: 'analyst',
        email: 'alice@vigil-sandbox.test',
      },
      { id: u.bob, name: 'bob', realName: 'Bob Analyst', title: 'analyst', email: 'bob@vigil-sandbox.test' },
      {
        id: u.carol,
        name: 'carol',
        realName: 'Carol Senior',
        title: 'senior responder',
        email: 'carol@vigil-sandbox.test',
      },
      {
        id: u.victor,
        name: 'victor',
        realName: 'Victor Viewer',
        title: 'viewer',
        email: 'victor@vigil-sandbox.test',
      },
    ],
    channels: [
      {
        id: c.alerts,
        name: 'vigil-alerts',
        purpose: 'Alerts Vigil triages',
        members: [SEED_IDS.botUser, u.alice, u.bob, u.carol, u.victor],
      },
      {
        id: c.approvers,
        name: 'vigil-approvers',
        purpose: 'Approval requests for response actions',
        members: [SEED_IDS.botUser, u.alice, u.bob, u.carol],
      },
    ],
    userGroups: [
      {
        id: g.responders,
        handle: 'soc-responders',
        name: 'SOC Responders',
        description: 'Analysts who may act on alerts',
        users: [u.alice, u.bob, u.carol],
      },
      {
        id: g.senior,
        handle: 'soc-senior',
        name: 'SOC Senior',
        description: 'Senior responders who approve high-impact actions',
        users: [u.carol],
      },
    ],
  };
}
