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

/** `"password": "…"`, `token=…` and the like: the value of a key that names a secret. */
const SECRET_FIELD =
  /("?(?:[\w.-]*?(?:pass(?:word|wd)?|secret|token|api[_-]?key|authorization|cookie|session[_-]?id|private[_-]?key|credential)[\w.-]*)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,;&}\]]+)/gi;
/** Secrets recognisable by their shape wherever they appear. */
const SECRET_SHAPES = [
  /\bBearer\s+[A-Za-z0-9._~+/-]+=*/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /(?<![\w:])(?:[A-Fa-f0-9]{1,4}:){2,7}[A-Fa-f0-9]{0,4}(?![\w:])/g;

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
    out = out.replace(SECRET_FIELD, (_m, key: string, value: string) => {
      counts.secrets += 1;
      return `${key}${value.startsWith('"') ? '"[redacted]"' : '[redacted]'}`;
    });
    for (const shape of SECRET_SHAPES) {
      out = out.replace(shape, () => {
        counts.secrets += 1;
        return '[redacted]';
      });
    }
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
