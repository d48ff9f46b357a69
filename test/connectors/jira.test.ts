// Jira Cloud against its local stub: the shared contract, issue creation with an ADF description and an
// idempotency label, transitions by name, comments, and paginated search for a case's tickets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Jira, parseJiraConfig, toAdf } from '../../connectors/jira.js';
import type { CreateTicketRequest } from '../../connectors/types.js';
import { startJiraStub, type JiraStubState } from '../../src/lab/vendors/jira-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { bodyOf, connectorError, testRuntime, type TestRuntime } from './support.js';

const TICKET: CreateTicketRequest = {
  title: 'SSH brute force against bastion',
  body: [
    { type: 'heading', text: 'What happened' },
    { type: 'paragraph', text: '412 failed logins for root from 203.0.113.7.' },
    { type: 'bullets', items: ['Source: 203.0.113.7 (NL)', 'Reputation: malicious'] },
    { type: 'code', text: 'sshd[811]: Failed password for root' },
  ],
  caseId: 12,
  severity: 'high',
  labels: ['brute force'],
  idempotencyKey: 'act_01HZX',
};

async function start(runtime: TestRuntime) {
  const stub = await startJiraStub();
  const config = parseJiraConfig({
    JIRA_BASE_URL: stub.url,
    JIRA_EMAIL: stub.state.email,
    JIRA_API_TOKEN: stub.state.apiToken,
    JIRA_PROJECT_KEY: 'SOC',
  });
  if (!config) throw new Error('config expected');
  const basic = Buffer.from(`${stub.state.email}:${stub.state.apiToken}`).toString('base64');
  return { stub, connector: new Jira(config, runtime.deps), secrets: [stub.state.apiToken, basic] };
}

describeVendorContract<JiraStubState, Jira>({
  vendor: 'jira',
  start,
  read: { call: (jira) => jira.ticketsForCase(1), method: 'POST', path: '/rest/api/3/search/jql' },
  write: { call: (jira) => jira.createTicket(TICKET), method: 'POST', path: '/rest/api/3/issue' },
  refuseCredentials: (state) => {
    state.apiToken = 'revoked-token-000000000000';
  },
});

describe('jira: requests and answers', () => {
  let stub: RunningStub<JiraStubState>;
  let jira: Jira;
  beforeEach(async () => {
    ({ stub, connector: jira } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('creates an issue with basic auth, an ADF description, case labels and the severity as priority', async () => {
    const ticket = await jira.createTicket(TICKET);
    expect(ticket).toEqual({ id: '10001', key: 'SOC-1', url: `${stub.url}/browse/SOC-1`, created: true });
    const create = stub.state.received('POST', '/rest/api/3/issue')[0];
    expect(create?.headers.authorization).toMatch(/^Basic /);
    expect(create?.headers['content-type']).toBe('application/json');
    expect(bodyOf(create)).toEqual({
      fields: {
        project: { key: 'SOC' },
        issuetype: { name: 'Task' },
        summary: 'SSH brute force against bastion',
        description: toAdf(TICKET.body),
        labels: ['vigil', 'vigil-case-12', 'vigil-key-act_01HZX', 'brute-force'],
        priority: { name: 'High' },
      },
    });
  });

  it('renders headings, paragraphs, bullet lists and code as ADF nodes', () => {
    expect(toAdf(TICKET.body)).toEqual({
      version: 1,
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'What happened' }] },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: '412 failed logins for root from 203.0.113.7.' }],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Source: 203.0.113.7 (NL)' }] }],
            },
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reputation: malicious' }] }],
            },
          ],
        },
        {
          type: 'codeBlock',
          attrs: {},
          content: [{ type: 'text', text: 'sshd[811]: Failed password for root' }],
        },
      ],
    });
  });

  it('returns the first ticket when the same idempotency key is used again, without creating another', async () => {
    const first = await jira.createTicket(TICKET);
    const again = await jira.createTicket(TICKET);
    expect(again).toEqual({ ...first, created: false });
    expect(stub.state.issues.size).toBe(1);
    expect(bodyOf(stub.state.received('POST', '/rest/api/3/search/jql')[1])).toMatchObject({
      jql: 'project = "SOC" AND labels = "vigil-key-act_01HZX"',
      maxResults: 1,
    });
  });

  it('maps Jira’s field errors to bad_request with the field named', async () => {
    const error = await connectorError(jira.createTicket({ ...TICKET, title: ' ' }));
    expect(error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(error.message).toContain('summary: You must specify a summary of the issue.');
    const long = await connectorError(
      jira.createTicket({ ...TICKET, body: [{ type: 'paragraph', text: 'x'.repeat(32_768) }] }),
    );
    expect(long.message).toContain('description: The entered text is too long.');
  });

  it('moves an issue by target status name, and does nothing when it is already there', async () => {
    const { key } = await jira.createTicket(TICKET);
    await jira.transitionTicket(key, 'in progress');
    expect(stub.state.issues.get(key)?.status).toBe('In Progress');
    expect(bodyOf(stub.state.received('POST', /\/transitions$/)[0])).toEqual({ transition: { id: '11' } });
    await jira.transitionTicket(key, 'In Progress');
    expect(stub.state.received('POST', /\/transitions$/)).toHaveLength(1);
  });

  it('moves an issue by transition name, and says which targets exist when none matches', async () => {
    const { key } = await jira.createTicket(TICKET);
    await jira.transitionTicket(key, 'Close');
    expect(stub.state.issues.get(key)?.status).toBe('Done');
    const error = await connectorError(jira.transitionTicket(key, 'Escalated'));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('no transition to "Escalated" (available: To Do)');
  });

  it('comments with an ADF body and returns the comment id', async () => {
    const { key } = await jira.createTicket(TICKET);
    expect(
      await jira.addComment(key, [{ type: 'paragraph', text: 'Blocked 203.0.113.7 for 24 h.' }]),
    ).toEqual({ id: '100' });
    expect(stub.state.issues.get(key)?.comments[0]?.body).toEqual(
      toAdf([{ type: 'paragraph', text: 'Blocked 203.0.113.7 for 24 h.' }]),
    );
  });

  it('maps an unknown issue to not_found with Jira’s message', async () => {
    const error = await connectorError(jira.addComment('SOC-999', [{ type: 'paragraph', text: 'x' }]));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(error.message).toContain('Issue does not exist');
  });

  it('finds every ticket of a case, following nextPageToken across pages', async () => {
    for (let n = 0; n < 120; n += 1)
      stub.state.createIssue({ project: { key: 'SOC' }, summary: `t${n}`, labels: ['vigil-case-4'] });
    stub.state.createIssue({ project: { key: 'SOC' }, summary: 'other', labels: ['vigil-case-5'] });
    const tickets = await jira.ticketsForCase(4);
    expect(tickets).toHaveLength(120);
    const pages = stub.state.received('POST', '/rest/api/3/search/jql').map((r) => bodyOf(r));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toMatchObject({ nextPageToken: expect.any(String) });
  });
});
