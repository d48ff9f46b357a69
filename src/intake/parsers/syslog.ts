// Any other RFC 3164 / RFC 5424 syslog line: the header (host for host-level programs, time, PRI
// severity) and a message read by the shared text rules. A catch-all, tried after specific parsers.
import { parseSyslog } from '../syslog.js';
import { collectText, newCollector } from '../text-collector.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  if (s === null) return false;
  const sys = parseSyslog(s);
  return sys !== null && (sys.pri !== null || sys.app !== null);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const c = newCollector();
  collectText(textOf(raw) ?? '', c, 'line');
  const facts = c.finish();
  return parserAlert('syslog', 'syslog', c.builder, { ...facts, severity: facts.severity ?? 'info' });
}

export const syslogParser: Parser = { name: 'syslog', claims: { keys: [] }, generic: true, detect, parse };
