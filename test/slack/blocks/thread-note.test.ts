import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { Alert, emptyObservables } from '../../../graphs/agents/extraction/contract.js';
import { Classification, EvidenceFact, Validation } from '../../../graphs/triage/contracts.js';
import { investigationNote } from '../../../graphs/triage/investigation.js';
import { validateBlocks } from '../../../src/sandbox/block-kit-limits.js';
import { buildThreadNoteBlocks, linesWithin } from '../../../src/slack/blocks/thread-note.js';

const sectionTexts = (blocks: KnownBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('thread note with sections (the investigation note)', () => {
  it('shows each section under its title, with its fields, and every section in the fallback text', () => {
    const note = buildThreadNoteBlocks({
      kind: 'triage',
      title: 'Investigation',
      text: 'Beacon to <http://evil>',
      sections: [
        {
          title: 'Triage',
          lines: ['network → network-indicator playbook'],
          fields: [{ label: 'Source IPs', value: '203.0.113.66' }],
        },
        { title: 'Evidence', lines: ['203.0.113.66 · location unknown · ioc-file: malicious (c2)'] },
        { title: 'Validation', lines: ['Confidence 0.90 · network-indicator playbook · lab'] },
      ],
    });
    expect(validateBlocks(note.blocks, 'message')).toEqual([]);
    const texts = sectionTexts(note.blocks);
    expect(texts[0]).toContain('*Investigation*\nBeacon to &lt;http://evil&gt;');
    expect(texts[1]).toBe('*Triage*\nnetwork → network-indicator playbook');
    expect(texts[2]).toContain('ioc-file: malicious (c2)');
    expect(texts[3]).toMatch(/^\*Validation\*\nConfidence 0\.90/);
    expect(JSON.stringify(note.blocks[1])).toContain('*Source IPs*\\n203.0.113.66');
    expect(note.text.split('\n')).toEqual([
      'Investigation: Beacon to &lt;http://evil&gt;',
      'Triage: network → network-indicator playbook',
      'Evidence: 203.0.113.66 · location unknown · ioc-file: malicious (c2)',
      'Validation: Confidence 0.90 · network-indicator playbook · lab',
    ]);
  });

  it('keeps a long section within Slack limits and says how many lines it left out', () => {
    const lines = Array.from(
      { length: 200 },
      (_, i) => `198.51.100.${i} · Somewhere, Far away · ioc-file: unknown`,
    );
    const note = buildThreadNoteBlocks({
      kind: 'triage',
      title: 'Investigation',
      text: 'Scan',
      sections: [{ title: 'Evidence', lines }],
    });
    expect(validateBlocks(note.blocks, 'message')).toEqual([]);
    const evidence = sectionTexts(note.blocks)[1] ?? '';
    expect(evidence.length).toBeLessThanOrEqual(3000);
    const shownLines = evidence.split('\n').slice(1);
    const more = /^…and (\d+) more$/.exec(shownLines.at(-1) ?? '');
    expect(more).not.toBeNull();
    // Every line is either shown whole or counted.
    expect(shownLines.length - 1 + Number(more?.[1])).toBe(200);
    expect(shownLines.slice(0, -1)).toEqual(lines.slice(0, shownLines.length - 1));
  });

  it('keeps an investigation of an alert naming hundreds of things under the total Slack accepts', () => {
    const ips = Array.from({ length: 300 }, (_, i) => `198.51.${i >> 8}.${i & 255}`);
    const hosts = Array.from({ length: 300 }, (_, i) => `host-${'x'.repeat(60)}-${i}.corp.example.com`);
    const alert = Alert.parse({
      format: 'json',
      recognizedBy: 'extractor',
      title: `Mass scan ${'y'.repeat(480)}`,
      severity: 'high',
      observedAt: null,
      ruleId: null,
      observables: { ...emptyObservables(), srcIps: ips, dstIps: ips, ips, hosts, users: hosts },
    });
    const evidence = ips.map((ip) => ({
      subject: `ip ${ip}`,
      source: 'ioc-file',
      observedAt: '2026-11-21T12:00:00.000Z',
      query: ip,
      fact: { verdict: 'suspicious', threats: ['scanner'.repeat(20)] },
    }));
    const note = buildThreadNoteBlocks(
      investigationNote({
        alert,
        classification: Classification.parse({
          family: 'network',
          playbook: 'network-indicator',
          severity: 'high',
          reasons: Array.from({ length: 100 }, (_, i) => `reason ${i} ${'z'.repeat(50)}`),
          by: 'heuristic',
        }),
        evidence: EvidenceFact.array().parse(evidence),
        validation: Validation.parse({
          confidence: 0.5,
          reasons: Array.from({ length: 200 }, (_, i) => `reason ${i} ${'w'.repeat(50)}`),
          exceptions: [],
          environment: 'prod',
          assetTags: [],
        }),
      }),
    );
    expect(validateBlocks(note.blocks, 'message')).toEqual([]);
    const total = JSON.stringify(note.blocks)
      .match(/"text":"(?:[^"\\]|\\.)*"/g)
      ?.reduce((n, t) => n + t.length, 0);
    expect(total).toBeLessThan(12_000);
    const texts = sectionTexts(note.blocks);
    expect(texts[1]).toMatch(/…and \d+ more$/);
    expect(texts[2]).toMatch(/^\*Evidence\*\n198\.51\.0\.0 · location unknown · ioc-file: suspicious/);
    expect(texts[2]).toMatch(/…and \d+ more$/);
    expect(texts[3]).toMatch(/…and \d+ more$/);
    expect(JSON.stringify(note.blocks)).toContain('…and 290 more');
  });

  it('keeps a long closing summary whole beside full analyst notes, under the total Slack accepts', () => {
    // Three outcomes' worth of summary, and notes at the contract's limits (12 moments, 5 steps, 300 characters).
    const summary = Array.from({ length: 12 }, (_, i) => `Line ${i} of the summary ${'s'.repeat(190)}`).join(
      '\n',
    );
    const note = buildThreadNoteBlocks({
      kind: 'summary',
      title: 'Summary',
      text: summary,
      sections: [
        {
          title: 'Timeline',
          lines: [
            'Analyst notes by heuristic:',
            ...Array.from(
              { length: 12 },
              (_, i) => `2026-11-21T12:00:0${i % 10}.000Z · ${'e'.repeat(300)} (${'s'.repeat(100)})`,
            ),
          ],
        },
        {
          title: 'Suggested next steps',
          lines: Array.from({ length: 5 }, (_, i) => `${i + 1}. ${'p'.repeat(300)}: ${'w'.repeat(300)}`),
        },
      ],
    });
    expect(validateBlocks(note.blocks, 'message')).toEqual([]);
    const texts = sectionTexts(note.blocks);
    expect(texts[0]).toBe(`:memo: *Summary*\n${summary}`);
    expect(texts.join('').length).toBeLessThan(12_000);
    expect(texts[1]).toMatch(/^\*Timeline\*\nAnalyst notes by heuristic:/);
    expect(texts[2]).toMatch(/^\*Suggested next steps\*\n1\. p/);
  });

  it('cuts a single over-long line and still counts the ones after it', () => {
    expect(linesWithin(['x'.repeat(5000), 'second'], 100)).toMatch(/^x+…\n…and 1 more$/);
    expect(linesWithin(['x'.repeat(5000), 'second'], 100).length).toBeLessThanOrEqual(100);
    expect(linesWithin(['a', 'b'], 100)).toBe('a\nb');
    expect(linesWithin(['<!channel>'], 100)).toBe('&lt;!channel&gt;');
  });
});

describe('mentions in a thread note', () => {
  it('renders no reference in an untrusted section (a model’s notes), not even one the note keeps elsewhere', () => {
    const note = buildThreadNoteBlocks({
      kind: 'summary',
      title: 'Summary',
      text: 'Decision: approved by <@U0BOB00001>.',
      sections: [
        { title: 'Timeline', lines: ['<@U0BOB00001> <!channel> <https://x.example|y>'], untrusted: true },
      ],
      mentions: ['<@U0BOB00001>'],
    });
    const [head, notes] = sectionTexts(note.blocks);
    expect(head).toContain('approved by <@U0BOB00001>');
    expect(notes).toBe('*Timeline*\n&lt;@U0BOB00001&gt; &lt;!channel&gt; &lt;https://x.example|y&gt;');
    expect(note.text).toContain('approved by <@U0BOB00001>');
    expect(note.text).toContain('Timeline: &lt;@U0BOB00001&gt; &lt;!channel&gt;');
  });

  it('renders only the mentions Vigil wrote; the same markup from an alert is shown as text', () => {
    const note = buildThreadNoteBlocks({
      kind: 'summary',
      title: 'Summary',
      text: 'Alert: Beacon <@U0MALLORY1> <!subteam^S0SENIOR01> (high, json).\nDecision: denied by <@U0BOB00001>.',
      sections: [{ title: 'More', lines: ['<@U0MALLORY1> and <@U0BOB00001>'] }],
      mentions: ['<@U0BOB00001>'],
    });
    const texts = [note.text, ...sectionTexts(note.blocks)];
    for (const text of texts) {
      expect(text).toContain('<@U0BOB00001>');
      expect(text).not.toContain('<@U0MALLORY1>');
      expect(text).toContain('&lt;@U0MALLORY1&gt;');
    }
    expect(note.text).toContain('&lt;!subteam^S0SENIOR01&gt;');
  });

  it('renders a user group Vigil named (an escalation to a group given by id)', () => {
    const note = buildThreadNoteBlocks({
      kind: 'triage',
      title: 'Escalated',
      text: 'Nobody decided block_ip 192.0.2.42 in time, so it now waits for members of <!subteam^S0SENIOR01>.',
      mentions: ['<!subteam^S0SENIOR01>'],
    });
    expect(sectionTexts(note.blocks)[0]).toContain('members of <!subteam^S0SENIOR01>.');
  });

  it('without mentions, escapes every mention', () => {
    expect(buildThreadNoteBlocks({ kind: 'result', title: 'x', text: '<@U0BOB00001>' }).text).toBe(
      'x: &lt;@U0BOB00001&gt;',
    );
  });
});
