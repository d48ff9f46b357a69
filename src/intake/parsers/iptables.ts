// Linux netfilter (iptables/nftables LOG target) kernel lines, e.g. from Ubiquiti EdgeRouters:
// `[RULE-A]IN=eth0 OUT=eth1 … SRC=a DST=b … PROTO=TCP SPT=1 DPT=2`. The router is the observer.
import { parsePlainKv } from '../kv.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/**
 * The three runs of fields that mark a netfilter line, each tried in turn (as one alternation recheck could not
 * prove linear). The interface and source address hold no `=`: allowed one, each `IN=` or `SRC=` of a long
 * hostile word was scanned to its end (quadratic time).
 */
const NETFILTER = [/\bIN=[^\s=]* OUT=\S*/, /\bSRC=[^\s=]+ DST=\S+ LEN=\d+/, /\bPROTO=\w+ SPT=\d+ DPT=\d+/];
/** A rule name before `IN=`; it never ends in a space, and saying so keeps its spaces from `\s*`'s (polynomial). */
const RULE_BEFORE_IN = /^([A-Za-z][\w -]{0,40}?)(?<! )\s*IN=/;

/** The text of the first non-empty `[…]`, found with `indexOf` (a `\[([^\]]+)\]` search rescanned from every `[`). */
function bracketed(text: string): string | undefined {
  for (let open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
    if (text[open + 1] === ']') continue;
    const close = text.indexOf(']', open + 1);
    return close < 0 ? undefined : text.slice(open + 1, close);
  }
  return undefined;
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 8_192);
  return (
    s !== null &&
    !s.startsWith('type=') &&
    !/CEF:\d|LEEF:\d/.test(s.slice(0, 256)) &&
    NETFILTER.some((re) => re.test(s))
  );
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const sys = parseSyslog(s);
  const body = sys?.message ?? s;
  // An ICMP error quotes the header of the packet it answers (`… PROTO=ICMP TYPE=3 CODE=3 [SRC=… DST=…]`): its
  // fields are not the logged packet's.
  const quoted = body.indexOf(' [SRC=');
  const own = quoted < 0 ? body : body.slice(0, quoted);
  const kv = new Map(
    parsePlainKv(own.replace(/^\[[^\]]*\]/, ' ')).map((p) => [p.key.toUpperCase(), p.value]),
  );
  const obs = new ObservablesBuilder();
  obs.srcIp(kv.get('SRC'));
  obs.dstIp(kv.get('DST'));
  const rule = bracketed(body.slice(0, 200)) ?? RULE_BEFORE_IN.exec(body)?.[1];
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
