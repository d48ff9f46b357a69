// Linux auditd records (`type=USER_AUTH msg=audit(…): … msg='op=… acct="bob" addr=…'`): the account
// acted on and the remote address. As in Elastic's pipeline, `addr` is the source but not related.ip,
// `auid`/`uid` are numeric ids (not names) and `hostname` is the peer's name, not the host.
import { parsePlainKv, type KvPair } from '../kv.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const AUDIT = /^(?:node=\S+ )?type=([A-Z_]+) msg=audit\((\d+(?:\.\d+)?):\d+\):/;

/** auditd writes values with spaces or odd characters as upper-case hex. */
function decodeHex(v: string): string {
  if (!/^(?:[0-9A-F]{2}){2,}$/.test(v)) return v;
  let out = '';
  for (let i = 0; i < v.length; i += 2) out += String.fromCharCode(parseInt(v.slice(i, i + 2), 16));
  return /^[\x20-\x7e]+$/.test(out) ? out : v;
}

function allPairs(text: string, depth = 0): KvPair[] {
  const out: KvPair[] = [];
  for (const p of parsePlainKv(text)) {
    if (depth < 2 && p.value.includes('=')) out.push(...allPairs(p.value, depth + 1));
    else out.push(p);
  }
  return out;
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 4_096);
  return s !== null && AUDIT.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const m = AUDIT.exec(s);
  const type = m?.[1] ?? 'AUDIT';
  const pairs = allPairs(s.slice(m?.[0].length ?? 0));
  const get = (k: string): string | undefined => pairs.find((p) => p.key === k)?.value;
  const obs = new ObservablesBuilder(false);
  const addr = get('addr');
  if (addr && addr !== '?') obs.srcIp(addr);
  const acct = get('acct');
  if (acct) obs.user(decodeHex(acct));
  const op = get('op');
  const res = get('res') ?? get('success');
  const failed = res === 'failed' || res === 'no';
  return parserAlert('auditd.log', 'auditd.log', obs, {
    title: `auditd ${type}${op ? ` ${op}` : ''}${acct ? ` acct=${decodeHex(acct)}` : ''}${res ? ` (${res})` : ''}`,
    severity: failed ? 'medium' : /ANOM|AVC|SELINUX_ERR|INTEGRITY/.test(type) ? 'medium' : 'info',
    observedAt: toIsoTime(Number(m?.[2] ?? NaN)),
    ruleId: type,
  });
}

export const auditdParser: Parser = {
  name: 'auditd.log',
  claims: { keys: [], text: [' msg=audit('] },
  detect,
  parse,
};
