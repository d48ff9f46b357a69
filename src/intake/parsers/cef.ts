// ArcSight CEF from any vendor (bare or behind syslog): extension keys mapped the way Elastic's CEF
// decoder maps them; the device host (`dvchost`) is a related host, the device address is not an indicator.
import { looksLikeCef, parseCef } from '../cef.js';
import { collectText, newCollector } from '../text-collector.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  return s !== null && looksLikeCef(s) && parseCef(s) !== null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const c = newCollector();
  collectText(textOf(raw) ?? '', c, 'line');
  const facts = c.finish();
  return parserAlert('cef', 'cef.log', c.builder, { ...facts, severity: facts.severity ?? 'medium' });
}

export const cefParser: Parser = { name: 'cef', claims: { keys: [], text: ['CEF:'] }, detect, parse };
