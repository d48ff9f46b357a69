// Helpers every parser uses: reading a text payload, building the parser's alert, and small
// value helpers. Kept here so parsers stay short and consistent.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { buildAlert } from '../alert-builder.js';
import { canonicalIp, parseAddress } from '../ip.js';
import type { ObservablesBuilder } from '../observables-builder.js';

/** The facts a parser reports besides its observables. */
export interface ParsedFacts {
  title?: string | null;
  severity?: Severity | null;
  observedAt?: string | null;
  ruleId?: string | number | null;
}

/** What a parser that reads several streams or record kinds settles for each record besides its observables. */
export interface RecordFacts {
  title: string;
  severity: Severity;
  observedAt: string | null;
  ruleId: string | null;
}

/** Builds the alert a parser produces: `recognizedBy: parser:<name>`. */
export function parserAlert(
  name: string,
  format: string,
  obs: ObservablesBuilder,
  facts: ParsedFacts,
): Alert {
  return buildAlert({ format, recognizedBy: `parser:${name}`, ...facts }, obs.build());
}

/** The payload as a text line (first 256 KiB), or null when it is not text. */
export function textOf(raw: unknown, max = 262_144): string | null {
  if (typeof raw !== 'string') return null;
  return raw.length > max ? raw.slice(0, max) : raw;
}

/** True for a plain (non-array) object. */
export const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The local part of an e-mail address; other values unchanged. */
export function localPart(value: string): string {
  const at = value.indexOf('@');
  return at > 0 && /^[^\s@]+@[^\s@]+$/.test(value) ? value.slice(0, at) : value;
}

/** URL-decodes a value as Elastic's `urldecode` does; the value unchanged when it is not valid encoding. */
export function urlDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The account in `DOMAIN\name`: the name, only when the value has exactly two parts (as the Windows, Sysmon and
 * IIS pipelines split it); undefined otherwise.
 */
export function domainAccount(value: string | null | undefined): string | undefined {
  const parts = value?.split('\\');
  return parts?.length === 2 ? parts[1] : undefined;
}

/** Splits a CSV row as Elasticsearch's csv processor does (double quotes, `""` escapes). With `braces`,
 * commas inside `{…}` (PAN-OS TRAFFIC's link-switch list) do not separate columns. */
export function splitQuotedCsv(row: string, braces = false): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (braces && c === '{') {
      depth++;
      cur += c;
    } else if (braces && c === '}' && depth > 0) {
      depth--;
      cur += c;
    } else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * A bare address (what Elastic's `convert` to `ip` accepts), written canonically; null for anything else
 * and for the unspecified `0.0.0.0` / `::`, which Vigil never reports as an indicator.
 */
export function bareIndicatorIp(value: string | null | undefined): string | null {
  return indicator(value ? canonicalIp(value.trim()) : null);
}

/** Like `bareIndicatorIp`, but reads every form `parseAddress` does (with a port, in brackets …). */
export function indicatorIp(value: string | null | undefined): string | null {
  return indicator(value ? parseAddress(value.trim()) : null);
}

function indicator(ip: string | null): string | null {
  return ip === null || ip === '0.0.0.0' || ip === '::' ? null : ip;
}

/**
 * A JSON record as an object: the payload itself when it is one, or a text holding one JSON object whose text
 * `mentions` accepts (a few substring tests, run before any parsing so other payloads stay cheap); else null.
 */
export function jsonObjectOf(
  raw: unknown,
  mentions: (text: string) => boolean,
  max = 262_144,
): object | null {
  if (isObject(raw)) return raw;
  const text = textOf(raw, max);
  if (text === null || !mentions(text)) return null;
  const s = text.trim();
  if (!s.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(s);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** A parser's detector from its reader: true when `read` makes a record of the payload; never throws. */
export function detectorOf(read: (raw: unknown) => unknown): (raw: unknown) => boolean {
  return (raw) => {
    try {
      return read(raw) !== null;
    } catch {
      return false;
    }
  };
}

/** An optional text field of a vendor's JSON (absent or null allowed; any other type fails the record). */
export const OptionalText = z.string().nullish();

/** An optional field a vendor writes as a number or as numeric text. */
export const OptionalNumber = z.union([z.number(), z.string()]).nullish();

/**
 * A vendor field written as text or as a number, read as text (as Elastic renders `{{{field}}}`); null, '' and
 * any other type read as absent, so one odd value never fails the whole record.
 */
export const TextField = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(undefined)
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

/** The host name of an absolute URL (`https://a.example/x` → `a.example`); null for anything else. */
export function urlHostname(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
