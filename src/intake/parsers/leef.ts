// IBM QRadar LEEF 1.0/2.0 from any vendor (bare or behind syslog), decoded by the shared field rules.
import { looksLikeLeef, parseLeef } from '../leef.js';
import { collectText, newCollector } from '../text-collector.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  return s !== null && looksLikeLeef(s) && parseLeef(s) !== null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const c = newCollector();
  collectText(textOf(raw) ?? '', c, 'line');
  const facts = c.finish();
  return parserAlert('leef', 'leef', c.builder, { ...facts, severity: facts.severity ?? 'medium' });
}

export const leefParser: Parser = { name: 'leef', claims: { keys: [], text: ['LEEF:'] }, detect, parse };
