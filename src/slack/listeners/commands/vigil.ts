// /vigil <subcommand>: read-only views for people (help, cases, case, approvals, policy, audit verify), and the
// requests that open a case (block, offboard, onboard).
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

export const VIGIL_HELP = [
  '*Vigil commands*',
  '`/triage <alert JSON>`: take an alert in by hand',
  '`/triage <alert id>`: the case of an alert Vigil stored, or read an unparsed one again',
  '`/vigil cases`: open cases',
  '`/vigil case <VIG-n>`: one case with its approvals and actions',
  '`/vigil approvals`: approvals waiting for a decision',
  '`/vigil block <ip> [ttl]`: block an address on the firewall (policy and approval as for an alert; ttl such as 30m, 2h, 1d)',
  '`/vigil offboard @person`: offboard someone (approval, then identity provider → cloud → Slack)',
  '`/vigil onboard <email> <role> <full name>`: onboard someone (Salesforce and Slack, per roles.yml)',
  '`/vigil unparsed`: payloads Vigil stored but could not read',
  '`/vigil policy`: the active policy and its hash',
  '`/vigil stats`: time to evidence, time to triage, approval wait, touches, audit completeness (30 days)',
  '`/vigil audit verify [<row>:<hash>…]`: re-check the whole audit chain (and that it still holds those anchors)',
  '`/vigil audit <VIG-n>`: post the case’s evidence pack (JSON) in its thread',
].join('\n');

/**
 * Subcommands that show what the alerts channel holds (cases, approvals, payloads, figures, evidence), and block,
 * which opens a case there: only for its members and the policy's approvers (`deps.readers`). help, policy,
 * offboard and onboard are not among them.
 */
const READ_VIEWS: ReadonlySet<string> = new Set([
  'cases',
  'case',
  'approvals',
  'unparsed',
  'audit',
  'stats',
  'block',
]);

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
    if (READ_VIEWS.has(lower)) await deps.readers.assert(command.user_id, lower);
    const text =
      lower === 'block'
        ? await blockAnswer(deps, command.user_id, rest)
        : lower === 'offboard'
          ? await offboardAnswer(deps, command.user_id, rest)
          : lower === 'onboard'
            ? await onboardAnswer(deps, command.user_id, rest)
            : lower === 'audit' && parseCaseKey(rest[0] ?? '') !== undefined
              ? await postEvidencePack(deps, client, parseCaseKey(rest[0] ?? '') ?? 0, command.user_id)
              : await answer(deps, lower, rest);
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

async function answer(deps: SlackDeps, sub: string, args: string[]): Promise<string> {
  switch (sub) {
    case 'help':
      return VIGIL_HELP;
    case 'cases': {
      const open = deps.cases.listOpen(20);
      if (!open.length) return 'No open cases.';
      const total = deps.cases.countOpen();
      const lines = open.map(
        (c) =>
          `• *${linked(deps.links(c.channelId, c.rootTs), caseKey(c.id))}* [${c.severity}] ${safe(c.title, 200)}: ${statusWords(c.status)}`,
      );
      return `*Open cases* (${total}, newest first)\n${fitLines(lines, 38_000, total)}`;
    }
    case 'case': {
      const id = parseCaseKey(args[0] ?? '');
      if (id === undefined)
        throw new InvalidInputError('Usage: /vigil case <case id>, e.g. /vigil case VIG-12');
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
    case 'approvals': {
      const pending = deps.approvals.listPending();
      if (!pending.length) return 'No approvals are waiting.';
      const lines = pending.map((a) => {
        const root = deps.cases.get(a.caseId);
        const card = deps.links(a.channelId, a.cardTs, root?.rootTs);
        return `• ${linked(deps.links(root?.channelId, root?.rootTs), caseKey(a.caseId))}: ${a.action} ${safe(a.target, 200)} (since ${slackDate(a.requestedAt)})${card ? ` · ${linked(card, 'open the card')}` : ''}`;
      });
      return `*Waiting for a decision* (${pending.length}, oldest first)\n${fitLines(lines, 38_000, pending.length)}`;
    }
    case 'unparsed': {
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
    case 'stats':
      return [`*Vigil, last 30 days*`, ...statsLines(deps.metrics.current())].join('\n');
    case 'policy': {
      const policy = deps.policy.current();
      // A fence in a comment would close the block early; the hash shown is still the file's own.
      const source = insideCodeBlock(escapeMrkdwn(policy.source));
      const shown =
        source.length <= POLICY_CHARS
          ? source
          : `${truncate(source, POLICY_CHARS)}\n(cut: the file is ${policy.source.length} characters; read the rest on the Vigil host)`;
      return `*Active policy* \`${policy.hash}\`\n\`\`\`${shown}\`\`\``;
    }
    case 'audit': {
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
        if (!result.ok)
          return `:rotating_light: Audit chain broken at row ${result.brokenAt}: ${result.reason}.`;
        const held = anchors.length
          ? ` It holds the ${anchors.length === 1 ? 'anchor' : 'anchors'} given.`
          : '';
        return `:white_check_mark: Audit chain verified: ${result.rows} rows, last row ${result.lastRow}, hash \`${result.lastHash}\`.${held}`;
      }
      throw new InvalidInputError(
        'Usage: /vigil audit verify [<row>:<hash>…], or /vigil audit <case id>, e.g. /vigil audit VIG-12',
      );
    }
    default:
      throw new InvalidInputError(`"${truncate(sub, 40)}" is not a Vigil command.\n${VIGIL_HELP}`);
  }
}
