// App Home: the viewer's pending approvals (those they may decide first) and the open cases.
import type { HomeView, KnownBlock } from '@slack/types';
import { timeLeft } from './approval-card.js';
import { statusWords } from './case-message.js';
import { linked } from '../permalink.js';
import { fitLines, safe, slackDate } from './mrkdwn.js';

/** Slack's limit on a section's text. */
const SECTION_TEXT = 3000;

/**
 * A section listing `lines` (the first of `total`) under `heading`: as many as fit, the rest counted; `empty`
 * when there are none.
 */
function listSection(heading: string, lines: string[], empty = '', total = lines.length): KnownBlock {
  const head = `${heading}\n`;
  const list = fitLines(lines, SECTION_TEXT - head.length, total);
  return { type: 'section', text: { type: 'mrkdwn', text: `${head}${list || empty}` } };
}

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
  /** Whether the viewer may decide it, by the click's rules (ApprovalService.mayDecide). */
  canDecide: boolean;
  /** Links to the case's message and to the card, once posted. */
  caseLink?: string;
  cardLink?: string;
}

export interface HomeCase {
  key: string;
  title: string;
  severity: string;
  status: string;
  /** A link to the case's message, once posted. */
  link?: string;
}

export function buildHomeView(input: {
  approvals: HomeApproval[];
  /** The newest open cases, and how many are open in all. */
  cases: HomeCase[];
  openCases: number;
  stats?: string[];
  /** The time the view is rendered at, for the time left. */
  now: Date;
}): HomeView {
  const mine = input.approvals.filter((a) => a.canDecide);
  const others = input.approvals.filter((a) => !a.canDecide);
  const line = (a: HomeApproval) => {
    const left = a.expiresAt ? ` · ${timeLeft(a.expiresAt, input.now)}` : '';
    const quorum = a.quorum > 1 ? ` · ${a.approvals} of ${a.quorum} approvals` : '';
    const card = a.cardLink ? ` · ${linked(a.cardLink, 'open the card')}` : '';
    return `• *${linked(a.caseLink, a.caseKey)}*: ${safe(a.action)} \`${safe(a.target, 200)}\`, waiting since ${slackDate(a.requestedAt)}${left}${quorum}${card}`;
  };
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Vigil' } },
    listSection(`*Waiting for you* (${mine.length})`, mine.map(line), 'Nothing waits for your decision.'),
  ];
  if (others.length) blocks.push(listSection(`*Waiting for others* (${others.length})`, others.map(line)));
  if (input.stats?.length) {
    blocks.push({ type: 'divider' }, listSection('*Last 30 days*', input.stats));
  }
  blocks.push(
    { type: 'divider' },
    listSection(
      `*Open cases* (${input.openCases})`,
      input.cases.map(
        (c) =>
          `• *${linked(c.link, c.key)}* [${safe(c.severity, 20)}] ${safe(c.title, 150)}: ${safe(statusWords(c.status), 40)}`,
      ),
      'No open cases.',
      input.openCases,
    ),
  );
  return { type: 'home', blocks };
}

/** The whole Home of someone who may not read cases: one sentence saying why and what to do. */
export function buildHomeRefusal(text: string): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Vigil' } },
      { type: 'section', text: { type: 'mrkdwn', text: safe(text, SECTION_TEXT) } },
    ],
  };
}
