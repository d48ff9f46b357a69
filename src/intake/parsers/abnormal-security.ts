// Abnormal Security API records: audit logs (`{"action", "actionDetails", "sourceIp", "user"}`), threat messages
// (`{"abxMessageId", "threatId", …}`), cases and vendor cases, AI Security Mailbox reports (analysed or not),
// mapped as Elastic's `abnormal_security` pipelines map them: client or sender address as source, addresses as users.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = OptionalText;
const Strings = z.array(z.string()).nullish();

const AuditRecord = z.object({
  action: z.string(),
  actionDetails: z
    .object({ requestUrl: Str, providedReason: Str, messageId: z.union([z.string(), z.number()]).nullish() })
    .passthrough(),
  category: Str,
  sourceIp: Str,
  status: Str,
  tenantName: Str,
  timestamp: Str,
  user: z.object({ email: Str }).passthrough().nullish(),
});
type AuditRecord = z.infer<typeof AuditRecord>;

const ThreatRecord = z.object({
  abxMessageId: z.union([z.string(), z.number()]),
  threatId: Str,
  attackType: Str,
  attackStrategy: Str,
  attackVector: Str,
  subject: Str,
  fromAddress: Str,
  fromName: Str,
  ccEmails: Strings,
  recipientAddress: Str,
  replyToEmails: Strings,
  returnPath: Str,
  senderDomain: Str,
  senderIpAddress: Str,
  toAddresses: z.union([z.string(), z.array(z.string())]).nullish(),
  receivedTime: Str,
  remediationStatus: Str,
});
type ThreatRecord = z.infer<typeof ThreatRecord>;

const CaseRecord = z.object({
  caseId: z.union([z.string(), z.number()]),
  affectedEmployee: Str,
  analysis: Str,
  case_status: Str,
  severity: Str,
  severity_level: Str,
  firstObserved: Str,
  customerVisibleTime: Str,
});
type CaseRecord = z.infer<typeof CaseRecord>;

const MailboxRecord = z.object({
  campaignId: z.string(),
  messageId: z.union([z.string(), z.number()]).nullish(),
  subject: Str,
  fromName: Str,
  fromAddress: Str,
  recipientName: Str,
  recipientAddress: Str,
  judgementStatus: Str,
  overallStatus: Str,
  attackType: Str,
  firstReported: Str,
  lastReported: Str,
});
type MailboxRecord = z.infer<typeof MailboxRecord>;

const Party = z.object({ email: Str, name: Str }).nullish().catch(undefined);

/** An AI Security Mailbox submission Abnormal did not analyse (`not_analyzed_reason`). */
const NotAnalyzedRecord = z.object({
  abx_message_id: z.union([z.string(), z.number()]),
  not_analyzed_reason: z.string(),
  recipient: Party,
  reporter: Party,
  reported_datetime: Str,
  subject: Str,
});
type NotAnalyzedRecord = z.infer<typeof NotAnalyzedRecord>;

/** A vendor case (a supplier's compromised domain) with its insights and message timeline. */
const VendorCaseRecord = z.object({
  vendorCaseId: z.union([z.string(), z.number()]),
  vendorDomain: Str,
  firstObservedTime: Str,
  lastModifiedTime: Str,
  insights: z
    .array(z.object({ highlight: Str }).passthrough())
    .nullish()
    .catch(undefined),
});
type VendorCaseRecord = z.infer<typeof VendorCaseRecord>;

type AbnormalRecord =
  | { kind: 'audit'; record: AuditRecord }
  | { kind: 'threat'; record: ThreatRecord }
  | { kind: 'case'; record: CaseRecord }
  | { kind: 'mailbox'; record: MailboxRecord }
  | { kind: 'not_analyzed'; record: NotAnalyzedRecord }
  | { kind: 'vendor_case'; record: VendorCaseRecord };

const safe = <T>(schema: z.ZodType<T>, raw: unknown): T | null => {
  const r = schema.safeParse(raw);
  return r.success ? r.data : null;
};

/** The record, or null when the payload is neither an Abnormal audit log nor a threat message. */
function read(raw: unknown): AbnormalRecord | null {
  if (!isObject(raw)) return null;
  if ('actionDetails' in raw && 'action' in raw && ('sourceIp' in raw || 'user' in raw)) {
    const record = safe(AuditRecord, raw);
    return record ? { kind: 'audit', record } : null;
  }
  if ('abxMessageId' in raw && ('threatId' in raw || 'attackType' in raw || 'abxPortalUrl' in raw)) {
    const record = safe(ThreatRecord, raw);
    return record ? { kind: 'threat', record } : null;
  }
  if ('caseId' in raw && 'affectedEmployee' in raw && ('analysis' in raw || 'case_status' in raw)) {
    const record = safe(CaseRecord, raw);
    return record ? { kind: 'case', record } : null;
  }
  if (
    'campaignId' in raw &&
    'judgementStatus' in raw &&
    'recipientAddress' in raw &&
    'firstReported' in raw
  ) {
    const record = safe(MailboxRecord, raw);
    return record ? { kind: 'mailbox', record } : null;
  }
  if ('abx_message_id' in raw && 'not_analyzed_reason' in raw && ('reporter' in raw || 'recipient' in raw)) {
    const record = safe(NotAnalyzedRecord, raw);
    return record ? { kind: 'not_analyzed', record } : null;
  }
  if ('vendorCaseId' in raw && 'vendorDomain' in raw && ('timeline' in raw || 'insights' in raw)) {
    const record = safe(VendorCaseRecord, raw);
    return record ? { kind: 'vendor_case', record } : null;
  }
  return null;
}

/** The Elasticsearch grok `EMAILADDRESS` test, loosely. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseAudit(a: AuditRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(a.sourceIp));
  obs.user(a.user?.email);
  obs.email(a.user?.email);
  obs.url(a.actionDetails.requestUrl);
  const failed = /fail/i.test(a.status ?? '');
  return parserAlert('abnormal_security', 'abnormal_security.audit', obs, {
    title: `Abnormal Security audit: ${a.action}${a.status ? ` (${a.status})` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(a.timestamp?.replace(' ', 'T')),
    ruleId: a.action,
  });
}

function parseThreat(t: ThreatRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(t.senderIpAddress));
  // `fromName` is user.name unless it is an address (then user.email); related.user gets it either way.
  if (t.fromName && !EMAIL.test(t.fromName.trim())) obs.user(t.fromName);
  const to = typeof t.toAddresses === 'string' ? t.toAddresses.split(',') : (t.toAddresses ?? []);
  const users = [
    ...(t.ccEmails ?? []),
    t.fromAddress,
    t.fromName,
    t.recipientAddress,
    ...(t.replyToEmails ?? []),
    t.returnPath,
    ...to.map((v) => v.trim()),
  ];
  for (const u of users) {
    obs.user(u);
    obs.email(u);
  }
  obs.domain(t.senderDomain);
  return parserAlert('abnormal_security', 'abnormal_security.threat', obs, {
    title: `Abnormal Security threat: ${t.attackType ?? 'message'}${t.subject ? ` — ${t.subject}` : ''}`,
    severity:
      t.remediationStatus && /not remediated|no action/i.test(t.remediationStatus) ? 'high' : 'medium',
    observedAt: toIsoTime(t.receivedTime),
    ruleId: t.attackStrategy ?? t.attackType ?? null,
  });
}

const CASE_SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  NONE: 'info',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
});

function parseCase(c: CaseRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // `affectedEmployee` is user.email when it is an address, else user.name; related.user either way.
  obs.user(c.affectedEmployee);
  obs.email(c.affectedEmployee);
  return parserAlert('abnormal_security', 'abnormal_security.case', obs, {
    title: `Abnormal Security case: ${[c.severity, c.analysis].filter(Boolean).join(' — ') || String(c.caseId)}`,
    severity: CASE_SEVERITY[c.severity_level?.toUpperCase() ?? ''] ?? 'medium',
    observedAt: toIsoTime(c.customerVisibleTime ?? c.firstObserved),
    ruleId: c.analysis ?? null,
  });
}

function parseMailbox(m: MailboxRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  if (m.fromName && !EMAIL.test(m.fromName.trim())) obs.user(m.fromName);
  for (const u of [m.fromName, m.fromAddress, m.recipientAddress, m.recipientName]) {
    obs.user(u);
    obs.email(u);
  }
  const judgement = m.judgementStatus?.toLowerCase() ?? '';
  return parserAlert('abnormal_security', 'abnormal_security.ai_security_mailbox', obs, {
    title: `Abnormal Security reported message: ${m.judgementStatus ?? 'unjudged'}${m.subject ? ` — ${m.subject}` : ''}`,
    severity: judgement === 'malicious' ? 'high' : judgement === 'spam' ? 'low' : 'info',
    observedAt: toIsoTime(m.lastReported ?? m.firstReported),
    ruleId: m.attackType ?? null,
  });
}

function parseNotAnalyzed(m: NotAnalyzedRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic: related.user lists the recipient's address and name, then the reporter's; no user.name.
  for (const u of [m.recipient?.email, m.recipient?.name, m.reporter?.email, m.reporter?.name]) {
    obs.user(u);
    obs.email(u);
  }
  return parserAlert('abnormal_security', 'abnormal_security.ai_security_mailbox_not_analyzed', obs, {
    title: `Abnormal Security reported message not analysed: ${m.not_analyzed_reason}${m.subject ? ` — ${m.subject}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(m.reported_datetime),
    ruleId: m.not_analyzed_reason,
  });
}

function parseVendorCase(v: VendorCaseRecord): ReturnType<Parser['parse']> {
  // Elastic maps no indicator from a vendor case: its timeline's addresses stay vendor fields.
  const highlights = (v.insights ?? []).map((i) => i.highlight).filter(Boolean);
  return parserAlert('abnormal_security', 'abnormal_security.vendor_case', new ObservablesBuilder(), {
    title: `Abnormal Security vendor case ${v.vendorCaseId}: ${v.vendorDomain ?? 'vendor'}${highlights.length ? ` — ${highlights.join(', ')}` : ''}`,
    severity: 'medium',
    observedAt: toIsoTime(v.lastModifiedTime ?? v.firstObservedTime),
    ruleId: highlights[0] ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (r === null) throw new Error('not an Abnormal Security record');
  switch (r.kind) {
    case 'audit':
      return parseAudit(r.record);
    case 'threat':
      return parseThreat(r.record);
    case 'case':
      return parseCase(r.record);
    case 'mailbox':
      return parseMailbox(r.record);
    case 'not_analyzed':
      return parseNotAnalyzed(r.record);
    case 'vendor_case':
      return parseVendorCase(r.record);
  }
}

export const abnormalSecurityParser: Parser = {
  name: 'abnormal_security',
  claims: {
    keys: ['actionDetails', 'abxMessageId', 'caseId', 'campaignId', 'abx_message_id', 'vendorCaseId'],
    text: false,
  },
  detect: detectorOf(read),
  parse,
};
