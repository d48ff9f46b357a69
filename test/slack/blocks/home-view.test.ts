import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../src/slack/blocks/approval-card.js';
import { validateView } from '../../../src/sandbox/block-kit-limits.js';
import { buildHomeView, type HomeApproval } from '../../../src/slack/blocks/home-view.js';

const now = new Date('2026-11-21T10:00:00.000Z');
const approval = (over: Partial<HomeApproval>): HomeApproval => ({
  caseKey: 'VIG-3',
  action: 'isolate_host',
  target: 'PAY-DB-1',
  requestedAt: '2026-11-21T09:00:00.000Z',
  expiresAt: '2026-11-21T11:20:00.000Z',
  quorum: 2,
  approvals: 1,
  canDecide: true,
  ...over,
});

describe('App Home', () => {
  it("lists the viewer's pending approvals with their time left and quorum progress", () => {
    const view = buildHomeView({ approvals: [approval({})], cases: [], openCases: 0, now });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*Waiting for you* (1)');
    expect(text).toContain('1h 20m left');
    expect(text).toContain('1 of 2 approvals');
  });

  it('links each case key to its message and each approval to its card, once they are posted', () => {
    const root = 'https://acme.slack.com/archives/C1/p1700000000000100';
    const card = `${root.replace('p1700000000000100', 'p1700000050000200')}?thread_ts=1700000000.000100&cid=C1`;
    const view = buildHomeView({
      approvals: [approval({ caseLink: root, cardLink: card }), approval({ caseKey: 'VIG-4' })],
      cases: [
        { key: 'VIG-3', title: 'Beacon', severity: 'high', status: 'awaiting_approval', link: root },
        { key: 'VIG-4', title: 'Scan', severity: 'low', status: 'triage' },
      ],
      openCases: 2,
      now,
    });
    const text = view.blocks
      .map((b) => (b.type === 'section' && 'text' in b && typeof b.text === 'object' ? b.text.text : ''))
      .join('\n');
    expect(text).toContain(`• *<${root}|VIG-3>*: isolate_host`);
    expect(text).toContain(` · <${card.replace('&', '&amp;')}|open the card>`);
    expect(text).toContain('• *VIG-4*: isolate_host');
    expect(text).toContain(`• *<${root}|VIG-3>* [high] Beacon`);
    expect(text).toContain('• *VIG-4* [low] Scan');
  });

  it('says when a request has no expiry or has run out', () => {
    const view = buildHomeView({
      approvals: [
        approval({ expiresAt: null, quorum: 1 }),
        approval({ expiresAt: '2026-11-21T09:59:00.000Z', canDecide: false }),
      ],
      cases: [],
      openCases: 0,
      now,
    });
    const text = JSON.stringify(view.blocks);
    expect(text).not.toContain('approvals\\n');
    expect(text).toContain('*Waiting for others* (1)');
    expect(text).toContain('expired');
  });

  it('writes time left in minutes, hours or days', () => {
    expect(timeLeft('2026-11-21T10:00:30.000Z', now)).toBe('1m left');
    expect(timeLeft('2026-11-21T10:45:00.000Z', now)).toBe('45m left');
    expect(timeLeft('2026-11-23T12:00:00.000Z', now)).toBe('2d 2h left');
    expect(timeLeft('2026-11-21T09:00:00.000Z', now)).toBe('expired');
  });

  it("stays within Slack's limits for a busy SOC, showing what fits and counting the rest", () => {
    const approvals = Array.from({ length: 40 }, (_, i) =>
      approval({
        caseKey: `VIG-${1000 + i}`,
        target: `ws-finance-${i}.corp.example.com`,
        canDecide: i % 2 === 0,
      }),
    );
    const cases = Array.from({ length: 20 }, (_, i) => ({
      key: `VIG-${1000 + i}`,
      title: `Malicious PowerShell execution: encoded command downloading a payload from a remote host on FINANCE-WS-${i} (rule 4104)`,
      severity: 'high',
      status: 'awaiting_approval',
    }));
    const view = buildHomeView({ approvals, cases, openCases: 230, now });
    // What Slack itself checks on views.publish (the emulator's copy of its limits): 3,000 characters a section.
    expect(validateView(view)).toEqual([]);
    const sections = (view.blocks as Array<{ type: string; text?: { text: string } }>).flatMap((b) =>
      b.type === 'section' && b.text ? [b.text.text] : [],
    );
    const listed = (heading: string) => {
      const text = sections.find((t) => t.startsWith(heading)) ?? '';
      return { text, shown: text.split('\n').filter((line) => line.startsWith('• ')).length };
    };
    const open = listed('*Open cases* (230)');
    expect(open.shown).toBeGreaterThan(5);
    expect(open.text.endsWith(`\n…and ${230 - open.shown} more`)).toBe(true);
    const mine = listed('*Waiting for you* (20)');
    expect(mine.shown).toBeGreaterThan(5);
    expect(mine.shown).toBeLessThan(20);
    expect(mine.text.endsWith(`\n…and ${20 - mine.shown} more`)).toBe(true);
  });
});
