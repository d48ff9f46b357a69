// Trend Micro Deep Security (Manager, Agent, Virtual Appliance) CEF events of every module, read as Elastic's
// `trendmicro.deep_security` pipeline maps them: `dst` then `src` (then `xff`) related, `suser`, `duser` and
// `suid` related users, and the agent's host id (`cn1`) a related host; `dvchost` stays the observer.
import { extensionValue as valueOf, parseCef } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'trendmicro.deep_security';
const VENDOR = /CEF:\s?\d+\|Trend Micro\|(?:Deep Security|(?:Cloud One )?Workload Security)/i;
const PRODUCT = /^(?:Deep Security|(?:Cloud One )?Workload Security)\b/i;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  if (s === null || !VENDOR.test(s.slice(0, 512))) return false;
  const cef = parseCef(s);
  return cef !== null && /^Trend Micro$/i.test(cef.vendor) && PRODUCT.test(cef.product);
}

/** `rt` as Deep Security writes it: epoch milliseconds or `Jan 19 2024 13:36:47 GMT+00:00`. */
function receiptTime(value: string | null): string | null {
  if (!value) return null;
  const m = /^([A-Z][a-z]{2} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{2}:\d{2})$/.exec(value);
  if (m?.[1] && m[2]) {
    const d = new Date(`${m[1]} UTC`);
    if (Number.isFinite(d.getTime())) {
      const sign = m[2].startsWith('-') ? -1 : 1;
      const [h = '0', min = '0'] = m[2].slice(1).split(':');
      return toIsoTime(d.getTime() - sign * (Number(h) * 60 + Number(min)) * 60_000);
    }
  }
  return toIsoTime(value);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const text = textOf(raw) ?? '';
  const cef = parseCef(text);
  if (!cef || !PRODUCT.test(cef.product)) throw new Error('not a Trend Micro Deep Security CEF record');
  const ext = cef.extensions;
  const obs = new ObservablesBuilder();

  // Elastic relates the destination first, then the source, then a single forwarded-for address.
  obs.dstIp(bareIndicatorIp(valueOf(ext, 'dst', 'destinationAddress')));
  obs.srcIp(bareIndicatorIp(valueOf(ext, 'src', 'sourceAddress')));
  obs.ip(bareIndicatorIp(valueOf(ext, 'xff')));
  obs.user(valueOf(ext, 'suser', 'sourceUserName'));
  obs.user(valueOf(ext, 'duser', 'destinationUserName'));
  obs.user(valueOf(ext, 'suid', 'sourceUserId'));
  // The computer's Deep Security host id (`cn1`, "Host ID") is host.id and a related host; decode_cef reads
  // cn1 as a number, so anything else is dropped.
  const hostId = valueOf(ext, 'cn1', 'deviceCustomNumber1');
  if (hostId && /^-?\d+$/.test(hostId)) obs.host(hostId);

  const header = cef.prefix ? parseSyslog(cef.prefix.endsWith(' ') ? cef.prefix : `${cef.prefix} `) : null;
  return parserAlert(NAME, NAME, obs, {
    title: cef.name || null,
    severity: mapSeverity(cef.severity, 'ten'),
    observedAt: receiptTime(valueOf(ext, 'rt', 'deviceReceiptTime')) ?? toIsoTime(header?.timestamp ?? null),
    ruleId: cef.signatureId || null,
  });
}

export const trendMicroDeepSecurityParser: Parser = {
  name: NAME,
  claims: {
    keys: [],
    text: [
      '|Trend Micro|Deep Security',
      '|Trend Micro|Workload Security',
      '|Trend Micro|Cloud One Workload Security',
    ],
  },
  detect,
  parse,
};
