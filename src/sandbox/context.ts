// What every part of the emulator shares: the workspace, the app's credentials, issued triggers and
// response URLs, and where to reach the app and the emulator itself.
import type { Logger } from 'pino';
import type { FaultRegistry } from './faults.js';
import type { AlertForwarder } from './web/alert-forwarder.js';
import type { ResponseUrlRegistry } from './response-urls.js';
import type { TriggerRegistry } from './triggers.js';
import type { Workspace } from './workspace.js';

export interface EmulatorContext {
  readonly workspace: Workspace;
  readonly botToken: string;
  readonly signingSecret: string;
  /** The (deprecated) verification token Slack still puts in every payload. */
  readonly verificationToken: string;
  readonly logger: Logger;
  readonly triggers: TriggerRegistry;
  readonly responseUrls: ResponseUrlRegistry;
  /** Where deliveries go (the app's `/slack/events`), once known. */
  requestUrl(): string | undefined;
  /** The emulator's own base URL, for the response_urls it hands out. */
  baseUrl(): string;
  /** Web API calls held on purpose (`/sandbox/faults`). */
  readonly faults: FaultRegistry;
  /** Sends sample or pasted alerts to the app's intake (`POST /sandbox/alerts`). */
  readonly alerts: AlertForwarder;
  /** Slash commands the app registered with `should_escape: true`. */
  readonly escapedCommands: ReadonlySet<string>;
}
