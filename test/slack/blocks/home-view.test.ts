import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../src/slack/blocks/approval-card.js';
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
    const view = buildHomeView({ approvals: [approval({})], cases: [], now });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*Waiting for you* (1)');
    expect(text).toContain('1h 20m left');
    expect(text).toContain('1 of 2 approvals');
  });

  it('says when a request has no expiry or has run out', () => {
    const view = buildHomeView({
      approvals: [
        approval({ expiresAt: null, quorum: 1 }),
        approval({ expiresAt: '2026-11-21T09:59:00.000Z', canDecide: false }),
      ],
      cases: [],
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
});
