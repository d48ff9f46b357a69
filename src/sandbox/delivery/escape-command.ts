// What Slack does to the text of a slash command registered with `should_escape: true` before it sends it:
// people, user groups and channels typed by name become references, and e-mail addresses and links become
// Slack's link markup. Text that names nobody the workspace knows is sent as typed, as Slack does.
import type { Workspace } from '../workspace.js';

/**
 * `@name`, `#channel`, an e-mail address or an http(s) link, each at the start of a word (a name does not take
 * the full stop after it).
 */
const ESCAPABLE =
  /(^|[\s(])(?:@(\w{1,80}(?:[.-]\w{1,80}){0,8})|#([\w-]{1,80})|([\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})|(https?:\/\/[^\s<>]{1,2000}))/g;

export function escapeCommandText(workspace: Workspace, text: string): string {
  return text.replace(
    ESCAPABLE,
    (whole, before: string, name?: string, channel?: string, email?: string, link?: string) => {
      if (name !== undefined) {
        const user = workspace.findUser(name);
        if (user && user.id !== name) return `${before}<@${user.id}|${user.name}>`;
        const group = workspace.findUserGroup(name);
        if (group && group.id !== name) return `${before}<!subteam^${group.id}|@${group.handle}>`;
        return whole;
      }
      if (channel !== undefined) {
        const found = workspace.findChannel(channel);
        return found && !found.is_im && found.id !== channel
          ? `${before}<#${found.id}|${found.name}>`
          : whole;
      }
      if (email !== undefined) return `${before}<mailto:${email}|${email}>`;
      return `${before}<${link}>`;
    },
  );
}
