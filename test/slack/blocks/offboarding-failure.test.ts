import { describe, expect, it } from 'vitest';
import { buildOffboardingFailureBlocks } from '../../../src/slack/blocks/offboarding-failure.js';

const view = {
  caseKey: 'VIG-3',
  title: 'Step 2 of 3: Revoke cloud credentials',
  error: 'aws-iam (lab): <script> ServiceFailure',
  at: '2026-01-01T10:00:00.000Z',
};

describe('offboarding failure message', () => {
  it('offers Retry whose value is the case key only, with the error escaped', () => {
    const { text, blocks } = buildOffboardingFailureBlocks(view);
    expect(text).toContain('Step 2 of 3: Revoke cloud credentials failed');
    const json = JSON.stringify(blocks);
    expect(json).toContain('"action_id":"offboarding.retry"');
    expect(json).toContain('"value":"VIG-3"');
    expect(json).toContain('&lt;script&gt;');
  });

  it('replaces Retry with who retried once someone did', () => {
    const json = JSON.stringify(
      buildOffboardingFailureBlocks({ ...view, retriedBy: 'U0CAROL001', retriedAt: view.at }).blocks,
    );
    expect(json).not.toContain('offboarding.retry"');
    expect(json).toContain('Retried by <@U0CAROL001>');
  });
});
