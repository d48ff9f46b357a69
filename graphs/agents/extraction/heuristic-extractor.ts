// The generic extractor for payloads no parser recognises: walks nested JSON (and JSON held in
// strings) and decodes key=value, CEF, LEEF, syslog and free text, inferring roles from key names.
import { buildAlert } from '../../../src/intake/alert-builder.js';
import { FieldCollector } from '../../../src/intake/field-collector.js';
import { collectText, newCollector, type TextFamily } from '../../../src/intake/text-collector.js';
import type { Alert, Extractor } from './contract.js';

/** What the extractor calls a payload's format when it can tell the family. */
const FAMILY_FORMAT: Readonly<Record<TextFamily, string>> = {
  json: 'json',
  cef: 'cef',
  leef: 'leef',
  syslog: 'syslog',
  kv: 'kv',
  csv: 'csv',
  text: 'unknown',
};

/** Feeds any payload to `c` and returns the family it looked like. Never throws. */
export function collectPayload(raw: unknown, c: FieldCollector): TextFamily {
  if (typeof raw === 'string') return collectText(raw, c, 'line');
  if (typeof raw === 'object' && raw !== null) {
    c.addJson(raw);
    return 'json';
  }
  return 'text';
}

function extract(raw: unknown): Alert {
  try {
    const c = newCollector();
    const family = collectPayload(raw, c);
    const facts = c.finish();
    return buildAlert(
      { format: FAMILY_FORMAT[family], recognizedBy: 'extractor', ...facts },
      c.builder.build(),
    );
  } catch {
    return buildAlert({ format: 'unknown', recognizedBy: 'extractor' }, new FieldCollector().builder.build());
  }
}

/** The heuristic Extractor. */
export const heuristicExtractor: Extractor = { extract };
