// Palo Alto Networks PAN-OS as a firewall: blocks by tagging the IP through the XML API's User-ID
// interface (`type=user-id`, a uid-message `register`), so a dynamic address group matching the tag in a
// deny rule takes effect at once, with no commit. The tag times out when the block lapses.
import net from 'node:net';
import { z } from 'zod';
import type { ConnectorErrorCode } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import {
  createHttpClient,
  errorBody,
  staticAuth,
  type HttpClient,
  type VendorErrorInfo,
} from './http/http-client.js';
import { descendants, escapeXml, parseXml } from './http/xml.js';
import { runtimeFrom, type ConnectorDeps } from './runtime.js';
import type {
  BlockIpRequest,
  BlockIpResult,
  ReversibleFirewall,
  UnblockIpRequest,
  UnblockIpResult,
} from './types.js';

export const PANOS_NAME = 'pan-os';

export const panOsEnv = {
  PANOS_URL: {
    key: 'baseUrl',
    description: 'Firewall or Panorama management URL, e.g. https://fw1.example.com',
  },
  PANOS_API_KEY: {
    key: 'apiKey',
    description: 'XML API key of an admin with the User-ID role',
    secret: true,
  },
  PANOS_TAG: {
    key: 'tag',
    description: 'Tag registered on blocked IPs; a dynamic address group matching it feeds a deny rule',
    default: 'vigil-blocked',
  },
  PANOS_VSYS: {
    key: 'vsys',
    description: 'Virtual system that holds the dynamic address group',
    default: 'vsys1',
  },
} as const satisfies EnvSpec;

export const PanOsConfig = z.object({
  baseUrl: VendorUrl,
  apiKey: z.string().min(20),
  tag: z.string().regex(/^[\w.-]{1,127}$/),
  vsys: z.string().regex(/^vsys\d+$/),
});
export type PanOsConfig = z.infer<typeof PanOsConfig>;

export function parsePanOsConfig(values: EnvValues): PanOsConfig | undefined {
  return parseVendorEnv(PANOS_NAME, panOsEnv, PanOsConfig, values);
}

/** PAN-OS's longest tag timeout: 30 days. */
export const MAX_TAG_TIMEOUT_SEC = 2_592_000;

/** What an XML API answer says, read from `<response status="…" code="…">`. */
const PanResponse = z.object({
  status: z.enum(['success', 'error']),
  code: z.string().nullable(),
  messages: z.array(z.string()),
  /** Per-IP notes in a uid-response (`tag vigil-blocked already exists, ignore`). */
  entries: z.array(z.object({ ip: z.string(), message: z.string() })),
});
type PanResponse = z.infer<typeof PanResponse>;

function readResponse(text: string): unknown {
  const root = parseXml(text);
  if (root.name !== 'response') throw new Error(`unexpected <${root.name}>`);
  const lines = [...descendants(root, 'msg'), ...descendants(root, 'line')]
    .map((e) => e.text)
    .filter(Boolean);
  return {
    status: root.attributes.status,
    code: root.attributes.code ?? null,
    messages: lines,
    entries: descendants(root, 'entry').flatMap((e) =>
      e.attributes.ip && e.attributes.message ? [{ ip: e.attributes.ip, message: e.attributes.message }] : [],
    ),
  };
}

const ResponseText = z
  .string()
  .transform((text, ctx) => {
    try {
      return readResponse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not XML' });
      return z.NEVER;
    }
  })
  .pipe(PanResponse);

/** PAN-OS notes that mean "nothing to do", which it reports as errors. */
const ALREADY_REGISTERED = /already exists, ignore$/;
const NOT_REGISTERED = /does not exist, ignore unreg$/;

/** PAN-OS XML API error codes (`<response status="error" code="…">`) to ours; undefined for others. */
function codeFor(panCode: string | null, messages: string[]): ConnectorErrorCode | undefined {
  if (
    panCode === '403' ||
    panCode === '16' ||
    panCode === '22' ||
    messages.some((m) => /invalid credential/i.test(m))
  ) {
    return 'unauthorized';
  }
  const codes: Record<string, ConnectorErrorCode> = { '7': 'not_found', '15': 'forbidden' };
  if (['2', '3', '4', '5', '11', '21'].includes(panCode ?? '')) return 'server_error';
  return codes[panCode ?? ''];
}

function describePanError(response: PanResponse): VendorErrorInfo {
  const notes = [...response.messages, ...response.entries.map((e) => `${e.ip}: ${e.message}`)];
  return { code: codeFor(response.code, notes), vendorCode: response.code, detail: notes.join('; ') || null };
}

/** An error answer whose every note is "already there" or "not there" is a success for us. */
function isHarmless(response: PanResponse): boolean {
  return (
    response.entries.length > 0 &&
    response.entries.every((e) => ALREADY_REGISTERED.test(e.message) || NOT_REGISTERED.test(e.message))
  );
}

export class PanOs implements ReversibleFirewall {
  readonly name = PANOS_NAME;
  private readonly http: HttpClient;
  private readonly now: () => Date;

  constructor(
    private readonly config: PanOsConfig,
    deps: ConnectorDeps = {},
  ) {
    this.now = runtimeFrom(deps).now;
    this.http = createHttpClient(deps, {
      vendor: PANOS_NAME,
      baseUrl: config.baseUrl,
      // The key in a header keeps it out of URLs and firewall logs (PAN-OS 9.0+).
      auth: staticAuth({ 'x-pan-key': config.apiKey }),
      secrets: [config.apiKey],
      describeError: errorBody(ResponseText, describePanError),
      // The User-ID API answers HTTP 200 with status="error" for what it refuses.
      errorInSuccess: (body) => {
        const parsed = ResponseText.safeParse(body);
        if (!parsed.success || parsed.data.status !== 'error' || isHarmless(parsed.data)) return undefined;
        const info = describePanError(parsed.data);
        return { ...info, code: info.code ?? 'bad_request' };
      },
    });
  }

  async blockIp(request: BlockIpRequest): Promise<BlockIpResult> {
    const operation = 'register IP tag';
    this.checkIp(operation, request.ip);
    const timeout =
      request.expiresAt === null ? '' : ` timeout="${this.timeoutSeconds(operation, request.expiresAt)}"`;
    const entry = `<entry ip="${escapeXml(request.ip)}" persistent="1"><tag><member${timeout}>${escapeXml(this.config.tag)}</member></tag></entry>`;
    const response = await this.send(operation, `<register>${entry}</register>`);
    return {
      ip: request.ip,
      alreadyBlocked: response.entries.some((e) => ALREADY_REGISTERED.test(e.message)),
      enforcedBy: this.enforcedBy(),
    };
  }

  async unblockIp(request: UnblockIpRequest): Promise<UnblockIpResult> {
    this.checkIp('unregister IP tag', request.ip);
    const entry = `<entry ip="${escapeXml(request.ip)}"><tag><member>${escapeXml(this.config.tag)}</member></tag></entry>`;
    const response = await this.send('unregister IP tag', `<unregister>${entry}</unregister>`);
    return {
      ip: request.ip,
      wasBlocked: !response.entries.some((e) => NOT_REGISTERED.test(e.message)),
      enforcedBy: this.enforcedBy(),
    };
  }

  private checkIp(operation: string, ip: string): void {
    if (net.isIP(ip) === 0) throw this.http.error(operation, 'bad_request', 'not an IP address');
  }

  /** Seconds until the block lapses, at most PAN-OS's 30-day limit. */
  private timeoutSeconds(operation: string, expiresAt: string): number {
    const seconds = Math.ceil((Date.parse(expiresAt) - this.now().getTime()) / 1000);
    if (!(seconds > 0))
      throw this.http.error(operation, 'bad_request', `expiry ${expiresAt} is not in the future`);
    return Math.min(MAX_TAG_TIMEOUT_SEC, seconds);
  }

  private enforcedBy(): string {
    return `${PANOS_NAME}:${this.config.tag}`;
  }

  private async send(operation: string, payload: string): Promise<PanResponse> {
    const { data } = await this.http.request({
      operation,
      method: 'POST',
      path: '/api/',
      form: {
        type: 'user-id',
        vsys: this.config.vsys,
        cmd: `<uid-message><version>2.0</version><type>update</type><payload>${payload}</payload></uid-message>`,
      },
      // Registering or unregistering a tag twice leaves the same state, so retries are safe.
      idempotent: true,
      responseType: 'text',
      schema: ResponseText,
    });
    return data;
  }
}
