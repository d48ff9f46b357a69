// Splits one intake body into alerts: a JSON object, a JSON array, NDJSON, or text lines (syslog, CEF,
// LEEF, key=value). Each piece keeps its own bytes; a piece that cannot be read is reported, not dropped.
import { withoutArraySeparator } from './json-walk.js';

/** One alert's worth of a body: parsed (`raw` is JSON or a text line) or not, with the reason. */
export type PayloadItem =
  { ok: true; raw: unknown; bytes: Buffer } | { ok: false; bytes: Buffer; error: string };

export type SplitResult =
  | { kind: 'items'; items: PayloadItem[] }
  | { kind: 'unsupported'; mediaType: string }
  | { kind: 'too_many'; count: number };

export const MAX_ITEMS_PER_BODY = 10_000;

const JSON_TYPES = /^application\/(?:json|[\w.+-]+\+json)$/;
const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/json-seq',
]);
const TEXT_TYPES = /^text\/[\w.+-]+$|^application\/octet-stream$/;

export const ACCEPTED_MEDIA_TYPES = 'application/json, application/x-ndjson, text/plain';

/** What PowerShell 5 (`Out-File`, `Set-Content -Encoding UTF8`) and .NET's UTF-8 writers put first. */
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** UTF-16, little- and big-endian: PowerShell 5's `Out-File` default and Windows' "Unicode". */
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
const UTF16_ERROR =
  'The body is UTF-16 text (it starts with a UTF-16 byte order mark), and Vigil reads UTF-8: send it as UTF-8 (in PowerShell, -Encoding utf8).';

const startsWith = (bytes: Buffer, prefix: Buffer): boolean =>
  bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
const utf8BomLength = (bytes: Buffer): number => (startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0);

export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function splitPayload(bytes: Buffer, contentType: string | null | undefined): SplitResult {
  const mediaType = mediaTypeOf(contentType);
  const json = JSON_TYPES.test(mediaType);
  const ndjson = NDJSON_TYPES.has(mediaType);
  if (!json && !ndjson && mediaType !== '' && !TEXT_TYPES.test(mediaType))
    return { kind: 'unsupported', mediaType };
  if (UTF16_BOMS.some((bom) => startsWith(bytes, bom)))
    return { kind: 'items', items: [{ ok: false, bytes, error: UTF16_ERROR }] };
  // A UTF-8 byte order mark is read past; the bytes stored keep it.
  const text = bytes.subarray(utf8BomLength(bytes)).toString('utf8');
  let items: PayloadItem[];
  if (json) items = fromJson(text, bytes, true);
  else if (ndjson) items = fromNdjson(bytes);
  else items = fromText(text, bytes);
  if (items.length > MAX_ITEMS_PER_BODY) return { kind: 'too_many', count: items.length };
  // NDJSON of blank lines: still one thing to store and name in the answer.
  if (!items.length) items = [{ ok: false, bytes, error: 'The body is empty.' }];
  return { kind: 'items', items };
}

function fromJson(text: string, bytes: Buffer, strict: boolean): PayloadItem[] {
  const parsed = tryParse(text);
  if (parsed.ok) return fromValue(parsed.value, bytes);
  // Many senders label NDJSON as application/json; a logger that writes its log as one array sends `{…},` lines.
  const lines = nonEmptyLines(text);
  const element =
    lines.length === 1 && lines[0] !== undefined && withoutArraySeparator(lines[0]) !== lines[0];
  if ((lines.length > 1 || element) && lines.every((line) => tryParse(withoutArraySeparator(line)).ok))
    return fromNdjson(bytes);
  const elements = commaSeparatedObjects(text);
  if (elements) return fromValue(elements, bytes);
  if (!strict) return [];
  if (bytes.length === 0 || !text.trim()) return [{ ok: false, bytes, error: 'The body is empty.' }];
  return [{ ok: false, bytes, error: `The body is not valid JSON (${parsed.error}).` }];
}

function fromValue(value: unknown, bytes: Buffer): PayloadItem[] {
  if (Array.isArray(value)) {
    if (!value.length)
      return [{ ok: false, bytes, error: 'The body is an empty JSON array: it holds no alert.' }];
    return value.map((element, index) => {
      const own = serialise(element);
      if (own === undefined)
        return { ok: false, bytes, error: `Element ${index} of the array cannot be stored on its own.` };
      return isAlertValue(element)
        ? { ok: true, raw: element, bytes: own }
        : {
            ok: false,
            bytes: own,
            error: `Element ${index} of the array is ${describe(element)}, not an alert object or text line.`,
          };
    });
  }
  if (isAlertValue(value)) return [{ ok: true, raw: value, bytes }];
  return [{ ok: false, bytes, error: `The body is JSON but ${describe(value)}, not an alert object.` }];
}

function fromNdjson(body: Buffer): PayloadItem[] {
  return nonEmptyLineBytes(body).map(({ line, bytes }) => {
    const parsed = tryParse(withoutArraySeparator(line));
    if (!parsed.ok) return { ok: false, bytes, error: `This line is not valid JSON (${parsed.error}).` };
    return isAlertValue(parsed.value)
      ? { ok: true, raw: parsed.value, bytes }
      : { ok: false, bytes, error: `This line is ${describe(parsed.value)}, not an alert object.` };
  });
}

/** Text bodies: a whole JSON document if it is one, NDJSON if every line is JSON, else one alert per line. */
function fromText(text: string, bytes: Buffer): PayloadItem[] {
  const trimmed = text.trim();
  if (!trimmed) return [{ ok: false, bytes, error: 'The body is empty.' }];
  // `{` opens nothing but JSON, so a body that starts with it and does not parse is a broken alert; `[` also
  // opens many log lines (`[2026-11-21 10:00] …`), so those fall back to text.
  if (trimmed.startsWith('{')) return fromJson(text, bytes, true);
  if (trimmed.startsWith('[')) {
    const json = fromJson(text, bytes, false);
    if (json.length) return json;
  }
  // A W3C extended log (IIS, ProxySG, Exchange …) opens with directives that describe the file, not events.
  const records = nonEmptyLineBytes(bytes).filter(({ line }) => !W3C_DIRECTIVE.test(line));
  if (!records.length)
    return [
      {
        ok: false,
        bytes,
        error: 'The body holds only W3C log directives (#Fields:, #Software: …) and no log records.',
      },
    ];
  return records.map(({ line, bytes: own }) => ({ ok: true, raw: line, bytes: own }));
}

const W3C_DIRECTIVE = /^#(?:Software|Version|Date|Fields|Start-Date|End-Date|Remark):/;

/**
 * `{…},{…}`: an array's elements written without its brackets, as some exports (Mimecast's SIEM files) do.
 * Returns the objects when every element is one, so each becomes an alert with its own bytes.
 */
function commaSeparatedObjects(text: string): unknown[] | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const parsed = tryParse(`[${t}]`);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length < 2) return undefined;
  return parsed.value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
    ? parsed.value
    : undefined;
}

const nonEmptyLines = (text: string): string[] => text.split(/\r?\n/).filter((line) => line.trim() !== '');

/**
 * The body's non-empty lines, each read as text and with its own bytes exactly as they came: a line that is
 * not valid UTF-8 is stored as sent, not as its decoded form, and the first line keeps a UTF-8 byte order mark
 * that its text skips. (A newline byte is never part of a multi-byte character, so the lines are those of the
 * decoded text.)
 */
function nonEmptyLineBytes(body: Buffer): Array<{ line: string; bytes: Buffer }> {
  const out: Array<{ line: string; bytes: Buffer }> = [];
  for (let start = 0; start <= body.length;) {
    const newline = body.indexOf(0x0a, start);
    const end = newline < 0 ? body.length : newline;
    const stop = end > start && body[end - 1] === 0x0d ? end - 1 : end;
    const bytes = body.subarray(start, stop);
    const line = body.subarray(start === 0 ? utf8BomLength(body) : start, stop).toString('utf8');
    if (line.trim() !== '') out.push({ line, bytes: Buffer.from(bytes) });
    start = end + 1;
  }
  return out;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function serialise(value: unknown): Buffer | undefined {
  try {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text === undefined ? undefined : Buffer.from(text, 'utf8');
  } catch {
    return undefined;
  }
}

const isAlertValue = (value: unknown): boolean =>
  (typeof value === 'object' && value !== null && !Array.isArray(value)) ||
  (typeof value === 'string' && value.trim() !== '');

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'an empty string';
  return `a ${typeof value}`;
}
