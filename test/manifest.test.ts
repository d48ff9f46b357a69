import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ids } from '../src/slack/ids.js';

const schemaPath = path.resolve('../shared/slack/manifest.schema.1.0.0.json');
const addFormats = addFormatsModule.default ?? addFormatsModule;

describe('manifest.yml', () => {
  const manifest: unknown = parse(fs.readFileSync('manifest.yml', 'utf8'));

  it.skipIf(!fs.existsSync(schemaPath))("validates against Slack's own app-manifest JSON Schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('escapes the text of exactly the commands Vigil (and its sandbox) expect escaped', () => {
    const Commands = z.object({
      features: z.object({
        slash_commands: z.array(z.object({ command: z.string(), should_escape: z.boolean().optional() })),
      }),
    });
    const escaped = Commands.parse(manifest)
      .features.slash_commands.filter((c) => c.should_escape === true)
      .map((c) => c.command);
    expect(escaped).toEqual([...ids.escapedCommands]);
  });

  it('grants the bot every scope the Web API methods Vigil calls need (Slack’s documented scope per method)', () => {
    // Methods that need no scope of their own map to ''.
    const scopeOf: Record<string, string> = {
      'chat.postEphemeral': 'chat:write',
      'chat.postMessage': 'chat:write',
      'chat.update': 'chat:write',
      'conversations.history': 'channels:history',
      'conversations.info': 'channels:read',
      'conversations.list': 'channels:read',
      'conversations.members': 'channels:read',
      'conversations.replies': 'channels:history',
      'usergroups.list': 'usergroups:read',
      'usergroups.users.list': 'usergroups:read',
      'users.info': 'users:read',
      'users.lookupByEmail': 'users:read.email',
      'views.open': '',
      'views.publish': '',
    };
    const source = ['src', 'graphs', 'connectors']
      .flatMap((dir) =>
        fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)),
      )
      .filter((file) => file.endsWith('.ts'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const called = [
      ...new Set(
        [...source.matchAll(/client\.([a-z]+\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g)].map((m) => m[1] ?? ''),
      ),
    ];
    const Scopes = z.object({ oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }) });
    const granted = new Set(Scopes.parse(manifest).oauth_config.scopes.bot);
    for (const method of called) {
      expect(scopeOf, `scope of ${method} (add it to this table)`).toHaveProperty([method]);
      const scope = scopeOf[method];
      if (scope) expect(granted.has(scope), `${method} needs ${scope}`).toBe(true);
    }
    // users.info returns profile.email only with users:read.email, which offboarding reads.
    expect(granted.has('users:read.email')).toBe(true);
  });

  it('reads and hears an alerts channel whether it is public or private: each event with the scope Slack requires for it', () => {
    const Manifest = z.object({
      oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
      settings: z.object({ event_subscriptions: z.object({ bot_events: z.array(z.string()) }) }),
    });
    const parsed = Manifest.parse(manifest);
    const granted = new Set(parsed.oauth_config.scopes.bot);
    const events = parsed.settings.event_subscriptions.bot_events;
    // Public channels, then private ones: found by name, their thread replies read, their messages heard.
    for (const kind of ['channels', 'groups']) {
      expect(granted.has(`${kind}:read`), `${kind}:read`).toBe(true);
      expect(granted.has(`${kind}:history`), `${kind}:history`).toBe(true);
      expect(events, `message.${kind}`).toContain(`message.${kind}`);
    }
    // Slack's documented scope per event: an event without its scope is refused when the manifest is saved.
    const scopeOfEvent: Record<string, string> = {
      app_home_opened: '',
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
    };
    for (const event of events) {
      expect(scopeOfEvent, `scope of ${event} (add it to this table)`).toHaveProperty([event]);
      const scope = scopeOfEvent[event];
      if (scope) expect(granted.has(scope), `${event} needs ${scope}`).toBe(true);
    }
  });

  it('declares every slash command Vigil listens to', () => {
    const text = JSON.stringify(manifest);
    for (const command of Object.values(ids.commands)) expect(text).toContain(`"command":"${command}"`);
  });
});
