// HTML built from untrusted text: every interpolated value is escaped unless it is already SafeHtml, so
// the only way to put markup into the page is through this module's `html` template or a vetted renderer.

/** A string of HTML that is safe to insert: made by `html`, `join`, or a renderer that escapes its input. */
export class SafeHtml {
  private constructor(readonly value: string) {}

  /** Only for output of a renderer that escapes everything it is given (see mrkdwn.ts). */
  static trusted(value: string): SafeHtml {
    return new SafeHtml(value);
  }

  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Value) => render(v)).join('');
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are markup, every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return SafeHtml.trusted(out);
}

export function join(parts: readonly SafeHtml[], separator = ''): SafeHtml {
  return SafeHtml.trusted(parts.map((p) => p.value).join(separator));
}

export const EMPTY = SafeHtml.trusted('');

/** The URL itself when it is http(s) or mailto, else undefined: nothing else becomes a link or an image. */
export function safeUrl(
  raw: unknown,
  schemes: readonly string[] = ['http:', 'https:', 'mailto:'],
): string | undefined {
  if (typeof raw !== 'string' || raw.length > 3000) return undefined;
  try {
    const url = new URL(raw);
    return schemes.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
