// SpyCloud Enterprise API records: breach and Compass records (a person's exposed credentials and the
// infected machine's addresses, names and OS), and breach catalog entries, mapped as Elastic's `spycloud`
// pipelines map them to related.ip, user.name/related.user and related.hosts.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'spycloud';

const TextList = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((list) => (list ?? []).filter((v): v is string => typeof v === 'string'));
const Num = z.union([z.number(), z.string().regex(/^\d+$/)]);

/** A breach or Compass record: one exposed identity, keyed by `document_id` and its breach `source_id`. */
const SpyRecord = z.object({
  document_id: z.string().min(1),
  source_id: Num,
  severity: Num,
  spycloud_publish_date: z.string(),
  record_modification_date: TextField,
  username: TextField,
  email: TextField,
  email_username: TextField,
  email_domain: TextField,
  domain: TextField,
  full_name: TextField,
  backup_email: TextField,
  backup_email_username: TextField,
  user_sys_registered_owner: TextField,
  user_hostname: TextField,
  user_os: TextField,
  user_sys_domain: TextField,
  ip_addresses: TextList,
  target_url: TextField,
  target_domain: TextField,
  target_subdomain: TextField,
  infected_machine_id: TextField,
  password_type: TextField,
});
type SpyRecord = z.infer<typeof SpyRecord>;

/** A breach catalog entry: the description of one breach source, not of an identity. */
const CatalogEntry = z.object({
  id: Num,
  title: z.string().min(1),
  spycloud_publish_date: z.string(),
  site: TextField,
  num_records: z.number().nullish().catch(undefined),
  breach_category: TextField,
});
type CatalogEntry = z.infer<typeof CatalogEntry>;

/** Keys only catalog entries carry (a record never does). */
const CATALOG_KEYS = ['assets', 'num_records', 'site', 'tlp', 'acquisition_date', 'breach_category', 'uuid'];

/**
 * Fields Elastic's Compass pipeline reads and its breach-record pipeline does not (Compass's extra personal
 * data); a record carrying them and no breach `sighting` count is read as a Compass record.
 */
const COMPASS_KEYS = [
  'backup_email',
  'backup_email_username',
  'postal_code',
  'bank_number',
  'passport_number',
  'drivers_license',
  'national_id',
  'social_security_number',
  'ssn_last_four',
];

type Read =
  { kind: 'breach_record' | 'compass'; record: SpyRecord } | { kind: 'breach_catalog'; entry: CatalogEntry };

function read(raw: unknown): Read | null {
  if (!isObject(raw) || !('spycloud_publish_date' in raw)) return null;
  if ('document_id' in raw && 'source_id' in raw && 'severity' in raw) {
    const r = SpyRecord.safeParse(raw);
    if (!r.success) return null;
    const compass = !('sighting' in raw) && COMPASS_KEYS.some((k) => k in raw);
    return { kind: compass ? 'compass' : 'breach_record', record: r.data };
  }
  if ('id' in raw && 'title' in raw && CATALOG_KEYS.filter((k) => k in raw).length >= 2) {
    const r = CatalogEntry.safeParse(raw);
    return r.success ? { kind: 'breach_catalog', entry: r.data } : null;
  }
  return null;
}

function detect(raw: unknown): boolean {
  try {
    return read(raw) !== null;
  } catch {
    return false;
  }
}

/** SpyCloud's severity codes: 2 e-mail only, 5 with personal data, 20 a usable password, 25 stolen by malware. */
function severityOf(code: string | number): Severity {
  const n = Number(code);
  return n >= 25 ? 'critical' : n >= 20 ? 'high' : n >= 5 ? 'medium' : 'low';
}

/** A date-only value (`2022-01-25`, as catalog entries write them) read as midnight UTC. */
const isoDate = (value: string | undefined): string | null =>
  toIsoTime(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

function parseRecord(kind: 'breach_record' | 'compass', r: SpyRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // host.ip and related.ip: the infected machine's addresses; neither a source nor a destination.
  for (const ip of r.ip_addresses) obs.ip(bareIndicatorIp(ip) ?? undefined);
  // user.name, then related.user in the pipeline's order: Elastic also files the account's domain and
  // the e-mail domain under related.user, and (Compass only) the backup address's user name.
  obs.user(r.username);
  if (kind === 'compass') obs.user(r.backup_email_username);
  for (const u of [r.domain, r.email_domain, r.email_username, r.full_name, r.username]) obs.user(u);
  obs.user(r.user_sys_registered_owner);
  // related.hosts: the infected machine's name, its OS string and its system domain, as Elastic lists them.
  for (const h of [r.user_hostname, r.user_os, r.user_sys_domain]) obs.host(h);
  // The credential's target site goes to destination.domain and url.*, not related.hosts.
  for (const d of [r.target_domain, r.target_subdomain, urlHostname(r.target_url)]) obs.domain(d);
  obs.url(r.target_url);
  obs.email(r.email);
  obs.email(r.backup_email);
  const who = r.email ?? r.username ?? r.email_username ?? r.document_id;
  const where = r.target_subdomain ?? r.target_domain ?? urlHostname(r.target_url);
  const label = kind === 'compass' ? 'SpyCloud Compass' : 'SpyCloud breach record';
  return parserAlert(NAME, `spycloud.${kind}`, obs, {
    title: `${label}: credentials of ${who} exposed${where ? ` for ${where}` : ''}`,
    severity: severityOf(r.severity),
    // Elastic's @timestamp: the record's modification date when set, else its publication date.
    observedAt: toIsoTime(r.record_modification_date ?? r.spycloud_publish_date),
    ruleId: String(r.source_id),
  });
}

function parseCatalog(e: CatalogEntry): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic keeps the breached site as event.reference only; it is still the domain the SOC looks up.
  obs.domain(e.site);
  return parserAlert(NAME, 'spycloud.breach_catalog', obs, {
    title: `SpyCloud breach catalog: ${e.title}${e.site ? ` (${e.site})` : ''}`,
    severity: 'info',
    observedAt: isoDate(e.spycloud_publish_date),
    ruleId: String(e.id),
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a SpyCloud record');
  return r.kind === 'breach_catalog' ? parseCatalog(r.entry) : parseRecord(r.kind, r.record);
}

export const spycloudParser: Parser = {
  name: NAME,
  claims: { keys: ['spycloud_publish_date'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
