// Cisco Duo authentication logs: the user, the access device's address as the source (ports and
// brackets stripped) and its hostname or raw address as the host, the auth device's address as related.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Device = z.object({ ip: z.string().nullish(), hostname: z.string().nullish() }).nullish();
const DuoAuth = z.object({
  txid: z.string(),
  event_type: z.string().nullish(),
  factor: z.string().nullish(),
  result: z.string().nullish(),
  reason: z.string().nullish(),
  isotimestamp: z.string().nullish(),
  timestamp: z.number().nullish(),
  access_device: Device,
  auth_device: Device,
  application: z.object({ name: z.string().nullish() }).nullish(),
  user: z.object({ name: z.string().nullish() }).nullish(),
  email: z.string().nullish(),
});

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' &&
  raw !== null &&
  'txid' in raw &&
  'access_device' in raw &&
  DuoAuth.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const d = DuoAuth.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(d.access_device?.ip ?? undefined);
  obs.ip(d.auth_device?.ip ?? undefined);
  obs.user(d.user?.name ?? undefined);
  obs.email(d.email ?? undefined);
  obs.host(d.access_device?.hostname ?? d.access_device?.ip ?? undefined);
  const result = d.result ?? 'unknown';
  return parserAlert('cisco_duo.auth', 'cisco_duo.auth', obs, {
    title: `Duo ${d.event_type ?? 'authentication'} ${result}${d.reason ? ` (${d.reason.replace(/_/g, ' ')})` : ''}${d.application?.name ? ` for ${d.application.name}` : ''}`,
    severity: result === 'fraud' ? 'high' : result === 'denied' || result === 'failure' ? 'medium' : 'info',
    observedAt: toIsoTime(d.isotimestamp ?? d.timestamp ?? null),
    ruleId: `${d.event_type ?? 'authentication'}:${result}`,
  });
}

export const ciscoDuoParser: Parser = {
  name: 'cisco_duo.auth',
  claims: { keys: ['txid'], text: false },
  detect,
  parse,
};
