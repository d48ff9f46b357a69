// NGINX Ingress Controller error log records, klog lines (`E1215 04:15:13.816036  8 config.go:489] message`), as
// Elastic's `nginx_ingress_controller.error` pipeline reads them: level, source file and message, and no
// indicators (the addresses in a message are the controller's own API endpoints, not parties to an event).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** `<level><MMDD> <hh:mm:ss.uuuuuu> <thread> <file>:<line>] <message>` (the message may go on over more lines). */
const KLOG = /^([IWEF])(\d{2})(\d{2}) (\d{2}:\d{2}:\d{2}\.\d{6}) +(\d+) ([\w.-]+\.go):(\d+)\] ([^\n]*)/;
const SEVERITY: Record<string, Severity> = { I: 'info', W: 'low', E: 'low', F: 'medium' };

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  return s !== null && /^[IWEF]\d/.test(s) && KLOG.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = KLOG.exec(textOf(raw, 65_536) ?? '');
  if (!m) throw new Error('not a klog line');
  const message = (m[8] ?? '').trim();
  return parserAlert(
    'nginx_ingress_controller.error',
    'nginx_ingress_controller.error',
    new ObservablesBuilder(),
    {
      title: message || `${m[6] ?? ''}:${m[7] ?? ''}`,
      severity: SEVERITY[m[1] ?? 'I'] ?? 'info',
      // klog writes no year (nor zone): the record's time is left to the receiver.
      observedAt: null,
      ruleId: `${m[6] ?? ''}:${m[7] ?? ''}`,
    },
  );
}

export const nginxIngressControllerErrorParser: Parser = {
  name: 'nginx_ingress_controller.error',
  claims: { keys: [], text: ['.go:'] },
  detect,
  parse,
};
