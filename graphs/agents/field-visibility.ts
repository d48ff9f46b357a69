// Which fields of a payload a micro-agent may see, as policy.yml's `agents.<agent>.fields` says: fields
// matching a `see` pattern are shown, fields matching a `hide` pattern never are, and everything else is
// removed before redaction and before any model call. Applies to JSON payloads field by field and to
// key=value text by key.

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
  const kept = filter(parsed, '', isEverything(rules.see), matcher(rules.see), matcher(rules.hide), counter);
  return { text: JSON.stringify(kept ?? {}), hidden: counter.hidden };
}

/**
 * Keeps what may be seen under `path`. `shown` is true once an enclosing field matched `see`. Returns
 * undefined for something with nothing left to show.
 */
function filter(
  value: unknown,
  path: string,
  shown: boolean,
  see: Matcher,
  hide: Matcher,
  counter: { hidden: number },
): unknown {
  if (Array.isArray(value)) {
    const items = value
      .map((item) => filter(item, path, shown, see, hide, counter))
      .filter((item) => item !== undefined);
    return items.length || shown ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    let any = false;
    for (const key of Object.keys(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (hide(childPath, key)) {
        counter.hidden += 1;
        continue;
      }
      const child = filter(
        Reflect.get(value, key),
        childPath,
        shown || see(childPath, key),
        see,
        hide,
        counter,
      );
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
