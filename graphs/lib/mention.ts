// How Vigil names a person in a thread note: a Slack mention, which the note also lists in its `mentions` so the
// renderer keeps it (the same markup typed into an alert is shown as text).

const SLACK_USER = /^[UW][A-Z0-9]+$/;

/** What Vigil's own messages refer to and Slack renders: a person, a user group, a channel (one capturing group). */
export const REFERENCE = /(<@[UW][A-Z0-9]+>|<!subteam\^S[A-Z0-9]+>|<#C[A-Z0-9]+>)/;

/** `<@U…>` for a Slack user id; Vigil itself (`vigil`: an expiry, a TTL) by name; any other actor as it is. */
export function mention(actor: string): string {
  if (SLACK_USER.test(actor)) return `<@${actor}>`;
  return actor === 'vigil' ? 'Vigil' : actor;
}

/** The mentions `mention` writes for these actors (those that are Slack users), for a note's `mentions`. */
export function mentionsOf(actors: ReadonlyArray<string | null | undefined>): string[] {
  return actors.filter((a): a is string => !!a && SLACK_USER.test(a)).map(mention);
}

/** The references (`<@U…>`, `<!subteam^S…>`, `<#C…>`) in text Vigil itself wrote, such as policy's approvers. */
export function referencesIn(text: string): string[] {
  return text.split(REFERENCE).filter((_, i) => i % 2 === 1);
}
