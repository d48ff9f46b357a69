// Mattermost server audit log lines (`{"timestamp": "yyyy-MM-dd HH:mm:ss.SSS Z", "event", "status", "api_path", …}`):
// the client address as the source, and the acting, target and listed user ids (plus a patched user's new
// name), as Elastic's `mattermost` audit pipeline maps them to source.ip and related.user.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'mattermost.audit';

/** Mattermost's audit timestamp, which the pipeline's date processor reads as `yyyy-MM-dd HH:mm:ss.SSS 'Z'`. */
const STAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) Z$/;

/** A value Elastic renders as text: strings and numbers; anything else is dropped. */
const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(undefined)
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const Named = z.object({ id: Text, name: Text }).nullish().catch(undefined);

const MattermostAudit = z.object({
  timestamp: z.string().regex(STAMP),
  event: z.string().min(1),
  status: Text,
  user_id: Text,
  login_id: Text,
  ip_address: Text,
  api_path: Text,
  cluster_id: Text,
  user: Named,
  patch: Named,
  patched: Named,
  remove_user_id: Text,
  user_ids: Text,
  err: Text,
  errors: Text,
});
type MattermostAudit = z.infer<typeof MattermostAudit>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('timestamp' in raw && 'event' in raw && 'status' in raw)) return false;
  if (!('api_path' in raw) && !('cluster_id' in raw)) return false;
  return MattermostAudit.safeParse(raw).success;
}

/** The ids a `user_ids` value lists: the pipeline strips the brackets and splits on white space. */
const idList = (value: string | undefined): string[] =>
  (value ?? '')
    .replace(/[[\]]/g, '')
    .split(/\s+/)
    .filter((v) => v !== '');

/** Events that change who may sign in or what the server does: worth more than an info note. */
const SENSITIVE =
  /^(?:updateConfig|updatePassword|updateUserActive|updateUserRoles|revokeAllSessions|deleteTeam|deleteChannel|createUserAccessToken|.*Role.*)/;

function failed(e: MattermostAudit): boolean {
  return e.status === 'fail' || (e.errors !== undefined && e.errors !== '' && e.errors !== '[]');
}

function severityOf(e: MattermostAudit): Severity {
  if (failed(e)) return /login/i.test(e.event) ? 'medium' : 'low';
  return SENSITIVE.test(e.event) ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = MattermostAudit.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.ip_address) ?? undefined);
  // user.id: user_id when the key is there (even empty), else the login id typed at sign-in.
  const userId = e.user_id ?? e.login_id;
  // The target: the user object's id, overridden by remove_user_id, then by the user_ids list.
  const lists = idList(e.user_ids);
  const targets = lists.length > 0 ? lists : [e.remove_user_id ?? e.user?.id].filter((v) => v !== undefined);
  // related.user: a patched user's new name (patchUser only), the acting id, then the target ids.
  const patch = e.patch ?? e.patched;
  if (e.event === 'patchUser' && patch?.name !== undefined && patch.name !== e.user?.name)
    obs.user(patch.name);
  obs.user(userId);
  for (const t of targets) obs.user(t);
  const who = e.user?.name ?? (userId || undefined) ?? 'unknown user';
  return parserAlert(NAME, NAME, obs, {
    title: `Mattermost audit: ${e.event}${failed(e) ? ' failed' : ''} by ${who}`,
    severity: severityOf(e),
    observedAt: toIsoTime(e.timestamp.replace(STAMP, '$1T$2Z')),
    ruleId: e.event,
  });
}

export const mattermostParser: Parser = {
  name: NAME,
  claims: { keys: ['api_path', 'cluster_id'], text: false },
  detect,
  parse,
};
