// The read-only /vigil views as a person types them in Slack: cases, one case, approvals waiting, payloads
// stored but not read, audit verify (against anchors too, and what it says once a row has been tampered
// with), and the refusals that tell the person what to type instead. Alert-derived text reaches Slack
// escaped, never as markup.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
let unparsedId: string;
let policyFile: string;
beforeAll(async () => {
  const dataDir = tempDataDir();
  policyFile = path.join(dataDir, 'policy.yml');
  fs.writeFileSync(
    policyFile,
    // As long as a real, commented policy (the shipped one is about 5,000 characters).
    `${'# A comment line of the kind a real policy carries, explaining one rule to its reader.\n'.repeat(60)}# Ask <!channel> first.\n# Example: \`\`\`approval: auto\`\`\` runs it unasked; \`\`\`\`\` five.\nversion: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-senior }\n`,
  );
  t = await startLocalVigil({ dataDir, policyFile });
  await t.postAlert(
    JSON.stringify({ title: 'SSH brute force <!channel> *now*', severity: 'high', src_ip: '203.0.113.40' }),
  );
  await t.approvalCard();
  const bad = await t.postAlert('{"title": "half an alert <!here>", ');
  unparsedId = String(bad.json.alertId);
  await t.vigil.drain();
});
afterAll(async () => {
  await t.stop();
});

/** The Slack permalink of a message in the sandbox workspace (a reply when `parent` is given), mrkdwn-escaped. */
function permalink(channel: string, ts: string, parent?: string): string {
  const base = `https://vigil-sandbox.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return parent ? `${base}?thread_ts=${parent}&amp;cid=${channel}` : base;
}

/** Where case 1's message and its approval card are. */
function caseOne(): { root: string; card: string } {
  const row = t.vigil.db.sqlite
    .prepare(
      'SELECT c.channel_id AS channel, c.root_ts AS root, a.card_ts AS card FROM cases c JOIN approvals a ON a.case_id = c.id WHERE c.id = 1',
    )
    .get() as { channel: string; root: string; card: string };
  return { root: permalink(row.channel, row.root), card: permalink(row.channel, row.card, row.root) };
}

/** Types `/vigil <text>` as carol in the alerts channel and returns the answer she sees. */
async function vigil(text: string): Promise<string> {
  const before = t.emulator.workspace.ephemerals('carol').length;
  const result = await t.emulator.command({
    user: 'carol',
    channel: SEED_IDS.channels.alerts,
    command: '/vigil',
    text,
  });
  expect(result.status).toBe(200);
  const answer = await t.emulator.workspace.waitFor(
    'ephemeral',
    (e) => e.user === SEED_IDS.users.carol && t.emulator.workspace.ephemerals('carol').indexOf(e) >= before,
  );
  return answer.text;
}

describe('/vigil', () => {
  it('policy shows the whole active policy.yml with its hash', async () => {
    const text = await vigil('policy');
    expect(text).toContain(`*Active policy* \`${t.vigil.policy.current().hash}\``);
    expect(text).toContain('    approvers: { usergroup: soc-senior }\n```');
    expect(text).toContain('# Ask &lt;!channel&gt; first.');
  });

  it('policy keeps a code fence written in a policy.yml comment from closing its code block, and hashes the file as it is', async () => {
    const text = await vigil('policy');
    const source = fs.readFileSync(policyFile, 'utf8');
    expect(source).toContain('```approval: auto```');
    expect(t.vigil.policy.current().hash).toBe(createHash('sha256').update(source).digest('hex'));
    // One fence opens the block and one closes it: no run of three backticks in between.
    const block = text.slice(text.indexOf('```') + 3, text.lastIndexOf('```'));
    expect(block).toContain('# Ask &lt;!channel&gt; first.');
    expect(block).toContain('approvers: { usergroup: soc-senior }');
    expect(block).not.toContain('```');
    // What the reader sees is the comment as written, with a zero-width joiner between backticks.
    expect(block.replaceAll('\u200D', '')).toContain(
      '# Example: ```approval: auto``` runs it unasked; ````` five.',
    );
  });

  it('cases lists the open cases with their severity and status, the title escaped and its marks inert', async () => {
    const text = await vigil('cases');
    expect(text).toMatch(/^\*Open cases\* \(1, newest first\)\n/);
    expect(text).toContain(
      `*<${caseOne().root}|VIG-1>* [high] SSH brute force &lt;!channel&gt; \u2217now\u2217: awaiting approval`,
    );
    expect(text).not.toContain('<!channel>');
  });

  it('case VIG-n shows the case with its approvals and actions', async () => {
    const text = await vigil('case VIG-1');
    expect(text.startsWith(`*<${caseOne().root}|VIG-1>* [high] SSH brute force &lt;!channel&gt;`)).toBe(true);
    expect(text).toContain('*Approvals*\n• block_ip 203.0.113.40: pending');
    expect(text).toContain('*Actions*');
  });

  it('case without a key, or with one that does not exist, says what to type', async () => {
    // The answer is mrkdwn, escaped: Slack shows &lt; as <, so the person reads <case id>.
    expect(await vigil('case')).toContain('Usage: /vigil case &lt;case id&gt;, e.g. /vigil case VIG-12');
    expect(await vigil('case VIG-99')).toContain(
      'There is no case VIG-99. /vigil cases lists the open ones.',
    );
  });

  it('approvals lists what waits for a decision, linking the case’s message and the card', async () => {
    const text = await vigil('approvals');
    expect(text).toContain('*Waiting for a decision*');
    const { root, card } = caseOne();
    expect(text).toContain(`• <${root}|VIG-1>: block_ip 203.0.113.40 (since <!date^`);
    expect(text).toMatch(
      /\(since <!date\^\d+\^\{date_short_pretty\} \{time_secs\}\|\d{4}-\d\d-\d\dT[^>]+>\)/,
    );
    expect(text).toContain(` · <${card}|open the card>`);
  });

  it('unparsed lists the payload that could not be read, with why, escaped', async () => {
    const text = await vigil('unparsed');
    expect(text).toContain(`• ${unparsedId} from webhook at <!date^`);
    expect(text).toContain('not valid JSON');
    expect(text).toContain('half an alert &lt;!here&gt;');
    expect(text).not.toContain('<!here>');
  });

  it('audit with neither verify nor a case key, and an unknown subcommand, say what to type', async () => {
    expect(await vigil('audit')).toContain(
      'Usage: /vigil audit verify [&lt;row&gt;:&lt;hash&gt;…], or /vigil audit &lt;case id&gt;',
    );
    const unknown = await vigil('frobnicate');
    expect(unknown).toContain('"frobnicate" is not a Vigil command.');
    expect(unknown).toContain('`/vigil cases`: open cases');
  });
  // Last: it leaves the chain broken.
  it('audit verify names the last row and its hash, checks the anchors given, and names the first row that was changed', async () => {
    const { sqlite } = t.vigil.db;
    const ok = await vigil('audit verify');
    const [, rows, row, hash] =
      /^:white_check_mark: Audit chain verified: (\d+) rows, last row (\d+), hash `([0-9a-f]{64})`\.$/.exec(
        ok,
      ) ?? [];
    expect(Number(rows)).toBeGreaterThan(0);
    expect(sqlite.prepare('SELECT hash FROM audit_events WHERE id = ?').pluck().get(Number(row))).toBe(hash);

    expect(await vigil(`audit verify ${row}:${hash}`)).toMatch(/\. It holds the anchor given\.$/);
    const other = 'f'.repeat(64);
    expect(await vigil(`audit verify ${row}:${hash} ${row}:${other}`)).toBe(
      `:rotating_light: Audit chain broken at row ${row}: its hash is ${hash}, not the anchored ${other}, so the log was rewritten at or before this row.`,
    );
    expect(await vigil(`audit verify ${Number(row) + 1000}:${hash}`)).toMatch(
      new RegExp(
        `^:rotating_light: Audit chain broken at row ${Number(row) + 1000}: the anchored row is missing; the log ends at row \\d+, so rows were removed\\.$`,
      ),
    );
    expect(await vigil('audit verify 12:abc')).toContain(
      '"12:abc" is not an anchor: write it as &lt;row&gt;:&lt;hash&gt;',
    );

    sqlite.exec('DROP TRIGGER audit_events_no_update');
    sqlite.prepare("UPDATE audit_events SET actor = 'mallory' WHERE id = 3").run();
    expect(await vigil('audit verify')).toMatch(/^:rotating_light: Audit chain broken at row 3: /);
  });
});
