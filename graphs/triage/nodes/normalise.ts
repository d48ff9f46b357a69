// normalise: reads the stored alert as normalised at intake (or normalises the raw payload), lets the
// model-backed extraction agent add to it when no parser recognised the payload and a model is configured,
// and records the triage facts on the case (the thread hears about them in the investigation note).
import { Alert, readingOf } from '../../agents/extraction/contract.js';
import { ModelSkippedError } from '../../agents/model-port.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/**
 * The stored bytes as the normaliser takes them: parsed JSON when they are JSON, else the text. A leading UTF-8
 * byte order mark, kept in what is stored, is read past as intake reads past it.
 */
export function decodePayload(raw: Buffer): unknown {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A payload no parser recognised goes to the model-backed extraction agent when one is configured and policy lets it
 * (`agents.extraction.model`). It is shown
 * the payload intake read (a Pub/Sub push's alert decoded, not its envelope), so field rules and redaction apply to
 * the alert and answers are checked against it. The call is audited (model, prompt hash, tokens, redactions, what
 * it added); a failure keeps the heuristic's alert, and so does a model resting after repeated failures (skipped).
 */
async function refine(deps: TriageDeps, caseId: number, raw: Buffer, draft: Alert): Promise<Alert> {
  const agent = deps.extraction;
  if (!agent || draft.recognizedBy !== 'extractor' || !agent.enabled()) return draft;
  // A reading a failed call left (a run again after a restart) is asked about afresh.
  const heuristic: Alert = { ...draft };
  delete heuristic.modelFailed;
  const payload = deps.readPayload(decodePayload(raw));
  try {
    const { alert, call } = await agent.refine(
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      heuristic,
    );
    deps.audit.record({ type: 'model.called', actor: agent.model, caseId, data: { ...call } });
    return alert;
  } catch (error) {
    deps.audit.record({
      type: error instanceof ModelSkippedError ? 'model.skipped' : 'model.failed',
      actor: agent.model,
      caseId,
      data: { agent: 'extraction', error: error instanceof Error ? error.message : String(error) },
    });
    return { ...heuristic, modelFailed: agent.model };
  }
}

export function makeNormalise(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const row = deps.alerts.get(state.alertId);
    if (!row) throw new Error(`alert ${state.alertId} is not in the store`);
    // Intake normally normalised it already; an alert stored by an older version is read here.
    const draft = Alert.parse(
      row.normalized ? JSON.parse(row.normalized) : deps.normalize(decodePayload(row.raw)),
    );
    const alert = await refine(deps, state.caseId, row.raw, draft);
    const at = deps.clock().toISOString();
    if (!row.normalized || alert !== draft) {
      deps.alerts.markNormalized(row.id, JSON.stringify(alert));
      // What the model found links later alerts too, as what intake read does.
      deps.correlation.recordEntities(state.caseId, alert, at);
    }
    const before = deps.cases.get(state.caseId);
    deps.cases.update(
      state.caseId,
      { title: alert.title, severity: alert.severity, evidenceAt: before?.evidenceAt ?? at },
      at,
    );
    deps.audit.record({
      type: 'alert.normalized',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        alertId: row.id,
        format: alert.format,
        recognizedBy: alert.recognizedBy,
        reading: readingOf(alert),
        observables: alert.observables,
      },
    });
    // The root message shows the alert's title, severity and observables: render it again only if reading it
    // here changed one of them (the message posted when the case opened showed the alert intake read), or if
    // that post never reached Slack.
    const changed =
      alert !== draft ||
      !row.normalized ||
      !before?.rootTs ||
      before.title !== alert.title ||
      before.severity !== alert.severity;
    if (changed) await deps.notifier.caseUpdated(state.caseId, alert);
    return { alert };
  };
}
