// ExtraHop RevealX REST API records: detections (assignee, participant addresses, host names and users)
// and investigations (creator, assignee, last editor), mapped as Elastic's `extrahop` package pipelines do.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Participant = z.object({ hostname: TextField, object_value: TextField, username: TextField });

const Detection = z.object({
  id: TextField,
  title: TextField,
  type: TextField,
  assignee: TextField,
  risk_score: z.number().nullish().catch(undefined),
  mod_time: TextField,
  update_time: TextField,
  start_time: TextField,
  participants: z.array(Participant.nullish().catch(undefined)).nullish().catch(undefined),
});

const Investigation = z.object({
  id: TextField,
  name: TextField,
  assignee: TextField,
  created_by: TextField,
  last_interaction_by: TextField,
  last_interaction_time: TextField,
  update_time: TextField,
  creation_time: TextField,
  investigation_types: z.array(z.string()).nullish().catch(undefined),
});

type Kind = 'detection' | 'investigation';

function kindOf(raw: unknown): Kind | null {
  if (!isObject(raw) || !('id' in raw)) return null;
  if ('participants' in raw && Array.isArray(raw.participants) && 'mod_time' in raw && 'title' in raw) {
    if ('risk_score' in raw || 'appliance_id' in raw || 'mitre_tactics' in raw) return 'detection';
  }
  if ('investigation_types' in raw && 'name' in raw && ('created_by' in raw || 'detections' in raw))
    return 'investigation';
  return null;
}

const detect = (raw: unknown): boolean => kindOf(raw) !== null;

function parseDetection(raw: unknown): Alert {
  const d = Detection.parse(raw);
  const obs = new ObservablesBuilder();
  obs.analyst(d.assignee);
  const participants = (d.participants ?? []).flatMap((p) => (p ? [p] : []));
  // related.hosts, related.ip (values that are addresses) and related.user, in participant order.
  for (const p of participants) obs.host(p.hostname);
  for (const p of participants) obs.ip(bareIndicatorIp(p.object_value));
  for (const p of participants) obs.user(p.username);
  return parserAlert('extrahop', 'extrahop.detection', obs, {
    title: d.title ?? d.type ?? 'ExtraHop detection',
    severity: mapSeverity(d.risk_score, 'hundred') ?? 'medium',
    observedAt: toIsoTime(d.mod_time ?? d.update_time ?? d.start_time),
    ruleId: d.type,
  });
}

function parseInvestigation(raw: unknown): Alert {
  const i = Investigation.parse(raw);
  const obs = new ObservablesBuilder();
  // user.name is what precedes the creator's first `@` (Elastic's dissect `%{user.name}@%{user.domain}`);
  // related.user the assignee, creator and last editor as written. An investigation is the analysts' own record:
  // every one of them works it.
  const at = i.created_by?.indexOf('@') ?? -1;
  if (at > 0) obs.analyst(i.created_by?.slice(0, at));
  obs.analyst(i.assignee);
  obs.analyst(i.created_by);
  obs.analyst(i.last_interaction_by);
  return parserAlert('extrahop', 'extrahop.investigation', obs, {
    title: i.name ?? 'ExtraHop investigation',
    severity: 'medium',
    observedAt: toIsoTime(i.last_interaction_time ?? i.update_time ?? i.creation_time),
    ruleId: i.investigation_types?.[0] ?? i.id,
  });
}

function parse(raw: unknown): Alert {
  const kind = kindOf(raw);
  if (kind === 'detection') return parseDetection(raw);
  if (kind === 'investigation') return parseInvestigation(raw);
  throw new Error('not an ExtraHop record');
}

export const extrahopParser: Parser = {
  name: 'extrahop',
  claims: { keys: ['id'], text: false },
  detect,
  parse,
};
