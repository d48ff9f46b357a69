// The end of a workflow run, as onboarding and offboarding write it: a case resolved with its summary and
// audited as closed, and the summary posted in the case's thread with the root message refreshed.
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { AuditSink, CaseNotifier } from '../triage/ports.js';

export interface CaseSummaryDeps {
  cases: CasesRepository;
  audit: AuditSink;
  notifier: Pick<CaseNotifier, 'threadNote' | 'caseUpdated'>;
}

/** Resolves the case with `summary`, closed at `at`, and audits `case.closed`. */
export function resolveCase(deps: CaseSummaryDeps, caseId: number, summary: string, at: string): void {
  deps.cases.update(caseId, { status: 'resolved', summary, closedAt: at }, at);
  deps.audit.append({
    type: 'case.closed',
    actor: 'vigil',
    caseId,
    data: { status: 'resolved', summary },
  });
}

/**
 * Posts the summary in the case's thread, then refreshes the case's root message. `mentions` are the people the
 * summary names (see ThreadNote).
 */
export async function announceSummary(
  deps: CaseSummaryDeps,
  caseId: number,
  summary: string,
  mentions: readonly string[] = [],
): Promise<void> {
  await deps.notifier.threadNote(caseId, { kind: 'summary', title: 'Summary', text: summary, mentions });
  await deps.notifier.caseUpdated(caseId);
}
