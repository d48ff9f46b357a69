// Forescout (eyeSight / CounterACT) host property records (JSON, one endpoint's properties a record), mapped as
// Elastic's `forescout.host` pipeline maps them: `user` is the user; the endpoint address, its access address and
// the nested device's parent address are related only; `Unknown`, `N/A` and empty values count as absent.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'forescout.host';

/** Properties only Forescout's host record carries; a record needs two of them beside `ip`. */
const MARKERS = [
  'is_dhcp_relay',
  'is_dhcp_server',
  'is_behind_nat',
  'smb_relay',
  'segment_path',
  'hwi_network_adapters',
  'nested_device_parent_ip',
  'nested_device_id',
  'guest_corporate_state',
  'compliance_state',
  'device_interfaces',
] as const;

const HostRecord = z.object({
  timestamp: TextField,
  ip: TextField,
  access_ip: TextField,
  nested_device_parent_ip: TextField,
  mac: TextField,
  user: TextField,
  segment_name: TextField,
  compliance_state: TextField,
});
type HostRecord = z.infer<typeof HostRecord>;

/** Elastic's clean-up script drops null, empty, `n/a` and `unknown` values (any case) before mapping. */
const present = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' || /^(?:n\/a|unknown)$/i.test(v.trim()) ? undefined : v;

/** The record, or null when `raw` is not a Forescout host property record. */
function read(raw: unknown): HostRecord | null {
  if (!isObject(raw) || !('ip' in raw)) return null;
  if (MARKERS.filter((k) => k in raw).length < 2) return null;
  const r = HostRecord.safeParse(raw);
  return r.success ? r.data : null;
}

/** Forescout writes a zone-less ISO time; Elastic's ISO8601 date processor reads it as UTC. */
function observedAt(ts: string | undefined): string | null {
  if (!ts) return null;
  return toIsoTime(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(ts) ? ts : `${ts}Z`);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a Forescout host record');
  const obs = new ObservablesBuilder();
  const ip = present(e.ip);
  // related.ip in the pipeline's order: access address, endpoint address, nested device's parent.
  for (const v of [e.access_ip, e.ip, e.nested_device_parent_ip]) obs.ip(bareIndicatorIp(present(v)));
  const user = present(e.user);
  obs.user(user);
  const compliance = present(e.compliance_state);
  return parserAlert(NAME, NAME, obs, {
    title: `Forescout host ${ip ?? 'unknown'}${user ? ` (${user})` : ''}${compliance ? `: ${compliance}` : ''}`,
    severity: 'info',
    observedAt: observedAt(present(e.timestamp)),
    ruleId: NAME,
  });
}

export const forescoutHostParser: Parser = {
  name: NAME,
  claims: { keys: ['ip'], text: false },
  detect: detectorOf(read),
  parse,
};
