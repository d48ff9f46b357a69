// /vigil's subcommands come from one table (VIGIL_SUBCOMMANDS): README's Slack commands section names each of them
// with the usage /vigil help gives it, and says which are for readers of the alerts channel only, as the table does.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VIGIL_HELP, VIGIL_SUBCOMMANDS } from '../../../../src/slack/listeners/commands/vigil.js';

/** README's "## Slack commands" section. */
function slackCommandsSection(): string {
  const readme = fs.readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n## Slack commands\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Each subcommand's usages as the help shows them (`help` has no line of its own, so its name). */
const usages = VIGIL_SUBCOMMANDS.flatMap((sub) =>
  sub.help.length ? sub.help.map((line) => line.usage) : [sub.name],
);

describe('/vigil subcommands', () => {
  it('are listed in the help, each usage on its own line, after the /triage lines', () => {
    const lines = VIGIL_HELP.split('\n');
    expect(lines[0]).toBe('*Vigil commands*');
    expect(lines.slice(1, 3).every((line) => line.startsWith('`/triage '))).toBe(true);
    const shown = lines.slice(3).map((line) => /^`\/vigil ([^`]+)`: \S/.exec(line)?.[1]);
    expect(shown).toEqual(usages.filter((usage) => usage !== 'help'));
  });

  it('are named in README’s Slack commands with the usage the help gives, and no other', () => {
    const section = slackCommandsSection();
    // - `/vigil help | cases | case <VIG-n> | …`, then (and `block`, `offboard`, `onboard`, below), each with its bullet.
    const summary = /^- `\/vigil ([^`]+)`\n\s+\(and ([^)]*), below\)/m.exec(section);
    expect(summary).not.toBeNull();
    const [, line = '', others = ''] = summary ?? [];
    const listed = line.split(' | ');
    const below = [...others.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    const bullets = [...section.matchAll(/^- `\/vigil ([^`]+)`/gm)]
      .map((m) => m[1] ?? '')
      .filter((usage) => usage !== line);
    expect(bullets.map((usage) => usage.split(' ')[0])).toEqual(below);
    expect([...listed, ...bullets].sort()).toEqual([...usages].sort());
  });

  it('are for readers of the alerts channel only exactly where README’s Who may read says so', () => {
    const section = slackCommandsSection().replace(/\s+/g, ' ');
    const whoMayRead = /- Who may read: (.*?), `\/triage <alert id>`/.exec(section)?.[1];
    expect(whoMayRead).toBeDefined();
    const named = [...(whoMayRead ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
    const readViews = VIGIL_SUBCOMMANDS.filter((sub) => sub.readView).map((sub) => sub.name);
    expect([...named].sort()).toEqual([...readViews].sort());
    expect(section).toContain('`help` and `policy` stay open to everyone');
    const open = VIGIL_SUBCOMMANDS.filter((sub) => sub.name === 'help' || sub.name === 'policy');
    expect(open.map((sub) => sub.readView)).toEqual([false, false]);
  });
});
