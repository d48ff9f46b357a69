import { describe, expect, it } from 'vitest';
import { buildWorkflowErrorBlocks } from '../../../src/slack/blocks/workflow-error.js';

const view = {
  caseKey: 'VIG-7',
  workflow: 'triage' as const,
  error: '<script> database or disk is full',
  at: '2026-01-01T10:00:00.000Z',
  retry: true,
};

describe('workflow error note', () => {
  it('names the workflow and offers Retry whose value is the case key only, with the error escaped', () => {
    const { text, blocks } = buildWorkflowErrorBlocks(view);
    expect(text).toMatch(
      /^Workflow error: The triage workflow stopped with an error: .* database or disk is full\.$/,
    );
    const json = JSON.stringify(blocks);
    expect(json).toContain('"action_id":"case.retry"');
    expect(json).toContain('"value":"VIG-7"');
    expect(json).toContain('press Retry once the cause is fixed');
    expect(json).toContain('&lt;script&gt;');
  });

  it('names an offboarding case’s own workflow and offers no Retry for it', () => {
    const { text, blocks } = buildWorkflowErrorBlocks({ ...view, workflow: 'offboarding', retry: false });
    expect(text).toContain('The offboarding workflow stopped with an error');
    expect(JSON.stringify(blocks)).not.toContain('case.retry');
  });

  it('replaces Retry with who retried once someone did', () => {
    const json = JSON.stringify(
      buildWorkflowErrorBlocks({ ...view, retriedBy: 'U0BOB00001', retriedAt: view.at }).blocks,
    );
    expect(json).not.toContain('case.retry"');
    expect(json).toContain('Retried by <@U0BOB00001>');
  });
});
