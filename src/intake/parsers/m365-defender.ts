// Microsoft 365 Defender alerts and incidents as the Microsoft Graph security API returns them (alerts v2,
// incidents with their alerts) and as the older SIEM incidents API did (one alert object per record): the
// entities mapped as Elastic's `m365_defender` alert, incident and log pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = z.string().nullish().catch(null);

const UserAccount = z.object({
  accountName: Str,
  domainName: Str,
  userSid: Str,
  azureAdUserId: Str,
  userPrincipalName: Str,
});
const Sender = z.object({ displayName: Str, domainName: Str, emailAddress: Str });
const Evidence = z.object({
  '@odata.type': Str,
  mdeDeviceId: Str,
  deviceDnsName: Str,
  osPlatform: Str,
  version: Str,
  loggedOnUsers: z
    .array(z.object({ accountName: Str, domainName: Str }))
    .nullish()
    .catch(null),
  userAccount: UserAccount.nullish().catch(null),
  ipAddress: Str,
  senderIp: Str,
  recipientEmailAddress: Str,
  p1Sender: Sender.nullish().catch(null),
  p2Sender: Sender.nullish().catch(null),
  url: Str,
  imageFile: z.object({ sha1: Str, sha256: Str }).nullish().catch(null),
  fileDetails: z.object({ sha1: Str, sha256: Str }).nullish().catch(null),
});
type Evidence = z.infer<typeof Evidence>;

const GraphAlert = z.object({
  id: Str,
  providerAlertId: Str,
  title: Str,
  severity: Str,
  category: Str,
  detectorId: Str,
  serviceSource: Str,
  assignedTo: Str,
  createdDateTime: Str,
  firstActivityDateTime: Str,
  lastUpdateDateTime: Str,
  comments: z
    .array(z.object({ createdByDisplayName: Str }))
    .nullish()
    .catch(null),
  evidence: z.array(z.unknown()).nullish().catch(null),
});

const Incident = z.object({
  '@odata.type': Str,
  id: Str,
  displayName: Str,
  severity: Str,
  assignedTo: Str,
  createdDateTime: Str,
  lastUpdateDateTime: Str,
  comments: z
    .array(z.object({ createdBy: Str }))
    .nullish()
    .catch(null),
  alerts: z
    .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
    .nullish()
    .catch(null),
});
type Incident = z.infer<typeof Incident>;

/** Graph `severity` values; `informational` is Vigil's `info`, `unknown` carries no severity. */
const SEVERITIES: Readonly<Record<string, 'info' | 'low' | 'medium' | 'high'>> = lookupTable({
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
});

const INCIDENT_TYPE = '#microsoft.graph.security.incident';

/** An older SIEM API incident (the `log` stream): its alert is one object with devices and one entity. */
const LegacyIncident = z.object({
  incidentId: z.union([z.number(), z.string()]),
  incidentName: Str,
  severity: Str,
  createdTime: Str,
  lastUpdateTime: Str,
  alerts: z.object({
    alertId: Str,
    title: Str,
    category: Str,
    severity: Str,
    detectionSource: Str,
    firstActivity: Str,
    creationTime: Str,
    devices: z
      .array(z.object({ deviceDnsName: Str }).catch({ deviceDnsName: null }))
      .nullish()
      .catch(null),
    entities: z
      .object({ userPrincipalName: Str, ipAddress: Str, sha1: Str, sha256: Str, url: Str })
      .nullish()
      .catch(null),
  }),
});
type LegacyIncident = z.infer<typeof LegacyIncident>;

function isLegacyIncident(raw: object): boolean {
  return (
    'incidentId' in raw &&
    'alerts' in raw &&
    isObject(raw.alerts) &&
    'alertId' in raw.alerts &&
    !('@odata.type' in raw) &&
    !('incidentWebUrl' in raw)
  );
}

function isIncident(raw: object): boolean {
  if ('@odata.type' in raw) return raw['@odata.type'] === INCIDENT_TYPE;
  return 'incidentWebUrl' in raw && 'displayName' in raw && 'alerts' in raw && !('providerAlertId' in raw);
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  if (isIncident(raw)) return Incident.safeParse(raw).success;
  if (isLegacyIncident(raw)) return LegacyIncident.safeParse(raw).success;
  return (
    'providerAlertId' in raw &&
    'serviceSource' in raw &&
    'createdDateTime' in raw &&
    GraphAlert.safeParse(raw).success
  );
}

/** The evidence entries that parse; an entry of an unexpected shape is skipped. */
function evidenceOf(items: readonly unknown[] | null | undefined): Evidence[] {
  const out: Evidence[] = [];
  for (const item of items ?? []) {
    const e = Evidence.safeParse(item);
    if (e.success) out.push(e.data);
  }
  return out;
}

const isType = (e: Evidence, ...types: string[]): boolean =>
  types.some((t) => e['@odata.type'] === `#microsoft.graph.security.${t}`);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  if (isObject(raw) && isIncident(raw)) return parseIncident(Incident.parse(raw));
  if (isObject(raw) && isLegacyIncident(raw)) return parseLegacyIncident(LegacyIncident.parse(raw));
  return parseAlert(raw);
}

/**
 * The log pipeline: host.name is each device's DNS name lower-cased, related.hosts the names as written;
 * the entity's user principal name is user.name, its IP address related.ip.
 */
function parseLegacyIncident(i: LegacyIncident): ReturnType<Parser['parse']> {
  const a = i.alerts;
  const e = a.entities;
  const obs = new ObservablesBuilder();
  for (const d of a.devices ?? []) obs.host(d.deviceDnsName?.toLowerCase());
  for (const d of a.devices ?? []) obs.host(d.deviceDnsName);
  obs.user(e?.userPrincipalName);
  obs.ip(e?.ipAddress);
  obs.hash(e?.sha1);
  obs.hash(e?.sha256);
  obs.url(e?.url);
  if (e?.url) obs.domain(urlHostname(e.url));
  return parserAlert(m365DefenderParser.name, 'm365_defender.log', obs, {
    title: a.title ?? i.incidentName ?? 'Microsoft 365 Defender incident',
    severity: severityOf(a.severity ?? i.severity),
    observedAt: toIsoTime(a.firstActivity ?? a.creationTime ?? i.createdTime ?? i.lastUpdateTime),
    ruleId: [a.detectionSource, a.category].filter(Boolean).join(':') || (a.alertId ?? null),
  });
}

function parseAlert(raw: unknown): ReturnType<Parser['parse']> {
  const a = GraphAlert.parse(raw);
  const ev = evidenceOf(a.evidence);
  const obs = new ObservablesBuilder();

  // user.name: the account names of user and mailbox evidence (sorted, as the pipeline's script sorts them).
  const userNames = ev
    .filter((e) => isType(e, 'userEvidence', 'mailboxEvidence'))
    .map((e) => e.userAccount?.accountName)
    .filter((n): n is string => typeof n === 'string')
    .sort();
  for (const n of userNames) obs.user(n);

  // The pipeline appends related.* field by field across all evidence, so each loop walks every entry.
  // The assignee and the people commenting are the analysts working the alert.
  obs.analyst(a.assignedTo);
  for (const c of a.comments ?? []) obs.analyst(c.createdByDisplayName);
  for (const e of ev) obs.user(e.recipientEmailAddress);
  for (const e of ev) obs.user(e.p1Sender?.displayName);
  for (const e of ev) obs.user(e.p1Sender?.emailAddress);
  for (const e of ev) obs.user(e.p2Sender?.displayName);
  for (const e of ev) obs.user(e.p2Sender?.emailAddress);
  for (const e of ev) for (const u of e.loggedOnUsers ?? []) obs.user(u.accountName);
  for (const e of ev) obs.user(e.userAccount?.azureAdUserId);
  for (const e of ev) obs.user(e.userAccount?.userPrincipalName);
  for (const e of ev) obs.user(e.userAccount?.accountName);
  for (const e of ev) obs.user(e.userAccount?.userSid);

  for (const e of ev) obs.host(e.p1Sender?.domainName);
  for (const e of ev) obs.host(e.p2Sender?.domainName);
  for (const e of ev) obs.host(e.mdeDeviceId);
  for (const e of ev) obs.host(e.osPlatform);
  for (const e of ev) obs.host(e.version);
  for (const e of ev) obs.host(e.deviceDnsName);
  for (const e of ev) for (const u of e.loggedOnUsers ?? []) obs.host(u.domainName);
  for (const e of ev) obs.host(e.userAccount?.domainName);

  addAddressesAndArtefacts(obs, ev);

  return parserAlert(m365DefenderParser.name, 'm365_defender.alert', obs, {
    title: a.title ?? a.category ?? 'Microsoft 365 Defender alert',
    severity: severityOf(a.severity),
    observedAt: toIsoTime(a.firstActivityDateTime ?? a.createdDateTime ?? a.lastUpdateDateTime),
    ruleId: a.detectorId ?? a.providerAlertId ?? a.id ?? null,
  });
}

/**
 * An incident document holds one alert (`alerts`, an object once the input splits the list; a list as the
 * API returns it): the incident pipeline puts the lower-cased device name in host.name, logged-on accounts
 * in user.name, and only device names and account domains in related.hosts.
 */
function parseIncident(i: Incident): ReturnType<Parser['parse']> {
  const alertItems = Array.isArray(i.alerts) ? i.alerts : i.alerts ? [i.alerts] : [];
  const alerts = alertItems.flatMap((item) => {
    const a = GraphAlert.safeParse(item);
    return a.success ? [a.data] : [];
  });
  const ev = alerts.flatMap((a) => evidenceOf(a.evidence));
  const obs = new ObservablesBuilder();

  for (const e of ev) obs.host(e.deviceDnsName?.toLowerCase());
  for (const e of ev) obs.host(e.deviceDnsName);
  for (const e of ev) obs.host(e.userAccount?.domainName);
  for (const e of ev) for (const u of e.loggedOnUsers ?? []) obs.host(u.domainName);

  for (const e of ev) for (const u of e.loggedOnUsers ?? []) obs.user(u.accountName);
  obs.analyst(i.assignedTo);
  for (const c of i.comments ?? []) obs.analyst(c.createdBy);
  for (const e of ev) obs.user(e.recipientEmailAddress);
  // The sender the recipient saw (the header From, p2).
  for (const e of ev) obs.user(e.p2Sender?.emailAddress);
  for (const e of ev) obs.user(e.userAccount?.azureAdUserId);
  for (const e of ev) obs.user(e.userAccount?.accountName);
  for (const e of ev) obs.user(e.userAccount?.userSid);
  for (const e of ev) obs.user(e.userAccount?.userPrincipalName);

  addAddressesAndArtefacts(obs, ev, 'src');

  const first = alerts[0];
  return parserAlert(m365DefenderParser.name, 'm365_defender.incident', obs, {
    title: i.displayName ?? first?.title ?? 'Microsoft 365 Defender incident',
    severity: severityOf(i.severity ?? first?.severity),
    observedAt: toIsoTime(i.createdDateTime ?? i.lastUpdateDateTime),
    ruleId: first?.detectorId ?? i.id ?? null,
  });
}

/**
 * An e-mail's sender address is source.ip; IP evidence is host.ip in an alert and source.ip in an incident (as
 * the two pipelines map it); both are related.ip.
 */
function addAddressesAndArtefacts(
  obs: ObservablesBuilder,
  ev: readonly Evidence[],
  ipEvidence: 'related' | 'src' = 'related',
): void {
  for (const e of ev) obs.srcIp(e.senderIp);
  for (const e of ev) {
    if (ipEvidence === 'src') obs.srcIp(e.ipAddress);
    else obs.ip(e.ipAddress);
  }
  for (const e of ev) {
    obs.url(e.url);
    if (e.url) obs.domain(urlHostname(e.url));
    obs.email(e.recipientEmailAddress);
    obs.email(e.p1Sender?.emailAddress);
    obs.email(e.p2Sender?.emailAddress);
    for (const h of [e.imageFile?.sha1, e.imageFile?.sha256, e.fileDetails?.sha1, e.fileDetails?.sha256]) {
      obs.hash(h);
    }
  }
}

const severityOf = (value: string | null | undefined): Severity | null =>
  SEVERITIES[(value ?? '').toLowerCase()] ?? mapSeverity(value);

/** The host part of a URL, or null when it does not parse. */
export const m365DefenderParser: Parser = {
  name: 'm365_defender',
  claims: { keys: ['@odata.type', 'incidentWebUrl', 'incidentId', 'providerAlertId'], text: false },
  // The pipeline keeps URL evidence sites out of related.hosts.
  domainsInRelatedHosts: false,
  detect,
  parse,
};
