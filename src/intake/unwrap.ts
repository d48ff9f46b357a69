// Finds payloads wrapped inside other payloads: Splunk exports (`result._raw`), Azure diagnostic
// records (`properties.log`), log shippers that put the original line in `message`/`log`/`event`, and HTTP-polling
// inputs that put the record they fetched under `json`.
import { parseEmbeddedJson } from './json-walk.js';
import { base64Text } from './text.js';

/** A payload found inside a wrapper, and the key path it was found at. */
export interface Wrapped {
  inner: unknown;
  path: readonly string[];
}

const CARRIER_KEYS =
  /^(?:_raw|raw|log|message|msg|event|data|payload|body|record|original|line|text|content|detail|records|logs|events|result|properties|value|attributes|fields|source|_source|eventoriginal|json|o365audit)$/i;

function get(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? Reflect.get(obj, key) : undefined;
}

/**
 * Candidate inner payloads of `raw`, outermost first: strings under carrier keys (parsed when they
 * are JSON) and objects under carrier keys, at most `max`, searching at most three levels deep.
 */
export function findWrapped(raw: unknown, max = 6): Wrapped[] {
  const out: Wrapped[] = [];
  const queue: Array<{ value: unknown; path: string[] }> = [{ value: raw, path: [] }];
  while (queue.length > 0 && out.length < max) {
    const next = queue.shift();
    if (!next) break;
    const { value, path } = next;
    if (typeof value !== 'object' || value === null || path.length >= 3) continue;
    const keys = Array.isArray(value) ? (value.length === 1 ? ['0'] : []) : Object.keys(value).slice(0, 200);
    for (const key of keys) {
      if (!Array.isArray(value) && !CARRIER_KEYS.test(key)) continue;
      const child = Array.isArray(value) ? value[0] : get(value, key);
      const childPath = [...path, key];
      if (typeof child === 'string' && child.length >= 16) {
        const parsed = parseEmbeddedJson(child);
        out.push({ inner: parsed ?? child, path: childPath });
      } else if (typeof child === 'object' && child !== null) {
        out.push({ inner: child, path: childPath });
        queue.push({ value: child, path: childPath });
      }
      if (out.length >= max) break;
    }
  }
  return out;
}

/** A shallow copy of `raw` without the value at `path` (so a wrapper can be read on its own). */
export function withoutPath(raw: unknown, path: readonly string[]): unknown {
  if (typeof raw !== 'object' || raw === null || path.length === 0) return raw;
  const [head, ...rest] = path;
  if (head === undefined) return raw;
  if (Array.isArray(raw)) return raw.map((v, i) => (String(i) === head ? withoutPath(v, rest) : v));
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (key === head && rest.length === 0) continue;
    const v: unknown = Reflect.get(raw, key);
    Object.defineProperty(copy, key, {
      value: key === head ? withoutPath(v, rest) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * The payload published in a Google Cloud Pub/Sub message, decoded: a push delivery
 * (`{message: {data: <base64>, messageId, publishTime, attributes}, subscription}`) or a bare Pub/Sub message.
 * JSON when the payload is JSON, else its text; undefined for anything else (or data that is not UTF-8 text).
 */
export function pubSubPayload(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const envelope = get(value, 'message');
  const pushed =
    typeof envelope === 'object' && envelope !== null && typeof get(value, 'subscription') === 'string';
  const message = pushed ? envelope : value;
  const data = get(message, 'data');
  const id = get(message, 'messageId') ?? get(message, 'message_id');
  // A bare message is told from any object with `data` by its publish time as well.
  const published =
    pushed || typeof (get(message, 'publishTime') ?? get(message, 'publish_time')) === 'string';
  if (typeof data !== 'string' || typeof id !== 'string' || !published) return undefined;
  const text = base64Text(data);
  if (!text?.trim() || text.includes('\uFFFD')) return undefined;
  return parseEmbeddedJson(text, 8_000_000) ?? text;
}
