// Google Workspace Admin SDK Reports activities (`admin#reports#activity`): the actor's login (local
// part of the e-mail) and the caller address; the format follows the application (`login`, `admin` …).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { localPart, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const GEvent = z.object({ type: z.string().optional(), name: z.string().optional() });
const Activity = z.object({
  kind: z.literal('admin#reports#activity'),
  id: z.object({ time: z.string().optional(), applicationName: z.string().optional() }),
  actor: z.object({ email: z.string().optional(), callerType: z.string().optional() }).optional(),
  ipAddress: z.string().optional(),
  events: z.union([GEvent, z.array(GEvent)]).optional(),
});

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && 'kind' in raw && Activity.safeParse(raw).success;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = Activity.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(a.ipAddress);
  if (a.actor?.email) {
    obs.user(localPart(a.actor.email));
    obs.email(a.actor.email);
  }
  const events = a.events === undefined ? [] : Array.isArray(a.events) ? a.events : [a.events];
  const first = events[0];
  const app = (a.id.applicationName ?? 'unknown').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const name = first?.name ?? first?.type ?? 'activity';
  return parserAlert('google_workspace', `google_workspace.${app}`, obs, {
    title: `Google Workspace ${app}: ${name.replace(/_/g, ' ')}`,
    severity: /suspicious|leak|disabled|hijack|attack|warning/i.test(`${name} ${first?.type ?? ''}`)
      ? 'high'
      : 'info',
    observedAt: toIsoTime(a.id.time),
    ruleId: `${app}:${name}`,
  });
}

export const googleWorkspaceParser: Parser = { name: 'google_workspace', detect, parse };
