// Text helpers for Block Kit: alert text is untrusted, so it is escaped (no mentions, links or broadcasts
// can be smuggled in) and cut to Slack's limits.
import { REFERENCE } from '../../../graphs/lib/mention.js';

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped like `escapeMrkdwn`, except for the parts `pattern` (one capturing group) matches that `keep` accepts. */
function escapeExcept(
  text: string,
  pattern: RegExp,
  keep: (reference: string) => boolean = () => true,
): string {
  return text
    .split(pattern)
    .map((part, i) => (i % 2 === 1 && keep(part) ? part : escapeMrkdwn(part)))
    .join('');
}

/** The look-alike shown for each of Slack's formatting marks where text from outside could use it. */
const INERT: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/**
 * Slack's mrkdwn has no escape for its marks (`*bold*`, `_italic_`, `~struck~`, `` `code` ``) or for a quote
 * (`>` opening a line), so text from outside would format itself: an alert titled `*✅ Approved by @carol*` would
 * show bold beside the real Approve button. A mark opens or closes formatting only where the word does not go on
 * through it, so there, and only there, the mark shows as a look-alike (∗ ˍ ∼ ˋ); `svc_backup` and `2*3` are
 * kept as they are. A `>` that opens a line shows as `›`. Runs on escaped text (`>` already `&gt;`).
 */
function inert(escaped: string): string {
  return escaped
    .replace(/(?<![\p{L}\p{N}])[*_~`]|[*_~`](?![\p{L}\p{N}])/gu, (mark) => INERT[mark] ?? mark)
    .replace(/^([ \t]{0,40})&gt;/gm, '$1\u203a');
}

/**
 * Escaped and made inert, except for the references listed in `kept`: those Vigil itself wrote into a thread
 * note (who decided, who pressed Revert). The same markup typed into an alert (`<@U…>` in a title) is shown as
 * text, pinging nobody, and its formatting marks format nothing.
 */
export const escapeKeeping = (text: string, kept: ReadonlySet<string>): string =>
  escapeExcept(text, REFERENCE, (reference) => kept.has(reference))
    .split(REFERENCE)
    .map((part, i) => (i % 2 === 1 ? part : inert(part)))
    .join('');

/**
 * Escaped, except for references to a person, user group or channel: for text shown only to the one person it
 * is for (an error or refusal, ephemerally or in their DM with Vigil), where Vigil names who may decide.
 * Broadcasts (`<!channel>`, `<!here>`), links and markup from input are escaped.
 */
export const escapeKeepingReferences = (text: string): string => escapeExcept(text, REFERENCE);

/**
 * `text` to show inside a ``` code block, which it cannot close early: a zero-width joiner follows each backtick that
 * another backtick (or the end) follows, so no run of three is left, and the reader still sees the backticks.
 */
export function insideCodeBlock(text: string): string {
  return text.replace(/`(?=`|$)/g, '`\u200D');
}

/**
 * Cuts text to `max` characters, marking the cut; never inside a character (an emoji's surrogate pair, which Slack
 * would receive fused with the `…` as another character) or inside an escape (`&amp;`, `&lt;`, `&gt;`).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const amp = text.lastIndexOf('&', end - 1);
  if (
    amp >= 0 &&
    end - amp <= 4 &&
    /^&(?:amp|lt|gt);/.test(text.slice(amp, amp + 5)) &&
    !text.slice(amp, end).includes(';')
  )
    end = amp;
  return `${text.slice(0, end)}…`;
}

/** Escaped, made inert and cut: for any alert-derived text going into mrkdwn. */
export const safe = (text: string, max = 2900): string => truncate(inert(escapeMrkdwn(text)), max);

/**
 * Lines already made safe for mrkdwn, as many whole ones as fit in `max` characters; the rest (of `total`, when
 * the lines are the first few of a longer list) are counted on a last line ("…and 12 more") so nobody mistakes a
 * cut list for the whole of it. A first line longer than `max` is cut.
 */
export function fitLines(lines: readonly string[], max: number, total = lines.length): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    // Room for this line, and for the count of those after it should the next one not fit.
    const reserve = moreOf(total - i - 1).length;
    const cost = (kept.length ? 1 : 0) + line.length;
    if (used + cost + reserve > max) {
      if (kept.length) break;
      const more = moreOf(total - 1);
      return truncate(line, max - more.length) + more;
    }
    kept.push(line);
    used += cost;
  }
  const more = moreOf(total - kept.length);
  return kept.length ? kept.join('\n') + more : more.trimStart();
}

const moreOf = (n: number): string => (n > 0 ? `\n…and ${n} more` : '');

/** Slack's date formatting token (in each reader's time zone), with an ISO fallback for clients that cannot render it. */
export function slackDate(iso: string, format = '{date_short_pretty} {time_secs}'): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^${format}|${iso}>`;
}

export const severityEmoji: Record<string, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};
