// Vigil's own logger writing into the test: every line at `minLevel` or above is kept, parsed.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export interface LoggedLine {
  level: number;
  msg: string;
  err?: { message?: string };
  /** The line's other fields. */
  [field: string]: unknown;
}

/** A logger (at info) and the lines it wrote at `minLevel` (pino's numbers: 40 warn, 50 error) or above. */
export function captureLogs(minLevel: number): { logger: Logger; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        if (entry.level >= minLevel) lines.push({ ...entry, msg: entry.msg ?? '' });
      }
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}
