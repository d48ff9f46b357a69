import { describe, expect, it } from 'vitest';
import { mention, mentionsOf, referencesIn } from '../../../graphs/lib/mention.js';

describe('mention', () => {
  it('mentions a Slack user, names Vigil itself, and leaves any other actor as it is', () => {
    expect(mention('U0BOB00001')).toBe('<@U0BOB00001>');
    expect(mention('W0ENTERPRISE')).toBe('<@W0ENTERPRISE>');
    expect(mention('vigil')).toBe('Vigil');
    expect(mention('webhook')).toBe('webhook');
  });

  it('lists the mentions of the actors that are Slack users, for a note', () => {
    expect(mentionsOf(['U0BOB00001', 'vigil', null, undefined, 'U0CAROL001'])).toEqual([
      '<@U0BOB00001>',
      '<@U0CAROL001>',
    ]);
  });

  it('finds the references in text Vigil wrote', () => {
    expect(referencesIn('<@U0BOB00001>, <@U0CAROL001>')).toEqual(['<@U0BOB00001>', '<@U0CAROL001>']);
    expect(referencesIn('members of <!subteam^S0SENIOR01>')).toEqual(['<!subteam^S0SENIOR01>']);
    expect(referencesIn('members of @soc-senior')).toEqual([]);
  });
});
