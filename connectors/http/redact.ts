// Keeps secrets out of error messages: a vendor may echo a token back in an error body, and a message can
// end up in Slack, the audit log and the logs.

const AUTH_SCHEME = /\b(Bearer|Basic|SSWS)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_FIELD = /\b(access_token|client_secret|api_?key|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;
const MAX_DETAIL = 300;

/** Replaces every known secret (and anything shaped like a credential) with `[redacted]`, and shortens the text. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  // A multi-line secret (a PEM private key) is also scrubbed line by line, in case only part is echoed.
  const parts = [...secrets].flatMap((secret) => [
    secret,
    ...secret.split(/\r?\n/).filter((line) => line.length >= 16),
  ]);
  for (const secret of parts) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  out = out
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(SECRET_FIELD, '$1$2[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL)}…` : out;
}

/** The secret parts of credential header values: the whole value and the part after an auth scheme. */
export function secretsInHeaders(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((value) => {
    const [, credential] = /^\S+\s+(\S+)$/.exec(value) ?? [];
    return credential ? [value, credential] : [value];
  });
}
