// Microsoft Office 365 Management Activity API audit records (every workload: Exchange, SharePoint, Azure AD,
// Teams, Yammer, DLP, Security & Compliance alerts …): the client address, the acting and target users and the
// tenant domain, mapped as Elastic's `o365` audit pipeline maps them.
import { isIP } from 'node:net';
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(null);
/** Identifiers the API writes as numbers or strings; read as the pipeline's `convert` to string does. */
const Text = z.union([z.string(), z.number()]).transform(String).nullish().catch(null);

const AuditRecord = z.object({
  CreationTime: z.string(),
  Id: Str,
  Operation: Str,
  Workload: Str,
  RecordType: z.union([z.number(), z.string()]),
  UserId: Text,
  ClientIP: Str,
  ClientIPAddress: Str,
  ActorIpAddress: Str,
  OrganizationName: Str,
  OriginatingServer: Str,
  LogonUserSid: Text,
  MailboxOwnerUPN: Str,
  ObjectId: Str,
  ResultStatus: Str,
  Severity: Str,
  Name: Str,
  PolicyId: Str,
  EntityType: Str,
  AlertEntityId: Text,
  ActorYammerUserId: Text,
  SenderIp: Str,
  SharePointMetaData: z.object({ From: Text, FileOwner: Str }).nullish().catch(null),
  Members: z
    .array(z.object({ UPN: Str }).catch({ UPN: null }))
    .nullish()
    .catch(null),
});
type AuditRecord = z.infer<typeof AuditRecord>;

/** The record types whose schema the pipeline reads beyond the common fields (its `event.code` names). */
const EXCHANGE_ADMIN = '1';
const EXCHANGE_ITEM = '2';
const AZURE_AD = '8';
const DLP = new Set(['11', '13']);
const YAMMER = '22';
const TEAMS = '25';
const THREAT_INTELLIGENCE = '28';
const SECURITY_ALERTS = '40';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORD_TYPE = /^-?\d{1,4}$/;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('CreationTime' in raw) || !('RecordType' in raw)) return false;
  if (!(('Operation' in raw && 'Workload' in raw) || 'Id' in raw)) return false;
  const r = AuditRecord.safeParse(raw);
  if (!r.success || !RECORD_TYPE.test(String(r.data.RecordType))) return false;
  // Records always name their operation and workload; bare ones still carry the record's GUID.
  return (Boolean(r.data.Operation) && Boolean(r.data.Workload)) || GUID.test(r.data.Id ?? '');
}

const POSINT = String.raw`[1-9][0-9]*(?![0-9A-Za-z_])`;

/** A bare address the pipeline's grok `IP` and `convert` to `ip` accept. */
const asIp = (s: string | undefined): string | null => (s !== undefined && isIP(s) !== 0 ? s : null);

/**
 * The client address as the pipeline's grok reads `ClientIPAddress` / `ClientIP` / `ActorIpAddress`:
 * `[ip]:port` or `[ip]`, a bare address, `ip:port`, or `name (ip)`; IPv4-mapped IPv6 is unwrapped first. A
 * value with no space that is none of these (a name, a name with a port) is a client domain, not an address.
 */
export function clientAddress(value: string): string | null {
  const v = value.replace(/::ffff:(\d+\.\d+\.\d+\.\d+)/g, '$1');
  const bracketed = new RegExp(String.raw`^\[([^\]\s]+)\](?::${POSINT}|$)`).exec(v);
  if (bracketed && asIp(bracketed[1])) return bracketed[1] ?? null;
  if (asIp(v)) return v;
  for (let i = v.indexOf(':'); i > 0; i = v.indexOf(':', i + 1)) {
    if (asIp(v.slice(0, i)) && new RegExp(`^${POSINT}`).test(v.slice(i + 1))) return v.slice(0, i);
  }
  if (/^\S+$/.test(v) || new RegExp(String.raw`^\S+:${POSINT}`).test(v)) return null;
  const named = /^\[(\S+) \(([^)]*)\)\]$/.exec(v) ?? /^(\S+) \(([^)]*)\)$/.exec(v);
  return asIp(named?.[2]);
}

/**
 * The text in the first `(…)` that follows a word and a space (`NAME (address)`), found with `indexOf`: the
 * pattern `(\S+) \(([^)]*)\)` rescanned a long hostile word from each of its characters (quadratic time).
 */
function parenthesised(v: string): string | null {
  for (let at = v.indexOf(' ('); at >= 0; at = v.indexOf(' (', at + 1)) {
    if (at === 0 || /\s/.test(v.charAt(at - 1))) continue;
    const close = v.indexOf(')', at + 2);
    return close < 0 ? null : v.slice(at + 2, close);
  }
  return null;
}

/** The Exchange server address in `OriginatingServer` (`NAME (address)`; usually a build number instead). */
function serverAddress(value: string): string | null {
  const v = value.replace(/[\n\r]/g, '');
  const named = /^\[(\S+) \(([^)]*)\)\]$/.exec(v)?.[2] ?? parenthesised(v);
  return asIp(named ?? v);
}

/** `local@domain` split as the pipeline's `splitOnToken("@")` with exactly two parts. */
function splitMail(id: string | null | undefined): { name: string; domain: string } | null {
  if (!id) return null;
  const parts = id.split('@');
  return parts.length === 2 ? { name: parts[0] ?? '', domain: parts[1] ?? '' } : null;
}

/** `user.id`: the UserId, else the per-schema fallbacks the pipeline fills it from. */
function userId(r: AuditRecord, type: string): string | null {
  if (r.UserId != null) return r.UserId;
  if (type === EXCHANGE_ITEM && r.LogonUserSid) return r.LogonUserSid;
  if (type === SECURITY_ALERTS && r.EntityType === 'User' && r.AlertEntityId != null) return r.AlertEntityId;
  if (DLP.has(type) && r.SharePointMetaData?.From != null) return r.SharePointMetaData.From;
  if (type === YAMMER && r.ActorYammerUserId != null) return r.ActorYammerUserId;
  return null;
}

/** The first client-address field present, as the pipeline's chained renames pick it (even when empty). */
function clientField(r: AuditRecord): string | null {
  for (const v of [r.ClientIPAddress, r.ClientIP, r.ActorIpAddress]) if (v != null) return v;
  return null;
}

const isoUtc = (s: string): string | null =>
  toIsoTime(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) || !/T\d/.test(s) ? s : `${s}Z`);

function severityOf(r: AuditRecord): Severity {
  const vendor = mapSeverity(r.Severity);
  if (vendor) return vendor;
  return /^(?:failed|false)$/i.test(r.ResultStatus ?? '') ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = AuditRecord.parse(raw);
  const type = String(r.RecordType);
  const obs = new ObservablesBuilder();

  const client = clientField(r);
  obs.srcIp(client ? (clientAddress(client) ?? undefined) : undefined);
  if ((type === EXCHANGE_ADMIN || type === EXCHANGE_ITEM) && r.OriginatingServer) {
    obs.dstIp(serverAddress(r.OriginatingServer) ?? undefined);
  }
  // Defender for Office 365 mail verdicts (TIMailData): the sending server is related, not the source.
  if (type === THREAT_INTELLIGENCE) obs.ip(asIp(r.SenderIp?.trim()) ?? undefined);

  // user.name (the UserId's local part), then related.user: Teams members, the Azure AD target, the file owner.
  const actor = splitMail(userId(r, type));
  obs.user(actor?.name);
  if (type === TEAMS) for (const m of r.Members ?? []) obs.user(m.UPN ?? undefined);
  const targetId =
    type === AZURE_AD || (type === TEAMS && r.Operation === 'Delete user.') ? r.ObjectId : null;
  obs.user(splitMail(targetId)?.name);
  if (DLP.has(type)) obs.user(r.SharePointMetaData?.FileOwner ?? undefined);
  // A Security & Compliance alert about a user names that user whole (as the current pipeline relates it),
  // whoever raised the alert (`UserId: SecurityComplianceAlerts`).
  if (type === SECURITY_ALERTS && r.EntityType === 'User' && r.AlertEntityId && splitMail(r.AlertEntityId)) {
    obs.user(r.AlertEntityId);
    obs.email(r.AlertEntityId);
  }

  // The pipeline's host.name is the tenant (configured name, else the organisation or user domain): a domain.
  const orgName = type === EXCHANGE_ADMIN || type === EXCHANGE_ITEM ? r.OrganizationName : null;
  obs.domain(orgName ?? actor?.domain);
  if (r.UserId && splitMail(r.UserId)) obs.email(r.UserId);
  if (type === EXCHANGE_ITEM) obs.email(r.MailboxOwnerUPN ?? undefined);

  const what = [r.Workload, r.Operation].filter(Boolean).join(' ') || `record type ${type}`;
  const who = r.UserId ? ` by ${r.UserId}` : '';
  return parserAlert('o365.audit', 'o365.audit', obs, {
    title: type === SECURITY_ALERTS && r.Name ? `O365 alert: ${r.Name}${who}` : `O365 ${what}${who}`,
    severity: severityOf(r),
    observedAt: isoUtc(r.CreationTime),
    ruleId: (type === SECURITY_ALERTS ? r.PolicyId : null) ?? r.Operation ?? `recordtype:${type}`,
  });
}

export const o365AuditParser: Parser = {
  name: 'o365.audit',
  claims: { keys: ['RecordType'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
