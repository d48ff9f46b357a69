// Which detectors to try on a payload. Trying all of them in turn costs more than reading most payloads
// (every detector is a call the engine cannot inline), so each parser may say what it can claim
// (`Parser.claims`): the top-level keys of a JSON object, or no text. The candidates keep registry order,
// so the first detector that claims a payload is the one a full scan would reach first.
import { isObject } from './common.js';
import type { Parser } from './parser.js';

/** Whether a parser's claims let its detector see `raw`: the rule `candidates` applies, for tests too. */
export function admits(parser: Parser, raw: unknown): boolean {
  const claims = parser.claims;
  if (!claims) return true;
  if (typeof raw === 'string') return claims.text !== false || isObjectText(raw);
  if (!isObject(raw) || !claims.keys) return true;
  return claims.keys.some((key) => Object.prototype.hasOwnProperty.call(raw, key));
}

/** A JSON object written as text: every parser may read one (intake parses JSON text before detection). */
const isObjectText = (text: string): boolean => text.trimStart().startsWith('{');

export class ParserDispatch {
  /** Parsers tried on every object: no key claims. */
  private readonly anyObject: number[] = [];
  /** Parsers tried on an object with this top-level key. */
  private readonly byKey = new Map<string, number[]>();
  /** Parsers tried on text (all of them for JSON object text). */
  private readonly onText: Parser[];
  private readonly marks: Uint8Array;

  constructor(readonly parsers: readonly Parser[]) {
    this.marks = new Uint8Array(parsers.length);
    parsers.forEach((parser, i) => {
      const keys = parser.claims?.keys;
      if (!keys) {
        this.anyObject.push(i);
        return;
      }
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(i);
        else this.byKey.set(key, [i]);
      }
    });
    this.onText = parsers.filter((parser) => parser.claims?.text !== false);
  }

  /** The parsers whose detectors could claim `raw`, in registry order. */
  candidates(raw: unknown): readonly Parser[] {
    if (typeof raw === 'string') return isObjectText(raw) ? this.parsers : this.onText;
    if (!isObject(raw)) return this.parsers;
    const marks = this.marks;
    for (const i of this.anyObject) marks[i] = 1;
    for (const key in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
      const list = this.byKey.get(key);
      if (list) for (const i of list) marks[i] = 1;
    }
    const out: Parser[] = [];
    for (let i = 0; i < marks.length; i += 1) {
      if (marks[i] === 0) continue;
      marks[i] = 0;
      const parser = this.parsers[i];
      if (parser) out.push(parser);
    }
    return out;
  }
}
