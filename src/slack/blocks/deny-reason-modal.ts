// The modal that asks a person why they deny an approval. The approval id rides in private_metadata.
import type { ModalView } from '@slack/types';
import { ids } from '../ids.js';
import { safe } from './mrkdwn.js';

export function buildDenyReasonModal(approvalId: string, summary: string): ModalView {
  return {
    type: 'modal',
    callback_id: ids.views.denyReason,
    private_metadata: approvalId,
    title: { type: 'plain_text', text: 'Deny action' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `You are denying: *${safe(summary, 2000)}*` } },
      {
        type: 'input',
        block_id: ids.blocks.denyReason,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: ids.inputs.denyReason,
          multiline: true,
          min_length: 3,
          max_length: 1000,
          placeholder: { type: 'plain_text', text: 'Why should Vigil not do this?' },
        },
      },
    ],
  };
}
