// Cutting text to Slack's limits: never inside a character or an escape. Slack's Web API client form-encodes a
// lone surrogate fused with the next code unit, so 🔥 cut before the … would reach Slack as 🐦.
import { describe, expect, it } from 'vitest';
import { insideCodeBlock, safe, truncate } from '../../../src/slack/blocks/mrkdwn.js';
import { startLocalVigil } from '../../fakes/local-vigil.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('truncate', () => {
  it('never splits a character in half', () => {
    const title = `Beacon ${'🔥'.repeat(20)}`;
    for (let max = 8; max < 40; max += 1) {
      expect(truncate(title, max)).not.toMatch(LONE_SURROGATE);
      expect(truncate(title, max).length).toBeLessThanOrEqual(max);
      expect(safe(title, max)).not.toMatch(LONE_SURROGATE);
    }
  });

  it('never cuts an escape in half', () => {
    for (let max = 2; max < 12; max += 1) {
      const cut = safe('a<b&c>d'.repeat(3), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(?:amp|lt|gt);/g, '')).not.toContain('&');
    }
    expect(truncate('ab&amp;cd', 6)).toBe('ab…');
    expect(truncate('ab&amp;cd', 8)).toBe('ab&amp;…');
  });

  it('leaves text within the limit as it is', () => {
    expect(truncate('🔥🔥', 4)).toBe('🔥🔥');
  });
});

describe('cut text in Slack', () => {
  it('ends the investigation note with the … Vigil wrote, not another emoji', async () => {
    const t = await startLocalVigil();
    try {
      // Host names full of emoji, as an attacker can type into any free-text field an EDR reports.
      const hosts = Array.from({ length: 10 }, (_, i) => `ws-${i}-${'🔥'.repeat(120)}`);
      await t.postAlert(
        JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: '203.0.113.50', hosts }),
      );
      const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Investigation:'));
      expect(note.text.length).toBeLessThanOrEqual(3000);
      expect(note.text.endsWith('…')).toBe(true);
      expect(note.text).not.toContain('🐦');
    } finally {
      await t.stop();
    }
  });
});

describe('insideCodeBlock', () => {
  it('leaves no run of three backticks, nor one at the end, and changes nothing else', () => {
    for (const text of ['a ``` b', '`````', 'x `y` ``', 'ends in `', 'no ticks']) {
      const shown = insideCodeBlock(text);
      expect(`${shown}\`\`\``.indexOf('```')).toBe(shown.length);
      expect(shown.replaceAll('\u200D', '')).toBe(text);
    }
  });
});
