// Which detectors to try on a payload. Trying all of them in turn costs more than reading most payloads
// (every detector is a call the engine cannot inline), so each parser may say what it can claim
// (`Parser.claims`): the top-level keys of a JSON object, tokens of a text, or no text. The candidates keep
// registry order, so the first detector that claims a payload is the one a full scan would reach first.
import { isObject } from './common.js';
import type { Parser } from './parser.js';
import { TokenMatcher } from './token-matcher.js';

/** Whether a parser's claims let its detector see `raw`: the rule `candidates` applies, for tests too. */
export function admits(parser: Parser, raw: unknown): boolean {
  const claims = parser.claims;
  if (!claims) return true;
  if (typeof raw === 'string') {
    const { text } = claims;
    if (text === undefined || isObjectText(raw)) return true;
    if (text === false) return false;
    const lower = raw.toLowerCase();
    return text.some((token) => lower.includes(token.toLowerCase()));
  }
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
  /** Parsers tried on every text that is not JSON: no token claims. */
  private readonly anyText: number[] = [];
  /** The parsers that claim each token of `tokens`. */
  private readonly byToken: number[][] = [];
  private readonly tokens: TokenMatcher;
  private readonly marks: Uint8Array;

  constructor(readonly parsers: readonly Parser[]) {
    this.marks = new Uint8Array(parsers.length);
    const tokenIndex = new Map<string, number>();
    parsers.forEach((parser, i) => {
      const { keys, text } = parser.claims ?? {};
      if (keys) for (const key of keys) this.byKey.set(key, [...(this.byKey.get(key) ?? []), i]);
      else this.anyObject.push(i);
      if (text === undefined) this.anyText.push(i);
      else if (text !== false) {
        for (const token of new Set(text.map((t) => t.toLowerCase()))) {
          let at = tokenIndex.get(token);
          if (at === undefined) {
            at = this.byToken.length;
            tokenIndex.set(token, at);
            this.byToken.push([]);
          }
          this.byToken[at]?.push(i);
        }
      }
    });
    this.tokens = new TokenMatcher([...tokenIndex.keys()]);
  }

  /** The parsers whose detectors could claim `raw`, in registry order. */
  candidates(raw: unknown): readonly Parser[] {
    if (typeof raw === 'string') {
      if (isObjectText(raw)) return this.parsers;
      this.mark(this.anyText);
      this.tokens.scan(raw, (token) => {
        const list = this.byToken[token];
        if (list) this.mark(list);
      });
      return this.marked();
    }
    if (!isObject(raw)) return this.parsers;
    this.mark(this.anyObject);
    for (const key in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
      const list = this.byKey.get(key);
      if (list) this.mark(list);
    }
    return this.marked();
  }

  private mark(indices: readonly number[]): void {
    for (const i of indices) this.marks[i] = 1;
  }

  /** The marked parsers in registry order; clears the marks. */
  private marked(): Parser[] {
    const out: Parser[] = [];
    const marks = this.marks;
    for (let i = 0; i < marks.length; i += 1) {
      if (marks[i] === 0) continue;
      marks[i] = 0;
      const parser = this.parsers[i];
      if (parser) out.push(parser);
    }
    return out;
  }
}
