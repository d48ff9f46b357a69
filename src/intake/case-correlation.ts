// The triage graph's CaseCorrelation port over the case_entities table: the same entities intake records
// (entitiesOf), so an alert linked by what the model found is linked exactly as one intake read.
import type { CaseEntitiesRepository } from '../../db/repositories/case-entities.js';
import type { Alert } from '../../graphs/agents/extraction/contract.js';
import type { CaseCorrelation } from '../../graphs/triage/ports.js';
import { entitiesOf } from './fingerprint.js';

export class CaseEntityCorrelation implements CaseCorrelation {
  constructor(private readonly entities: CaseEntitiesRepository) {}

  recordEntities(caseId: number, alert: Alert, at: string): void {
    this.entities.touch(caseId, entitiesOf(alert), at);
  }
}
