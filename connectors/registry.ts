// Every vendor connector in one list: its name, the capability it provides, the environment variables that
// enable it (for src/config.ts and the README's configuration table) and a factory. The EDL firewall is
// not here: it needs Vigil's database, so the composition root builds it.
import { AbuseIpDb, ABUSEIPDB_NAME, abuseIpDbEnv, parseAbuseIpDbConfig } from './abuseipdb.js';
import { AWS_IAM_NAME, AwsIam, awsIamEnv, parseAwsIamConfig } from './aws-iam.js';
import { CrowdStrikeFalcon, FALCON_NAME, falconEnv, parseFalconConfig } from './crowdstrike-falcon.js';
import { DEFENDER_NAME, DefenderEndpoint, defenderEnv, parseDefenderConfig } from './defender-endpoint.js';
import { ENTRA_NAME, EntraId, entraEnv, parseEntraConfig } from './entra-id.js';
import type { EnvSpec, EnvValues } from './env.js';
import { GEOIP_LITE_NAME, GeoIpLite } from './geoip-lite.js';
import {
  GOOGLE_WORKSPACE_NAME,
  GoogleWorkspace,
  googleWorkspaceEnv,
  parseGoogleWorkspaceConfig,
} from './google-workspace.js';
import { IOC_FILE_NAME, IocFile, iocFileEnv, parseIocFileConfig } from './ioc-file.js';
import { Jira, JIRA_NAME, jiraEnv, parseJiraConfig } from './jira.js';
import { Okta, OKTA_NAME, oktaEnv, parseOktaConfig } from './okta.js';
import { PanOs, PANOS_NAME, panOsEnv, parsePanOsConfig } from './pan-os.js';
import type { ConnectorDeps } from './runtime.js';
import { parseSalesforceConfig, Salesforce, SALESFORCE_NAME, salesforceEnv } from './salesforce.js';
import { parseSlackScimConfig, SLACK_SCIM_NAME, SlackScim, slackScimEnv } from './slack-scim.js';
import type {
  CloudIdentity,
  Crm,
  Edr,
  Firewall,
  GeoIp,
  IdentityProvider,
  SlackAdmin,
  ThreatIntel,
  Ticketing,
} from './types.js';
import { parseVirusTotalConfig, VirusTotal, VIRUSTOTAL_NAME, virusTotalEnv } from './virustotal.js';

/** The capability interfaces, by key. */
export interface Capabilities {
  geoIp: GeoIp;
  threatIntel: ThreatIntel;
  ticketing: Ticketing;
  firewall: Firewall;
  edr: Edr;
  identityProvider: IdentityProvider;
  cloudIdentity: CloudIdentity;
  slackAdmin: SlackAdmin;
  crm: Crm;
}

/**
 * Every capability, once: the maps keyed by capability (the enabled connectors, the ones in use) are built from
 * it with mapCapabilities. A key here without an interface above, or a vendor of a capability not listed here,
 * does not compile.
 */
export const CAPABILITIES = [
  'geoIp',
  'threatIntel',
  'ticketing',
  'firewall',
  'edr',
  'identityProvider',
  'cloudIdentity',
  'slackAdmin',
  'crm',
] as const satisfies ReadonlyArray<keyof Capabilities>;

export type Capability = (typeof CAPABILITIES)[number];

/** The enabled connectors of each capability, in registry order (embedded sources first). */
export type Connectors = { [K in Capability]: Array<Capabilities[K]> };

/** One value per capability, from a function of its key, in CAPABILITIES order. */
export function mapCapabilities<M extends { [K in Capability]: unknown }>(
  value: <K extends Capability>(capability: K) => M[K],
): M {
  // Object.fromEntries cannot say that each key gets its own type; `value`'s signature does.
  return Object.fromEntries(CAPABILITIES.map((capability) => [capability, value(capability)])) as M;
}

export interface VendorEntry {
  name: string;
  capability: Capability;
  /** Needs no account and is always enabled. */
  embedded: boolean;
  env: EnvSpec;
  /** Whether the variables enable the vendor; throws a ConnectorConfigError when they are set but unusable. */
  isEnabled(values: EnvValues): boolean;
  /** Builds the connector into `into` when its variables enable it. */
  register(values: EnvValues, deps: ConnectorDeps, into: Connectors): void;
}

interface VendorDefinition<K extends Capability, C> {
  name: string;
  capability: K;
  embedded?: boolean;
  env: EnvSpec;
  parse(values: EnvValues): C | undefined;
  create(config: C, deps: ConnectorDeps): Capabilities[K];
}

function vendor<K extends Capability, C>(definition: VendorDefinition<K, C>): VendorEntry {
  return {
    name: definition.name,
    capability: definition.capability,
    embedded: definition.embedded ?? false,
    env: definition.env,
    isEnabled: (values) => definition.parse(values) !== undefined,
    register(values, deps, into) {
      const config = definition.parse(values);
      if (config !== undefined) into[definition.capability].push(definition.create(config, deps));
    },
  };
}

export const VENDORS: readonly VendorEntry[] = [
  vendor({
    name: GEOIP_LITE_NAME,
    capability: 'geoIp',
    embedded: true,
    env: {},
    parse: () => ({}),
    create: () => new GeoIpLite(),
  }),
  vendor({
    name: IOC_FILE_NAME,
    capability: 'threatIntel',
    embedded: true,
    env: iocFileEnv,
    parse: parseIocFileConfig,
    create: (config, deps) => IocFile.fromFile(config.path, { now: deps.now }),
  }),
  vendor({
    name: ABUSEIPDB_NAME,
    capability: 'threatIntel',
    env: abuseIpDbEnv,
    parse: parseAbuseIpDbConfig,
    create: (config, deps) => new AbuseIpDb(config, deps),
  }),
  vendor({
    name: VIRUSTOTAL_NAME,
    capability: 'threatIntel',
    env: virusTotalEnv,
    parse: parseVirusTotalConfig,
    create: (config, deps) => new VirusTotal(config, deps),
  }),
  vendor({
    name: JIRA_NAME,
    capability: 'ticketing',
    env: jiraEnv,
    parse: parseJiraConfig,
    create: (config, deps) => new Jira(config, deps),
  }),
  vendor({
    name: PANOS_NAME,
    capability: 'firewall',
    env: panOsEnv,
    parse: parsePanOsConfig,
    create: (config, deps) => new PanOs(config, deps),
  }),
  vendor({
    name: FALCON_NAME,
    capability: 'edr',
    env: falconEnv,
    parse: parseFalconConfig,
    create: (config, deps) => new CrowdStrikeFalcon(config, deps),
  }),
  vendor({
    name: DEFENDER_NAME,
    capability: 'edr',
    env: defenderEnv,
    parse: parseDefenderConfig,
    create: (config, deps) => new DefenderEndpoint(config, deps),
  }),
  vendor({
    name: OKTA_NAME,
    capability: 'identityProvider',
    env: oktaEnv,
    parse: parseOktaConfig,
    create: (config, deps) => new Okta(config, deps),
  }),
  vendor({
    name: ENTRA_NAME,
    capability: 'identityProvider',
    env: entraEnv,
    parse: parseEntraConfig,
    create: (config, deps) => new EntraId(config, deps),
  }),
  vendor({
    name: GOOGLE_WORKSPACE_NAME,
    capability: 'identityProvider',
    env: googleWorkspaceEnv,
    parse: parseGoogleWorkspaceConfig,
    create: (config, deps) => new GoogleWorkspace(config, deps),
  }),
  vendor({
    name: AWS_IAM_NAME,
    capability: 'cloudIdentity',
    env: awsIamEnv,
    parse: parseAwsIamConfig,
    create: (config, deps) => new AwsIam(config, deps),
  }),
  vendor({
    name: SLACK_SCIM_NAME,
    capability: 'slackAdmin',
    env: slackScimEnv,
    parse: parseSlackScimConfig,
    create: (config, deps) => new SlackScim(config, deps),
  }),
  vendor({
    name: SALESFORCE_NAME,
    capability: 'crm',
    env: salesforceEnv,
    parse: parseSalesforceConfig,
    create: (config, deps) => new Salesforce(config, deps),
  }),
];

/** Every variable any connector reads, in the order src/config.ts should read them. */
export const CONNECTOR_ENV_VARIABLES: readonly string[] = VENDORS.flatMap((entry) => Object.keys(entry.env));

/**
 * Builds every enabled connector from the variables src/config.ts read. Throws a ConnectorConfigError (naming
 * the variable) for a vendor whose variables are set but unusable.
 */
export function connectorsFromEnv(values: EnvValues, deps: ConnectorDeps = {}): Connectors {
  const connectors = mapCapabilities<Connectors>(() => []);
  for (const entry of VENDORS) entry.register(values, deps, connectors);
  return connectors;
}

export interface EnvTableRow {
  variable: string;
  vendor: string;
  capability: Capability;
  description: string;
  default: string | null;
  secret: boolean;
}

/** One row per variable, for the README's configuration table. */
export function envTable(): EnvTableRow[] {
  return VENDORS.flatMap((entry) =>
    Object.entries(entry.env).map(([variable, spec]) => ({
      variable,
      vendor: entry.name,
      capability: entry.capability,
      description: spec.description,
      default: spec.default ?? null,
      secret: spec.secret ?? false,
    })),
  );
}

/** The table as Markdown, in the README's `| variable | default | meaning |` form. */
export function envTableMarkdown(): string {
  const rows = envTable().map(
    (row) =>
      `| \`${row.variable}\` | ${row.default === null ? 'unset' : `\`${row.default}\``} | ${row.vendor}: ${row.description}${row.secret ? ' (secret)' : ''}. |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
