// CrowdSec alerts (the Local API alert object a notification plugin or the log file delivers), read as Elastic's
// `crowdsec` pipeline reads them: the offending address is the source only when the alert's scope is `Ip`;
// ranges and countries give no address. No destination, user or host.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, jsonObjectOf, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'crowdsec.alert';

const Decision = z.object({ type: TextField, value: TextField }).passthrough();

const CrowdsecAlert = z.object({
  scenario: TextField,
  message: TextField,
  uuid: TextField,
  machine_id: TextField,
  start_at: z.string().nullish().catch(undefined),
  simulated: z.unknown().optional(),
  source: z
    .object({ scope: TextField, value: TextField, ip: TextField })
    .passthrough()
    .nullish()
    .catch(undefined),
  decisions: z.array(z.unknown()).nullish().catch(undefined),
});
type CrowdsecAlert = z.infer<typeof CrowdsecAlert>;

/** The keys of CrowdSec's alert model that no other vendor's JSON carries together. */
const mentions = (t: string): boolean =>
  t.trimStart().startsWith('{') && t.includes('"scenario_hash"') && t.includes('"leakspeed"');

function read(raw: unknown): CrowdsecAlert | null {
  const o = jsonObjectOf(raw, mentions);
  if (o === null || !('scenario_hash' in o) || !('leakspeed' in o) || !('source' in o)) return null;
  if (!('scenario' in o) || !isObject(o.source)) return null;
  const r = CrowdsecAlert.safeParse(o);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** The first decision's remedy (`ban`, `captcha` …), which Elastic lifts to `event.action`. */
function firstDecision(a: CrowdsecAlert): string | undefined {
  const d = Decision.safeParse(a.decisions?.[0]);
  return d.success ? d.data.type : undefined;
}

/** A simulated alert changed nothing; a ban or captcha is an IPS blocking an attacker. */
function severityOf(a: CrowdsecAlert, decision: string | undefined): Severity {
  if (a.simulated === true || a.simulated === 'true') return 'low';
  if (decision === 'ban') return 'high';
  return 'medium';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a CrowdSec alert');
  const obs = new ObservablesBuilder();
  // source.ip only for the Ip scope (exact spelling, as the pipeline's condition), then related.ip.
  if (a.source?.scope === 'Ip') obs.srcIp(bareIndicatorIp(a.source.ip) ?? undefined);
  const decision = firstDecision(a);
  const scenario = a.scenario ?? 'alert';
  const subject = a.source?.value ? ` from ${a.source.value}` : '';
  return parserAlert(NAME, NAME, obs, {
    title: `CrowdSec: ${scenario}${subject}${decision ? ` (${decision})` : ''}`,
    severity: severityOf(a, decision),
    observedAt: toIsoTime(a.start_at),
    ruleId: a.scenario ?? null,
  });
}

export const crowdsecParser: Parser = {
  name: NAME,
  claims: { keys: ['scenario_hash'], text: false },
  detect,
  parse,
};
