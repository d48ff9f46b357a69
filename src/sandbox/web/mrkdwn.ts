// Slack text objects to HTML. mrkdwn goes through slack-to-html (escapes the body and every interpolated
// name and URL, links only http/https/mailto/tel); plain_text is escaped here and only gets emoji.
import { escapeForSlackWithMarkdown, expandEmoji } from 'slack-to-html';
import { isRecord } from '../block-kit-limits.js';
import type { Workspace } from '../workspace.js';
import { escapeHtml, html, SafeHtml } from './html.js';

/** Who and what mentions resolve to, and the reader's time zone for `<!date^…>`. */
export interface Names {
  users: Record<string, string>;
  channels: Record<string, string>;
  usergroups: Record<string, string>;
  timeZone: string;
}

export function namesOf(workspace: Workspace, timeZone = 'UTC'): Names {
  return {
    users: Object.fromEntries(workspace.users().map((u) => [u.id, u.name])),
    channels: Object.fromEntries(
      workspace.channels().map((c) => [c.id, c.is_im ? 'direct message' : c.name]),
    ),
    usergroups: Object.fromEntries(workspace.userGroups().map((g) => [g.id, `@${g.handle}`])),
    timeZone,
  };
}

/** Slack mrkdwn (bold, italics, strike, code, quotes, links, mentions, dates, emoji) as HTML. */
export function mrkdwn(text: string, names: Names): SafeHtml {
  // slack-to-html escapes the text it is given and every value it interpolates (its documented contract,
  // checked by test/sandbox/web-render.test.ts), so its output is trusted as HTML. It also links the
  // optional URL of a date (`<!date^ts^format^url|fallback>`) without checking relative and
  // protocol-relative URLs: those links are dropped before it sees the text.
  const rendered = escapeForSlackWithMarkdown(text.replace(DATE_LINK, '<!date^$1^$2'), {
    users: names.users,
    channels: names.channels,
    usergroups: names.usergroups,
    dateTimeZone: names.timeZone,
  });
  return SafeHtml.trusted(withBreaks(quoteLines(newlinesInTagsEncoded(rendered))));
}

/**
 * A link whose URL spans a line (`<http:\n/>`) comes back with the newline inside its `href`; line breaks and
 * quote markup must only go between tags, so a newline inside a tag is percent-encoded as a URL's would be.
 * Every `<` in slack-to-html's output starts a tag (text is escaped).
 */
function newlinesInTagsEncoded(rendered: string): string {
  return rendered.replace(/<[^>]*>/g, (tag) => tag.replace(/\r?\n/g, '%0A'));
}

/** `<!date^timestamp^format^link`: the link part, to drop. */
const DATE_LINK = /<!date\^([^^|>]*)\^([^^|>]*)\^[^|>]*/g;

/**
 * Slack quotes every line that starts with `>`; slack-to-html only the first line of a message. Lines of its
 * (escaped) output that still start with `&gt;` are wrapped here, with fixed markup only.
 */
function quoteLines(rendered: string): string {
  return rendered
    .split('\n')
    .map((line, i) =>
      i > 0 && line.startsWith('&gt;') && !line.startsWith('&gt;&gt;&gt;')
        ? `<span class="slack_block">${line.slice('&gt;'.length)}</span>`
        : line,
    )
    .join('\n');
}

/** Line breaks as `<br>`, so the page's layout whitespace never shows in text. */
export function withBreaks(escaped: string): string {
  return escaped.replace(/\r?\n/g, '<br>');
}

/** plain_text: escaped as it is, with `:emoji:` shortcodes unless `emoji: false`. */
export function plainText(text: string, emoji = true): SafeHtml {
  const escaped = escapeHtml(text);
  // Emoji shortcodes are `:[a-z0-9_+-]+:`, which escaping never produces or splits.
  return SafeHtml.trusted(withBreaks(emoji ? expandEmoji(escaped) : escaped));
}

/** A Block Kit text object (`{type, text}`); anything else renders as nothing. */
export function textObject(value: unknown, names: Names): SafeHtml {
  if (!isRecord(value) || typeof value.text !== 'string') return html``;
  return value.type === 'mrkdwn' ? mrkdwn(value.text, names) : plainText(value.text, value.emoji !== false);
}

/** The text of a plain_text object, for attributes and labels (no markup). */
export function plainString(value: unknown): string {
  return isRecord(value) && typeof value.text === 'string' ? value.text : '';
}
