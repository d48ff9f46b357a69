// Infoblox BloxOne DDI API records (JSON): DNS resource records (`dns_data`), DNS views/configs (`dns_config`)
// and DHCP leases (`dhcp_lease`), mapped as Elastic's infoblox_bloxone_ddi pipelines map them: every address
// is related only; a lease's host and host name are hosts; a record's owner name is a domain.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

type Stream = 'dns_data' | 'dns_config' | 'dhcp_lease';

/** `options` arrives as an object or as a JSON string; the pipeline decodes the string. */
const Options = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  },
  z.object({ address: TextField }).passthrough().nullish().catch(undefined),
);

const DnsData = z.object({
  id: TextField,
  type: TextField,
  absolute_name_spec: TextField,
  dns_absolute_name_spec: TextField,
  absolute_zone_name: TextField,
  updated_at: TextField,
  created_at: TextField,
  options: Options,
  rdata: z.object({ address: TextField }).passthrough().nullish().catch(undefined),
});

const DhcpLease = z.object({
  address: TextField,
  host: TextField,
  hostname: TextField,
  hardware: TextField,
  state: TextField,
  type: TextField,
  last_updated: TextField,
  starts: TextField,
});

const DnsConfig = z.object({
  id: TextField,
  name: TextField,
  updated_at: TextField,
  created_at: TextField,
});

interface BloxoneRecord {
  stream: Stream;
  raw: object;
}

function streamOf(raw: object): Stream | null {
  const has = (k: string): boolean => k in raw;
  if (has('rdata') && has('view') && (has('absolute_name_spec') || has('dns_rdata') || has('name_in_zone'))) {
    return 'dns_data';
  }
  if (
    (has('dnssec_enabled') || has('custom_root_ns_enabled')) &&
    (has('match_clients_acl') || has('zone_authority') || has('forwarders'))
  ) {
    return 'dns_config';
  }
  if (
    has('address') &&
    has('hardware') &&
    (has('ha_group') || has('fingerprint_processed') || has('space')) &&
    (has('starts') || has('last_updated'))
  ) {
    return 'dhcp_lease';
  }
  return null;
}

function asBloxone(raw: unknown): BloxoneRecord | null {
  if (!isObject(raw)) return null;
  const stream = streamOf(raw);
  return stream ? { stream, raw } : null;
}

/** Every `address` under the config's root servers, forwarders and ACLs (and their inherited blocks), in order. */
function configAddresses(value: unknown, out: string[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const v of value) configAddresses(v, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'address' && typeof v === 'string') out.push(v);
    else configAddresses(v, out, depth + 1);
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asBloxone(raw);
  if (!rec) throw new Error('not an Infoblox BloxOne DDI record');
  const obs = new ObservablesBuilder();
  const format = `infoblox_bloxone_ddi.${rec.stream}`;
  switch (rec.stream) {
    case 'dns_data': {
      const e = DnsData.parse(rec.raw);
      obs.ip(bareIndicatorIp(e.options?.address));
      obs.ip(bareIndicatorIp(e.rdata?.address));
      const name = e.dns_absolute_name_spec ?? e.absolute_name_spec;
      obs.domain(name);
      return parserAlert('infoblox_bloxone_ddi', format, obs, {
        title: `BloxOne DNS record ${e.type ?? ''} ${name ?? e.absolute_zone_name ?? ''}`.trim(),
        severity: 'info',
        observedAt: toIsoTime(e.updated_at ?? e.created_at),
        ruleId: e.type ?? null,
      });
    }
    case 'dhcp_lease': {
      const e = DhcpLease.parse(rec.raw);
      obs.ip(bareIndicatorIp(e.address));
      obs.host(e.host);
      obs.host(e.hostname);
      return parserAlert('infoblox_bloxone_ddi', format, obs, {
        title: `BloxOne DHCP lease ${e.state ?? ''} ${e.address ?? ''}`.replace(/\s+/g, ' ').trim(),
        severity: 'info',
        observedAt: toIsoTime(e.last_updated ?? e.starts),
        ruleId: e.type ?? null,
      });
    }
    case 'dns_config': {
      const e = DnsConfig.parse(rec.raw);
      const addresses: string[] = [];
      configAddresses(rec.raw, addresses);
      for (const a of addresses) obs.ip(bareIndicatorIp(a));
      return parserAlert('infoblox_bloxone_ddi', format, obs, {
        title: `BloxOne DNS config ${e.name ?? e.id ?? ''}`.trim(),
        severity: 'info',
        observedAt: toIsoTime(e.updated_at ?? e.created_at),
        ruleId: e.id ?? null,
      });
    }
  }
}

export const infobloxBloxoneDdiParser: Parser = {
  name: 'infoblox_bloxone_ddi',
  claims: { keys: ['rdata', 'dnssec_enabled', 'custom_root_ns_enabled', 'address'], text: false },
  detect: detectorOf(asBloxone),
  domainsInRelatedHosts: false,
  parse,
};
