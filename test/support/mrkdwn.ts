// What Slack reads as mrkdwn in a message or view, to check nothing from input turned into markup Slack acts on.

/** Markup Slack acts on (a broadcast, a group ping, a link) that only input could have put there. */
export const SMUGGLED = /<!(channel|here|everyone|subteam)|<(https?|mailto):/;

/** Every text Slack reads as mrkdwn: `mrkdwn` text objects, and a message's notification text. */
export function mrkdwnTexts(built: { text?: string; blocks?: unknown }): string[] {
  const out = built.text === undefined ? [] : [built.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') out.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(built.blocks);
  return out;
}
