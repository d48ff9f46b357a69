// The case's root message in the alerts channel: severity, title, key entities and status, updated in
// place as the case moves.
import type { KnownBlock } from '@slack/types';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { safe, severityEmoji, truncate } from './mrkdwn.js';

export interface CaseView {
  key: string;
  title: string;
  severity: string;
  status: string;
  alert: Alert | null;
  createdAt: string;
}

const statusLabel: Record<string, string> = {
  triage: ':hourglass_flowing_sand: Triage in progress',
  awaiting_approval: ':raised_hand: Awaiting approval',
  resolved: ':white_check_mark: Resolved',
  failed: ':x: Failed: see thread',
};

const list = (values: string[]): string => (values.length ? safe(values.slice(0, 10).join(', '), 1900) : '—');

export function buildCaseMessageBlocks(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const emoji = severityEmoji[view.severity] ?? ':white_circle:';
  const status = statusLabel[view.status] ?? view.status;
  const o = view.alert?.observables;
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
      fields: [
        { type: 'mrkdwn', text: `*Status*\n${status}` },
        { type: 'mrkdwn', text: `*Severity*\n${view.severity}` },
        { type: 'mrkdwn', text: `*Source IPs*\n${list(o?.srcIps ?? [])}` },
        { type: 'mrkdwn', text: `*Destination IPs*\n${list(o?.dstIps ?? [])}` },
        { type: 'mrkdwn', text: `*Users*\n${list(o?.users ?? [])}` },
        { type: 'mrkdwn', text: `*Hosts*\n${list(o?.hosts ?? [])}` },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${view.key} · ${view.alert ? safe(`${view.alert.format} via ${view.alert.recognizedBy}`, 200) : 'reading the alert'} · investigation in the thread`,
        },
      ],
    },
  ];
  const text = truncate(
    `${view.key} [${view.severity}] ${view.title}: ${view.status.replace('_', ' ')}`,
    3000,
  );
  return { text, blocks };
}
