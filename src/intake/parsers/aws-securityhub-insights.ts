// AWS Security Hub insights (GetInsights output: a saved grouping of findings by filters; posture). An insight
// is a query, not an event: its filter values (CIDRs, user names, domains) are no indicators, and Elastic's
// `aws.securityhub_insights` pipeline maps none.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.securityhub_insights';

const Insight = z.object({
  Filters: z.record(z.string(), z.unknown()),
  InsightArn: z.string(),
  GroupByAttribute: OptionalText,
  Name: OptionalText,
});
type Insight = z.infer<typeof Insight>;

const read = (raw: unknown): Insight | null => {
  if (!isObject(raw) || !('InsightArn' in raw) || !('Filters' in raw)) return null;
  const r = Insight.safeParse(raw);
  return r.success ? r.data : null;
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const i = Insight.parse(raw);
  const by = i.GroupByAttribute ? ` grouped by ${i.GroupByAttribute}` : '';
  return parserAlert(NAME, NAME, new ObservablesBuilder(), {
    title: `AWS Security Hub insight: ${i.Name ?? i.InsightArn}${by}`,
    severity: 'info',
    observedAt: null,
    ruleId: i.InsightArn,
  });
}

export const awsSecurityhubInsightsParser: Parser = {
  name: NAME,
  claims: { keys: ['InsightArn'], text: false },
  detect: detectorOf(read),
  parse,
};
