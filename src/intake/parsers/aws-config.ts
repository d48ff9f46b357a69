// AWS Config rule evaluation results (a compliance verdict on one resource; posture): the rule's creator as
// a related user, as Elastic's `aws.config` pipeline maps it; the evaluated resource goes in the title.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.config';

const Evaluation = z.object({
  ComplianceType: z.string(),
  ConfigRuleInvokedTime: OptionalNumber,
  ResultRecordedTime: OptionalNumber,
  Annotation: OptionalText,
  EvaluationResultIdentifier: z.object({
    EvaluationResultQualifier: z.object({
      ConfigRuleName: OptionalText,
      ResourceId: OptionalText,
      ResourceType: OptionalText,
    }),
  }),
  ConfigRuleInfo: z
    .object({
      ConfigRuleName: OptionalText,
      ConfigRuleId: OptionalText,
      CreatedBy: OptionalText,
    })
    .nullish(),
});
type Evaluation = z.infer<typeof Evaluation>;

const read = (raw: unknown): Evaluation | null => {
  if (!isObject(raw) || !('ComplianceType' in raw) || !('EvaluationResultIdentifier' in raw)) return null;
  const r = Evaluation.safeParse(raw);
  return r.success ? r.data : null;
};

/** A resource failing a rule is configuration to fix (low); a pass or an inapplicable rule is informational. */
const severityOf = (compliance: string): Severity => (compliance === 'NON_COMPLIANT' ? 'low' : 'info');

/** Config writes times as epoch seconds (a number or numeric text). */
function timeOf(v: string | number | null | undefined): string | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return (typeof n === 'number' && Number.isFinite(n) ? toIsoTime(n) : null) ?? toIsoTime(v);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = Evaluation.parse(raw);
  const q = e.EvaluationResultIdentifier.EvaluationResultQualifier;
  const obs = new ObservablesBuilder();
  obs.user(e.ConfigRuleInfo?.CreatedBy);
  const rule = e.ConfigRuleInfo?.ConfigRuleName ?? q.ConfigRuleName ?? 'rule';
  const resource = [q.ResourceType, q.ResourceId].filter(Boolean).join(' ');
  return parserAlert(NAME, NAME, obs, {
    title: `AWS Config ${rule}: ${e.ComplianceType}${resource ? ` (${resource})` : ''}`,
    severity: severityOf(e.ComplianceType),
    observedAt: timeOf(e.ResultRecordedTime ?? e.ConfigRuleInvokedTime),
    ruleId: e.ConfigRuleInfo?.ConfigRuleId ?? rule,
  });
}

export const awsConfigParser: Parser = {
  name: NAME,
  claims: { keys: ['ComplianceType'], text: false },
  detect: detectorOf(read),
  parse,
};
