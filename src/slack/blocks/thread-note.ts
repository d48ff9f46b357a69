// A note in the case's thread: triage findings, an action's result, the closing summary.
import type { KnownBlock } from '@slack/types';
import type { ThreadNote } from '../../../graphs/triage/ports.js';
import { ids } from '../ids.js';
import { safe, truncate } from './mrkdwn.js';

const icon: Record<ThreadNote['kind'], string> = {
  triage: ':mag:',
  result: ':gear:',
  summary: ':memo:',
};

export function buildThreadNoteBlocks(note: ThreadNote): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${icon[note.kind]} *${safe(note.title, 200)}*\n${mentionsKept(note.text)}`,
      },
    },
  ];
  const fields = (note.fields ?? []).slice(0, 10);
  if (fields.length) {
    blocks.push({
      type: 'section',
      fields: fields.map((f) => ({
        type: 'mrkdwn' as const,
        text: `*${safe(f.label, 100)}*\n${safe(f.value, 1800)}`,
      })),
    });
  }
  if (note.offer?.kind === 'revert') {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ids.actions.revert,
          text: { type: 'plain_text', text: 'Revert' },
          value: note.offer.actionId,
          confirm: {
            title: { type: 'plain_text', text: 'Roll this action back?' },
            text: { type: 'mrkdwn', text: 'Vigil will undo it now (for a block: take the IP off the list).' },
            confirm: { type: 'plain_text', text: 'Revert' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
      ],
    });
  }
  return { text: truncate(`${note.title}: ${note.text}`, 3000), blocks };
}

/** Escapes everything except user mentions Vigil itself wrote (`<@U…>`). */
function mentionsKept(text: string): string {
  const parts = text.split(/(<@[UW][A-Z0-9]+>)/);
  return truncate(parts.map((part, i) => (i % 2 === 1 ? part : safe(part, 2800))).join(''), 2800);
}
