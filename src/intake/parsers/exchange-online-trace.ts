// Microsoft Exchange Online message trace records, mapped as Elastic's `microsoft_exchange_online_message_trace`
// pipeline maps them: FromIP is the source, ToIP the destination, sender and recipient addresses (and their local
// parts) are related users. Both shapes: the Reporting Web Service's `MessageTrace` (PascalCase) and Microsoft
// Graph's `exchangeMessageTrace` (camelCase, `receivedDateTime`), which replaces it.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_exchange_online_message_trace.log';

const Str = OptionalText;

const MessageTrace = z
  .object({
    MessageTraceId: z.string(),
    MessageId: Str,
    Organization: Str,
    Received: Str,
    SenderAddress: Str,
    RecipientAddress: Str,
    Subject: Str,
    Status: Str,
    FromIP: Str,
    ToIP: Str,
  })
  .passthrough();
type MessageTrace = z.infer<typeof MessageTrace>;

/** Graph's `exchangeMessageTrace`: the same facts, camelCase, without the tenant's domain. */
const GraphMessageTrace = z.object({
  id: z.string(),
  messageId: Str,
  receivedDateTime: z.string(),
  senderAddress: Str,
  recipientAddress: Str,
  subject: Str,
  status: Str,
  fromIP: Str,
  toIP: Str,
});

function read(raw: unknown): MessageTrace | null {
  if (!isObject(raw)) return null;
  if (!('SenderAddress' in raw) && !('RecipientAddress' in raw)) return readGraph(raw);
  if (!('MessageTraceId' in raw) || !('Received' in raw)) return null;
  const r = MessageTrace.safeParse(raw);
  return r.success ? r.data : null;
}

function readGraph(raw: object): MessageTrace | null {
  if (!('receivedDateTime' in raw) || !('messageId' in raw)) return null;
  if (!('senderAddress' in raw) && !('recipientAddress' in raw)) return null;
  const r = GraphMessageTrace.safeParse(raw);
  if (!r.success) return null;
  const g = r.data;
  return {
    MessageTraceId: g.id,
    MessageId: g.messageId,
    Received: g.receivedDateTime,
    SenderAddress: g.senderAddress,
    RecipientAddress: g.recipientAddress,
    Subject: g.subject,
    Status: g.status,
    FromIP: g.fromIP,
    ToIP: g.toIP,
  };
}

const detect = detectorOf(read);

/** Local part and domain as the pipeline's dissect `%{name}@%{domain}` splits them (at the first `@`). */
function split(address: string | null | undefined): { name: string; domain: string } | null {
  const at = address ? address.indexOf('@') : -1;
  if (!address || at < 0) return null;
  return { name: address.slice(0, at), domain: address.slice(at + 1) };
}

/** The service writes `Received` in UTC, sometimes without a zone. */
function utcTime(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  return toIsoTime(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`) ?? toIsoTime(s);
}

/** Delivery states that mean the message did not reach the mailbox. */
const NOT_DELIVERED = /fail|quarantin|spam|filter|blocked/i;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = read(raw);
  if (!m) throw new Error('not an Exchange Online message trace record');
  // Elastic sets source.ip / destination.ip but no related.ip.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(m.FromIP) ?? undefined);
  obs.dstIp(bareIndicatorIp(m.ToIP) ?? undefined);

  const to = m.RecipientAddress || null;
  const from = m.SenderAddress || null;
  const toUser = split(to);
  const fromUser = split(from);
  // user.name is the mailbox owner on the tenant's side: the pipeline compares each address's domain with
  // its configured local domains; the record's Organization (the tenant's domain) stands for that setting.
  const local = m.Organization?.toLowerCase();
  const inbound = local !== undefined && toUser?.domain.toLowerCase() === local;
  const outbound = local !== undefined && fromUser?.domain.toLowerCase() === local;
  if (inbound && toUser?.name) obs.user(toUser.name);
  if (outbound && fromUser?.name) obs.user(fromUser.name);
  // related.user in the pipeline's order: both addresses, then both local parts.
  obs.user(to);
  obs.user(from);
  obs.user(toUser?.name);
  obs.user(fromUser?.name);
  obs.email(from);
  obs.email(to);

  const status = m.Status ?? null;
  const severity: Severity = status && NOT_DELIVERED.test(status) ? 'low' : 'info';
  return parserAlert(NAME, NAME, obs, {
    title: `Exchange Online message ${status ?? 'trace'}${m.Subject ? `: ${m.Subject}` : ''}`,
    severity,
    observedAt: utcTime(m.Received),
    ruleId: status,
  });
}

export const exchangeOnlineTraceParser: Parser = {
  name: NAME,
  claims: { keys: ['MessageTraceId', 'receivedDateTime'], text: false },
  detect,
  parse,
};
