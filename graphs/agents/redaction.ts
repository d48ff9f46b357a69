// Redaction before any model call, as policy.yml's `agents` section says per agent: secrets are blanked out
// for good; e-mail addresses and IP addresses are replaced by pseudonyms (`<email_1>`, `<ip_2>`) that are
// mapped back in the model's answer, so the model can point at them without ever seeing them.
import { isIP } from 'node:net';

export type RedactionRule = 'secrets' | 'emails' | 'ips';

export interface Redacted {
  text: string;
  /** How many values each rule replaced. */
  counts: Record<RedactionRule, number>;
  /** The original value of a pseudonym (or the value itself when it is not one). */
  restore(value: string): string;
}

/**
 * `"password": "…"`, `token=…` and the like (`withoutSecretFields`): a key is a whole word (it starts where no key
 * character precedes it) followed by `:` or `=`, and names a secret when SECRET_KEY finds a word for one in it;
 * then its value is blanked out. One pattern with a lazy prefix before the secret words rescanned a long word
 * from each of its characters (quadratic time). A value is quoted (`"a b"`), quoted inside a JSON string (`\"a b\"`,
 * as a text line reads once written into JSON: the timeline agent's case record, a JSON alert's message field), or
 * runs to a separator.
 */
const KEY = /(?<![\w.-])[\w.-]+"?\s*[:=]\s*/g;
const VALUE = /\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|[^\s,;&}\]]+/y;
/** `pwd` but not `pwdLastSet` (Active Directory's time of the last password change) and the like. */
const SECRET_KEY =
  /pass(?:word|wd)?|pwd(?![a-z])|secret|token|api[_-]?key|authorization|cookie|session[_-]?id|private[_-]?key|credential/i;
/**
 * An `Authorization:` value in raw text is a scheme word and then the credential (`Bearer eyJ…`, `Basic c3Zj…`):
 * VALUE stops at the space, so after such a scheme the word that follows (one space or tab on) is blanked out with it.
 */
const AUTHORIZATION_KEY = /authorization/i;
const AUTH_SCHEME = /^(?:Bearer|Basic|Digest|Negotiate|NTLM|Token|SSWS|AWS4-HMAC-SHA256)$/i;
const CREDENTIAL = /[ \t][^\s,;&}\]]+/y;
/** Secrets recognisable by their shape wherever they appear. */
const SECRET_SHAPES = [
  /\bBearer\s+[A-Za-z0-9._~+/-]+=*/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
];
/**
 * The password in a URL with credentials (`https://svc:Hunter2@host/`, `postgres://app:…@db:5432/`): the scheme and
 * user (group 1) are kept, and so is the host, so a reader still sees where it pointed. The password runs to the last
 * `@` before the path, as URL parsers read it. A scheme starts where its run of scheme characters starts (from inside
 * the run, quadratic time).
 */
const URL_PASSWORD = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*:)[^\s/?#"'<>\\]+@/g;
/**
 * A PEM private key runs from its BEGIN line to the next END line (`privateKeys`). As one lazy pattern, every
 * BEGIN of a long hostile text without an END was scanned to the end of the text (quadratic time).
 */
const PEM_BEGIN = /-----BEGIN [A-Z ]{0,24}PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z ]{0,24}PRIVATE KEY-----/g;

/** `text` with the value of each key that names a secret replaced by `[redacted]`; `hit` counts them. */
function withoutSecretFields(text: string, hit: () => void): string {
  let out = '';
  let from = 0;
  KEY.lastIndex = 0;
  for (let key = KEY.exec(text); key; key = KEY.exec(text)) {
    if (!SECRET_KEY.test(key[0])) continue;
    const valueAt = key.index + key[0].length;
    VALUE.lastIndex = valueAt;
    const value = VALUE.exec(text);
    if (!value) continue;
    let valueEnd = valueAt + value[0].length;
    if (AUTHORIZATION_KEY.test(key[0]) && AUTH_SCHEME.test(value[0])) {
      CREDENTIAL.lastIndex = valueEnd;
      valueEnd += CREDENTIAL.exec(text)?.[0].length ?? 0;
    }
    out += `${text.slice(from, valueAt)}${blanked(value[0])}`;
    hit();
    from = valueEnd;
    KEY.lastIndex = from;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A secret value blanked out, its quotes (plain or JSON-escaped) kept, so JSON around it stays JSON. */
const blanked = (value: string): string =>
  value.startsWith('\\"') ? '\\"[redacted]\\"' : value.startsWith('"') ? '"[redacted]"' : '[redacted]';

/** `text` with each PEM private key replaced by `[redacted]`; `hit` counts them. */
function withoutPrivateKeys(text: string, hit: () => void): string {
  let out = '';
  let from = 0;
  for (;;) {
    PEM_BEGIN.lastIndex = from;
    const begin = PEM_BEGIN.exec(text);
    if (!begin) break;
    PEM_END.lastIndex = begin.index + begin[0].length;
    const end = PEM_END.exec(text);
    // No END after this BEGIN means none after a later one either.
    if (!end) break;
    out += `${text.slice(from, begin.index)}[redacted]`;
    hit();
    from = end.index + end[0].length;
  }
  return from === 0 ? text : out + text.slice(from);
}
/** An address; it starts where its run of address characters starts (from inside the run, quadratic time). */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /(?<![\w:])(?:[A-Fa-f0-9]{1,4}:){2,7}[A-Fa-f0-9]{0,4}(?![\w:])/g;

/**
 * The JSON string literals in `text` that hold JSON (`"{\"password\":\"…\"}"`), as tools that forward the original
 * event write them: [start, end) of each, in order. One pass: a literal whose closing quote never comes means no
 * later one closes either (every quote after it was read as escaped, in step with any later start), so the scan
 * stops there, and no character is read twice.
 */
function jsonStringLiterals(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    if (open < 0 || open + 1 >= text.length) return found;
    const first = text[open + 1];
    if (first !== '{' && first !== '[') {
      at = open + 1;
      continue;
    }
    let i = open + 2;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return found;
    found.push([open, i + 1]);
    at = i + 1;
  }
}

/**
 * `text` with the secrets in JSON carried as a string redacted: no key pass sees a key behind `\"`, so each such
 * string is read, redacted as any text is, and written back. `hit` counts what was redacted in them.
 */
function withoutSecretsInJsonStrings(text: string, hit: (count: number) => void): string {
  let out = '';
  let from = 0;
  for (const [start, end] of jsonStringLiterals(text)) {
    const literal = text.slice(start, end);
    let inner: unknown;
    try {
      inner = JSON.parse(literal);
    } catch {
      continue;
    }
    if (typeof inner !== 'string') continue;
    const redacted = redact(inner, ['secrets']);
    if (redacted.counts.secrets === 0) continue;
    hit(redacted.counts.secrets);
    out += text.slice(from, start) + JSON.stringify(redacted.text);
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function redact(text: string, rules: readonly RedactionRule[]): Redacted {
  const counts: Record<RedactionRule, number> = { secrets: 0, emails: 0, ips: 0 };
  const pseudonyms = new Map<string, string>();
  const originals = new Map<string, string>();
  const pseudonym = (kind: 'email' | 'ip', value: string) => {
    const known = pseudonyms.get(value);
    if (known) return known;
    const name = `<${kind}_${pseudonyms.size + 1}>`;
    pseudonyms.set(value, name);
    originals.set(name, value);
    return name;
  };
  let out = text;
  if (rules.includes('secrets')) {
    out = withoutSecretsInJsonStrings(out, (count) => {
      counts.secrets += count;
    });
    out = withoutSecretFields(out, () => {
      counts.secrets += 1;
    });
    out = out.replace(URL_PASSWORD, (_match, schemeAndUser: string) => {
      counts.secrets += 1;
      return `${schemeAndUser}[redacted]@`;
    });
    for (const shape of SECRET_SHAPES) {
      out = out.replace(shape, () => {
        counts.secrets += 1;
        return '[redacted]';
      });
    }
    out = withoutPrivateKeys(out, () => {
      counts.secrets += 1;
    });
  }
  if (rules.includes('emails')) {
    out = out.replace(EMAIL, (value) => {
      counts.emails += 1;
      return pseudonym('email', value);
    });
  }
  if (rules.includes('ips')) {
    const swap = (value: string) => {
      if (isIP(value) === 0) return value;
      counts.ips += 1;
      return pseudonym('ip', value);
    };
    out = out.replace(IPV4, swap).replace(IPV6, swap);
  }
  return {
    text: out,
    counts,
    restore: (value) => value.replace(/<(?:email|ip)_\d+>/g, (name) => originals.get(name) ?? name),
  };
}
