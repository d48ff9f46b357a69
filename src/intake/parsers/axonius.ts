// Axonius API records: alert findings (`asset_type: alert_findings`), devices (`asset_type: devices`: the
// device's names, addresses and users from `event.data`), SaaS application accounts (`asset_type: accounts`: the
// account's contact e-mail) and system users, as Elastic's `axonius` pipelines map them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, localPart, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;

const AlertFinding = z.object({
  internal_axon_id: z.string(),
  asset_type: z.literal('alert_findings'),
  event: z.object({
    data: z.object({
      alert_config_id: Str,
      alert_id: z.union([z.string(), z.number()]).nullish(),
      finding_name: Str,
      finding_message: Str,
      finding_severity: Str,
      finding_asset_type: Str,
      status: Str,
      trigger_date: Str,
    }),
  }),
});
type AlertFinding = z.infer<typeof AlertFinding>;

const SystemUser = z.object({
  user_name: Str,
  email: Str,
  uuid: Str,
  first_name: Str,
  last_name: Str,
  role_name: Str,
  last_login: Str,
  last_updated: Str,
});
type SystemUser = z.infer<typeof SystemUser>;

/** A device asset: its fields are the record's own plus those under `event.data` (Elastic lifts them up). */
const Device = z.object({
  internal_axon_id: z.string(),
  asset_type: z.literal('devices'),
  event: z
    .object({ accurate_for_datetime: Str, data: z.record(z.string(), z.unknown()).nullish() })
    .passthrough()
    .nullish(),
});
type Fields = ReadonlyMap<string, unknown>;

/** A SaaS application account (the identity stream): one tenant of an application Axonius connects to. */
const Account = z.object({
  asset_type: z.literal('accounts'),
  event: z.object({
    accurate_for_datetime: Str,
    data: z.object({
      application_name: Str,
      application_and_account_name: Str,
      connection_label: Str,
      email: Str,
      last_enrichment_run: Str,
    }),
  }),
});
type Account = z.infer<typeof Account>;

type AxoniusRecord =
  | { kind: 'alert_finding'; finding: AlertFinding }
  | { kind: 'device'; fields: Fields; observed: string | null | undefined }
  | { kind: 'user'; user: SystemUser }
  | { kind: 'account'; account: Account };

const Text = z.string();
const Texts = z.array(z.unknown());
const Rows = z.array(z.record(z.string(), z.unknown()));

/** A field's string value (empty strings count as missing, as Elastic's null-dropping script does). */
function text(v: unknown): string | null {
  const r = Text.safeParse(v);
  return r.success && r.data !== '' ? r.data : null;
}
/** The string members of a list field. */
function texts(v: unknown): string[] {
  const r = Texts.safeParse(v);
  return r.success ? r.data.map(text).filter((s): s is string => s !== null) : [];
}
/** The objects of a list-of-objects field. */
function rows(v: unknown): Array<Record<string, unknown>> {
  const r = Rows.safeParse(v);
  return r.success ? r.data : [];
}

function deviceFields(raw: unknown): { fields: Fields; observed: string | null | undefined } | null {
  const parsed = Device.safeParse(raw);
  if (!parsed.success || !isObject(raw)) return null;
  const fields = new Map<string, unknown>(Object.entries(raw));
  for (const [k, v] of Object.entries(parsed.data.event?.data ?? {})) {
    if (!fields.has(k)) fields.set(k, v);
  }
  return { fields, observed: parsed.data.event?.accurate_for_datetime };
}

function read(raw: unknown): AxoniusRecord | null {
  if (!isObject(raw)) return null;
  if ('asset_type' in raw && raw.asset_type === 'accounts') {
    const parsed = Account.safeParse(raw);
    return parsed.success && parsed.data.event.data.application_name
      ? { kind: 'account', account: parsed.data }
      : null;
  }
  if ('internal_axon_id' in raw && 'asset_type' in raw) {
    const device = deviceFields(raw);
    if (device) return { kind: 'device', ...device };
    const parsed = AlertFinding.safeParse(raw);
    return parsed.success ? { kind: 'alert_finding', finding: parsed.data } : null;
  }
  // A system user: the role and data-scope keys are Axonius's own; the user must be named somehow.
  if ('role_id' in raw && 'data_scope_id' in raw && ('user_name' in raw || 'uuid' in raw)) {
    const parsed = SystemUser.safeParse(raw);
    return parsed.success ? { kind: 'user', user: parsed.data } : null;
  }
  return null;
}

function parseFinding(f: AlertFinding): ReturnType<Parser['parse']> {
  const d = f.event.data;
  // Elastic maps no indicator from a finding: it names an alert rule, not an asset.
  const obs = new ObservablesBuilder();
  const name = d.finding_name || d.finding_message || 'alert finding';
  return parserAlert('axonius', 'axonius.alert_finding', obs, {
    title: `Axonius: ${name}`,
    severity: mapSeverity(d.finding_severity) ?? 'medium',
    observedAt: toIsoTime(d.trigger_date),
    ruleId: d.alert_config_id || (d.alert_id != null ? String(d.alert_id) : null),
  });
}

function parseUser(u: SystemUser): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // user_name -> user.name; related.user gets "first last", the e-mail, user_name and uuid, in that order.
  obs.user(u.user_name ?? undefined);
  if (u.first_name != null && u.last_name != null) obs.user(`${u.first_name} ${u.last_name}`);
  obs.user(u.email ?? undefined);
  obs.email(u.email ?? undefined);
  obs.user(u.uuid ?? undefined);
  return parserAlert('axonius', 'axonius.user', obs, {
    title: `Axonius user: ${u.user_name ?? u.email ?? u.uuid ?? 'unknown'}`,
    severity: 'info',
    observedAt: toIsoTime(u.last_updated ?? u.last_login),
    ruleId: u.role_name?.trim() || null,
  });
}

function parseAccount(a: Account): ReturnType<Parser['parse']> {
  const d = a.event.data;
  // Elastic relates the account's contact e-mail as its user; its domains are not hosts.
  const obs = new ObservablesBuilder();
  obs.user(d.email ?? undefined);
  obs.email(d.email ?? undefined);
  const name = d.application_and_account_name ?? d.connection_label ?? d.application_name;
  return parserAlert('axonius', 'axonius.identity', obs, {
    title: `Axonius ${d.application_name} account${name && name !== d.application_name ? `: ${name}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(a.event.accurate_for_datetime ?? d.last_enrichment_run),
    ruleId: null,
  });
}

/** Users, hosts and addresses of a device, in the order Elastic's compute pipelines append them. */
function parseDevice(f: Fields, observed: string | null | undefined): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const get = (k: string): string | null => text(f.get(k));
  // user.name is the local part of asset_user_name when it is an e-mail address.
  const assetUser = get('asset_user_name');
  if (assetUser?.includes('@')) obs.user(localPart(assetUser));
  obs.user(get('owner'));
  for (const u of texts(f.get('all_associated_email_addresses'))) obs.user(u);
  obs.user(assetUser);
  for (const a of rows(f.get('associated_device_users'))) {
    obs.user(text(a.last_used_email));
    obs.user(text(a.last_used_user_manager));
  }
  for (const a of rows(f.get('cmdb_business_applications'))) obs.user(text(a.managed_by));
  for (const u of texts(f.get('common_users'))) obs.user(u);
  const jamf = rows([f.get('jamf_location')])[0];
  obs.user(text(jamf?.email_address));
  obs.user(text(jamf?.username));
  for (const k of [
    'last_used_users',
    'last_used_users_mail_association',
    'last_used_users_user_manager_association',
    'last_used_users_user_manager_mail_association',
  ])
    for (const u of texts(f.get(k))) obs.user(u);
  for (const k of [
    'latest_used_user',
    'latest_used_user_mail',
    'latest_used_user_user_manager',
    'u_business_owner',
  ])
    obs.user(get(k));

  // host.name is the lower-cased FQDN; related.hosts holds every name and id Elastic appends.
  obs.host(get('fqdn')?.toLowerCase());
  for (const k of ['device_serial', 'domain', 'entity_id', 'epo_host', 'fqdn', 'guest_dns_name', 'hostname'])
    obs.host(get(k));
  obs.host(get('raw_hostname'));
  obs.host(get('uuid'));
  obs.host(get('vpn_domain'));

  // related.ip: only values Elasticsearch's `convert` to ip accepts.
  const ip = (v: string | null): void => {
    obs.ip(bareIndicatorIp(v));
  };
  ip(get('external_ip'));
  ip(get('external_nat_ip'));
  for (const r of rows(f.get('firewall_rules'))) {
    const target = text(r.target);
    if (target?.includes('/')) ip(target.slice(0, target.indexOf('/')));
  }
  for (const r of rows(f.get('nat_policy_ips'))) ip(text(r.address));
  const nics = rows(f.get('network_interfaces'));
  for (const n of nics) for (const a of texts(n.ips)) ip(a);
  for (const n of nics) for (const a of texts(n.ips_v4)) ip(a);
  ip(get('vpn_public_ip'));
  ip(get('zoom_ip'));

  const name = get('hostname') ?? get('fqdn') ?? get('raw_hostname') ?? get('internal_axon_id') ?? 'device';
  return parserAlert('axonius', 'axonius.compute', obs, {
    title: `Axonius device: ${name}`,
    severity: 'info',
    observedAt: toIsoTime(observed ?? get('accurate_for_datetime')),
    ruleId: null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Axonius record');
  if (r.kind === 'device') return parseDevice(r.fields, r.observed);
  if (r.kind === 'account') return parseAccount(r.account);
  return r.kind === 'alert_finding' ? parseFinding(r.finding) : parseUser(r.user);
}

export const axoniusParser: Parser = {
  name: 'axonius',
  claims: { keys: ['internal_axon_id', 'role_id', 'asset_type'], text: false },
  detect: detectorOf(read),
  parse,
};
