import { describe, expect, it } from 'vitest';
import { buildOnboardingFlagBlocks } from '../../../src/slack/blocks/onboarding-flag.js';

describe('onboarding flag message', () => {
  it('names the failed step and flags it for review, with the vendor’s error escaped and no buttons', () => {
    const { text, blocks } = buildOnboardingFlagBlocks({
      caseKey: 'VIG-4',
      title: 'Salesforce account',
      error: 'salesforce (lab): Duplicate Username.<br>',
      at: '2026-01-01T10:00:00.000Z',
    });
    expect(text).toBe(
      'Salesforce account failed, flagged for review: salesforce (lab): Duplicate Username.<br>',
    );
    const json = JSON.stringify(blocks);
    expect(json).toContain('flagged for review');
    expect(json).toContain('&lt;br&gt;');
    expect(json).toContain('VIG-4');
    expect(json).not.toContain('"type":"actions"');
  });
});
