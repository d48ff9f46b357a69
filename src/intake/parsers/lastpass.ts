// LastPass Enterprise API `reporting` events (`{Time, Username, IP_Address, Action, Data}`): the client address
// as the source, and the acting user plus the users an action's `Data` names as users, as Elastic's `lastpass`
// event_report pipeline maps them (its `user.email` list, copied to `related.user`).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const LastpassEvent = z.object({
  Time: z.string(),
  Username: z.string(),
  Action: z.string().min(1),
  IP_Address: Text,
  Data: Text,
});
type LastpassEvent = z.infer<typeof LastpassEvent>;

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !own(raw, 'Time') || !own(raw, 'Username') || !own(raw, 'Action')) return false;
  if (!own(raw, 'IP_Address') && !own(raw, 'Data')) return false;
  return LastpassEvent.safeParse(raw).success;
}

/** Grok's EMAILADDRESS, anchored: the whole value must be one address. */
const EMAIL = String.raw`[A-Za-z0-9!#$%&'*+\-/=?^_\x60{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_\x60{|}~]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?`;
const ONLY_EMAIL = new RegExp(`^(${EMAIL})$`);
/** `'<folder>' '<e-mail>'` (add to / removed from shared folder). */
const FOLDER_EMAIL = new RegExp(`^'.*?'\\s+'(${EMAIL})'$`);
/**
 * `'<folder>' '<e-mail>' 'Read only:… Admin:… Hide PW:…'` (update folder permissions). The three flags are at
 * most 64 characters: unbounded, the rest of a long hostile value was rescanned for every quote (quadratic time).
 */
const FOLDER_PERMISSIONS = new RegExp(
  `^'.*?'\\s+'(${EMAIL})'\\s+'Read only:.{0,64}?\\s+Admin:.{0,64}?\\s+Hide PW:.{0,64}?'$`,
);
/**
 * `<e-mail> - <group>` (adding user to group). The group starts at its first non-space character: as `\s+.*?`,
 * the spaces before it were split every way between the two (quadratic time).
 */
const EMAIL_GROUP = new RegExp(`^(${EMAIL})\\s+-\\s+(?:\\S.*)?$`);
/**
 * `<e-mail> -Shared- <folder>` (created lastpass account), read by `sharedEmail`. The folder is not matched:
 * an address's domain may hold `-Shared-`, and the folder was rescanned after each one (quadratic time).
 */
const SHARED_HEAD = new RegExp(`^(${EMAIL})\\s*-Shared-`);
/** The same, ending the text: `-Shared-` before a folder that spans lines. */
const SHARED_WHOLE = new RegExp(`^(${EMAIL})\\s*-Shared-$`);

/**
 * The e-mail of `<e-mail> -Shared- <folder>`, as `^(EMAIL)\s*-Shared-\s*.*?$` reads it: line breaks may only
 * sit in the spaces around `-Shared-`, so with a break, `-Shared-` ends right before the spaces that hold the
 * last one, or starts right after the spaces that hold them all.
 */
function sharedEmail(data: string): string | undefined {
  const isSpace = (i: number): boolean => /\s/.test(data[i] ?? '');
  const first = data.search(/[\n\r\u2028\u2029]/);
  if (first < 0) return SHARED_HEAD.exec(data)?.[1];
  const last = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((c) => data.lastIndexOf(c)));
  let end = last;
  while (end > 0 && isSpace(end - 1)) end -= 1;
  const before = SHARED_WHOLE.exec(data.slice(0, end));
  if (before) return before[1];
  let start = first;
  while (start > 0 && isSpace(start - 1)) start -= 1;
  let after = last;
  while (after < data.length && isSpace(after)) after += 1;
  if (start !== end || !data.startsWith('-Shared-', after)) return undefined;
  return ONLY_EMAIL.exec(data.slice(0, start))?.[1];
}

/** Actions whose `Data` is a comma-separated list of e-mails, each kept as Elastic splits it. */
const LIST_ACTIONS = ['employee invited', 'employee account created', 'employee account deleted'];

/** Per action (lower-case substring test, as the pipeline's `contains`), how its `Data` names one user. */
const SINGLE_RULES: ReadonlyArray<{
  actions: readonly string[];
  read: (data: string) => string | undefined;
}> = [
  {
    actions: [
      'login to admin console',
      'make admin',
      'remove admin',
      'require password change',
      'master password reset by super admin',
    ],
    read: (d) => ONLY_EMAIL.exec(d)?.[1],
  },
  { actions: ['add to shared folder'], read: (d) => FOLDER_EMAIL.exec(d)?.[1] },
  { actions: ['adding user to group'], read: (d) => EMAIL_GROUP.exec(d)?.[1] },
  { actions: ['created lastpass account'], read: sharedEmail },
  { actions: ['update folder permissions'], read: (d) => FOLDER_PERMISSIONS.exec(d)?.[1] },
  {
    // `<folder> <e-mail>`: the pipeline splits at the last space.
    actions: ['limit shared folder'],
    read: (d) => {
      const at = d.lastIndexOf(' ');
      return at >= 0 ? ONLY_EMAIL.exec(d.slice(at + 1))?.[1] : undefined;
    },
  },
  { actions: ['removed from shared folder'], read: (d) => FOLDER_EMAIL.exec(d)?.[1] },
];

/** The users an action's `Data` names, in the order Elastic appends them to `user.email`. */
function dataUsers(action: string, data: string | undefined): string[] {
  if (!data) return [];
  if (LIST_ACTIONS.some((a) => action.includes(a))) return data.split(',');
  let found: string | undefined;
  for (const rule of SINGLE_RULES) {
    if (rule.actions.some((a) => action.includes(a))) found = rule.read(data) ?? found;
  }
  return found ? [found] : [];
}

/** Actions worth more than an info-level note to a SOC (lower-case substrings). */
const SEVERITY: ReadonlyArray<readonly [string, Severity]> = [
  ['failed login attempt', 'medium'],
  ['multifactor', 'medium'],
  ['enterprise api secret regenerated', 'medium'],
  ['master password reset by super admin', 'medium'],
  ['make admin', 'medium'],
  ['remove admin', 'low'],
  ['policy', 'low'],
  ['employee account deleted', 'low'],
  ['master password changed', 'low'],
  ['login to admin console', 'low'],
];

function severityOf(action: string): Severity {
  return SEVERITY.find(([needle]) => action.includes(needle))?.[1] ?? 'info';
}

/** Offset (ms) of US/Eastern from UTC at instant `ms`. */
function easternOffset(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * `Time` as Elastic's date processor reads it: a zone-less `yyyy-MM-dd HH:mm:ss` is US/Eastern (the API's
 * documented zone and the pipeline's default); a stamp with its own zone keeps it.
 */
function observedAt(time: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(time.trim());
  if (!m) return toIsoTime(time);
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  let utc = wall - easternOffset(wall);
  utc = wall - easternOffset(utc);
  return Number.isFinite(utc) ? toIsoTime(new Date(utc).toISOString()) : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e: LastpassEvent = LastpassEvent.parse(raw);
  const action = e.Action.toLowerCase();
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.IP_Address) ?? undefined);
  // related.user is the user.email list: the users `Data` names first, then the acting user.
  for (const u of [...dataUsers(action, e.Data), e.Username]) {
    obs.user(u);
    obs.email(u);
  }
  return parserAlert('lastpass.event_report', 'lastpass.event_report', obs, {
    title: e.Username ? `LastPass: ${e.Action} by ${e.Username}` : `LastPass: ${e.Action}`,
    severity: severityOf(action),
    observedAt: observedAt(e.Time),
    ruleId: e.Action,
  });
}

export const lastpassParser: Parser = {
  name: 'lastpass.event_report',
  claims: { keys: ['Action'], text: false },
  detect,
  parse,
};
