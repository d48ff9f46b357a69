import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_VARIABLES, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('runs in local mode with defaults when no Slack credentials are set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'local',
      port: 3000,
      host: '127.0.0.1',
      alertsChannel: 'vigil-alerts',
    });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.rolesFile).toMatch(/roles\.yml$/);
    expect(loadConfig({ VIGIL_ROLES_FILE: '/etc/vigil/roles.yml' }).rolesFile).toBe('/etc/vigil/roles.yml');
  });

  it('keeps local mode on loopback: another VIGIL_HOST is refused with the reason and the fix', () => {
    expect(loadConfig({ VIGIL_HOST: '::1' }).host).toBe('::1');
    expect(() => loadConfig({ VIGIL_HOST: '0.0.0.0' })).toThrow(
      /^VIGIL_HOST is 0\.0\.0\.0, but local mode listens on loopback only: .*Unset VIGIL_HOST/,
    );
  });

  it('runs the HTTP receiver with a bot token and signing secret, Socket Mode with an app token too', () => {
    const slack = {
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef',
      VIGIL_INTAKE_TOKEN: 'x'.repeat(32),
    };
    expect(loadConfig(slack)).toMatchObject({ mode: 'http', host: '0.0.0.0' });
    expect(loadConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1-A1-abc' }).mode).toBe('socket');
  });

  it('gives the identity routes tokens of their own: unset they are off, the intake token is refused for them', () => {
    const slack = {
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef',
      VIGIL_INTAKE_TOKEN: 'x'.repeat(32),
    };
    expect(loadConfig(slack)).toMatchObject({ idpToken: undefined, hrToken: undefined });
    expect(
      loadConfig({ ...slack, VIGIL_IDP_TOKEN: 'i'.repeat(24), VIGIL_HR_TOKEN: 'h'.repeat(24) }),
    ).toMatchObject({ idpToken: 'i'.repeat(24), hrToken: 'h'.repeat(24) });
    expect(() => loadConfig({ ...slack, VIGIL_IDP_TOKEN: 'x'.repeat(32) })).toThrow(
      /^VIGIL_IDP_TOKEN is the same as VIGIL_INTAKE_TOKEN: every system that sends alerts could then create accounts\. Give it a secret of its own/,
    );
    expect(() => loadConfig({ ...slack, VIGIL_HR_TOKEN: 'x'.repeat(32) })).toThrow(
      /^VIGIL_HR_TOKEN is the same as VIGIL_INTAKE_TOKEN: .*ask for offboardings/,
    );
    expect(() => loadConfig({ ...slack, VIGIL_HR_TOKEN: 'short' })).toThrow(
      /^VIGIL_HR_TOKEN is malformed: .*turn \/hr\/offboard off/,
    );
  });

  it('documents every variable it reads in the README’s configuration table, and nothing it does not read', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Vendor connectors'));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CORE_VARIABLES].sort());
  });

  it('stops with one line naming the variable and the fix', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      /^PORT is "eighty", which is invalid: set it to a TCP port number/,
    );
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/^SLACK_SIGNING_SECRET is missing/);
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789abcd' }),
    ).toThrow(/^VIGIL_INTAKE_TOKEN is missing: set it to a random secret of at least 24 characters/);
  });

  it('never echoes a malformed secret back', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'not-a-token-but-secret' })).toThrow(
      /^SLACK_BOT_TOKEN is malformed: /,
    );
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'not-a-token-but-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('not-a-token-but-secret');
    }
  });

  it('accepts a channel id or a #name for the alerts channel', () => {
    expect(loadConfig({ VIGIL_ALERTS_CHANNEL: '#soc-alerts' }).alertsChannel).toBe('soc-alerts');
    expect(loadConfig({ VIGIL_ALERTS_CHANNEL: 'C0123456789' }).alertsChannel).toBe('C0123456789');
    expect(() => loadConfig({ VIGIL_ALERTS_CHANNEL: 'Bad Channel!' })).toThrow(/^VIGIL_ALERTS_CHANNEL/);
  });

  it('adds a model only with OPENAI_API_KEY, on an OpenAI-compatible base URL when given, with a call deadline', () => {
    expect(loadConfig({}).model).toBeUndefined();
    expect(
      loadConfig({
        OPENAI_API_KEY: 'sk-x',
        OPENAI_BASE_URL: 'http://localhost:11434/v1',
        VIGIL_MODEL: 'llama3.1:8b',
      }).model,
    ).toEqual({
      apiKey: 'sk-x',
      baseUrl: 'http://localhost:11434/v1',
      name: 'llama3.1:8b',
      timeoutMs: 10_000,
    });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).model?.name).toBe('gpt-4o-mini');
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', VIGIL_MODEL_TIMEOUT: '45s' }).model?.timeoutMs).toBe(45_000);
    expect(() => loadConfig({ VIGIL_MODEL_TIMEOUT: '0s' })).toThrow(
      /^VIGIL_MODEL_TIMEOUT is "0s", which is invalid/,
    );
    expect(() => loadConfig({ OPENAI_BASE_URL: 'localhost:11434' })).toThrow(
      /^OPENAI_BASE_URL is "localhost:11434", which is invalid: set it to an OpenAI-compatible base URL/,
    );
  });
});
