// The regex literals of a source module, checked by recheck (which proves a pattern linear, or super-linear
// with an attack string): untrusted text runs through them in the thread that serves HTTP and Slack, so a pattern that
// backtracks badly on a long hostile value (ReDoS) stalls all of Vigil.
import fs from 'node:fs';
import path from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';

interface Pattern {
  line: number;
  source: string;
  flags: string;
}

function patternsOf(file: string): Pattern[] {
  const full = path.resolve(file);
  const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Pattern[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const end = text.lastIndexOf('/');
      found.push({
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        source: text.slice(1, end),
        // Global and sticky change where a search starts, not how a match backtracks.
        flags: text.slice(end + 1).replace(/[gy]/g, ''),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The patterns recheck's automaton checker proves super-linear, each named by `where` with an attack string. */
export async function provenSlow(patterns: Array<Pattern & { where: string }>): Promise<string[]> {
  const slow: string[] = [];
  for (const p of patterns) {
    const result = await check(p.source, p.flags, { timeout: 30_000, randomSeed: 1 });
    if (result.status === 'vulnerable' && result.checker === 'automaton') {
      slow.push(`${p.where} /${p.source}/ is ${result.complexity.summary} (attack ${result.attack.pattern})`);
    }
  }
  return slow;
}

/**
 * The patterns of `file` (a path from the repository root) that recheck's automaton checker proves
 * super-linear, each with its line and an attack string. Throws when the module has no pattern at all. Only a
 * proof fails: recheck fuzzes the patterns it cannot model (look-arounds, back-references), and what fuzzing
 * finds within its time budget, like a time-out, depends on how busy the machine is.
 */
export async function provenSlowPatterns(file: string): Promise<string[]> {
  const patterns = patternsOf(file);
  if (patterns.length === 0) throw new Error(`${file} has no regex literal to check`);
  return provenSlow(patterns.map((p) => ({ ...p, where: `${file}:${p.line}` })));
}

/**
 * Every distinct pattern code under `src/` builds with `new RegExp` while `load` runs (loading modules builds
 * their module-level patterns), named by the file and line that built it. The literal scan cannot see these.
 */
export async function patternsBuiltWhile(
  load: () => Promise<unknown>,
): Promise<Array<Pattern & { where: string }>> {
  const built = new Map<string, Pattern & { where: string }>();
  const Native = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Native, {
    construct(target, args: [string | RegExp, string?]) {
      const pattern = Reflect.construct(target, args) as RegExp;
      const caller = /\/(src\/[^:()\s]+):(\d+)/.exec(new Error().stack?.split('\n')[2] ?? '');
      const key = `/${pattern.source}/${pattern.flags}`;
      if (caller && !built.has(key)) {
        built.set(key, {
          where: `${caller[1]}:${caller[2]}`,
          line: Number(caller[2]),
          source: pattern.source,
          flags: pattern.flags.replace(/[gy]/g, ''),
        });
      }
      return pattern;
    },
  });
  try {
    await load();
  } finally {
    globalThis.RegExp = Native;
  }
  return [...built.values()];
}
