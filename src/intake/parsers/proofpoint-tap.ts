// Proofpoint TAP SIEM API records (messages blocked/delivered, clicks blocked/permitted), mapped as Elastic's
// `proofpoint_tap` pipelines map them: the sender IP is the source, a click's IP the destination; e-mail
// addresses, clicked and threat URLs and message-part hashes are reported as indicators too.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'proofpoint_tap';

const Str = OptionalText;
const Num = OptionalNumber;
/** Address lists: TAP writes arrays, but a single string is accepted as well. */
const Addresses = z.union([z.array(z.string().nullable()), z.string()]).nullish();

const Threat = z.object({
  threatID: Str,
  threatStatus: Str,
  classification: Str,
  threatUrl: Str,
  threatTime: Str,
  threat: Str,
  threatType: Str,
});

const MessagePart = z.object({ md5: Str, sha256: Str, filename: Str });

const Message = z.object({
  GUID: Str,
  QID: Str,
  id: Str,
  messageTime: z.string(),
  messageID: Str,
  subject: Str,
  sender: Str,
  senderIP: Str,
  fromAddress: Addresses,
  toAddresses: Addresses,
  ccAddresses: Addresses,
  replyToAddress: Addresses,
  recipient: Addresses,
  quarantineFolder: Str,
  quarantineRule: Str,
  spamScore: Num,
  phishScore: Num,
  malwareScore: Num,
  impostorScore: Num,
  threatsInfoMap: z.array(Threat),
  messageParts: z.array(MessagePart).nullish(),
});
type Message = z.infer<typeof Message>;

const Click = z.object({
  GUID: Str,
  id: Str,
  url: Str,
  clickIP: Str,
  clickTime: z.string(),
  senderIP: Str,
  sender: Str,
  recipient: Addresses,
  classification: Str,
  threatID: Str,
  threatURL: Str,
  threatStatus: Str,
  threatTime: Str,
  campaignId: Str,
});
type Click = z.infer<typeof Click>;

/** Keys only Proofpoint Essentials writes (its records share TAP's field names): never ours. */
const ESSENTIALS_KEYS = ['event_type', 'customerEid', 'stackName', 'messageDetailsUrl'];

type Kind = 'message' | 'click';

function kindOf(raw: unknown): Kind | null {
  if (!isObject(raw) || ESSENTIALS_KEYS.some((k) => k in raw)) return null;
  if ('threatsInfoMap' in raw && 'messageTime' in raw && ('GUID' in raw || 'QID' in raw)) {
    return Message.safeParse(raw).success ? 'message' : null;
  }
  if ('clickTime' in raw && 'clickIP' in raw && ('threatID' in raw || 'GUID' in raw)) {
    return Click.safeParse(raw).success ? 'click' : null;
  }
  return null;
}

const detect = (raw: unknown): boolean => kindOf(raw) !== null;

const list = (v: z.infer<typeof Addresses>): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter((s): s is string => typeof s === 'string' && s !== '');

const score = (v: string | number | null | undefined): number => {
  const n = typeof v === 'number' ? v : Number(v ?? NaN);
  return Number.isFinite(n) ? n : 0;
};

/** A URL's indicators: the URL itself when it has a scheme, and its site as a domain. */
function urlIndicators(obs: ObservablesBuilder, value: string | null | undefined): void {
  if (!value) return;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (withScheme) obs.url(value);
  try {
    obs.domain(new URL(withScheme ? value : `http://${value}`).hostname);
  } catch {
    // not a URL: nothing more to report
  }
}

/**
 * The SIEM API answers each stream in its own list, but one record does not say which. A message that was
 * quarantined or scored as a threat was blocked; one that was not was delivered (its threat found later).
 */
function messageBlocked(e: Message): boolean {
  if (e.quarantineFolder || e.quarantineRule) return true;
  return [e.spamScore, e.phishScore, e.malwareScore, e.impostorScore].some((s) => score(s) >= 80);
}

/** A click is permitted when the threat was known only after it, or the threat has since been cleared. */
function clickPermitted(e: Click): boolean {
  if (/^(?:cleared|falsepositive)$/i.test(e.threatStatus ?? '')) return true;
  const click = Date.parse(e.clickTime);
  const threat = Date.parse(e.threatTime ?? '');
  return Number.isFinite(click) && Number.isFinite(threat) && threat > click;
}

const isMalicious = (classification: string | null | undefined): boolean =>
  /malware|phish|impostor/i.test(classification ?? '');

function parseMessage(raw: unknown): Alert {
  const e = Message.parse(raw);
  const blocked = messageBlocked(e);
  // Elastic's message pipelines emit the sender IP as source.ip and related.ip, and no users or hosts.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.senderIP);
  for (const a of [
    e.sender,
    ...list(e.fromAddress),
    ...list(e.toAddresses),
    ...list(e.recipient),
    ...list(e.ccAddresses),
    ...list(e.replyToAddress),
  ]) {
    obs.email(a);
  }
  for (const part of e.messageParts ?? []) {
    obs.hash(part.md5);
    obs.hash(part.sha256);
  }
  for (const t of e.threatsInfoMap) {
    if (/^[0-9a-f]{64}$/i.test(t.threat ?? '')) obs.hash(t.threat);
    else if (/^url$/i.test(t.threatType ?? '')) urlIndicators(obs, t.threat);
  }
  const first = e.threatsInfoMap[0];
  const classes = [...new Set(e.threatsInfoMap.map((t) => t.classification).filter(Boolean))].join(', ');
  const severity: Severity = blocked
    ? 'medium'
    : e.threatsInfoMap.some((t) => isMalicious(t.classification))
      ? 'high'
      : 'medium';
  return parserAlert(NAME, `proofpoint_tap.${blocked ? 'message_blocked' : 'message_delivered'}`, obs, {
    title: [
      `Proofpoint TAP: message ${blocked ? 'blocked' : 'delivered'}`,
      classes && `(${classes})`,
      e.subject && `"${e.subject}"`,
      e.sender && `from ${e.sender}`,
    ]
      .filter(Boolean)
      .join(' '),
    severity,
    observedAt: toIsoTime(e.messageTime),
    ruleId: first?.threatID ?? e.GUID ?? null,
  });
}

function parseClick(raw: unknown): Alert {
  const e = Click.parse(raw);
  const permitted = clickPermitted(e);
  // Elastic's click pipelines: senderIP is source.ip, clickIP destination.ip, related.ip lists both.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.senderIP);
  obs.dstIp(e.clickIP);
  obs.email(e.sender);
  for (const r of list(e.recipient)) obs.email(r);
  urlIndicators(obs, e.url);
  return parserAlert(NAME, `proofpoint_tap.${permitted ? 'clicks_permitted' : 'clicks_blocked'}`, obs, {
    title: [
      `Proofpoint TAP: click ${permitted ? 'permitted' : 'blocked'}`,
      e.classification && `(${e.classification})`,
      e.url,
      list(e.recipient)[0] && `by ${list(e.recipient)[0]}`,
    ]
      .filter(Boolean)
      .join(' '),
    severity: permitted && isMalicious(e.classification) ? 'high' : 'medium',
    observedAt: toIsoTime(e.clickTime),
    ruleId: e.threatID ?? e.GUID ?? null,
  });
}

function parse(raw: unknown): Alert {
  switch (kindOf(raw)) {
    case 'message':
      return parseMessage(raw);
    case 'click':
      return parseClick(raw);
    default:
      throw new Error('not a Proofpoint TAP record');
  }
}

/** Elastic's TAP pipelines keep URL sites out of related.hosts; they are still reported as domains. */
export const proofpointTapParser: Parser = {
  name: NAME,
  claims: { keys: ['threatsInfoMap', 'clickTime'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
