// /vigil <subcommand>: every subcommand in one table (VIGIL_SUBCOMMANDS), from which the dispatch, the read-view
// guard and the help are made. Most are read-only views for people (help, cases, case, approvals, unparsed, policy,
// stats, audit); block, offboard and onboard are requests that open a case (in their own modules).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { caseKey, parseCaseKey } from '../../../../db/repositories/cases.js';
import { InvalidInputError, NotFoundError } from '../../../errors.js';
import {
  escapeKeeping,
  escapeMrkdwn,
  fitLines,
  insideCodeBlock,
  safe,
  slackDate,
  truncate,
} from '../../blocks/mrkdwn.js';
import { mention, mentionsOf } from '../../../../graphs/lib/mention.js';
import { statsLines } from '../../blocks/stats.js';
import { statusWords } from '../../blocks/case-message.js';
import type { SlackDeps } from '../../deps.js';
import { ANCHOR_FORM, parseAuditAnchor, type AuditAnchor } from '../../../audit/anchor.js';
import { buildEvidencePack } from '../../../audit/evidence-pack.js';
import type { WebClient } from '@slack/web-api';
import { linked } from '../../permalink.js';
import { sha256 } from '../../../../graphs/lib/digest.js';
import { blockAnswer } from './block.js';
import { offboardAnswer } from './offboard.js';
import { onboardAnswer } from './onboard.js';

/** What a subcommand is given: who asked, the words after its name, and the listener's Web API client. */
export interface SubcommandCall {
  userId: string;
  args: string[];
  client: WebClient;
}

/** One `/vigil` subcommand. */
export interface VigilSubcommand {
  /** The word after `/vigil`, in lower case (what people type is matched case-insensitively). */
  name: string;
  /** Its lines in the help: the usage after `/vigil ` and what it does. help itself has none. */
  help: ReadonlyArray<{ usage: string; does: string }>;
  /**
   * It shows what the alerts channel holds (cases, approvals, payloads, figures, evidence) or, for block, opens a case
   * there: only for its members and the policy's approvers (`deps.readers`), asked before it runs.
   */
  readView: boolean;
  /** The answer, shown only to whoever asked. Throws a coded error to refuse, with what to type instead. */
  run(deps: SlackDeps, call: SubcommandCall): Promise<string>;
}

/** Every `/vigil` subcommand, in the order the help lists them. */
export const VIGIL_SUBCOMMANDS: readonly VigilSubcommand[] = [
  { name: 'help', help: [], readView: false, run: async () => VIGIL_HELP },
  {
    name: 'cases',
    help: [{ usage: 'cases', does: 'open cases' }],
    readView: true,
    run: async (deps) => casesAnswer(deps),
  },
  {
    name: 'case',
    help: [{ usage: 'case <VIG-n>', does: 'one case with its approvals and actions' }],
    readView: true,
    run: async (deps, { args }) => caseAnswer(deps, args),
  },
  {
    name: 'approvals',
    help: [{ usage: 'approvals', does: 'approvals waiting for a decision' }],
    readView: true,
    run: async (deps) => approvalsAnswer(deps),
  },
  {
    name: 'block',
    help: [
      {
        usage: 'block <ip> [ttl]',
        does: 'block an address on the firewall (policy and approval as for an alert; ttl such as 30m, 2h, 1d)',
      },
    ],
    readView: true,
    run: (deps, { userId, args }) => blockAnswer(deps, userId, args),
  },
  {
    name: 'offboard',
    help: [
      {
        usage: 'offboard @person',
        does: 'offboard someone (approval, then identity provider → cloud → Slack)',
      },
    ],
    readView: false,
    run: (deps, { userId, args }) => offboardAnswer(deps, userId, args),
  },
  {
    name: 'onboard',
    help: [
      {
        usage: 'onboard <email> <role> <full name>',
        does: 'onboard someone (Salesforce and Slack, per roles.yml)',
      },
    ],
    readView: false,
    run: (deps, { userId, args }) => onboardAnswer(deps, userId, args),
  },
  {
    name: 'unparsed',
    help: [{ usage: 'unparsed', does: 'payloads Vigil stored but could not read' }],
    readView: true,
    run: async (deps) => unparsedAnswer(deps),
  },
  {
    name: 'policy',
    help: [{ usage: 'policy', does: 'the active policy and its hash' }],
    readView: false,
    run: async (deps) => policyAnswer(deps),
  },
  {
    name: 'stats',
    help: [
      {
        usage: 'stats',
        does: 'time to evidence, time to triage, approval wait, touches, audit completeness (30 days)',
      },
    ],
    readView: true,
    run: async (deps) => [`*Vigil, last 30 days*`, ...statsLines(deps.metrics.current())].join('\n'),
  },
  {
    name: 'audit',
    help: [
      {
        usage: 'audit verify [<row>:<hash>…]',
        does: 're-check the whole audit chain (and that it still holds those anchors)',
      },
      { usage: 'audit <VIG-n>', does: 'post the case’s evidence pack (JSON) in its thread' },
    ],
    readView: true,
    run: (deps, { userId, args, client }) => {
      const caseId = parseCaseKey(args[0] ?? '');
      return caseId === undefined
        ? auditVerifyAnswer(deps, args)
        : postEvidencePack(deps, client, caseId, userId);
    },
  },
];

/** The other slash command's lines, which the help lists first. */
const TRIAGE_HELP = [
  '`/triage <alert JSON>`: take an alert in by hand',
  '`/triage <alert id>`: the case of an alert Vigil stored, or read an unparsed one again',
];

/** The answer to `/vigil help` (and to a word that is no subcommand): the /triage lines, then the table's. */
export const VIGIL_HELP = [
  '*Vigil commands*',
  ...TRIAGE_HELP,
  ...VIGIL_SUBCOMMANDS.flatMap((sub) => sub.help.map((line) => `\`/vigil ${line.usage}\`: ${line.does}`)),
].join('\n');

const BY_NAME: ReadonlyMap<string, VigilSubcommand> = new Map(
  VIGIL_SUBCOMMANDS.map((sub) => [sub.name, sub]),
);

export function makeVigilCommand(deps: SlackDeps) {
  return async ({
    ack,
    command,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/).filter(Boolean);
    const lower = sub.toLowerCase();
    const subcommand = BY_NAME.get(lower);
    if (!subcommand)
      throw new InvalidInputError(`"${truncate(lower, 40)}" is not a Vigil command.\n${VIGIL_HELP}`);
    if (subcommand.readView) await deps.readers.assert(command.user_id, lower);
    const text = await subcommand.run(deps, { userId: command.user_id, args: rest, client });
    await respond({ response_type: 'ephemeral', text: truncate(text, 39_000) });
  };
}

/** Most of policy.yml `/vigil policy` shows: what fits in one message beside its hash. */
const POLICY_CHARS = 38_000;

/**
 * Largest evidence pack posted inline, as posted (escaped); Slack cuts a message's text at 40,000 characters
 * without an error, which would lose the pack's end (its chain verdict). Larger ones are pointed at `vigil audit
 * export`.
 */
const INLINE_PACK_CHARS = 38_000;

/**
 * Posts the case's evidence pack (JSON) in its thread, naming who asked, and says so to the asker. The export is
 * audited first (`evidence.exported`: who, the digest of the JSON posted and the chain's head).
 */
async function postEvidencePack(
  deps: SlackDeps,
  client: WebClient,
  caseId: number,
  userId: string,
): Promise<string> {
  const row = deps.cases.get(caseId);
  if (!row) throw new NotFoundError(`There is no case ${caseKey(caseId)}. /vigil cases lists the open ones.`);
  if (!row.channelId || !row.rootTs)
    throw new NotFoundError(`${caseKey(caseId)} has no thread in Slack yet; try again shortly.`);
  const pack = buildEvidencePack(
    deps.audit.sqlite,
    deps.audit,
    caseId,
    deps.clock(),
    await deps.audit.verifyInTurns(),
  );
  const json = JSON.stringify(pack, null, 1);
  const chain = pack.chain.verified
    ? 'audit chain verified'
    : `audit chain BROKEN at row ${pack.chain.brokenAt}`;
  const head = `:card_index_dividers: *Evidence pack for ${caseKey(caseId)}*, requested by ${mention(userId)}: ${pack.audit.length} audit rows, ${pack.approvals.length} approvals, ${pack.actions.length} actions; ${chain}.`;
  // A backtick can only be inside a JSON string, where \u0060 is the same value: alert text cannot close the fence.
  const posted = escapeMrkdwn(json.replaceAll('`', '\\u0060'));
  const text =
    posted.length <= INLINE_PACK_CHARS
      ? `${head}\n\`\`\`${posted}\`\`\``
      : `${head}\nThe pack is ${posted.length} characters as posted, too long for a message: run \`vigil audit export ${caseKey(caseId)}\` on the Vigil host.`;
  deps.audit.append({
    type: 'evidence.exported',
    actor: userId,
    caseId,
    data: {
      to: 'slack-thread',
      inline: posted.length <= INLINE_PACK_CHARS,
      packDigest: sha256(json),
      chain: pack.chain,
    },
  });
  await client.chat.postMessage({ channel: row.channelId, thread_ts: row.rootTs, text });
  return `Posted the evidence pack of ${caseKey(caseId)} in its thread.`;
}

/** `/vigil cases`: the open cases, newest first. */
function casesAnswer(deps: SlackDeps): string {
  const open = deps.cases.listOpen(20);
  if (!open.length) return 'No open cases.';
  const total = deps.cases.countOpen();
  const lines = open.map(
    (c) =>
      `• *${linked(deps.links(c.channelId, c.rootTs), caseKey(c.id))}* [${c.severity}] ${safe(c.title, 200)}: ${statusWords(c.status)}`,
  );
  return `*Open cases* (${total}, newest first)\n${fitLines(lines, 38_000, total)}`;
}

/** `/vigil case <VIG-n>`: one case with its summary, approvals and actions. */
function caseAnswer(deps: SlackDeps, args: string[]): string {
  const id = parseCaseKey(args[0] ?? '');
  if (id === undefined) throw new InvalidInputError('Usage: /vigil case <case id>, e.g. /vigil case VIG-12');
  const row = deps.cases.get(id);
  if (!row) throw new NotFoundError(`There is no case ${caseKey(id)}. /vigil cases lists the open ones.`);
  const decided = deps.approvals.forCase(id);
  const approvals = decided.map(
    (a) =>
      `• ${a.action} ${safe(a.target, 200)}: ${a.status}${a.decidedBy ? ` by ${mention(a.decidedBy)}` : ''}`,
  );
  // The summary names who decided, as its thread note does; other mention markup in it came from the alert.
  const people = new Set(mentionsOf(decided.map((a) => a.decidedBy)));
  const actions = deps.actions.forCase(id).map((a) => {
    const reverted = a.revertedAt
      ? `, rolled back ${a.revertedBy === 'vigil' ? 'when its time ran out' : `by ${mention(a.revertedBy ?? 'unknown')}`} ${slackDate(a.revertedAt)}`
      : '';
    return `• ${a.kind} ${safe(a.target, 200)}: ${a.status}${reverted}`;
  });
  return [
    `*${linked(deps.links(row.channelId, row.rootTs), caseKey(id))}* [${row.severity}] ${safe(row.title, 300)}: ${statusWords(row.status)}`,
    row.summary ? truncate(escapeKeeping(row.summary, people), 2000) : '',
    approvals.length ? `*Approvals*\n${approvals.join('\n')}` : '',
    actions.length ? `*Actions*\n${actions.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** `/vigil approvals`: the approvals waiting for a decision, oldest first. */
function approvalsAnswer(deps: SlackDeps): string {
  const pending = deps.approvals.listPending();
  if (!pending.length) return 'No approvals are waiting.';
  const lines = pending.map((a) => {
    const root = deps.cases.get(a.caseId);
    const card = deps.links(a.channelId, a.cardTs, root?.rootTs);
    return `• ${linked(deps.links(root?.channelId, root?.rootTs), caseKey(a.caseId))}: ${a.action} ${safe(a.target, 200)} (since ${slackDate(a.requestedAt)})${card ? ` · ${linked(card, 'open the card')}` : ''}`;
  });
  return `*Waiting for a decision* (${pending.length}, oldest first)\n${fitLines(lines, 38_000, pending.length)}`;
}

/** `/vigil unparsed`: the payloads Vigil stored but could not read, newest first. */
function unparsedAnswer(deps: SlackDeps): string {
  const rows = deps.alerts.listUnparsed(20);
  if (!rows.length) return 'Every stored payload was read.';
  return [
    '*Stored but not read* (newest first; the raw bytes are kept in the alerts table)',
    ...rows.map(
      (a) =>
        `• ${a.id} from ${a.source} at ${slackDate(a.receivedAt)}: ${safe(a.error ?? 'unknown reason', 300)}\n   \`${safe(a.raw.toString('utf8').slice(0, 120), 200)}\``,
    ),
  ].join('\n');
}

/** `/vigil policy`: the policy in force and its hash. */
function policyAnswer(deps: SlackDeps): string {
  const policy = deps.policy.current();
  // A fence in a comment would close the block early; the hash shown is still the file's own.
  const source = insideCodeBlock(escapeMrkdwn(policy.source));
  const shown =
    source.length <= POLICY_CHARS
      ? source
      : `${truncate(source, POLICY_CHARS)}\n(cut: the file is ${policy.source.length} characters; read the rest on the Vigil host)`;
  return `*Active policy* \`${policy.hash}\`\n\`\`\`${shown}\`\`\``;
}

/** `/vigil audit verify [<row>:<hash>…]`: re-checks the audit chain (and the anchors given); else the usage. */
async function auditVerifyAnswer(deps: SlackDeps, args: string[]): Promise<string> {
  if (args[0]?.toLowerCase() === 'verify') {
    const anchors = args.slice(1).map((text): AuditAnchor => {
      const anchor = parseAuditAnchor(text);
      if (!anchor)
        throw new InvalidInputError(
          `"${truncate(text, 80)}" is not an anchor: write it as ${ANCHOR_FORM}, e.g. /vigil audit verify 1200:<hash>`,
        );
      return anchor;
    });
    const result = await deps.audit.verifyInTurns(anchors);
    if (!result.ok) return `:rotating_light: Audit chain broken at row ${result.brokenAt}: ${result.reason}.`;
    const held = anchors.length ? ` It holds the ${anchors.length === 1 ? 'anchor' : 'anchors'} given.` : '';
    return `:white_check_mark: Audit chain verified: ${result.rows} rows, last row ${result.lastRow}, hash \`${result.lastHash}\`.${held}`;
  }
  throw new InvalidInputError(
    'Usage: /vigil audit verify [<row>:<hash>…], or /vigil audit <case id>, e.g. /vigil audit VIG-12',
  );
}
