import { describe, expect, it } from 'vitest';
import { buildOnboardingFlagBlocks } from '../../../src/slack/blocks/onboarding-flag.js';
import { OnboardingRetryValue } from '../../../src/slack/listeners/actions/onboarding-retry.js';

const view = {
  caseKey: 'VIG-4',
  step: 'provision-salesforce',
  title: 'Salesforce account',
  error: 'salesforce (lab): Duplicate Username.<br>',
  at: '2026-01-01T10:00:00.000Z',
};

describe('onboarding flag message', () => {
  it('names the failed step, flags it for review with the error escaped, and offers Retry valued case/step only', () => {
    const { text, blocks } = buildOnboardingFlagBlocks(view);
    expect(text).toBe(
      'Salesforce account failed, flagged for review: salesforce (lab): Duplicate Username.&lt;br&gt;',
    );
    const json = JSON.stringify(blocks);
    expect(json).toContain('flagged for review');
    expect(json).toContain('&lt;br&gt;');
    expect(json).toContain('"action_id":"onboarding.retry"');
    expect(json).toContain('"value":"VIG-4/provision-salesforce"');
    expect(OnboardingRetryValue.parse('VIG-4/provision-salesforce')).toEqual({
      caseId: 4,
      step: 'provision-salesforce',
    });
    expect(OnboardingRetryValue.safeParse('VIG-4/drop-tables').success).toBe(false);
  });

  it('replaces Retry with who retried once someone did', () => {
    const json = JSON.stringify(
      buildOnboardingFlagBlocks({ ...view, retriedBy: 'U0BOB00001', retriedAt: view.at }).blocks,
    );
    expect(json).not.toContain('onboarding.retry"');
    expect(json).toContain('Retried by <@U0BOB00001>');
  });
});
