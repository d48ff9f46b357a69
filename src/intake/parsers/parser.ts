// The shape of a deterministic parser: a cheap, specific detector and a parser for one vendor format.
import type { Alert } from '../../../graphs/agents/extraction/contract.js';

/** A deterministic parser for one source format. */
export interface Parser {
  /** Short lower-case id; alerts it produces say `recognizedBy: 'parser:<name>'`. */
  readonly name: string;
  /** True when `raw` is this parser's format. Must be cheap, specific and never throw. */
  detect(raw: unknown): boolean;
  /** A catch-all for a family (e.g. any syslog line): tried last and never on wrapped content. */
  readonly generic?: boolean;
  /**
   * False when the vendor's ECS pipeline keeps the domain names this parser reports (an HTTP host, a URL's
   * site) out of `related.hosts`; `vigil extract` prints hosts accordingly. Default true. For a parser of
   * several formats whose pipelines differ, the formats whose pipelines do relate them (the others do not).
   */
  readonly domainsInRelatedHosts?: boolean | readonly string[];
  /**
   * What `detect` can claim, so intake tries only the detectors that could claim a payload (see
   * `dispatch.ts`). `keys`: every JSON object it claims has at least one of these top-level keys (omit: any
   * object; `[]`: no object). `text`: tokens, one of which (ignoring case) every text it claims contains, or
   * `false` when it claims no text; a JSON object written as text reaches every detector. Omitted, the detector
   * is tried on everything. The registry's tests hold every detector to its claims on every sample they use.
   */
  readonly claims?: ParserClaims;
  /** Turns a payload that `detect` accepted into an Alert. May throw; the caller falls back. */
  parse(raw: unknown): Alert;
}

/** The payloads a detector can claim at all (see `Parser.claims`). */
export interface ParserClaims {
  readonly keys?: readonly string[];
  readonly text?: false | readonly string[];
}
