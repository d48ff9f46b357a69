// Jira Cloud (REST API v3, basic auth with an account email and API token) as the ticketing system: issues
// created with an Atlassian Document Format description, transitions by name, comments, and the issues of
// a case found again by label (search with nextPageToken pagination).
import { z } from 'zod';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, staticAuth, type HttpClient } from './http/http-client.js';
import { collectPages } from './http/paginate.js';
import type { ConnectorDeps } from './runtime.js';
import type { CreateTicketRequest, Ticket, TicketBlock, Ticketing } from './types.js';

export const JIRA_NAME = 'jira';

export const jiraEnv = {
  JIRA_BASE_URL: { key: 'baseUrl', description: 'Jira Cloud site, e.g. https://example.atlassian.net' },
  JIRA_EMAIL: { key: 'email', description: 'Email of the Atlassian account Vigil acts as' },
  JIRA_API_TOKEN: { key: 'apiToken', description: 'API token of that account', secret: true },
  JIRA_PROJECT_KEY: { key: 'projectKey', description: 'Project that receives Vigil’s tickets, e.g. SOC' },
  JIRA_ISSUE_TYPE: { key: 'issueType', description: 'Issue type of new tickets', default: 'Task' },
  JIRA_SET_PRIORITY: {
    key: 'setPriority',
    description: 'Set the priority from the case severity (false when the create screen has no priority)',
    default: 'true',
  },
} as const satisfies EnvSpec;

export const JiraConfig = z.object({
  baseUrl: VendorUrl,
  email: z.email(),
  apiToken: z.string().min(16),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/),
  issueType: z.string().min(1),
  setPriority: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
export type JiraConfig = z.infer<typeof JiraConfig>;

export function parseJiraConfig(values: EnvValues): JiraConfig | undefined {
  return parseVendorEnv(JIRA_NAME, jiraEnv, JiraConfig, values);
}

const PRIORITY: Record<CreateTicketRequest['severity'], string> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const CreatedIssue = z.object({ id: z.string(), key: z.string() });
const SearchPage = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }) })),
});
const IssueStatus = z.object({ fields: z.object({ status: z.object({ name: z.string() }) }) });

/** `{"errorMessages":["Issue does not exist…"],"errors":{"summary":"You must specify a summary…"}}` */
const describeJiraError = errorBody(
  z.object({
    errorMessages: z.array(z.string()).default([]),
    errors: z.record(z.string(), z.string()).default({}),
  }),
  (body) => ({
    detail: [
      ...body.errorMessages,
      ...Object.entries(body.errors).map(([field, message]) => `${field}: ${message}`),
    ].join('; '),
  }),
);

type AdfNode = { type: string; attrs?: Record<string, unknown>; content?: AdfNode[]; text?: string };

/** Renders ticket blocks as an Atlassian Document Format document (empty text nodes are not allowed). */
export function toAdf(blocks: readonly TicketBlock[]): AdfNode & { version: 1 } {
  const text = (value: string): AdfNode[] => (value === '' ? [] : [{ type: 'text', text: value }]);
  const paragraph = (value: string): AdfNode => ({ type: 'paragraph', content: text(value) });
  const content = blocks.map((block): AdfNode => {
    switch (block.type) {
      case 'heading':
        return { type: 'heading', attrs: { level: 3 }, content: text(block.text) };
      case 'paragraph':
        return paragraph(block.text);
      case 'bullets':
        return {
          type: 'bulletList',
          content: block.items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
        };
      case 'code':
        return { type: 'codeBlock', attrs: {}, content: text(block.text) };
    }
  });
  return { version: 1, type: 'doc', content };
}

/** Jira labels cannot contain spaces. */
const label = (value: string) => value.trim().replace(/\s+/g, '-').slice(0, 255);

export class Jira implements Ticketing {
  readonly name = JIRA_NAME;
  private readonly http: HttpClient;

  constructor(
    private readonly config: JiraConfig,
    deps: ConnectorDeps = {},
  ) {
    const basic = Buffer.from(`${config.email}:${config.apiToken}`).toString('base64');
    this.http = createHttpClient(deps, {
      vendor: JIRA_NAME,
      baseUrl: config.baseUrl,
      auth: staticAuth({ authorization: `Basic ${basic}` }),
      secrets: [config.apiToken, basic],
      describeError: describeJiraError,
    });
  }

  async createTicket(request: CreateTicketRequest): Promise<Ticket> {
    // Jira takes no idempotency key, so the key travels as a label and is searched for first: a retried
    // action finds the ticket its first attempt created.
    const keyLabel = `vigil-key-${request.idempotencyKey.replace(/[^\w.:-]/g, '-')}`.slice(0, 255);
    const [existing] = await this.search(`labels = "${keyLabel}"`, 1);
    if (existing) return { ...existing, created: false };
    const fields: Record<string, unknown> = {
      project: { key: this.config.projectKey },
      issuetype: { name: this.config.issueType },
      summary: request.title.replace(/\s+/g, ' ').slice(0, 255),
      description: toAdf(request.body),
      labels: [...new Set(['vigil', `vigil-case-${request.caseId}`, keyLabel, ...request.labels.map(label)])],
    };
    if (this.config.setPriority) fields.priority = { name: request.priority ?? PRIORITY[request.severity] };
    const { data } = await this.http.request({
      operation: 'create issue',
      method: 'POST',
      path: '/rest/api/3/issue',
      json: { fields },
      idempotent: false,
      schema: CreatedIssue,
    });
    return this.toTicket(data, true);
  }

  async transitionTicket(ticketKey: string, to: string): Promise<void> {
    const path = `/rest/api/3/issue/${encodeURIComponent(ticketKey)}/transitions`;
    const { data } = await this.http.request({
      operation: 'list transitions',
      method: 'GET',
      path,
      idempotent: true,
      schema: Transitions,
    });
    const wanted = to.toLowerCase();
    const transition = data.transitions.find(
      (t) => t.name.toLowerCase() === wanted || t.to.name.toLowerCase() === wanted,
    );
    if (!transition) {
      if ((await this.status(ticketKey)).toLowerCase() === wanted) return;
      const available = data.transitions.map((t) => t.to.name).join(', ') || 'none';
      throw this.http.error(
        'transition issue',
        'bad_request',
        `no transition to "${to}" (available: ${available})`,
      );
    }
    await this.http.request({
      operation: 'transition issue',
      method: 'POST',
      path,
      json: { transition: { id: transition.id } },
      idempotent: false,
      schema: z.unknown(),
    });
  }

  async addComment(ticketKey: string, body: TicketBlock[]): Promise<{ id: string }> {
    const { data } = await this.http.request({
      operation: 'comment on issue',
      method: 'POST',
      path: `/rest/api/3/issue/${encodeURIComponent(ticketKey)}/comment`,
      json: { body: toAdf(body) },
      idempotent: false,
      schema: z.object({ id: z.string() }),
    });
    return { id: data.id };
  }

  async ticketsForCase(caseId: number): Promise<Ticket[]> {
    return this.search(`labels = "vigil-case-${caseId}" ORDER BY created ASC`, 100);
  }

  private async search(condition: string, pageSize: number): Promise<Ticket[]> {
    const jql = `project = "${this.config.projectKey}" AND ${condition}`;
    const issues = await collectPages<z.infer<typeof CreatedIssue>, string | null>(
      null,
      async (pageToken) => {
        const { data } = await this.http.request({
          operation: 'search issues',
          method: 'POST',
          path: '/rest/api/3/search/jql',
          json: {
            jql,
            fields: ['summary'],
            maxResults: pageSize,
            ...(pageToken ? { nextPageToken: pageToken } : {}),
          },
          idempotent: true,
          schema: SearchPage,
        });
        return { items: data.issues, next: data.isLast ? undefined : (data.nextPageToken ?? undefined) };
      },
      pageSize === 1 ? { maxItems: 1 } : {},
    );
    return issues.map((issue) => this.toTicket(issue, false));
  }

  private async status(ticketKey: string): Promise<string> {
    const { data } = await this.http.request({
      operation: 'read issue status',
      method: 'GET',
      path: `/rest/api/3/issue/${encodeURIComponent(ticketKey)}`,
      query: { fields: 'status' },
      idempotent: true,
      schema: IssueStatus,
    });
    return data.fields.status.name;
  }

  private toTicket(issue: z.infer<typeof CreatedIssue>, created: boolean): Ticket {
    return { id: issue.id, key: issue.key, url: `${this.config.baseUrl}/browse/${issue.key}`, created };
  }
}
