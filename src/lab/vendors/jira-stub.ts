// A local Jira Cloud site (REST API v3): issue create with field validation (ADF descriptions, labels
// without spaces), enhanced JQL search with nextPageToken, transitions of a small workflow, comments,
// basic auth with an API token, and Jira's `{"errorMessages","errors"}` bodies.
import * as stub from './stub-server.js';

export interface JiraStubIssue {
  id: string;
  key: string;
  status: string;
  fields: Record<string, unknown>;
  comments: Array<{ id: string; body: unknown }>;
}

/** Status name to the transitions available from it. */
export const JIRA_WORKFLOW: Record<string, Array<{ id: string; name: string; to: string }>> = {
  'To Do': [
    { id: '11', name: 'Start work', to: 'In Progress' },
    { id: '31', name: 'Close', to: 'Done' },
  ],
  'In Progress': [
    { id: '21', name: 'Stop work', to: 'To Do' },
    { id: '31', name: 'Close', to: 'Done' },
  ],
  Done: [{ id: '41', name: 'Reopen', to: 'To Do' }],
};

export class JiraStubState extends stub.StubState {
  email = 'vigil-bot@example.com';
  apiToken = 'jira-test-token-0123456789ABCDEF';
  projects = new Set(['SOC']);
  priorities = new Set(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
  issues = new Map<string, JiraStubIssue>();
  private counter = 10000;

  createIssue(fields: Record<string, unknown>): JiraStubIssue {
    this.counter += 1;
    const project = (fields.project as { key: string }).key;
    const issue = {
      id: String(this.counter),
      key: `${project}-${this.counter - 10000}`,
      status: 'To Do',
      fields,
      comments: [],
    };
    this.issues.set(issue.key, issue);
    return issue;
  }
}

function jiraError(status: number, messages: string[] = [], errors: Record<string, string> = {}): stub.Reply {
  return { status, json: { errorMessages: messages, errors } };
}

/** Jira Cloud's limit on a text field such as the description. */
const TEXT_FIELD_LIMIT = 32_767;

/** The characters of text in an Atlassian Document, as Jira counts a field's length. */
function adfTextLength(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const text: unknown = Reflect.get(node, 'text');
  const content: unknown = Reflect.get(node, 'content');
  return (
    (typeof text === 'string' ? text.length : 0) +
    (Array.isArray(content) ? content.reduce((n: number, c: unknown) => n + adfTextLength(c), 0) : 0)
  );
}

const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

function validateFields(state: JiraStubState, fields: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const project = fields.project as { key?: string } | undefined;
  if (!project?.key || !state.projects.has(project.key)) errors.project = 'valid project is required';
  if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
    errors.summary = 'You must specify a summary of the issue.';
  }
  if (!(fields.issuetype as { name?: string } | undefined)?.name) errors.issuetype = 'Specify an issue type';
  const description = fields.description as { type?: string; version?: number } | undefined;
  if (description !== undefined && (description.type !== 'doc' || description.version !== 1)) {
    errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  } else if (description !== undefined && adfTextLength(description) > TEXT_FIELD_LIMIT) {
    errors.description = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
  }
  const spaced = ((fields.labels as string[] | undefined) ?? []).find((l) => /\s/.test(l));
  if (spaced !== undefined) errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
  const priority = (fields.priority as { name?: string } | undefined)?.name;
  if (priority !== undefined && !state.priorities.has(priority))
    errors.priority = `Priority name '${priority}' is not valid`;
  return errors;
}

function search(state: JiraStubState, request: stub.RecordedRequest): stub.Reply {
  const body = stub.jsonBody(request) as { jql: string; maxResults?: number; nextPageToken?: string };
  const project = /project = "([^"]+)"/.exec(body.jql)?.[1];
  const label = /labels = "([^"]+)"/.exec(body.jql)?.[1];
  const matching = [...state.issues.values()].filter(
    (issue) =>
      (!project || issue.key.startsWith(`${project}-`)) &&
      (!label || ((issue.fields.labels as string[] | undefined) ?? []).includes(label)),
  );
  const offset = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) : 0;
  const size = Math.min(body.maxResults ?? 50, 5000);
  const page = matching.slice(offset, offset + size);
  const isLast = offset + size >= matching.length;
  return {
    status: 200,
    json: {
      issues: page.map((issue) => ({
        id: issue.id,
        key: issue.key,
        fields: { summary: issue.fields.summary },
      })),
      ...(isLast ? {} : { nextPageToken: Buffer.from(String(offset + size)).toString('base64url') }),
      isLast,
    },
  };
}

export async function startJiraStub(
  options: stub.StubServerOptions = {},
): Promise<stub.RunningStub<JiraStubState>> {
  const state = new JiraStubState(options.now);
  const issueOf = (request: stub.RecordedRequest) =>
    state.issues.get(stub.pathParam(request, /^\/rest\/api\/3\/issue\/([^/]+)/) ?? '');

  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) => jiraError(status, [message]),
      handle(request) {
        const expected = `Basic ${Buffer.from(`${state.email}:${state.apiToken}`).toString('base64')}`;
        if (request.headers.authorization !== expected) {
          return { status: 401, text: 'Client must be authenticated to access this resource.' };
        }
        const { method, path } = request;
        if (method === 'POST' && path === '/rest/api/3/issue') {
          const { fields } = stub.jsonBody(request) as { fields: Record<string, unknown> };
          const errors = validateFields(state, fields);
          if (Object.keys(errors).length) return jiraError(400, [], errors);
          const issue = state.createIssue(fields);
          return {
            status: 201,
            json: { id: issue.id, key: issue.key, self: `/rest/api/3/issue/${issue.id}` },
          };
        }
        if (method === 'POST' && path === '/rest/api/3/search/jql') return search(state, request);
        const issue = issueOf(request);
        if (!issue) return jiraError(404, [NO_ISSUE]);
        if (path.endsWith('/transitions')) {
          const available = JIRA_WORKFLOW[issue.status] ?? [];
          if (method === 'GET') {
            return {
              status: 200,
              json: { transitions: available.map((t) => ({ id: t.id, name: t.name, to: { name: t.to } })) },
            };
          }
          const id = (stub.jsonBody(request) as { transition?: { id?: string } }).transition?.id;
          const transition = available.find((t) => t.id === id);
          if (!transition) return jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
          issue.status = transition.to;
          return { status: 204 };
        }
        if (method === 'POST' && path.endsWith('/comment')) {
          const comment = {
            id: String(issue.comments.length + 100),
            body: (stub.jsonBody(request) as { body: unknown }).body,
          };
          issue.comments.push(comment);
          return { status: 201, json: { ...comment, created: state.now().toISOString() } };
        }
        if (method === 'GET')
          return {
            status: 200,
            json: { id: issue.id, key: issue.key, fields: { status: { name: issue.status } } },
          };
        return jiraError(405, ['Method not allowed']);
      },
    },
    options,
  );
}
