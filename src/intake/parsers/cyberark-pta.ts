// CyberArk Privileged Threat Analytics (PTA) detections sent as CEF syslog (`CEF:0|CyberArk|PTA|…`), mapped as
// Elastic's `cyberark_pta.events` pipeline maps them: `src`/`dst` addresses (no related.ip), the source and target
// users split at `@` into name and e-mail (related.user), `shost`/`dhost` as source/destination domains.
import { parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const HEADER = /CEF:\s?\d+\|CyberArk\|PTA\|/i;

function read(raw: unknown): CefRecord | null {
  const s = textOf(raw);
  if (s === null || !HEADER.test(s.slice(0, 1024))) return null;
  const cef = parseCef(s);
  return cef && /^cyberark$/i.test(cef.vendor) && /^pta$/i.test(cef.product) ? cef : null;
}

/** Extension values by lower-cased key (short and long CEF spellings alike); the last non-empty value wins. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) if (value !== '') out.set(key.toLowerCase(), value);
  return out;
}

/**
 * The users the pipeline relates for one side: a name with an `@` after its first character becomes the
 * user's e-mail, its part before the first `@` the user name; related.user takes the name, then the e-mail.
 */
export function ptaUsers(value: string | undefined): string[] {
  if (!value) return [];
  const at = value.indexOf('@');
  return at > 0 ? [value.slice(0, at), value] : [value];
}

/** `deviceCustomDate1` (the detection time) as the agent's CEF decoder reads it: epoch milliseconds or a date. */
function detectionTime(v: string | undefined): string | null {
  if (!v) return null;
  return toIsoTime(/^\d{12,13}$/.test(v) ? Number(v) : v);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = read(raw);
  if (!cef) throw new Error('not a CyberArk PTA CEF record');
  const x = extensionMap(cef);
  const get = (...keys: string[]): string | undefined =>
    keys.map((k) => x.get(k.toLowerCase())).find((v) => v !== undefined);
  // Elastic emits source.ip and destination.ip but no related.ip; the syslog sender is the observer.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(get('src', 'sourceAddress')));
  obs.dstIp(bareIndicatorIp(get('dst', 'destinationAddress')));
  for (const u of ptaUsers(get('suser', 'sourceUserName'))) obs.user(u);
  for (const u of ptaUsers(get('duser', 'destinationUserName'))) obs.user(u);
  // source.domain / destination.domain, kept out of related.hosts by the pipeline.
  obs.domain(get('shost', 'sourceHostName'));
  obs.domain(get('dhost', 'destinationHostName'));
  obs.url(get('cs3', 'deviceCustomString3'));
  return parserAlert('cyberark_pta.events', 'cyberark_pta.events', obs, {
    title: `CyberArk PTA: ${cef.name || cef.signatureId}`,
    severity: mapSeverity(cef.severity) ?? 'medium',
    observedAt: detectionTime(get('deviceCustomDate1', 'rt', 'deviceReceiptTime')),
    ruleId: cef.signatureId || null,
  });
}

export const cyberarkPtaParser: Parser = {
  name: 'cyberark_pta.events',
  claims: { keys: [], text: ['|CyberArk|PTA|'] },
  detect: detectorOf(read),
  domainsInRelatedHosts: false,
  parse,
};
