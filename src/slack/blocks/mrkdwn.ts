// Text helpers for Block Kit: alert text is untrusted, so it is escaped (no mentions, links or broadcasts
// can be smuggled in) and cut to Slack's limits.

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Escaped and cut: for any alert-derived text going into mrkdwn. */
export const safe = (text: string, max = 2900): string => truncate(escapeMrkdwn(text), max);

/** Slack's date formatting token, with an ISO fallback for clients that cannot render it. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${iso}>`;
}

export const severityEmoji: Record<string, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};
