// Slack escapes the text of a slash command registered with `should_escape: true`; the emulator does the same.
import { describe, expect, it } from 'vitest';
import { defaultSeed, SEED_IDS, Workspace } from '../../src/sandbox/emulator.js';
import { escapeCommandText } from '../../src/sandbox/delivery/escape-command.js';

const workspace = new Workspace(defaultSeed(), Date.now);
const { users, channels } = SEED_IDS;

describe('escaping a slash command’s text', () => {
  it('turns people, channels, e-mail addresses and links into the references Slack sends', () => {
    expect(escapeCommandText(workspace, 'offboard @victor')).toBe(`offboard <@${users.victor}|victor>`);
    expect(escapeCommandText(workspace, 'ask @victor.')).toBe(`ask <@${users.victor}|victor>.`);
    expect(escapeCommandText(workspace, 'see #vigil-alerts (@Alice)')).toBe(
      `see <#${channels.alerts}|vigil-alerts> (<@${users.alice}|alice>)`,
    );
    expect(escapeCommandText(workspace, 'onboard dana@example.com sales Dana Ruiz')).toBe(
      'onboard <mailto:dana@example.com|dana@example.com> sales Dana Ruiz',
    );
    expect(escapeCommandText(workspace, 'read https://example.com/a?b=1')).toBe(
      'read <https://example.com/a?b=1>',
    );
  });

  it('leaves names nobody in the workspace has, and text already escaped, as typed', () => {
    expect(escapeCommandText(workspace, 'offboard @nobody #nowhere case VIG-1')).toBe(
      'offboard @nobody #nowhere case VIG-1',
    );
    const escaped = `offboard <@${users.victor}|victor>`;
    expect(escapeCommandText(workspace, escaped)).toBe(escaped);
  });
});
