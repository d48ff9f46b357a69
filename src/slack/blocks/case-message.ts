// The case's root message in the alerts channel: severity, title, status and, for an alert's case, its key
// entities (for an offboarding or onboarding, who asked and when), updated in place as the case moves.
import type { KnownBlock, MrkdwnElement } from '@slack/types';
import { type Alert, readingOf } from '../../../graphs/agents/extraction/contract.js';
import { mention } from '../../../graphs/lib/mention.js';
import { safe, severityEmoji, slackDate, truncate } from './mrkdwn.js';

export interface CaseView {
  key: string;
  title: string;
  severity: string;
  status: string;
  /** `triage` for a case an alert opened; `offboarding` and `onboarding` cases have no alert. */
  workflow: 'triage' | 'offboarding' | 'onboarding';
  /** A Slack user id, or the webhook that asked (`hr-webhook`, `idp-webhook`). */
  requestedBy: string;
  alert: Alert | null;
  createdAt: string;
  /** Alerts with the case's fingerprint so far (1 = just the first). */
  occurrences: number;
  /** Other alerts linked by a shared entity. */
  linked: number;
  lastSeenAt: string | null;
}

/** A case status in words (`awaiting_approval` → `awaiting approval`), for plain-text lists. */
export const statusWords = (status: string): string => status.replaceAll('_', ' ');

const statusLabel: Record<string, string> = {
  triage: ':hourglass_flowing_sand: Triage in progress',
  awaiting_approval: ':raised_hand: Awaiting approval',
  resolved: ':white_check_mark: Resolved',
  failed: ':x: Failed: see thread',
};

const list = (values: string[]): string => (values.length ? safe(values.slice(0, 10).join(', '), 1900) : '—');

/** The fields and context line of an alert's case: its entities, and how the alert was read. */
function alertDetails(view: CaseView): { fields: MrkdwnElement[]; context: string[] } {
  const o = view.alert?.observables;
  return {
    fields: [
      { type: 'mrkdwn', text: `*Severity*\n${view.severity}` },
      { type: 'mrkdwn', text: `*Source IPs*\n${list(o?.srcIps ?? [])}` },
      { type: 'mrkdwn', text: `*Destination IPs*\n${list(o?.dstIps ?? [])}` },
      { type: 'mrkdwn', text: `*Users*\n${list(o?.users ?? [])}` },
      { type: 'mrkdwn', text: `*Hosts*\n${list(o?.hosts ?? [])}` },
    ],
    context: [
      view.alert ? safe(`${view.alert.format} via ${readingOf(view.alert)}`, 200) : 'reading the alert',
      view.occurrences > 1
        ? `*seen ${view.occurrences} times*, last ${view.lastSeenAt ? slackDate(view.lastSeenAt) : 'just now'}`
        : '',
      view.linked > 0 ? `${view.linked} related alert${view.linked === 1 ? '' : 's'} linked` : '',
      'investigation in the thread',
    ],
  };
}

/** The fields and context line of an offboarding or onboarding: who asked and when; no alert, no entities. */
function workflowDetails(view: CaseView): { fields: MrkdwnElement[]; context: string[] } {
  const requester = mention(view.requestedBy);
  return {
    fields: [
      {
        type: 'mrkdwn',
        text: `*Requested by*\n${requester === view.requestedBy ? safe(requester, 200) : requester}`,
      },
      { type: 'mrkdwn', text: `*Requested*\n${slackDate(view.createdAt)}` },
    ],
    context: [
      `${view.workflow} workflow`,
      view.workflow === 'offboarding' ? 'approval and steps in the thread' : 'steps in the thread',
    ],
  };
}

export function buildCaseMessageBlocks(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const emoji = severityEmoji[view.severity] ?? ':white_circle:';
  const status =
    view.workflow !== 'triage' && view.status === 'triage'
      ? ':hourglass_flowing_sand: In progress'
      : (statusLabel[view.status] ?? view.status);
  const details = view.workflow === 'triage' ? alertDetails(view) : workflowDetails(view);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(`${view.key} · ${view.severity.toUpperCase()} · ${view.title}`, 150),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${emoji} *${safe(view.title, 2800)}*` },
      fields: [{ type: 'mrkdwn', text: `*Status*\n${status}` }, ...details.fields],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: [view.key, ...details.context].filter(Boolean).join(' · '),
        },
      ],
    },
  ];
  const seen = view.occurrences > 1 ? ` (×${view.occurrences})` : '';
  // The notification text is mrkdwn too: a broadcast or link in the title must not work there either.
  const text = safe(`${view.key} [${view.severity}] ${view.title}: ${statusWords(view.status)}${seen}`, 3000);
  return { text, blocks };
}
