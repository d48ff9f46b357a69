// The registry: which connectors the environment enables, the variables each vendor declares, and the
// README table made from them.
import { describe, expect, it } from 'vitest';
import { ConnectorConfigError } from '../../connectors/env.js';
import {
  CONNECTOR_ENV_VARIABLES,
  connectorsFromEnv,
  envTable,
  envTableMarkdown,
  VENDORS,
} from '../../connectors/registry.js';
import { testRuntime } from './support.js';

const OKTA = {
  OKTA_ORG_URL: 'https://example.okta.com',
  OKTA_API_TOKEN: '00abcdefghijklmnopqrstuvwxyz0123456789',
};

describe('connector registry', () => {
  it('enables only the embedded connectors when no vendor variable is set', () => {
    const connectors = connectorsFromEnv({}, testRuntime().deps);
    expect(connectors.geoIp.map((c) => c.name)).toEqual(['geoip-lite']);
    expect(connectors.threatIntel.map((c) => c.name)).toEqual(['ioc-file']);
    for (const capability of [
      'ticketing',
      'firewall',
      'edr',
      'identityProvider',
      'cloudIdentity',
      'slackAdmin',
      'crm',
    ] as const) {
      expect(connectors[capability]).toEqual([]);
    }
  });

  it('enables a vendor when its variables are set, under its capability', () => {
    const connectors = connectorsFromEnv(
      {
        ...OKTA,
        ABUSEIPDB_API_KEY: 'k'.repeat(80),
        PANOS_URL: 'https://fw1.example.com',
        PANOS_API_KEY: 'LUFRPT1' + 'x'.repeat(40),
      },
      testRuntime().deps,
    );
    expect(connectors.identityProvider.map((c) => c.name)).toEqual(['okta']);
    expect(connectors.threatIntel.map((c) => c.name)).toEqual(['ioc-file', 'abuseipdb']);
    expect(connectors.firewall.map((c) => c.name)).toEqual(['pan-os']);
  });

  it('stops with the variable named when a vendor is half configured', () => {
    expect(() => connectorsFromEnv({ JIRA_BASE_URL: 'https://example.atlassian.net' })).toThrow(
      ConnectorConfigError,
    );
    expect(() => connectorsFromEnv({ JIRA_BASE_URL: 'https://example.atlassian.net' })).toThrow(
      /^JIRA_EMAIL is missing/,
    );
  });

  it('never puts a secret value in a configuration error', () => {
    const secret = 'short-but-secret';
    try {
      connectorsFromEnv({ ...OKTA, OKTA_API_TOKEN: secret });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('OKTA_API_TOKEN is malformed');
      expect(String(error)).not.toContain(secret);
    }
  });

  it('gives every vendor a unique name and every variable a unique name, a description and its vendor’s prefix', () => {
    expect(new Set(VENDORS.map((v) => v.name)).size).toBe(VENDORS.length);
    expect(new Set(CONNECTOR_ENV_VARIABLES).size).toBe(CONNECTOR_ENV_VARIABLES.length);
    for (const row of envTable()) {
      expect(row.description.length).toBeGreaterThan(10);
      expect(row.variable).toMatch(
        /^(VIGIL|OKTA|ENTRA|GOOGLE|FALCON|DEFENDER|JIRA|PANOS|ABUSEIPDB|VIRUSTOTAL|AWS_IAM|SLACK_SCIM|SALESFORCE)_[A-Z_]+$/,
      );
    }
  });

  it('marks every credential variable as secret', () => {
    const credentials = envTable().filter((row) =>
      /(SECRET|TOKEN|API_KEY|SERVICE_ACCOUNT_KEY)$|SECRET_ACCESS_KEY/.test(row.variable),
    );
    expect(credentials.length).toBeGreaterThanOrEqual(12);
    expect(credentials.filter((row) => !row.secret)).toEqual([]);
  });

  it('renders the README table with defaults and secrets marked', () => {
    const table = envTableMarkdown();
    expect(table.split('\n')[0]).toBe('| variable | default | meaning |');
    expect(table).toContain(
      '| `FALCON_BASE_URL` | `https://api.crowdstrike.com` | crowdstrike-falcon: Falcon cloud API URL',
    );
    expect(table).toContain('| `OKTA_API_TOKEN` | unset | okta: Okta API token (SSWS)');
    expect(table).toContain('(secret). |');
    for (const variable of CONNECTOR_ENV_VARIABLES) expect(table).toContain(`\`${variable}\``);
  });
});
