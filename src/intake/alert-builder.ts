// Assembles a contract-valid Alert from what a parser or the extractor found: fills defaults, bounds
// the title and rule id, and falls back to a minimal alert rather than ever throwing.
import {
  Alert,
  emptyObservables,
  type Observables,
  Severity,
  UNRECOGNISED_TITLE,
} from '../../graphs/agents/extraction/contract.js';
import { clip, stripControl, toTitle } from './text.js';

/** What a parser or extractor knows about an alert besides its observables. */
export interface AlertFacts {
  format: string;
  /** `parser:<name>` or `extractor`. */
  recognizedBy: string;
  title?: string | null;
  severity?: Severity | null;
  observedAt?: string | null;
  ruleId?: string | number | null;
}

/** Alerts buildAlert returned: already checked against the schema (Alert objects are never changed in place). */
const built = new WeakSet<Alert>();

/** Whether `alert` is one buildAlert returned, so checking it against the schema again would find nothing. */
export const isBuilt = (alert: Alert): boolean => built.has(alert);

function cleanRuleId(value: string | number | null | undefined): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = stripControl(clip(String(value), 200)).trim();
  return s.length > 0 ? s : null;
}

/** Builds the Alert; the result always satisfies the `Alert` schema. */
export function buildAlert(facts: AlertFacts, observables: Observables): Alert {
  const candidate = {
    format: toTitle(facts.format, 80)?.toLowerCase().replace(/\s+/g, '_') ?? 'unknown',
    recognizedBy: facts.recognizedBy,
    title: toTitle(facts.title ?? null) ?? UNRECOGNISED_TITLE,
    // A fact a parser got wrong (a severity looked up under a hostile key, say) falls back to its default on its
    // own, so the alert keeps its observables.
    severity: Severity.safeParse(facts.severity).data ?? 'medium',
    observedAt: typeof facts.observedAt === 'string' ? facts.observedAt : null,
    ruleId: cleanRuleId(facts.ruleId),
    observables,
  };
  const parsed = Alert.safeParse(candidate);
  if (parsed.success) {
    built.add(parsed.data);
    return parsed.data;
  }
  return {
    format: 'unknown',
    recognizedBy: 'extractor',
    title: UNRECOGNISED_TITLE,
    severity: 'medium',
    observedAt: null,
    ruleId: null,
    observables: emptyObservables(),
  };
}
