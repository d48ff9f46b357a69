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

  it('declares every slash command Vigil listens to', () => {
    const text = JSON.stringify(manifest);
    for (const command of Object.values(ids.commands)) expect(text).toContain(`"command":"${command}"`);
  });
});
