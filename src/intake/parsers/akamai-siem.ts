// Akamai SIEM integration events (Kona Site Defender / App & API Protector), read as Elastic's `akamai.siem`
// pipeline maps them: the client IP is the source, the HTTP host a domain kept out of related hosts, and the
// URL-encoded, `;`-joined, base64 rule lists decoded for the title and rule id.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { base64Text } from '../text.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, urlDecoded } from './common.js';
import type { Parser } from './parser.js';

const Scalar = z.union([z.string(), z.number()]).nullish();

const AkamaiSiemEvent = z.object({
  attackData: z.object({
    clientIP: z.string().nullish(),
    configId: Scalar,
    policyId: Scalar,
    ruleActions: z.string().nullish(),
    ruleMessages: z.string().nullish(),
    rules: z.string().nullish(),
  }),
  httpMessage: z.object({
    host: z.string().nullish(),
    method: z.string().nullish(),
    path: z.string().nullish(),
    start: Scalar,
  }),
});
type AkamaiSiemEvent = z.infer<typeof AkamaiSiemEvent>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('attackData' in raw) || !('httpMessage' in raw)) return false;
  return AkamaiSiemEvent.safeParse(raw).success;
}

/** One of Akamai's rule lists: URL-decoded, split on `;`, each entry base64-decoded with spaces removed. */
function decodeRuleList(value: string | null | undefined): string[] {
  if (!value) return [];
  return urlDecoded(value)
    .split(';')
    .map((item) => {
      const b64 = item.replace(/\s+/g, '');
      return base64Text(b64) ?? '';
    });
}

/** Vigil's severity from the rule actions: a denial is high, an alert medium, anything else low. */
function severityOf(actions: readonly string[]): Severity {
  const lower = actions.map((a) => a.trim().toLowerCase());
  if (lower.some((a) => a === 'deny' || a.startsWith('deny_custom') || a === 'block')) return 'high';
  if (lower.some((a) => a === 'alert')) return 'medium';
  return 'low';
}

function titleOf(e: AkamaiSiemEvent, messages: readonly string[]): string {
  const first = messages.find((m) => m.trim() !== '');
  if (first) return messages.length > 1 ? `${first} (+${messages.length - 1} more rules)` : first;
  const request = [e.httpMessage.method, e.httpMessage.host].filter(Boolean).join(' ');
  return request ? `Akamai security event: ${request}` : 'Akamai security event';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = AkamaiSiemEvent.parse(raw);
  const obs = new ObservablesBuilder();

  // source.ip (and related.ip) is the client address when it converts to an IP.
  obs.srcIp(bareIndicatorIp(e.attackData.clientIP));
  // The HTTP host becomes url.domain only: an indicator, but never in related.hosts.
  obs.domain(e.httpMessage.host);

  const rules = decodeRuleList(e.attackData.rules);
  const messages = decodeRuleList(e.attackData.ruleMessages);
  return parserAlert('akamai.siem', 'akamai.siem', obs, {
    title: titleOf(e, messages),
    severity: severityOf(decodeRuleList(e.attackData.ruleActions)),
    observedAt: toIsoTime(e.httpMessage.start),
    ruleId: rules.find((r) => r.trim() !== '') ?? null,
  });
}

export const akamaiSiemParser: Parser = {
  name: 'akamai.siem',
  claims: { keys: ['attackData'], text: false },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
