// Linux netfilter (iptables/nftables LOG target) kernel lines, e.g. from Ubiquiti EdgeRouters:
// `[RULE-A]IN=eth0 OUT=eth1 … SRC=a DST=b … PROTO=TCP SPT=1 DPT=2`. The router is the observer.
import { parsePlainKv } from '../kv.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NETFILTER = /(?:\bIN=\S* OUT=\S*|\bSRC=\S+ DST=\S+ LEN=\d+|\bPROTO=\w+ SPT=\d+ DPT=\d+)/;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 8_192);
  return s !== null && !s.startsWith('type=') && !/CEF:\d|LEEF:\d/.test(s.slice(0, 256)) && NETFILTER.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const sys = parseSyslog(s);
  const body = sys?.message ?? s;
  const kv = new Map(
    parsePlainKv(body.replace(/^\[[^\]]*\]/, ' ')).map((p) => [p.key.toUpperCase(), p.value]),
  );
  const obs = new ObservablesBuilder();
  obs.srcIp(kv.get('SRC'));
  obs.dstIp(kv.get('DST'));
  const rule =
    /\[([^\]]+)\]/.exec(body.slice(0, 200))?.[1] ?? /^([A-Za-z][\w -]{0,40}?)\s*IN=/.exec(body)?.[1];
  const action = /-(A|D|R)$/.exec(rule ?? '')?.[1];
  const proto = kv.get('PROTO') ?? 'IP';
  const title = `${rule ? `[${rule}] ` : ''}${proto} ${kv.get('SRC') ?? '?'}:${kv.get('SPT') ?? ''} -> ${kv.get('DST') ?? '?'}:${kv.get('DPT') ?? ''}`;
  return parserAlert('iptables.log', 'iptables.log', obs, {
    title,
    severity: action === 'D' || action === 'R' || /drop|reject|block|deny/i.test(rule ?? '') ? 'low' : 'info',
    observedAt: toIsoTime(sys?.timestamp ?? null),
    ruleId: rule ?? null,
  });
}

export const iptablesParser: Parser = {
  name: 'iptables.log',
  claims: { keys: [], text: [' OUT=', ' LEN=', ' DPT='] },
  detect,
  parse,
};
