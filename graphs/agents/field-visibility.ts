// Which fields of a payload a micro-agent may see, as policy.yml's `agents.<agent>.fields` says: fields
// matching a `see` pattern are shown, fields matching a `hide` pattern never are, and everything else is
// removed before redaction and before any model call. Applies to JSON payloads field by field (the record under a
// shipper's `{"json": {…}}` wrapper by its own paths too) and to key=value text by key.

export interface FieldRules {
  /** Patterns of the fields the agent may see; `*` (the default) is every field. */
  see: string[];
  /** Patterns of fields it may never see, even inside a field it may. */
  hide: string[];
}

export interface Visible {
  text: string;
  /** How many fields were removed (or, in text, values blanked). */
  hidden: number;
}

/**
 * A pattern names a field by its dotted path (`request.headers.cookie`, array positions left out) or, without
 * a dot, by its own key at any depth (`cookie`); `*` stands for any run of characters. Case-insensitive.
 */
function compile(pattern: string): { regex: RegExp; byPath: boolean } {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { regex: new RegExp(`^${body}$`, 'i'), byPath: pattern.includes('.') };
}

type Matcher = (path: string, key: string) => boolean;

function matcher(patterns: readonly string[]): Matcher {
  const compiled = patterns.map(compile);
  return (path, key) => compiled.some((p) => p.regex.test(p.byPath ? path : key));
}

const isEverything = (patterns: readonly string[]) => patterns.includes('*');

/** The payload with only what the rules let the agent see. Text that is not JSON is filtered by key. */
export function visibleFields(payload: string, rules: FieldRules): Visible {
  if (isEverything(rules.see) && rules.hide.length === 0) return { text: payload, hidden: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return visibleText(payload, rules);
  }
  if (parsed === null || typeof parsed !== 'object') return visibleText(payload, rules);
  const counter = { hidden: 0 };
  const kept = filter(
    parsed,
    { path: '', inRecord: undefined },
    isEverything(rules.see),
    matcher(rules.see),
    matcher(rules.hide),
    counter,
  );
  return { text: JSON.stringify(kept ?? {}), hidden: counter.hidden };
}

/**
 * Where a value sits: its dotted path in the payload and, under a shipper's `{"json": {…}}` wrapper (which intake
 * reads as the record it holds), its path in that record, so a pattern such as `user.hr` names the record's field
 * with or without the wrapper.
 */
interface At {
  path: string;
  inRecord: string | undefined;
}

function childAt(at: At, key: string, value: unknown): At {
  const path = at.path ? `${at.path}.${key}` : key;
  if (at.inRecord !== undefined) return { path, inRecord: at.inRecord ? `${at.inRecord}.${key}` : key };
  const wrapper = path === 'json' && typeof value === 'object' && value !== null && !Array.isArray(value);
  return { path, inRecord: wrapper ? '' : undefined };
}

const matches = (m: Matcher, at: At, key: string) =>
  m(at.path, key) || (!!at.inRecord && m(at.inRecord, key));

/**
 * Keeps what may be seen at `at`. `shown` is true once an enclosing field matched `see`. Returns
 * undefined for something with nothing left to show.
 */
function filter(
  value: unknown,
  at: At,
  shown: boolean,
  see: Matcher,
  hide: Matcher,
  counter: { hidden: number },
): unknown {
  if (Array.isArray(value)) {
    const items = value
      .map((item) => filter(item, at, shown, see, hide, counter))
      .filter((item) => item !== undefined);
    return items.length || shown ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    let any = false;
    for (const key of Object.keys(value)) {
      const item: unknown = Reflect.get(value, key);
      const itemAt = childAt(at, key, item);
      if (matches(hide, itemAt, key)) {
        counter.hidden += 1;
        continue;
      }
      const child = filter(item, itemAt, shown || matches(see, itemAt, key), see, hide, counter);
      if (child === undefined) continue;
      out[key] = child;
      any = true;
    }
    return any || shown ? out : undefined;
  }
  if (shown) return value;
  counter.hidden += 1;
  return undefined;
}

/** key=value (or key: value) text: values of hidden keys, or of keys not seen, are blanked. */
function visibleText(text: string, rules: FieldRules): Visible {
  const see = matcher(rules.see);
  const hide = matcher(rules.hide);
  const everything = isEverything(rules.see);
  let hidden = 0;
  const out = text.replace(
    /(^|[\s,;|{])([A-Za-z_][\w.-]*)(\s*[=:]\s*)("(?:[^"\\]|\\.)*"|[^\s,;|}]+)/g,
    (match, lead: string, key: string, sep: string) => {
      const visible = !hide(key, key.split('.').at(-1) ?? key) && (everything || see(key, key));
      if (visible) return match;
      hidden += 1;
      return `${lead}${key}${sep}[hidden]`;
    },
  );
  return { text: out, hidden };
}
