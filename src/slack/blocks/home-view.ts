// App Home: the viewer's pending approvals (those they may decide first) and the open cases.
import type { HomeView, KnownBlock } from '@slack/types';
import { timeLeft } from './approval-card.js';
import { safe, slackDate } from './mrkdwn.js';

export interface HomeApproval {
  caseKey: string;
  action: string;
  target: string;
  requestedAt: string;
  /** When the request lapses, if policy gives it an expiry. */
  expiresAt: string | null;
  /** Distinct approvers needed, and how many approved so far. */
  quorum: number;
  approvals: number;
  /** Whether the viewer may decide it (an approver and not the requester). */
  canDecide: boolean;
}

export interface HomeCase {
  key: string;
  title: string;
  severity: string;
  status: string;
}

export function buildHomeView(input: {
  approvals: HomeApproval[];
  cases: HomeCase[];
  stats?: string[];
  /** The time the view is rendered at, for the time left. */
  now: Date;
}): HomeView {
  const mine = input.approvals.filter((a) => a.canDecide);
  const others = input.approvals.filter((a) => !a.canDecide);
  const line = (a: HomeApproval) => {
    const left = a.expiresAt ? ` · ${timeLeft(a.expiresAt, input.now)}` : '';
    const quorum = a.quorum > 1 ? ` · ${a.approvals} of ${a.quorum} approvals` : '';
    return `• *${a.caseKey}*: ${safe(a.action)} \`${safe(a.target, 200)}\`, waiting since ${slackDate(a.requestedAt)}${left}${quorum}`;
  };
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Vigil' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Waiting for you* (${mine.length})\n${mine.slice(0, 15).map(line).join('\n') || 'Nothing waits for your decision.'}`,
      },
    },
  ];
  if (others.length) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Waiting for others* (${others.length})\n${others.slice(0, 15).map(line).join('\n')}`,
      },
    });
  }
  if (input.stats?.length) {
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: `*Last 30 days*\n${input.stats.join('\n')}` } },
    );
  }
  blocks.push(
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Open cases* (${input.cases.length})\n${
          input.cases
            .slice(0, 20)
            .map((c) => `• *${c.key}* [${c.severity}] ${safe(c.title, 150)}: ${c.status.replace('_', ' ')}`)
            .join('\n') || 'No open cases.'
        }`,
      },
    },
  );
  return { type: 'home', blocks };
}
