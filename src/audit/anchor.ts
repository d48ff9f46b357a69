// An audit anchor: a row of the audit log and its hash, kept outside the database (the `audit head` log
// lines, a `vigil audit verify` answer), so verifying against it shows rows removed or rewritten since.
import { z } from 'zod';

/** How an anchor is written on a command line or in Slack. */
export const ANCHOR_FORM = '<row>:<hash> (a row number, a colon and that row’s 64-hex-digit hash)';

/** `<row>:<hash>` as people copy it; the hash is compared in lower case, as the log stores it. */
export const AuditAnchor = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,14}:[0-9a-fA-F]{64}$/)
  .transform((text) => {
    const [row = '', hash = ''] = text.split(':');
    return { row: Number(row), hash: hash.toLowerCase() };
  });
export type AuditAnchor = z.infer<typeof AuditAnchor>;

/** Parses `<row>:<hash>`; undefined when the text is not that. */
export function parseAuditAnchor(text: string): AuditAnchor | undefined {
  const parsed = AuditAnchor.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}
