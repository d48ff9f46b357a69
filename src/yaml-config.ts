// Reading a YAML configuration file (policy.yml, roles.yml) through its zod schema: an unreadable file or a
// mistake in it becomes a ConfigError, a mistake as `<file>:<line>: <reason>` (the line of the first issue).
import fs from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.js';

export interface YamlConfig<T> {
  data: T;
  /** The line a path (e.g. `['roles', 'sales', 'titles']`) starts on, or its nearest ancestor's. */
  lineOf(path: Array<string | number>): number;
}

/**
 * Parses `text` and validates it with `schema`. `what` names the file's content in the error
 * (`invalid <what> at <path>: <reason>`); `reason` may word an issue better than zod's own message.
 */
export function parseYamlConfig<T>(
  text: string,
  origin: string,
  schema: z.ZodType<T>,
  what: string,
  reason: (issue: z.core.$ZodIssue | undefined, path: Array<string | number>) => string | undefined = (
    issue,
  ) => issue?.message,
): YamlConfig<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(`${origin}:${line}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const lineAt = (path: Array<string | number>) => lineOf(doc, path, lineCounter);
  const result = schema.safeParse(toJS(doc, origin, lineCounter));
  if (!result.success) {
    const issue = result.error.issues[0];
    const issuePath = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
    const where = issuePath.length ? ` at ${issuePath.join('.')}` : '';
    throw new ConfigError(
      `${origin}:${lineAt(issuePath)}: invalid ${what}${where}: ${reason(issue, issuePath) ?? 'unknown problem'}`,
    );
  }
  return { data: result.data, lineOf: lineAt };
}

/**
 * The document's value. Reading it only fails on its aliases (the yaml library refuses aliases that expand too far,
 * as a "billion laughs" file does): that is refused as a YAML mistake, at the line of the first alias.
 */
function toJS(doc: ReturnType<typeof parseDocument>, origin: string, counter: LineCounter): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    let offset: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const line = offset === undefined ? 1 : counter.linePos(offset).line;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `${origin}:${line}: not valid YAML: ${message}. Write the repeated values out instead of aliases (*name) that refer to aliases.`,
    );
  }
}

/** The text of the file `envVar` points at (`example` names the sample in the repository). */
export function readConfigFile(file: string, envVar: string, example: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(
      `${envVar} points at ${file}, which cannot be read: create it (see ${example} in the repository) or point ${envVar} elsewhere.`,
    );
  }
}

/** The 1-based line of the deepest key on `path` that exists in the document. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: Array<string | number>,
  counter: LineCounter,
): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!item) break;
      if (isScalar(item) || isMap(item) || isSeq(item)) offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}
