// Links to Slack messages in the form of Slack's own permalinks (what chat.getPermalink returns), built from the
// workspace URL auth.test gives once at start-up, so a list can take a person to each case's message and each
// approval card without a Web API call per line.
import { z } from 'zod';

/** A link to a message (a reply when `threadTs` names its parent), or undefined when it was never posted. */
export type MessageLink = (
  channelId: string | null | undefined,
  ts: string | null | undefined,
  threadTs?: string | null,
) => string | undefined;

const WorkspaceUrl = z.url({ protocol: /^https?$/ });
const Channel = z.string().regex(/^[A-Z0-9]+$/);
const Ts = z.string().regex(/^\d+\.\d+$/);

/**
 * Permalinks under `workspaceUrl` (auth.test's `url`, e.g. `https://acme.slack.com/`): `archives/<channel>/p<ts
 * without its dot>`, and for a reply `?thread_ts=<parent>&cid=<channel>`. With no usable URL, nothing is linked.
 */
export function messageLinks(workspaceUrl: string | undefined): MessageLink {
  const base = WorkspaceUrl.safeParse(workspaceUrl);
  if (!base.success) return () => undefined;
  const root = base.data.endsWith('/') ? base.data : `${base.data}/`;
  return (channelId, ts, threadTs) => {
    const channel = Channel.safeParse(channelId);
    const at = Ts.safeParse(ts);
    if (!channel.success || !at.success) return undefined;
    const link = `${root}archives/${channel.data}/p${at.data.replace('.', '')}`;
    const parent = Ts.safeParse(threadTs);
    return parent.success && parent.data !== at.data
      ? `${link}?thread_ts=${parent.data}&cid=${channel.data}`
      : link;
  };
}

/** `text` as a mrkdwn link to `url` (`&` in the URL escaped as Slack expects), or as it is with no URL. */
export function linked(url: string | undefined, text: string): string {
  return url ? `<${url.replaceAll('&', '&amp;')}|${text}>` : text;
}
