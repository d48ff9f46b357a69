// The high-severity ticket's description stays within what Jira Cloud accepts (32,767 characters; longer is
// refused with "The entered text is too long"), so an alert naming thousands of entities (a scan, a spray, a
// fan-out) still gets its ticket, its lists cut and counted.
import { describe, expect, it } from 'vitest';
import { toAdf } from '../../../connectors/jira.js';
import type { CreateTicketRequest, Ticket, Ticketing } from '../../../connectors/types.js';
import { setup } from './harness.js';

/** Jira Cloud's limit on a text field such as the description. */
const JIRA_TEXT_LIMIT = 32_767;

class RecordingTicketing implements Ticketing {
  readonly name = 'jira';
  readonly created: CreateTicketRequest[] = [];
  async createTicket(request: CreateTicketRequest): Promise<Ticket> {
    this.created.push(request);
    return { id: '10001', key: 'SOC-1', url: 'https://example.atlassian.net/browse/SOC-1', created: true };
  }
  async transitionTicket(): Promise<void> {}
  async addComment(): Promise<{ id: string }> {
    return { id: '1' };
  }
  async ticketsForCase(): Promise<Ticket[]> {
    return [];
  }
}

/** The characters of text in an ADF document, as Jira counts a description's length. */
function adfText(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const text = Reflect.get(node, 'text');
  const content = Reflect.get(node, 'content');
  return (
    (typeof text === 'string' ? text.length : 0) +
    (Array.isArray(content) ? content.reduce((n: number, c: unknown) => n + adfText(c), 0) : 0)
  );
}

describe('the high-severity ticket for an alert with many observables', () => {
  it('keeps the description within what Jira accepts, listing the first values and counting the rest', async () => {
    const ticketing = new RecordingTicketing();
    const t = setup('version: 1\nactions: {}\n', { ticketing });
    // A password-spray alert naming the 2,500 accounts it tried.
    const users = Array.from({ length: 2_500 }, (_, i) => `user${String(i).padStart(4, '0')}@example.com`);
    const { config, input } = t.open({ title: 'Password spray against SSO', severity: 'high', users });
    await t.graph.invoke(input, config);

    const [request] = ticketing.created;
    expect(request).toBeDefined();
    expect(adfText(toAdf(request?.body ?? []))).toBeLessThanOrEqual(JIRA_TEXT_LIMIT);
    const text = JSON.stringify(request?.body);
    expect(text).toContain('Users: user0000@example.com, user0001@example.com');
    expect(text).toMatch(/user00(\d\d)@example\.com and (\d+) more \(all in Vigil case VIG-1\)/);
    const [, last, more] = /user00(\d\d)@example\.com and (\d+) more/.exec(text) ?? [];
    expect(Number(last) + 1 + Number(more)).toBe(2_500);
  });
});
