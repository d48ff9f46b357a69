// The `vigil` command line: `vigil audit verify`, `vigil extract`, `vigil help`. Start the service itself
// with `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.js';
import { ANCHOR_FORM, parseAuditAnchor, type AuditAnchor } from '../audit/anchor.js';
import { AuditLog } from '../audit/audit-log.js';
import { buildEvidencePack } from '../audit/evidence-pack.js';
import { parseCaseKey } from '../../db/repositories/cases.js';
import { loadConfig } from '../config.js';
import { VigilError } from '../errors.js';
import { runExtract } from './extract.js';

const HELP = `Usage: vigil <command>

Commands:
  audit verify [--anchor <row>:<hash>]...
                  Re-check the audit log's hash chain in $VIGIL_DATA_DIR/vigil.db; exits 1 and names
                  the first broken row if anything was altered. Prints the last row and its hash: keep
                  them (or the "audit head" lines Vigil logs) outside the Vigil host as an anchor. With
                  --anchor (repeatable), row <row> must also still be there with that hash: a missing
                  row means rows were removed, another hash that the log was rewritten.
  audit export <VIG-n>
                  Write the case's evidence pack (case, alert digests, approvals and votes, actions,
                  audit rows with hashes, chain verification) as JSON on stdout.
  extract         Read JSONL lines {"id", "raw"} on stdin; write one normalised line per input.
  help            Show this help.

Exit codes: 0 done; 1 the audit chain is broken (or does not hold an anchor); 2 the command or its
input is wrong (an unknown case, no database, a malformed anchor); 3 anything else failed.

Start Vigil itself with \`npm start\`.`;

async function run(args: string[]): Promise<number> {
  const [command, sub] = args;
  switch (command) {
    case 'audit': {
      // Exactly one case key: an option or a second case would otherwise be ignored with exit 0.
      const id = sub === 'export' && args.length === 3 ? parseCaseKey(args[2] ?? '') : undefined;
      if (sub !== 'verify' && !(sub === 'export' && id !== undefined)) {
        console.error(
          'Usage: vigil audit verify [--anchor <row>:<hash>]... | vigil audit export <case id, e.g. VIG-12>',
        );
        return 2;
      }
      const anchors = sub === 'verify' ? verifyAnchors(args.slice(2)) : [];
      if (typeof anchors === 'string') {
        console.error(`vigil: ${anchors}\nUsage: vigil audit verify [--anchor <row>:<hash>]...`);
        return 2;
      }
      const config = loadConfig();
      const file = path.join(config.dataDir, 'vigil.db');
      if (!fs.existsSync(file)) {
        console.error(
          `vigil: there is no Vigil database at ${file}; set VIGIL_DATA_DIR to Vigil's data directory.`,
        );
        return 2;
      }
      const db = openDatabase(file);
      try {
        const log = new AuditLog(db.sqlite);
        if (id !== undefined) {
          console.log(JSON.stringify(buildEvidencePack(db.sqlite, log, id, new Date()), null, 2));
          return 0;
        }
        const result = log.verify(anchors);
        if (result.ok) {
          const held = anchors.length
            ? `; it holds ${anchors.length === 1 ? 'the anchor' : `all ${anchors.length} anchors`}`
            : '';
          console.log(
            `audit chain OK: ${result.rows} rows verified, last row ${result.lastRow}, hash ${result.lastHash}${held}`,
          );
          return 0;
        }
        console.error(
          `audit chain BROKEN at row ${result.brokenAt}: ${result.reason} (${result.rows} rows read)`,
        );
        return 1;
      } finally {
        db.close();
      }
    }
    case 'extract':
      if (args.length > 1) {
        console.error(
          'Usage: vigil extract < lines.jsonl   (JSONL {"id", "raw"} on stdin; it takes no options)',
        );
        return 2;
      }
      await runExtract(process.stdin, process.stdout);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`vigil: unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

/** The anchors `audit verify` was given, or what is wrong with its options. */
function verifyAnchors(args: string[]): AuditAnchor[] | string {
  let values: string[];
  try {
    values = parseArgs({ args, options: { anchor: { type: 'string', multiple: true } } }).values.anchor ?? [];
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const anchors: AuditAnchor[] = [];
  for (const value of values) {
    const anchor = parseAuditAnchor(value);
    if (!anchor) return `--anchor "${value.slice(0, 100)}" is not an anchor: write it as ${ANCHOR_FORM}.`;
    anchors.push(anchor);
  }
  return anchors;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // 1 means a broken chain to the scripts that run `audit verify`; a mistake in what was asked is not that.
    console.error(error instanceof VigilError ? `vigil: ${error.message}` : error);
    process.exitCode = error instanceof VigilError ? 2 : 3;
  },
);
