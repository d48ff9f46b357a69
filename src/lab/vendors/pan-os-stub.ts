// A local PAN-OS firewall's XML API for User-ID: POST /api/ with type=user-id and a uid-message that
// registers or unregisters IP tags (with timeouts), the X-PAN-KEY header, and PAN-OS's XML answers,
// including the "already exists, ignore" errors it gives for repeated registrations.
import * as stub from './stub-server.js';

export interface RegisteredTag {
  /** Seconds, or null for no timeout. */
  timeout: number | null;
  persistent: boolean;
}

export class PanOsStubState extends stub.StubState {
  apiKey = 'LUFRPT1panos-test-key-0123456789abcdef==';
  /** IP to tag to registration. */
  registered = new Map<string, Map<string, RegisteredTag>>();
  /** The uid-messages received, as sent. */
  readonly messages: string[] = [];
  /** Changes made (not the repeats PAN-OS ignores), as `register <ip> <tag>` or `unregister <ip> <tag>`. */
  readonly changes: string[] = [];
}

const xml = (status: 'success' | 'error', inner: string, code?: string) =>
  `<response status="${status}"${code ? ` code="${code}"` : ''}>${inner}</response>`;

function panError(status: number, message: string, code = String(status)): stub.Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    text: xml('error', `<result><msg>${message}</msg></result>`, code),
  };
}

function uidResponse(operation: string, notes: Array<{ ip: string; message: string }>): stub.Reply {
  const entries = notes.map((n) => `<entry ip="${n.ip}" message="${n.message}"/>`).join('');
  const body = `<uid-response><version>2.0</version><payload><${operation}>${entries}</${operation}></payload></uid-response>`;
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    text: notes.length
      ? xml('error', `<msg><line>${body}</line></msg>`)
      : xml('success', `<result>${body}</result>`),
  };
}

/** Applies a uid-message's register or unregister entries; returns PAN-OS's per-IP notes. */
function apply(state: PanOsStubState, message: string): stub.Reply {
  const operation = /<payload>\s*<(register|unregister)>/.exec(message)?.[1];
  if (!operation) return panError(400, 'Invalid uid-message: no register or unregister payload');
  const notes: Array<{ ip: string; message: string }> = [];
  for (const [, attributes = '', tags = ''] of message.matchAll(
    /<entry\s([^>]*)>\s*<tag>([\s\S]*?)<\/tag>\s*<\/entry>/g,
  )) {
    const ip = /ip="([^"]+)"/.exec(attributes)?.[1] ?? '';
    const persistent = /persistent="1"/.test(attributes);
    const current = state.registered.get(ip) ?? new Map<string, RegisteredTag>();
    for (const [, memberAttributes = '', tag = ''] of tags.matchAll(/<member([^>]*)>([^<]+)<\/member>/g)) {
      const timeout = /timeout="(\d+)"/.exec(memberAttributes)?.[1];
      if (operation === 'register') {
        if (current.has(tag)) notes.push({ ip, message: `tag ${tag} already exists, ignore` });
        else {
          current.set(tag, { timeout: timeout === undefined ? null : Number(timeout), persistent });
          state.changes.push(`register ${ip} ${tag}`);
        }
      } else if (current.delete(tag)) {
        state.changes.push(`unregister ${ip} ${tag}`);
      } else {
        notes.push({ ip, message: `tag ${tag} does not exist, ignore unreg` });
      }
    }
    if (current.size) state.registered.set(ip, current);
    else state.registered.delete(ip);
  }
  return uidResponse(operation, notes);
}

export async function startPanOsStub(
  options: stub.StubServerOptions = {},
): Promise<stub.RunningStub<PanOsStubState>> {
  const state = new PanOsStubState(options.now);
  return stub.startStubServer(
    {
      state,
      errorReply: (status, message) => panError(status, message, status >= 500 ? '5' : String(status)),
      handle(request) {
        const form = stub.formBody(request);
        const key = request.headers['x-pan-key'] ?? form.get('key') ?? request.query.get('key');
        if (key !== state.apiKey) return panError(403, 'Invalid Credential');
        if (request.method !== 'POST' || request.path !== '/api/') return panError(400, 'Unknown request');
        if (form.get('type') !== 'user-id') return panError(400, 'Invalid request type');
        const cmd = form.get('cmd');
        if (!cmd) return panError(400, 'Missing required parameter: cmd');
        state.messages.push(cmd);
        return apply(state, cmd);
      },
    },
    options,
  );
}
