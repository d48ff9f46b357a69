// The only reader of the environment. Every setting is parsed with zod; a missing or malformed one stops
// start-up with one line that names the variable and says how to fix it.
import path from 'node:path';
import { z } from 'zod';
import { ConnectorConfigError, type EnvValues } from '../connectors/env.js';
import { CONNECTOR_ENV_VARIABLES, VENDORS } from '../connectors/registry.js';
import { Duration } from './duration.js';
import { ConfigError } from './errors.js';

/** How Vigil talks to Slack. */
export type SlackMode = 'local' | 'http' | 'socket';

export interface Config {
  mode: SlackMode;
  port: number;
  /** Interface to bind. Local mode binds loopback only: the sandbox control API has no authentication. */
  host: string;
  dataDir: string;
  logLevel: string;
  policyFile: string;
  /** The role mapping onboarding provisions by (roles.yml). */
  rolesFile: string;
  /** Channel id (`C…`) or name (`vigil-alerts`) where case messages are posted. */
  alertsChannel: string;
  /** Bearer token for `POST /alerts`; in local mode generated and kept in the data directory when unset. */
  intakeToken: string | undefined;
  /** Bearer token for the EDL; defaults to the intake token. */
  edlToken: string | undefined;
  /** Bearer token for `GET /metrics`; defaults to the intake token. */
  metricsToken: string | undefined;
  /**
   * Bearer token for `/idp/user-created` (the identity provider's new-person hook). Unset in Slack mode, the
   * route is off; in local mode generated and kept in the data directory.
   */
  idpToken: string | undefined;
  /** Bearer token for `POST /hr/offboard` (the HR system); unset in Slack mode, the route is off. */
  hrToken: string | undefined;
  /** Key for `X-Vigil-Signature: sha256=<HMAC of the body>` on `POST /alerts`, if senders sign instead. */
  intakeHmacSecret: string | undefined;
  /** `required`: signed alerts must carry X-Vigil-Timestamp, signed with the body (no replay after 5 minutes). */
  intakeHmacTimestamp: 'optional' | 'required';
  /** Largest intake body accepted, in bytes. */
  intakeMaxBytes: number;
  /** Repeats of an alert (same fingerprint), and alerts sharing an entity, join a case within this many seconds. */
  dedupeWindowSeconds: number;
  /** The vendor connectors' variables as set (names from connectors/registry.ts), already checked. */
  connectors: EnvValues;
  /** Local mode: start the vendor lab (local stubs) for identity vendors the variables leave unconfigured. */
  lab: boolean;
  /** The model behind the micro-agents, when OPENAI_API_KEY is set; otherwise the offline heuristics only. */
  model: { apiKey: string; baseUrl: string | undefined; name: string; timeoutMs: number } | undefined;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    /** Web API base, ending in `/api/` (GovSlack and tests point it elsewhere). */
    apiUrl: string;
  };
}

/** A variable's schema and the sentence that tells the operator how to fix it. */
interface Setting<T> {
  schema: z.ZodType<T>;
  fix: string;
}

const secret = (min: number): z.ZodType<string | undefined> => z.string().min(min).optional();

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const settings = {
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    fix: 'set it to a TCP port number such as 3000',
  },
  VIGIL_HOST: {
    schema: z.string().min(1).optional(),
    fix: 'set it to the address to listen on, such as 0.0.0.0 or 127.0.0.1',
  },
  VIGIL_DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    fix: 'set it to a writable directory such as ./data',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    fix: 'use one of fatal, error, warn, info, debug, trace, silent',
  },
  VIGIL_POLICY_FILE: {
    schema: z.string().min(1).default('./policy.yml'),
    fix: 'set it to the path of a policy file such as ./policy.yml',
  },
  VIGIL_ROLES_FILE: {
    schema: z.string().min(1).default('./roles.yml'),
    fix: 'set it to the path of a role mapping such as ./roles.yml',
  },
  VIGIL_ALERTS_CHANNEL: {
    schema: z
      .string()
      .regex(/^#?[a-z0-9][a-z0-9._-]{0,79}$|^[CG][A-Z0-9]{6,}$/)
      .default('vigil-alerts'),
    fix: 'set it to a channel id such as C0123456789 or a channel name such as vigil-alerts',
  },
  VIGIL_INTAKE_TOKEN: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters, e.g. the output of `openssl rand -hex 24`',
  },
  VIGIL_EDL_TOKEN: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters, or unset it to use the intake token',
  },
  VIGIL_METRICS_TOKEN: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters for Prometheus to send, or unset it to use the intake token',
  },
  VIGIL_IDP_TOKEN: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters for your identity provider to send, or unset it to turn /idp/user-created off',
  },
  VIGIL_HR_TOKEN: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters for your HR system to send, or unset it to turn /hr/offboard off',
  },
  VIGIL_INTAKE_HMAC_SECRET: {
    schema: secret(24),
    fix: 'set it to a random secret of at least 24 characters shared with the senders that sign, or unset it',
  },
  VIGIL_INTAKE_HMAC_TIMESTAMP: {
    schema: z.enum(['optional', 'required']).default('optional'),
    fix: 'set it to required (signed alerts must carry X-Vigil-Timestamp) or optional (the default)',
  },
  VIGIL_INTAKE_MAX_BYTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    fix: 'set it to a size in bytes between 1024 and 67108864 (default 1048576, 1 MiB)',
  },
  VIGIL_DEDUPE_WINDOW: {
    schema: Duration.default(3600),
    fix: 'set it to a duration such as 30m or 1h (default 1h)',
  },
  VIGIL_LAB: {
    schema: z.enum(['on', 'off']).default('on'),
    fix: 'set it to on (local mode starts the vendor lab) or off',
  },
  OPENAI_API_KEY: {
    schema: secret(1),
    fix: 'set it to the API key of OpenAI or of your OpenAI-compatible server, or unset it to use the offline heuristics',
  },
  OPENAI_BASE_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    fix: 'set it to an OpenAI-compatible base URL such as http://localhost:11434/v1, or unset it for OpenAI',
  },
  VIGIL_MODEL: {
    schema: z
      .string()
      .regex(/^[\w.:/-]{1,100}$/)
      .default('gpt-4o-mini'),
    fix: 'set it to the model name your server serves, such as gpt-4o-mini or llama3.1:8b',
  },
  VIGIL_MODEL_TIMEOUT: {
    schema: Duration.pipe(z.number().min(1).max(600)).default(10),
    fix: 'set it to how long one model call may take in all, such as 10s or 1m (1s to 10m, default 10s)',
  },
  SLACK_BOT_TOKEN: {
    schema: z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/)
      .optional(),
    fix: "set it to the app's Bot User OAuth Token (starts with xoxb-), or unset it for local mode",
  },
  SLACK_SIGNING_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9]{16,}$/)
      .optional(),
    fix: "set it to the app's Signing Secret from Basic Information, or unset it for local mode",
  },
  SLACK_APP_TOKEN: {
    schema: z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/)
      .optional(),
    fix: 'set it to an app-level token with connections:write (starts with xapp-), or unset it for HTTP mode',
  },
  SLACK_API_URL: {
    schema: z
      .string()
      .url()
      .regex(/\/api\/$/)
      .default('https://slack.com/api/'),
    fix: 'set it to a Web API base URL ending in /api/, such as https://slack.com/api/',
  },
} satisfies Record<string, Setting<unknown>>;

type Name = keyof typeof settings;

function reader(env: NodeJS.ProcessEnv) {
  return <T>(name: Name, setting: Setting<T>): T => {
    const raw = env[name] === '' ? undefined : env[name];
    const result = setting.schema.safeParse(raw);
    if (result.success) return result.data;
    const shown = /TOKEN|SECRET|KEY/.test(name) ? 'is malformed' : `is "${raw}", which is invalid`;
    throw new ConfigError(`${name} ${shown}: ${setting.fix}.`);
  };
}

/** Parses the environment into a Config or throws a ConfigError whose message is the one line to print. */
/** The variables Vigil itself reads (the vendor connectors' are in connectors/registry.ts). */
export const CORE_VARIABLES: readonly string[] = Object.keys(settings);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = reader(env);
  const v = {
    PORT: get('PORT', settings.PORT),
    VIGIL_HOST: get('VIGIL_HOST', settings.VIGIL_HOST),
    VIGIL_DATA_DIR: get('VIGIL_DATA_DIR', settings.VIGIL_DATA_DIR),
    LOG_LEVEL: get('LOG_LEVEL', settings.LOG_LEVEL),
    VIGIL_POLICY_FILE: get('VIGIL_POLICY_FILE', settings.VIGIL_POLICY_FILE),
    VIGIL_ROLES_FILE: get('VIGIL_ROLES_FILE', settings.VIGIL_ROLES_FILE),
    VIGIL_ALERTS_CHANNEL: get('VIGIL_ALERTS_CHANNEL', settings.VIGIL_ALERTS_CHANNEL),
    VIGIL_INTAKE_TOKEN: get('VIGIL_INTAKE_TOKEN', settings.VIGIL_INTAKE_TOKEN),
    VIGIL_EDL_TOKEN: get('VIGIL_EDL_TOKEN', settings.VIGIL_EDL_TOKEN),
    VIGIL_METRICS_TOKEN: get('VIGIL_METRICS_TOKEN', settings.VIGIL_METRICS_TOKEN),
    VIGIL_IDP_TOKEN: get('VIGIL_IDP_TOKEN', settings.VIGIL_IDP_TOKEN),
    VIGIL_HR_TOKEN: get('VIGIL_HR_TOKEN', settings.VIGIL_HR_TOKEN),
    VIGIL_INTAKE_HMAC_SECRET: get('VIGIL_INTAKE_HMAC_SECRET', settings.VIGIL_INTAKE_HMAC_SECRET),
    VIGIL_INTAKE_HMAC_TIMESTAMP: get('VIGIL_INTAKE_HMAC_TIMESTAMP', settings.VIGIL_INTAKE_HMAC_TIMESTAMP),
    VIGIL_INTAKE_MAX_BYTES: get('VIGIL_INTAKE_MAX_BYTES', settings.VIGIL_INTAKE_MAX_BYTES),
    VIGIL_DEDUPE_WINDOW: get('VIGIL_DEDUPE_WINDOW', settings.VIGIL_DEDUPE_WINDOW),
    VIGIL_LAB: get('VIGIL_LAB', settings.VIGIL_LAB),
    OPENAI_API_KEY: get('OPENAI_API_KEY', settings.OPENAI_API_KEY),
    OPENAI_BASE_URL: get('OPENAI_BASE_URL', settings.OPENAI_BASE_URL),
    VIGIL_MODEL: get('VIGIL_MODEL', settings.VIGIL_MODEL),
    VIGIL_MODEL_TIMEOUT: get('VIGIL_MODEL_TIMEOUT', settings.VIGIL_MODEL_TIMEOUT),
    SLACK_BOT_TOKEN: get('SLACK_BOT_TOKEN', settings.SLACK_BOT_TOKEN),
    SLACK_SIGNING_SECRET: get('SLACK_SIGNING_SECRET', settings.SLACK_SIGNING_SECRET),
    SLACK_APP_TOKEN: get('SLACK_APP_TOKEN', settings.SLACK_APP_TOKEN),
    SLACK_API_URL: get('SLACK_API_URL', settings.SLACK_API_URL),
  };
  const hasBot = v.SLACK_BOT_TOKEN !== undefined;
  const hasSecret = v.SLACK_SIGNING_SECRET !== undefined;
  if (hasBot !== hasSecret) {
    const missing = hasBot ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
    throw new ConfigError(
      `${missing} is missing: Slack mode needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; set it, or unset the other for local mode.`,
    );
  }
  const mode: SlackMode = !hasBot ? 'local' : v.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode !== 'local' && v.VIGIL_INTAKE_TOKEN === undefined) {
    throw new ConfigError(`VIGIL_INTAKE_TOKEN is missing: ${settings.VIGIL_INTAKE_TOKEN.fix}.`);
  }
  // The identity routes provision and remove accounts: a sender of alerts must not be able to do that too.
  for (const name of ['VIGIL_IDP_TOKEN', 'VIGIL_HR_TOKEN'] as const) {
    if (v[name] !== undefined && v[name] === v.VIGIL_INTAKE_TOKEN) {
      throw new ConfigError(
        `${name} is the same as VIGIL_INTAKE_TOKEN: every system that sends alerts could then ${name === 'VIGIL_IDP_TOKEN' ? 'create accounts' : 'ask for offboardings'}. Give it a secret of its own, e.g. the output of \`openssl rand -hex 24\`.`,
      );
    }
  }
  // The sandbox's control API acts as any person without authentication; its only guard is the loopback Host.
  if (mode === 'local' && v.VIGIL_HOST !== undefined && !LOOPBACK.has(v.VIGIL_HOST.toLowerCase())) {
    throw new ConfigError(
      `VIGIL_HOST is ${v.VIGIL_HOST}, but local mode listens on loopback only: its sandbox lets anyone who reaches it act as any person. Unset VIGIL_HOST (or use 127.0.0.1, ::1 or localhost), or set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for Slack mode.`,
    );
  }
  return {
    mode,
    port: v.PORT,
    host: v.VIGIL_HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(v.VIGIL_DATA_DIR),
    logLevel: v.LOG_LEVEL,
    policyFile: path.resolve(v.VIGIL_POLICY_FILE),
    rolesFile: path.resolve(v.VIGIL_ROLES_FILE),
    alertsChannel: v.VIGIL_ALERTS_CHANNEL.replace(/^#/, ''),
    intakeToken: v.VIGIL_INTAKE_TOKEN,
    edlToken: v.VIGIL_EDL_TOKEN,
    metricsToken: v.VIGIL_METRICS_TOKEN,
    idpToken: v.VIGIL_IDP_TOKEN,
    hrToken: v.VIGIL_HR_TOKEN,
    intakeHmacSecret: v.VIGIL_INTAKE_HMAC_SECRET,
    intakeHmacTimestamp: v.VIGIL_INTAKE_HMAC_TIMESTAMP,
    intakeMaxBytes: v.VIGIL_INTAKE_MAX_BYTES,
    dedupeWindowSeconds: v.VIGIL_DEDUPE_WINDOW,
    connectors: readConnectors(env),
    lab: mode === 'local' && v.VIGIL_LAB === 'on',
    model: v.OPENAI_API_KEY
      ? {
          apiKey: v.OPENAI_API_KEY,
          baseUrl: v.OPENAI_BASE_URL,
          name: v.VIGIL_MODEL,
          timeoutMs: v.VIGIL_MODEL_TIMEOUT * 1000,
        }
      : undefined,
    slack: {
      botToken: v.SLACK_BOT_TOKEN,
      signingSecret: v.SLACK_SIGNING_SECRET,
      appToken: v.SLACK_APP_TOKEN,
      apiUrl: v.SLACK_API_URL,
    },
  };
}

/** The connectors' variables, each vendor's checked now so a mistake stops start-up with one line. */
function readConnectors(env: NodeJS.ProcessEnv): EnvValues {
  const values: Record<string, string | undefined> = {};
  for (const name of CONNECTOR_ENV_VARIABLES) values[name] = env[name] === '' ? undefined : env[name];
  for (const vendor of VENDORS) {
    try {
      vendor.isEnabled(values);
    } catch (error) {
      if (!(error instanceof ConnectorConfigError)) throw error;
      throw new ConfigError(
        `${error.message.replace(/\.$/, '')}. Fix ${error.variable}, or unset the ${vendor.name} variables to leave ${vendor.name} off.`,
      );
    }
  }
  return values;
}
