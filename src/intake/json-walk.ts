// A bounded, iterative walk over any JSON-like value that yields its leaves with their key paths.
// Caps depth, node count and string length, reads own keys only, and expands JSON held in strings.

/** One scalar in a payload and the keys that lead to it (array indexes included as digits). */
export interface Leaf {
  readonly path: readonly string[];
  readonly value: string | number | boolean | null;
  /** Normalised keys of the object holding this leaf (shared between siblings). */
  readonly siblings: readonly string[];
  /** True when the leaf came from JSON embedded in a string field. */
  readonly embedded: boolean;
}

export interface WalkLimits {
  maxDepth: number;
  maxNodes: number;
  /** Longer strings are cut to this many characters. */
  maxStringLength: number;
  /** Keys read from one object at most. */
  maxKeys: number;
  /** JSON strings expanded at most (0 turns expansion off). */
  maxEmbedded: number;
  /** Longest string that is tried as embedded JSON. */
  maxEmbeddedLength: number;
}

export const DEFAULT_LIMITS: WalkLimits = {
  maxDepth: 40,
  maxNodes: 20_000,
  maxStringLength: 65_536,
  maxKeys: 2_000,
  maxEmbedded: 8,
  maxEmbeddedLength: 1_000_000,
};

/** Lower case with separators removed: `Source_IP-Address` → `sourceipaddress`. */
export const normKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A JSON object cut from an array with the comma that separated it from the next element (`{…},`: MySQL
 * Enterprise Audit and other loggers write their log as one array, an object per line), without that comma;
 * any other text unchanged.
 */
export function withoutArraySeparator(line: string): string {
  const t = line.trim();
  if (!t.endsWith(',') || !t.startsWith('{')) return line;
  const body = t.slice(0, -1).trimEnd();
  return body.endsWith('}') ? body : line;
}

/** Parses `s` as JSON when it looks like an object or array; undefined otherwise. Never throws. */
export function parseEmbeddedJson(s: string, maxLength = DEFAULT_LIMITS.maxEmbeddedLength): unknown {
  const t = s.trim();
  if (t.length < 2 || t.length > maxLength) return undefined;
  const first = t[0];
  const last = t[t.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The siblings of each key of one object, normalised. A flattened record (`{"os.name": …, "src.ip.address": …}`)
 * holds many objects in one: a dotted key's siblings are the keys under the same prefix (`src.ip.`), by their last
 * part, so `os.name` beside `process.name` says nothing about the process.
 */
function siblingGroups(keys: readonly string[]): (key: string) => readonly string[] {
  if (!keys.some((k) => k.includes('.'))) {
    const all = keys.map(normKey);
    return () => all;
  }
  const prefixOf = (key: string): string => key.slice(0, key.lastIndexOf('.') + 1);
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const prefix = prefixOf(key);
    const group = groups.get(prefix) ?? [];
    group.push(normKey(key.slice(prefix.length)));
    groups.set(prefix, group);
  }
  return (key) => groups.get(prefixOf(key)) ?? [];
}

/** What a typed observable's type (`{dataType: "ip", data: …}`, `{type: "ip-src", value: …}`) says its value is. */
const OBSERVABLE_TYPES: ReadonlyMap<string, string> = new Map([
  ...['ip', 'ipv4', 'ipv6', 'ipaddress', 'ipv4addr', 'ipv6addr'].map((t): [string, string] => [
    t,
    'relatedip',
  ]),
  ...['ipsrc', 'srcip', 'sourceip'].map((t): [string, string] => [t, 'srcip']),
  ...['ipdst', 'dstip', 'destinationip'].map((t): [string, string] => [t, 'dstip']),
  ...['hostname', 'host', 'fqdn', 'computer', 'computername'].map((t): [string, string] => [t, 'hostname']),
  ...['user', 'username', 'useraccount', 'account', 'accountname'].map((t): [string, string] => [
    t,
    'username',
  ]),
]);
const TYPE_KEYS = new Set(['type', 'datatype', 'observabletype', 'ioctype', 'indicatortype', 'artifacttype']);
const VALUE_KEYS = new Set(['value', 'data']);

/**
 * The key a typed observable's value is read under: `{dataType: "hostname", data: "ws-22"}` (case-management and
 * threat-intel tools list observables so) is the field `hostname: "ws-22"`. Null for any other object.
 */
function typedObservable(value: object, keys: readonly string[]): { key: string; value: unknown } | null {
  if (keys.length > 8) return null;
  let kind: string | undefined;
  let data: unknown;
  for (const key of keys) {
    const k = normKey(key);
    const v: unknown = Reflect.get(value, key);
    if (TYPE_KEYS.has(k) && typeof v === 'string') kind = OBSERVABLE_TYPES.get(normKey(v));
    else if (VALUE_KEYS.has(k) && (typeof v === 'string' || typeof v === 'number')) data = v;
  }
  return kind !== undefined && data !== undefined ? { key: kind, value: data } : null;
}

/** A `[label, value]` pair in a list of them (`[["User", "admin"], ["Domain", "CORP"]]`): the label, else null. */
function pairLabel(value: unknown): string | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const label: unknown = value[0];
  const v: unknown = value[1];
  if (typeof label !== 'string' || !/^[A-Za-z][\w .-]{0,39}$/.test(label)) return null;
  return typeof v === 'string' || typeof v === 'number' ? label : null;
}

interface Frame {
  value: unknown;
  path: string[];
  depth: number;
  siblings: readonly string[];
  embedded: boolean;
}

/** Collects the leaves of `root` in document order, within `limits`. Never throws. */
export function collectLeaves(root: unknown, limits: Partial<WalkLimits> = {}): Leaf[] {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const leaves: Leaf[] = [];
  const stack: Frame[] = [{ value: root, path: [], depth: 0, siblings: [], embedded: false }];
  let nodes = 0;
  let embeddedLeft = lim.maxEmbedded;
  while (stack.length > 0 && nodes < lim.maxNodes) {
    const frame = stack.pop();
    if (!frame) break;
    nodes += 1;
    const { value, path, depth } = frame;
    if (value === null || typeof value === 'boolean' || typeof value === 'number') {
      leaves.push({ path, value, siblings: frame.siblings, embedded: frame.embedded });
      continue;
    }
    if (typeof value === 'string') {
      if (embeddedLeft > 0 && depth < lim.maxDepth) {
        const inner = parseEmbeddedJson(value, lim.maxEmbeddedLength);
        if (inner !== undefined) {
          embeddedLeft -= 1;
          stack.push({ value: inner, path, depth: depth + 1, siblings: [], embedded: true });
          continue;
        }
      }
      const s = value.length > lim.maxStringLength ? value.slice(0, lim.maxStringLength) : value;
      leaves.push({ path, value: s, siblings: frame.siblings, embedded: frame.embedded });
      continue;
    }
    if (typeof value !== 'object' || depth >= lim.maxDepth) continue;
    const children: Frame[] = [];
    if (Array.isArray(value)) {
      const n = Math.min(value.length, lim.maxKeys);
      for (let i = 0; i < n; i += 1) {
        const label = pairLabel(value[i]);
        if (label !== null) {
          // A list of `[label, value]` pairs is an object written as pairs: each value under its label.
          const pair: unknown = value[i];
          children.push({
            value: Array.isArray(pair) ? pair[1] : undefined,
            path: [...path, String(i), label],
            depth: depth + 2,
            siblings: [],
            embedded: frame.embedded,
          });
          continue;
        }
        children.push({
          value: value[i],
          path: [...path, String(i)],
          depth: depth + 1,
          siblings: frame.siblings,
          embedded: frame.embedded,
        });
      }
    } else {
      const keys = Object.keys(value).slice(0, lim.maxKeys);
      const siblingsOf = siblingGroups(keys);
      const typed = typedObservable(value, keys);
      if (typed)
        children.push({
          value: typed.value,
          path: [...path, typed.key],
          depth: depth + 1,
          siblings: keys.map(normKey),
          embedded: frame.embedded,
        });
      for (const key of keys) {
        const child: unknown = Reflect.get(value, key);
        children.push({
          value: child,
          path: [...path, key],
          depth: depth + 1,
          siblings: siblingsOf(key),
          embedded: frame.embedded,
        });
      }
    }
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
  return leaves;
}
