// The key=value body of Fortinet syslog (FortiGate, FortiProxy, FortiManager, FortiAnalyzer), split as Elastic's
// pipelines' painless script splits it.

export type FortinetFields = ReadonlyMap<string, string>;

/** Splits on `sep` outside double quotes. */
function splitUnquoted(input: string, sep: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '"') quoted = !quoted;
    else if (input[i] === sep && !quoted) {
      const token = input.slice(start, i).trim();
      if (token) tokens.push(token);
      start = i + 1;
    }
  }
  const last = input.slice(start);
  if (last && last !== sep) tokens.push(last.trim());
  return tokens;
}

/** Pairs as the pipelines keep them: word keys only, one unquoted `=` per pair, `N/A` values dropped. */
export function fortinetKeyValues(body: string): FortinetFields {
  const out = new Map<string, string>();
  for (const token of splitUnquoted(body, ' ')) {
    const kv = splitUnquoted(token, '=');
    const [key, value] = kv;
    if (kv.length !== 2 || key === undefined || value === undefined || !/^\w+$/.test(key)) continue;
    const v = value.replace(/^"|"$/g, '');
    if (v !== 'N/A') out.set(key, v);
  }
  return out;
}

/** A Fortinet syslog line as the pipelines read it: control characters stripped, its priority, its pairs. */
export function fortinetRecord(text: string): { pri: number | null; fields: FortinetFields } {
  const line = text.replace(/\p{Cc}/gu, '');
  const pri = /^<(\d{1,3})>/.exec(line)?.[1];
  return {
    pri: pri === undefined ? null : Number(pri),
    fields: fortinetKeyValues(line.replace(/^<\d{1,3}>/, '')),
  };
}
