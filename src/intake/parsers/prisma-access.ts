// Palo Alto Networks Prisma Access logs forwarded by Strata Logging Service (Cortex Data Lake) as CEF
// (`CEF:0|Palo Alto Networks|LF|…`, PAN custom `PanOS*` keys), read as Elastic's `prisma_access.event`
// pipeline maps them: addresses, users (DOMAIN\user split), device hosts and address-object UUIDs.
import { parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const HEADER = /CEF:\s?\d+\|Palo Alto Networks\|(?:LF|Prisma Access)\|/i;

/** CEF short keys and the full names Elastic's decoder gives them (the pipeline reads full names). */
const FULL_NAMES: Readonly<Record<string, string>> = lookupTable({
  src: 'sourceAddress',
  dst: 'destinationAddress',
  c6a1: 'deviceCustomIPv6Address1',
  c6a2: 'deviceCustomIPv6Address2',
  c6a3: 'deviceCustomIPv6Address3',
  suser: 'sourceUserName',
  duser: 'destinationUserName',
  suid: 'sourceUserId',
  duid: 'destinationUserId',
  shost: 'sourceHostName',
  dhost: 'destinationHostName',
  dvchost: 'deviceHostName',
  request: 'requestUrl',
  start: 'startTime',
  rt: 'deviceReceiptTime',
  cs1: 'deviceCustomString1',
  cs2: 'deviceCustomString2',
});

function asPrisma(raw: unknown): CefRecord | null {
  const s = textOf(raw);
  if (s === null || !HEADER.test(s.slice(0, 1024))) return null;
  const cef = parseCef(s);
  return cef &&
    cef.vendor.toLowerCase() === 'palo alto networks' &&
    /^(?:LF|Prisma Access)$/i.test(cef.product)
    ? cef
    : null;
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  return s !== null && HEADER.test(s.slice(0, 1024)) && asPrisma(s) !== null;
}

/** The extensions by full key name; the last non-empty value of a key wins. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) {
    if (value !== '') out.set(FULL_NAMES[key] ?? key, value);
  }
  return out;
}

/** The user part of `DOMAIN\user` as Elastic's grok reads it; values without a backslash unchanged. */
function userPart(value: string | undefined): string | undefined {
  if (value === undefined || !value.includes('\\')) return value;
  return /^[^\\]*\\+([^\\]*)/.exec(value)?.[1] || undefined;
}

/** `Feb 28 2021 18:20:40` (Strata's time format, UTC) or ISO 8601, as an ISO string. */
function timeOf(value: string | undefined): string | null {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!m) return toIsoTime(value);
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[1] ?? '') / 3;
  if (month < 0 || !Number.isInteger(month)) return null;
  const ms = Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Classes whose `cs1` is the matched rule (as the pipeline reads it). */
const RULE_CLASSES = new Set(['DECRYPTION', 'FILE', 'SCTP', 'THREAT', 'TRAFFIC', 'TUNNEL', 'URL']);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = asPrisma(raw);
  if (!cef) throw new Error('not a Prisma Access CEF record');
  const x = extensionMap(cef);
  const kind = cef.signatureId.toUpperCase();
  const obs = new ObservablesBuilder();
  const ip = (key: string): string | null => bareIndicatorIp(x.get(key));

  // Addresses in the pipeline's order: destination side, then resolver/NAT/portal, then the source side.
  const dst = ip('destinationAddress');
  if (dst) obs.dstIp(dst);
  const src6 = ip('deviceCustomIPv6Address2');
  if (src6) obs.srcIp(src6);
  const dst6 = ip('deviceCustomIPv6Address3');
  if (dst6) obs.dstIp(dst6);
  const related = (key: string): void => {
    const v = ip(key);
    if (v) obs.ip(v);
  };
  related('destinationTranslatedAddress');
  if (kind === 'HIPMATCH') related('deviceCustomIPv6Address1');
  for (const key of [
    'PanOSDNSResolverIP',
    'PanOSDNSResponse',
    'PanOSEndpointIPaddress',
    'PanOSGatewayAddress',
    'PanOSMobileIP',
    'PanOSNATDestination',
    'PanOSNATSource',
    'PanOSPortalAddress',
  ])
    related(key);
  for (const key of ['PanOSPrivateIPv4', 'PanOSPublicIPv4', 'PanOSPrivateIPv6', 'PanOSPublicIPv6']) {
    const v = ip(key);
    if (v) obs.srcIp(v);
  }
  // A GlobalProtect record's sourceAddress is the client's public (NAT) address: related only.
  const src = ip('sourceAddress');
  if (src && kind === 'GLOBALPROTECT') obs.ip(src);
  else if (src) obs.srcIp(src);
  for (const key of [
    'sourceTranslatedAddress',
    'PanOSTunnelRemoteUserIP',
    'PanOSXForwardedFor',
    'PanOSXForwardedForIP',
  ])
    related(key);

  // Users: user.name is the last of the authenticated, endpoint and PanOSUsername values Elastic sets.
  obs.user(x.get('PanOSUsername') ?? x.get('PanOSEndpointUserName') ?? x.get('PanOSAuthenticatedUserName'));
  obs.user(x.get('PanOSAuthenticatedUserDomain'));
  obs.user(x.get('PanOSAuthenticatedUserName'));
  obs.user(x.get('PanOSAuthenticatedUserUUID'));
  obs.user(userPart(x.get('PanOSDestinationUser')));
  obs.user(userPart(x.get('PanOSDestinationUserName')));
  obs.user(x.get('destinationUserId'));
  obs.user(userPart(x.get('destinationUserName')));
  obs.user(x.get('PanOSDestinationUserUUID'));
  obs.user(x.get('PanOSEndpointUserName'));
  obs.user(x.get('PanOSEndpointUserUUID'));
  if (kind === 'AUTH') obs.user(userPart(x.get('deviceCustomString2')));
  obs.user(x.get('PanOSRecipientEmail'));
  obs.user(x.get('PanOSSenderEmail'));
  obs.user(userPart(x.get('PanOSSourceUser')));
  obs.user(x.get('sourceUserId'));
  obs.user(userPart(x.get('PanOSSourceUserName')));
  obs.user(userPart(x.get('sourceUserName')));
  obs.user(x.get('PanOSSourceUserUUID'));
  obs.user(x.get('PanOSUserIdentifiedBySource'));
  obs.user(x.get('PanOSUsername'));
  const users = x.get('PanOSUsers');
  if (users !== undefined && bareIndicatorIp(users) === null) obs.user(users);

  // Hosts: a HIP-match record's host names are host.name; the rest go to related.hosts as Elastic lists them.
  if (kind === 'HIPMATCH') {
    obs.host(x.get('destinationHostName'));
    obs.host(x.get('sourceHostName'));
  }
  for (const key of [
    'PanOSCloudHostname',
    'PanOSDestinationDeviceHost',
    'destinationHostName',
    'PanOSDestinationUUID',
    'deviceHostName',
    'PanOSDeviceName',
    'PanOSDomain',
    'PanOSEndpointDeviceDomain',
    'PanOSEndpointDeviceName',
    'PanOSGPHostID',
    'PanOSHostID',
    'PanOSHTTPRefererFQDN',
    'PanOSServerNameIndication',
    'PanOSSourceDeviceHost',
    'sourceHostName',
    'PanOSSourceUUID',
  ])
    obs.host(x.get(key));
  // Domain indicators: the SNI, the domain and referer names, and the requested URL's site (which Elastic
  // keeps in url.* only, hence `domainsInRelatedHosts: false`).
  for (const key of ['PanOSServerNameIndication', 'PanOSDomain', 'PanOSHTTPRefererFQDN', 'PanOSURLDomain'])
    obs.domain(x.get(key));
  const url = x.get('requestUrl') ?? x.get('PanOSURL');
  if (url !== undefined) {
    obs.url(url);
    obs.domain(/^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([^/:?#\s]+)/i.exec(url)?.[1]);
  }

  const threat = x.get('PanOSThreatNameFirewall');
  const rule =
    x.get('PanOSRuleMatched') ??
    (RULE_CLASSES.has(kind) ? x.get('deviceCustomString1') : undefined) ??
    x.get('PanOSPolicyName');
  return parserAlert('prisma_access.event', 'prisma_access.event', obs, {
    title: threat ?? ([cef.signatureId, cef.name].filter(Boolean).join(' ') || null),
    severity: mapSeverity(x.get('PanOSSeverity')) ?? mapSeverity(cef.severity, 'ten'),
    observedAt:
      timeOf(x.get('startTime')) ?? timeOf(x.get('PanOSEventTime')) ?? timeOf(x.get('deviceReceiptTime')),
    ruleId: rule ?? x.get('PanOSThreatID') ?? (cef.signatureId || null),
  });
}

export const prismaAccessParser: Parser = {
  name: 'prisma_access.event',
  claims: { keys: [], text: ['|Palo Alto Networks|LF|', '|Palo Alto Networks|Prisma Access|'] },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
