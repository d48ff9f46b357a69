// Imperva Cloud WAF (Incapsula) SIEM logs: CEF lines from vendor `Incapsula`, read as Elastic's
// `imperva_cloud_waf.event` pipeline maps them: client `src` is the source, the site's `sip` the destination,
// every `xff` address related, the site user id (`suid`) a related user, the site name a domain.
import { extensionValue as valueOf, parseCef } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const VENDOR = /CEF:\s?\d+\|Incapsula\|/;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  return s !== null && VENDOR.test(s.slice(0, 512)) && parseCef(s)?.vendor === 'Incapsula';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = parseCef(textOf(raw) ?? '');
  if (!cef || cef.vendor !== 'Incapsula') throw new Error('not an Imperva Cloud WAF CEF record');
  const ext = cef.extensions;
  const obs = new ObservablesBuilder();

  // Elastic sets destination.ip from the site address (`sip`, else the decoder's `dst`) and relates it first.
  const dst = bareIndicatorIp(valueOf(ext, 'sip') ?? valueOf(ext, 'dst', 'destinationAddress'));
  if (dst) obs.dstIp(dst);
  const src = bareIndicatorIp(valueOf(ext, 'src', 'sourceAddress'));
  if (src) obs.srcIp(src);
  // X-Forwarded-For: split on commas; entries that are not addresses are dropped, as Elastic's convert does.
  for (const part of (valueOf(ext, 'xff') ?? '').split(/,\s?/)) {
    const ip = bareIndicatorIp(part);
    if (ip) obs.ip(ip);
  }
  obs.user(valueOf(ext, 'suid', 'sourceUserId'));
  // The protected site's name is an indicator, but Elastic keeps it out of related.hosts.
  obs.domain(valueOf(ext, 'sourceServiceName'));

  return parserAlert('imperva_cloud_waf', 'imperva_cloud_waf.event', obs, {
    title: cef.name || null,
    severity: mapSeverity(cef.severity, 'ten'),
    observedAt: toIsoTime(valueOf(ext, 'start', 'startTime') ?? valueOf(ext, 'end', 'endTime')),
    ruleId: valueOf(ext, 'cs9') ?? (cef.signatureId || null),
  });
}

export const impervaCloudWafParser: Parser = {
  name: 'imperva_cloud_waf',
  claims: { keys: [], text: ['|Incapsula|'] },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
