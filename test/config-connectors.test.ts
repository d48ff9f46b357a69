// The vendor connectors' variables are read by src/config.ts like every other setting: a vendor whose
// variables are set but unusable stops start-up with one line naming the variable and the fix.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('config: vendor connectors', () => {
  it('names the missing variable of a half-configured vendor and says how to fix it', () => {
    const load = () => loadConfig({ OKTA_ORG_URL: 'https://example.okta.com' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /^OKTA_API_TOKEN is missing: .*\(for okta\)\. Fix OKTA_API_TOKEN, or unset the okta variables/,
    );
  });

  it('refuses a plain-http vendor URL off loopback, naming the variable', () => {
    expect(() =>
      loadConfig({ OKTA_ORG_URL: 'http://okta.example.com', OKTA_API_TOKEN: 'a'.repeat(30) }),
    ).toThrow(/^OKTA_ORG_URL is "http:\/\/okta\.example\.com", which is invalid/);
  });

  it('keeps the variables of configured vendors, and starts the lab in local mode only', () => {
    const local = loadConfig({ SLACK_SCIM_TOKEN: 'xoxp-1-2-3-abcdefabcdef' });
    expect(local.connectors.SLACK_SCIM_TOKEN).toBe('xoxp-1-2-3-abcdefabcdef');
    expect(local.lab).toBe(true);
    expect(loadConfig({ VIGIL_LAB: 'off' }).lab).toBe(false);
    const slack = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: 'abcdefabcdefabcdef',
      VIGIL_INTAKE_TOKEN: 'x'.repeat(24),
    });
    expect(slack.lab).toBe(false);
  });
});
